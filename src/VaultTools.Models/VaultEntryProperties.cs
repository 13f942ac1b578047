using System;
using System.Collections.Generic;

namespace VaultTools
{
    /// <summary>
    /// What the listed properties of a secret, key or certificate have in common (as Az.KeyVault's
    /// PSKeyVault*IdentityItem types share theirs): where the entry is, which version, its state, dates and tags.
    /// VaultSecretProperties, VaultKeyProperties and VaultCertificateProperties add what only their kind has.
    /// </summary>
    public abstract class VaultEntryProperties : IVaultEntry
    {
        public string VaultName { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Version { get; set; }
        /// <summary>The entry's own URL (with version when known); scripts keep it and use it with -Id.</summary>
        public string Id { get; set; } = "";
        public Uri? VaultUri { get; set; }
        public bool Enabled { get; set; } = true;
        public DateTimeOffset? NotBefore { get; set; }
        public DateTimeOffset? Expires { get; set; }
        /// <summary>When this version was made, in whole seconds (as the service sends it).</summary>
        public DateTimeOffset? Created { get; set; }
        public DateTimeOffset? Updated { get; set; }
        public Dictionary<string, string> Tags { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
        public string? RecoveryLevel { get; set; }
        public int? RecoverableDays { get; set; }

        public override string ToString() => Id;
    }
}
