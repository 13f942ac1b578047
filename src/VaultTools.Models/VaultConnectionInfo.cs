using System;

namespace VaultTools
{
    /// <summary>The session's connection, as Connect-Vault and Get-VaultConnection show it. Holds no secret.</summary>
    public sealed class VaultConnectionInfo
    {
        /// <summary>Default, ManagedIdentity, ClientSecret, ClientCertificate or AccessToken; Emulator for the emulator's administrator (Connect-Vault -Emulator).</summary>
        public string CredentialType { get; set; } = "";
        /// <summary>Client id of the service principal or user-assigned identity, when known.</summary>
        public string? ClientId { get; set; }
        public string? TenantId { get; set; }
        /// <summary>The default vault of the session, when one was chosen.</summary>
        public string? VaultName { get; set; }
        public Uri? VaultUri { get; set; }
        /// <summary>AzureCloud, AzureChinaCloud, AzureUSGovernment or Emulator.</summary>
        public string Environment { get; set; } = "AzureCloud";
        public Uri? AuthorityHost { get; set; }
        public DateTimeOffset ConnectedOn { get; set; }

        public override string ToString() => $"{CredentialType} @ {VaultUri?.ToString() ?? Environment}";
    }
}
