using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;

namespace VaultTools
{
    /// <summary>
    /// A running VaultTools emulator: the contents of its emulator.json (property names as in
    /// docs/emulator.md, "The contract with its users"). Output of Start-VaultEmulator; input of Connect-Vault -Emulator.
    /// </summary>
    public sealed class VaultEmulator
    {
        public int ProcessId { get; set; }
        public string DataPath { get; set; } = "";
        public Uri VaultUri { get; set; } = null!;
        public string VaultUriTemplate { get; set; } = "";
        public string DefaultVaultName { get; set; } = "local";
        public string TenantId { get; set; } = "";
        public Uri AuthorityHost { get; set; } = null!;
        public Uri ManagementEndpoint { get; set; } = null!;
        public string SubscriptionId { get; set; } = "";
        public string ResourceGroupName { get; set; } = "";
        public Uri? ImdsEndpoint { get; set; }
        public Uri? IdentityEndpoint { get; set; }
        /// <summary>What App Service / Automation put in IDENTITY_HEADER; random per emulator start.</summary>
        public string? IdentityHeader { get; set; }
        public string CaCertificatePath { get; set; } = "";
        public bool Persistent { get; set; }
        public EmulatorIdentity[] Identities { get; set; } = Array.Empty<EmulatorIdentity>();
        /// <summary>The emulator's Microsoft Graph subset (app registrations' passwords), as https://graph.microsoft.com/ is in Azure; null for an older emulator.</summary>
        public Uri? GraphEndpoint { get; set; }
        /// <summary>Where emulator.json was read from.</summary>
        public string? ConfigurationFile { get; set; }

        public EmulatorIdentity? FindIdentity(string name)
            => Identities.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));

        public override string ToString() => VaultUri?.ToString() ?? "VaultTools emulator";
    }

    /// <summary>An identity the emulator knows (service principal, user or managed identity).</summary>
    public sealed class EmulatorIdentity
    {
        public string Name { get; set; } = "";
        public string Type { get; set; } = "";
        public string? ObjectId { get; set; }
        public string? ClientId { get; set; }
        /// <summary>Client secret of a service principal, as a SecureString (pass it straight to Connect-Vault -ClientSecret).</summary>
        public SecureString? ClientSecret { get; set; }
        /// <summary>Service principals: the object id of the app registration (Microsoft Graph's /applications/{id}).</summary>
        public string? ApplicationObjectId { get; set; }

        public override string ToString() => Name;
    }
}
