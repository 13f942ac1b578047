using System;
using System.Security;

namespace VaultTools
{
    /// <summary>
    /// A secret's metadata, without its value: what listing returns. Output type of Get-VaultSecret
    /// for wildcards and -IncludeVersions, and of Set-VaultSecret -PassThru.
    /// Its Name, Version, VaultName and Id bind by property name into the next VaultTools cmdlet.
    /// </summary>
    public class VaultSecretProperties : VaultEntryProperties
    {
        public string? ContentType { get; set; }
        /// <summary>True when the secret backs a certificate (its lifetime is managed by the certificate).</summary>
        public bool Managed { get; set; }
        public string? KeyId { get; set; }
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
