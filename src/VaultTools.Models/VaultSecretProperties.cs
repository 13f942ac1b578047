using System;
using System.Collections.Generic;
using System.Security;

namespace VaultTools
{
    /// <summary>
    /// A secret's metadata, without its value: what listing returns. Output type of Get-VaultSecret
    /// for wildcards and -IncludeVersions, and of Set-VaultSecret -PassThru.
    /// Its Name, Version, VaultName and Id bind by property name into the next VaultTools cmdlet.
    /// </summary>
    public class VaultSecretProperties : IVaultEntry
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
        public DateTimeOffset? Created { get; set; }
        public DateTimeOffset? Updated { get; set; }
        public string? ContentType { get; set; }
        public Dictionary<string, string> Tags { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
        /// <summary>True when the secret backs a certificate (its lifetime is managed by the certificate).</summary>
        public bool Managed { get; set; }
        public string? KeyId { get; set; }
        public string? RecoveryLevel { get; set; }
        public int? RecoverableDays { get; set; }

        public override string ToString() => Id;
    }

    /// <summary>
    /// A secret with its value. The value is a SecureString: it is never part of ToString(),
    /// the default views, or any message.
    /// </summary>
    public class VaultSecret : VaultSecretProperties
    {
        public SecureString? SecretValue { get; set; }
    }

    /// <summary>A secret in the soft-deleted state: recoverable until ScheduledPurgeDate.</summary>
    public class DeletedVaultSecret : VaultSecretProperties, IDeletedEntry
    {
        public string? RecoveryId { get; set; }
        public DateTimeOffset? DeletedOn { get; set; }
        public DateTimeOffset? ScheduledPurgeDate { get; set; }
    }
}
