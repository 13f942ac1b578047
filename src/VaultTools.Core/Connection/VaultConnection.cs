using System;
using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Certificates;
using Azure.Security.KeyVault.Secrets;
using VaultTools.Errors;
using VaultTools.Validation;

namespace VaultTools.Connection
{
    /// <summary>
    /// One signed-in session: a credential (with its token cache), the cloud or emulator it talks to,
    /// the default vault, and one SDK client per vault, reused for every call so that many cmdlet
    /// calls cost one token request. Created by Connect-Vault; kept in <see cref="VaultSession"/>.
    /// </summary>
    public sealed partial class VaultConnection
    {
        internal const string ApplicationId = "VaultTools";

        private readonly ConcurrentDictionary<Uri, SecretClient> _secretClients = new ConcurrentDictionary<Uri, SecretClient>();
        private readonly ConcurrentDictionary<Uri, CertificateClient> _certificateClients = new ConcurrentDictionary<Uri, CertificateClient>();
        private readonly HttpPipelineTransport? _transport;

        private VaultConnection(ConnectionRequest request, CloudEnvironment environment, HttpPipelineTransport? transport, TokenCredential credential)
        {
            Request = request;
            Environment = environment;
            _transport = transport;
            Credential = credential;
            Emulator = request.Emulator;
            if (request.VaultUri != null || request.VaultName != null)
            {
                DefaultVault = ResolveVault(request.VaultName, request.VaultUri, "VaultName");
            }
            else if (Emulator != null)
            {
                DefaultVault = new VaultAddress(Emulator.DefaultVaultName, Emulator.VaultUri);
            }

            Info = new VaultConnectionInfo
            {
                // The emulator's own administrator is not DefaultAzureCredential: say so. Other kinds keep their name.
                CredentialType = Emulator != null && request.Credential == CredentialKind.Default ? "Emulator" : request.Credential.ToString(),
                ClientId = request.ClientId ?? (request.Credential == CredentialKind.Default ? Emulator?.FindIdentity("admin")?.ClientId : null),
                TenantId = request.TenantId ?? Emulator?.TenantId,
                VaultName = DefaultVault?.Name,
                VaultUri = DefaultVault?.Uri,
                Environment = environment.Name,
                AuthorityHost = environment.AuthorityHost,
                ConnectedOn = DateTimeOffset.Now,
            };
        }

        internal ConnectionRequest Request { get; }

        internal TokenCredential Credential { get; }

        /// <summary>For a managed identity of the emulator: the IMDS address to point the process at while this is the session's connection.</summary>
        internal string? EmulatorImdsAuthority { get; private set; }

        public CloudEnvironment Environment { get; }

        public VaultEmulator? Emulator { get; }

        /// <summary>The service's time, from the Date header of the latest answer of any client of this connection.</summary>
        public ServiceClock Clock { get; } = new ServiceClock();

        public VaultAddress? DefaultVault { get; }

        public VaultConnectionInfo Info { get; }

        /// <summary>Validates the request and builds the credential. Does not call the network.</summary>
        public static VaultConnection Open(ConnectionRequest request)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            if (request.VaultName != null)
            {
                EntryRules.CheckVaultName(request.VaultName, "VaultName");
            }

            CheckVaultUri(request.VaultUri, "VaultUri");

            CloudEnvironment environment;
            HttpPipelineTransport? transport = null;
            if (request.Emulator != null)
            {
                environment = CloudEnvironment.ForEmulator(request.Emulator);
                transport = EmulatorTrust.CreateTransport(EmulatorTrust.LoadCaCertificate(request.Emulator.CaCertificatePath));
            }
            else
            {
                environment = request.Environment is null ? CloudEnvironment.AzureCloud : CloudEnvironment.FromName(request.Environment);
            }

            var credential = CredentialFactory.Create(request, environment, transport);
            return new VaultConnection(request, environment, transport, credential)
            {
                EmulatorImdsAuthority = CredentialFactory.EmulatorImdsAuthority(request),
            };
        }

        /// <summary>
        /// The vault a cmdlet works on: -VaultUri wins, then -VaultName, then the session's default vault.
        /// </summary>
        public VaultAddress ResolveVault(string? vaultName, Uri? vaultUri, string parameterName = "VaultName")
        {
            if (vaultUri != null)
            {
                CheckVaultUri(vaultUri, "VaultUri");
                return new VaultAddress(NameFromUri(vaultUri), Normalize(vaultUri));
            }

            if (!string.IsNullOrEmpty(vaultName))
            {
                if (Emulator != null && string.Equals(vaultName, Emulator.DefaultVaultName, StringComparison.OrdinalIgnoreCase) && DefaultVault?.Name == Emulator.DefaultVaultName)
                {
                    return DefaultVault;
                }

                EntryRules.CheckVaultName(vaultName, parameterName);
                return new VaultAddress(vaultName!.ToLowerInvariant(), UriForName(vaultName));
            }

            return DefaultVault ?? throw new VaultException(VaultErrorKind.InvalidArgument, "VaultNotSpecified",
                "No vault given: pass -VaultName or -VaultUri, or choose a default vault with Connect-Vault -VaultName.")
            {
                ParameterName = parameterName,
            };
        }

        /// <summary>The vault that holds an entry, from the entry's own URL (its -Id).</summary>
        public VaultAddress VaultOfEntry(Uri entryId)
        {
            var vaultUri = new Uri(entryId.GetLeftPart(UriPartial.Authority) + "/");
            return new VaultAddress(NameFromUri(vaultUri), vaultUri);
        }

        public Uri UriForName(string vaultName)
        {
            if (Emulator != null)
            {
                return new Uri(Emulator.VaultUriTemplate.Replace("{vault}", vaultName.ToLowerInvariant()));
            }

            return new Uri($"https://{vaultName.ToLowerInvariant()}.{Environment.VaultDnsSuffix}/");
        }

        public string NameFromUri(Uri vaultUri)
        {
            string host = vaultUri.Host;
            if (Emulator != null && (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host == "127.0.0.1"))
            {
                return Emulator.DefaultVaultName;
            }

            int dot = host.IndexOf('.');
            return dot > 0 ? host.Substring(0, dot) : host;
        }

        internal SecretClient Secrets(VaultAddress vault)
            => _secretClients.GetOrAdd(vault.Uri, uri =>
            {
                var options = ConfigureClient(new SecretClientOptions());
                options.DisableChallengeResourceVerification = Emulator != null;
                options.AddPolicy(new ClearTagsPolicy(), HttpPipelinePosition.PerCall);
                return new SecretClient(uri, Credential, options);
            });

        internal CertificateClient Certificates(VaultAddress vault)
            => _certificateClients.GetOrAdd(vault.Uri, uri =>
            {
                var options = ConfigureClient(new CertificateClientOptions());
                options.DisableChallengeResourceVerification = Emulator != null;
                return new CertificateClient(uri, Credential, options);
            });

        /// <summary>Retry, transport and diagnostics shared by every client of this connection (Azure.Core's own policies).</summary>
        internal T ConfigureClient<T>(T options)
            where T : ClientOptions
        {
            if (_transport != null)
            {
                options.Transport = _transport;
            }

            options.Diagnostics.ApplicationId = ApplicationId;
            options.Diagnostics.IsLoggingContentEnabled = false;
            options.Retry.Mode = RetryMode.Exponential;
            options.Retry.MaxRetries = 4;
            options.Retry.Delay = TimeSpan.FromMilliseconds(400);
            options.Retry.MaxDelay = TimeSpan.FromSeconds(30);
            options.AddPolicy(Clock, HttpPipelinePosition.PerRetry);
            return options;
        }

        private static void CheckVaultUri(Uri? uri, string parameterName)
        {
            if (uri is null)
            {
                return;
            }

            if (!uri.IsAbsoluteUri || uri.Scheme != Uri.UriSchemeHttps || (uri.AbsolutePath != "/" && uri.AbsolutePath.Length > 0))
            {
                throw VaultException.InvalidArgument("InvalidVaultUri", parameterName,
                    $"-{parameterName} '{uri}' is not a vault URI: give the vault's https address without a path, e.g. https://myvault.vault.azure.net/.", uri);
            }
        }

        private static Uri Normalize(Uri uri) => new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    /// <summary>A vault: its name and its URI.</summary>
    public sealed class VaultAddress
    {
        public VaultAddress(string name, Uri uri)
        {
            Name = name;
            Uri = uri;
        }

        public string Name { get; }

        public Uri Uri { get; }

        public override string ToString() => Uri.ToString();
    }
}
