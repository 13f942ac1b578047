using System;
using System.IO;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;
#if NET8_0_OR_GREATER
using System.Net;
using System.Net.Sockets;
#endif

namespace VaultTools.Connection
{
    /// <summary>
    /// The HTTP transport for emulator mode: TLS trust pinned to the emulator's own CA (never "accept
    /// any certificate"), and host names under localhost connected to 127.0.0.1 because .NET on Linux
    /// does not resolve name.localhost. Real vaults never go through this class.
    /// </summary>
    internal static class EmulatorTrust
    {
        public static X509Certificate2 LoadCaCertificate(string pemPath)
        {
            if (!File.Exists(pemPath))
            {
                throw new Errors.VaultException(Errors.VaultErrorKind.InvalidArgument, "EmulatorCaNotFound",
                    $"The emulator's CA certificate was not found at '{pemPath}'. Is the emulator running, and is emulator.json current?");
            }

            // A PEM certificate is base64 DER between BEGIN/END lines; decoding it by hand keeps one
            // code path for netstandard2.0 (no PEM API there) and net8.0.
            string pem = File.ReadAllText(pemPath);
            const string begin = "-----BEGIN CERTIFICATE-----";
            const string end = "-----END CERTIFICATE-----";
            int start = pem.IndexOf(begin, StringComparison.Ordinal);
            int stop = start < 0 ? -1 : pem.IndexOf(end, start, StringComparison.Ordinal);
            if (start < 0 || stop < 0)
            {
                throw new Errors.VaultException(Errors.VaultErrorKind.InvalidArgument, "EmulatorCaInvalid",
                    $"'{pemPath}' does not contain a PEM certificate.");
            }

            string base64 = pem.Substring(start + begin.Length, stop - start - begin.Length);
            return new X509Certificate2(Convert.FromBase64String(base64.Replace("\r", "").Replace("\n", "").Trim()));
        }

        /// <summary>True if the server certificate chains to <paramref name="ca"/> and matched the host name.</summary>
        public static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 ca)
        {
            if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
            {
                return false;
            }

            using var leaf = new X509Certificate2(certificate);
            using var chain = new X509Chain();
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
#if NET8_0_OR_GREATER
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            return chain.Build(leaf);
#else
            // netstandard2.0 has no custom root trust: accept an unknown root only if it is exactly our CA.
            chain.ChainPolicy.ExtraStore.Add(ca);
            chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
            if (!chain.Build(leaf) || chain.ChainElements.Count < 2)
            {
                return false;
            }

            var root = chain.ChainElements[chain.ChainElements.Count - 1].Certificate;
            return string.Equals(root.Thumbprint, ca.Thumbprint, StringComparison.OrdinalIgnoreCase);
#endif
        }

        public static HttpPipelineTransport CreateTransport(X509Certificate2 ca)
        {
#if NET8_0_OR_GREATER
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = ConnectLocalhostAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            };
            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, errors) => Validate(cert, errors, ca);
#else
            var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, cert, _, errors) => Validate(cert, errors, ca),
            };
#endif
            return new HttpClientTransport(new HttpClient(handler));
        }

#if NET8_0_OR_GREATER
        /// <summary>Connects localhost and *.localhost to 127.0.0.1; other hosts resolve as usual.</summary>
        private static async System.Threading.Tasks.ValueTask<Stream> ConnectLocalhostAsync(SocketsHttpConnectionContext context, System.Threading.CancellationToken cancellationToken)
        {
            var endpoint = context.DnsEndPoint;
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                if (IsLoopbackName(endpoint.Host))
                {
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, endpoint.Port), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
                }

                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
#endif

        internal static bool IsLoopbackName(string host)
            => string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
               || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
               || host == "127.0.0.1";
    }
}
