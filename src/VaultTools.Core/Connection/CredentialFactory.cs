using System;
using System.Linq;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using VaultTools.Errors;
using VaultTools.Internal;

namespace VaultTools.Connection
{
    /// <summary>
    /// Builds the Azure.Identity credential for a <see cref="ConnectionRequest"/>. In emulator mode the
    /// same credential types are used, pointed at the emulator's token endpoints, with its pinned transport.
    /// </summary>
    internal static class CredentialFactory
    {
        public static TokenCredential Create(ConnectionRequest request, CloudEnvironment environment, HttpPipelineTransport? transport)
        {
            CheckTenantId(request.TenantId);
            var credential = CreateCredential(request, environment, transport);
            return request.Emulator is null || request.Credential == CredentialKind.AccessToken
                ? credential
                : new EmulatorTenantCredential(credential, request.Emulator.TenantId);
        }

        private static TokenCredential CreateCredential(ConnectionRequest request, CloudEnvironment environment, HttpPipelineTransport? transport)
        {
            var emulator = request.Emulator;
            switch (request.Credential)
            {
                case CredentialKind.Default when emulator != null:
                {
                    // In the emulator, "default" means its built-in administrator service principal,
                    // so that Start-VaultEmulator | Connect-Vault -Emulator just works.
                    var admin = emulator.FindIdentity("admin") ?? throw new VaultException(VaultErrorKind.InvalidArgument, "EmulatorAdminMissing",
                        "The emulator's emulator.json has no 'admin' identity; connect with -TenantId/-ClientId/-ClientSecret or -Identity instead.");
                    if (admin.ClientId is null || admin.ClientSecret is null)
                    {
                        throw new VaultException(VaultErrorKind.InvalidArgument, "EmulatorAdminMissing", "The emulator's 'admin' identity has no client id or secret in emulator.json.");
                    }

                    return new ClientSecretCredential(emulator.TenantId, admin.ClientId, SecureStrings.ToPlainText(admin.ClientSecret), Configure(new ClientSecretCredentialOptions(), environment, transport, emulator));
                }

                case CredentialKind.Default:
                    return new DefaultAzureCredential(Configure(new DefaultAzureCredentialOptions
                    {
                        ExcludeInteractiveBrowserCredential = true,
                        ManagedIdentityClientId = request.ClientId,
                        TenantId = request.TenantId,
                    }, environment, transport, null));

                case CredentialKind.ManagedIdentity:
                {
                    // In emulator mode, ManagedIdentityEnvironment points the IMDS override at the emulator
                    // while this connection is the session's (see EmulatorImdsAuthority).
                    var id = request.ClientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(request.ClientId);
                    return new ManagedIdentityCredential(Configure(new ManagedIdentityCredentialOptions(id), environment, transport, emulator));
                }

                case CredentialKind.ClientSecret:
                    return new ClientSecretCredential(Require(request.TenantId ?? emulator?.TenantId, "TenantId"), Require(request.ClientId, "ClientId"),
                        SecureStrings.ToPlainText(request.ClientSecret ?? throw VaultException.InvalidArgument("MissingClientSecret", "ClientSecret", "-ClientSecret is required for a service principal with a secret.")),
                        Configure(new ClientSecretCredentialOptions(), environment, transport, emulator));

                case CredentialKind.ClientCertificate:
                    return new ClientCertificateCredential(Require(request.TenantId ?? emulator?.TenantId, "TenantId"), Require(request.ClientId, "ClientId"),
                        request.Certificate ?? throw VaultException.InvalidArgument("MissingCertificate", "Certificate", "-Certificate or -CertificatePath is required for a service principal with a certificate."),
                        Configure(new ClientCertificateCredentialOptions(), environment, transport, emulator));

                case CredentialKind.AccessToken:
                    return StaticToken(request.AccessToken ?? throw VaultException.InvalidArgument("MissingAccessToken", "AccessToken", "-AccessToken is empty."));

                default:
                    throw new ArgumentOutOfRangeException(nameof(request));
            }
        }

        private static T Configure<T>(T options, CloudEnvironment environment, HttpPipelineTransport? transport, VaultEmulator? emulator)
            where T : TokenCredentialOptions
        {
            options.AuthorityHost = environment.AuthorityHost;
            if (transport != null)
            {
                options.Transport = transport;
            }

            options.Diagnostics.ApplicationId = VaultConnection.ApplicationId;
            options.Diagnostics.IsLoggingContentEnabled = false;
            if (emulator != null)
            {
                // The emulator is not a known Entra authority: skip instance discovery (no internet here).
                switch (options)
                {
                    case ClientSecretCredentialOptions o: o.DisableInstanceDiscovery = true; break;
                    case ClientCertificateCredentialOptions o: o.DisableInstanceDiscovery = true; break;
                }
            }

            return options;
        }

        /// <summary>
        /// Managed identity reads its endpoint from the environment at each token request, as on Azure. When the
        /// process has none of its own (Azure Automation sets IDENTITY_ENDPOINT/IDENTITY_HEADER), a managed-identity
        /// connection to the emulator needs the IMDS override pointed at the emulator's identity port: this is that
        /// address, or null when nothing is to be pointed. <see cref="ManagedIdentityEnvironment"/> sets and restores it.
        /// </summary>
        internal static string? EmulatorImdsAuthority(ConnectionRequest request)
        {
            var emulator = request.Emulator;
            if (request.Credential != CredentialKind.ManagedIdentity || emulator is null
                || !string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT")))
            {
                return null;
            }

            var imds = emulator.ImdsEndpoint ?? throw new VaultException(VaultErrorKind.InvalidArgument, "EmulatorImdsMissing", "The emulator's emulator.json names no imdsEndpoint.");
            return $"{imds.Scheme}://{imds.Authority}";
        }

        /// <summary>
        /// A tenant is a GUID or a domain name (contoso.onmicrosoft.com): letters, digits, hyphens and periods, the rule
        /// Azure.Identity applies with a raw ArgumentException; checked here so that -TenantId is named.
        /// </summary>
        internal static void CheckTenantId(string? tenantId)
        {
            if (tenantId is null)
            {
                return;
            }

            if (tenantId.Length == 0 || tenantId.Length > 253 || tenantId[0] == '.' || tenantId[tenantId.Length - 1] == '.'
                || tenantId.Any(c => !(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '.')))
            {
                throw VaultException.InvalidArgument("InvalidTenantId", "TenantId",
                    $"-TenantId '{tenantId}' is not a tenant: give the directory (tenant) id, a GUID, or its domain name such as contoso.onmicrosoft.com.", tenantId);
            }
        }

        private static string Require(string? value, string parameterName)
            => string.IsNullOrEmpty(value)
                ? throw VaultException.InvalidArgument("Missing" + parameterName, parameterName, $"-{parameterName} is required for this kind of credential.")
                : value!;

        /// <summary>
        /// A token obtained elsewhere (Get-VaultAccessToken, az account get-access-token). Azure.Core's
        /// DelegatedTokenCredential serves it; its expiry is read from the JWT's exp claim when it is a JWT.
        /// </summary>
        private static TokenCredential StaticToken(System.Security.SecureString secureToken)
        {
            string token = SecureStrings.ToPlainText(secureToken);
            var expires = ReadJwtExpiry(token) ?? DateTimeOffset.UtcNow.AddHours(1);
            var accessToken = new AccessToken(token, expires);
            return DelegatedTokenCredential.Create((_, _) => accessToken);
        }

        /// <summary>The exp claim of a JWT, read without validating it (the vault validates); null when the token is not a JWT.</summary>
        internal static DateTimeOffset? ReadJwtExpiry(string token)
            => long.TryParse(JwtClaims.First(JwtClaims.Read(token), "exp"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : (DateTimeOffset?)null;
    }
}
