using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using VaultTools.Connection;
using VaultTools.Emulator;
using VaultTools.Errors;

namespace VaultTools.Commands.Connection
{
    /// <summary>
    /// Signs in for the session: chooses the credential (default, managed identity, service principal,
    /// access token) and optionally the default vault, against Azure or the local emulator.
    /// The credential and its token cache are kept for the session.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Vault", DefaultParameterSetName = ByDefault)]
    [OutputType(typeof(VaultConnectionInfo))]
    public sealed class ConnectVaultCommand : PSCmdlet
    {
        private const string ByDefault = "Default";
        private const string ByServicePrincipal = "ServicePrincipal";
        private const string ByAccessToken = "AccessToken";

        /// <summary>The session's default vault (completion offers those the current connection sees, when there is one).</summary>
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(Completers.VaultNameCompleter))]
        public string? VaultName { get; set; }

        [Parameter]
        public Uri? VaultUri { get; set; }

        /// <summary>Use a managed identity (system-assigned, or user-assigned with -ClientId).</summary>
        [Parameter(ParameterSetName = ByDefault)]
        [Alias("ManagedIdentity")]
        public SwitchParameter Identity { get; set; }

        /// <summary>Client id of a user-assigned managed identity, or of the service principal.</summary>
        [Parameter(ParameterSetName = ByDefault)]
        [Parameter(ParameterSetName = ByServicePrincipal, Mandatory = true)]
        [Alias("ApplicationId")]
        public string? ClientId { get; set; }

        [Parameter(ParameterSetName = ByDefault)]
        [Parameter(ParameterSetName = ByServicePrincipal)]
        [Alias("Tenant")]
        public string? TenantId { get; set; }

        [Parameter(ParameterSetName = ByServicePrincipal)]
        public SecureString? ClientSecret { get; set; }

        [Parameter(ParameterSetName = ByServicePrincipal)]
        public X509Certificate2? Certificate { get; set; }

        /// <summary>A PFX (or PEM with key) file of the service principal's certificate.</summary>
        [Parameter(ParameterSetName = ByServicePrincipal)]
        public string? CertificatePath { get; set; }

        [Parameter(ParameterSetName = ByServicePrincipal)]
        public SecureString? CertificatePassword { get; set; }

        /// <summary>A bearer token for the vault resource, obtained elsewhere.</summary>
        [Parameter(ParameterSetName = ByAccessToken, Mandatory = true)]
        public SecureString AccessToken { get; set; } = null!;

        [Parameter]
        [ValidateSet("AzureCloud", "AzureChinaCloud", "AzureUSGovernment")]
        public string? Environment { get; set; }

        /// <summary>The subscription of vaults, role assignments and access policies (ARM calls). The emulator's by default in emulator mode.</summary>
        [Parameter]
        public string? SubscriptionId { get; set; }

        /// <summary>The resource group of the session's vaults; without it vaults are looked up by name in the subscription.</summary>
        [Parameter]
        public string? ResourceGroupName { get; set; }

        /// <summary>Connect to the local VaultTools emulator instead of Azure.</summary>
        [Parameter]
        public SwitchParameter Emulator { get; set; }

        /// <summary>The emulator: the object from Start-VaultEmulator, or the path of its emulator.json (or data folder).</summary>
        [Parameter(ValueFromPipeline = true)]
        public object? EmulatorInfo { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                var request = new ConnectionRequest
                {
                    VaultName = VaultName,
                    VaultUri = VaultUri,
                    TenantId = TenantId,
                    ClientId = ClientId,
                    Environment = Environment,
                    Emulator = FindEmulator(),
                    SubscriptionId = SubscriptionId,
                    ResourceGroupName = ResourceGroupName,
                };
                VaultTools.Access.AccessScope.CheckSubscriptionId(SubscriptionId, "SubscriptionId");
                VaultTools.Access.AccessScope.CheckResourceGroupName(ResourceGroupName, "ResourceGroupName");

                switch (ParameterSetName)
                {
                    case ByAccessToken:
                        request.Credential = CredentialKind.AccessToken;
                        request.AccessToken = AccessToken;
                        break;
                    case ByServicePrincipal:
                        request.Credential = ClientSecret != null ? CredentialKind.ClientSecret : CredentialKind.ClientCertificate;
                        request.ClientSecret = ClientSecret;
                        request.Certificate = Certificate ?? LoadCertificate();
                        if (ClientSecret == null && request.Certificate == null)
                        {
                            throw VaultException.InvalidArgument("MissingServicePrincipalSecret", "ClientSecret",
                                "A service principal needs -ClientSecret, -Certificate or -CertificatePath.");
                        }

                        break;
                    default:
                        request.Credential = Identity ? CredentialKind.ManagedIdentity : CredentialKind.Default;
                        break;
                }

                var connection = VaultConnection.Open(request);
                VaultSession.Set(connection);
                WriteVerbose($"Connected with {connection.Info.CredentialType} credential to {(connection.Emulator != null ? "the emulator at " + connection.Emulator.VaultUri : connection.Environment.Name)}.");
                WriteObject(connection.Info);
            }
            catch (VaultException ex)
            {
                ThrowTerminatingError(VaultCmdlet.ToErrorRecord(ex, null));
            }
        }

        /// <summary>-EmulatorInfo, else VAULTTOOLS_EMULATOR, else the emulator this session started (there is no default folder to look in).</summary>
        private VaultEmulator? FindEmulator()
        {
            object? info = EmulatorInfo is PSObject pso ? pso.BaseObject : EmulatorInfo;
            switch (info)
            {
                case VaultEmulator emulator:
                    return EmulatorFile.Read(emulator.ConfigurationFile ?? emulator.DataPath);
                case string path:
                    return EmulatorFile.Read(GetUnresolvedProviderPathFromPSPath(path));
                case FileSystemInfo file:
                    return EmulatorFile.Read(file.FullName);
                case null:
                    break;
                default:
                    throw VaultException.InvalidArgument("InvalidEmulatorInfo", "EmulatorInfo",
                        $"-EmulatorInfo takes the object from Start-VaultEmulator or the path of an emulator.json; got a {info.GetType().Name}.");
            }

            string? fromEnv = System.Environment.GetEnvironmentVariable(EmulatorFile.EnvironmentVariable);
            if (!Emulator && string.IsNullOrEmpty(fromEnv))
            {
                return null;
            }

            if (!string.IsNullOrEmpty(fromEnv))
            {
                return EmulatorFile.Read(fromEnv!);
            }

            var running = global::VaultTools.Commands.Emulator.SessionEmulators.Running();
            var started = running.Count > 0 ? running[running.Count - 1] : null;
            return started != null
                ? EmulatorFile.Read(started.ConfigurationFile ?? started.DataPath)
                : throw new VaultException(VaultErrorKind.InvalidArgument, "EmulatorNotFound",
                    "No emulator was started in this session and $env:" + EmulatorFile.EnvironmentVariable + " is not set. Start one with Start-VaultEmulator (pipe it into Connect-Vault -Emulator), or pass -EmulatorInfo with the path of its emulator.json.", null, null)
                {
                    ParameterName = "EmulatorInfo",
                };
        }

        private X509Certificate2? LoadCertificate()
            => CertificatePath is null ? null : SignInCertificate.Load(GetUnresolvedProviderPathFromPSPath(CertificatePath), CertificatePassword);
    }
}
