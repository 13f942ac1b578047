using System;
using System.Security;
using System.Security.Cryptography.X509Certificates;

namespace VaultTools.Connection
{
    /// <summary>How to sign in. Each kind is an Azure.Identity credential (or a given token).</summary>
    public enum CredentialKind
    {
        /// <summary>DefaultAzureCredential, without interactive browser login. In emulator mode: the emulator's admin service principal.</summary>
        Default,
        /// <summary>ManagedIdentityCredential: system-assigned, or user-assigned with ClientId.</summary>
        ManagedIdentity,
        /// <summary>ClientSecretCredential: service principal with a client secret.</summary>
        ClientSecret,
        /// <summary>ClientCertificateCredential: service principal with a certificate.</summary>
        ClientCertificate,
        /// <summary>A bearer token obtained elsewhere.</summary>
        AccessToken,
    }

    /// <summary>What Connect-Vault asks for. Validated by <see cref="VaultConnection.Open"/>.</summary>
    public sealed class ConnectionRequest
    {
        public CredentialKind Credential { get; set; }
        public string? TenantId { get; set; }
        public string? ClientId { get; set; }
        public SecureString? ClientSecret { get; set; }
        public X509Certificate2? Certificate { get; set; }
        public SecureString? AccessToken { get; set; }
        public string? VaultName { get; set; }
        public Uri? VaultUri { get; set; }
        /// <summary>Azure cloud name (AzureCloud, AzureChinaCloud, AzureUSGovernment); ignored in emulator mode.</summary>
        public string? Environment { get; set; }
        /// <summary>Set for emulator mode: endpoints, CA and identities of a running emulator.</summary>
        public VaultEmulator? Emulator { get; set; }
        /// <summary>The Azure subscription for ARM calls (vaults, role assignments, access policies); the emulator's in emulator mode.</summary>
        public string? SubscriptionId { get; set; }
        /// <summary>The default resource group of the vaults; the emulator's in emulator mode. Without it, vaults are looked up by name in the subscription.</summary>
        public string? ResourceGroupName { get; set; }
    }
}
