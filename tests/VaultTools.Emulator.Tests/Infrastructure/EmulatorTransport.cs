using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;

namespace VaultTools.Emulator.Tests.Infrastructure;

/// <summary>
/// THE client-side helper for talking to the emulator (the pinned transport):
/// <list type="bullet">
/// <item>connects <c>localhost</c> and every <c>*.localhost</c> name to 127.0.0.1 (.NET on Linux does not resolve <c>name.localhost</c>);</item>
/// <item>validates the server certificate normally (chain AND host name) but with the emulator's CA as the only trust root
///   (<see cref="X509ChainTrustMode.CustomRootTrust"/>), never "accept any certificate".</item>
/// </list>
/// Use <see cref="CreateTransport"/> for Azure SDK clients and credentials, <see cref="CreateHttpClient"/> for raw HTTP.
/// </summary>
public static class EmulatorTransport
{
    public static SocketsHttpHandler CreateHandler(X509Certificate2 caCertificate)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(caCertificate);
        return new SocketsHttpHandler
        {
            ConnectCallback = ConnectToLoopbackAsync,
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy },
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
    }

    public static X509Certificate2 LoadCa(string caCertificatePath) =>
        X509Certificate2.CreateFromPem(File.ReadAllText(caCertificatePath));

    public static HttpClient CreateHttpClient(X509Certificate2 caCertificate) => new(CreateHandler(caCertificate));

    public static HttpClientTransport CreateTransport(X509Certificate2 caCertificate) => new(CreateHandler(caCertificate));

    /// <summary>Sends <c>localhost</c>, <c>*.localhost</c> and 127.0.0.1 to the loopback address; refuses anything else.</summary>
    public static async ValueTask<Stream> ConnectToLoopbackAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.TrimEnd('.').ToLowerInvariant();
        if (host != "localhost" && host != "127.0.0.1" && !host.EndsWith(".localhost", StringComparison.Ordinal))
        {
            throw new HttpRequestException($"The emulator transport only connects to localhost names, not '{host}'.");
        }
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
