using System;
using System.Security.Cryptography.X509Certificates;

namespace VaultTools
{
    /// <summary>
    /// A certificate's metadata as listings return it (no X.509 content): output of Get-VaultCertificate
    /// for wildcards and -IncludeVersions. Name, Version, VaultName, VaultUri and Id bind by property name
    /// into the next VaultTools cmdlet.
    /// </summary>
    public class VaultCertificateProperties : VaultEntryProperties
    {
        /// <summary>SHA-1 thumbprint of the X.509 certificate, in hexadecimal (as Windows shows it).</summary>
        public string? Thumbprint { get; set; }
    }

    /// <summary>
    /// A certificate in a vault: its public X.509 certificate and the ids of the backing key and backing
    /// secret (same name; the secret's value is the PFX or PEM with the private key). Never carries the
    /// private key: Export-VaultCertificate reads it from the backing secret into a file.
    /// </summary>
    public class VaultCertificate : VaultCertificateProperties
    {
        public string? Subject { get; set; }
        /// <summary>The DNS names and IP addresses of the subject alternative name extension.</summary>
        public string[] SubjectAlternativeNames { get; set; } = Array.Empty<string>();
        /// <summary>The backing key's id (https://vault/keys/name/version).</summary>
        public string? KeyId { get; set; }
        /// <summary>The backing secret's id (https://vault/secrets/name/version).</summary>
        public string? SecretId { get; set; }
        /// <summary>The public certificate (no private key).</summary>
        public X509Certificate2? Certificate { get; set; }
    }

    /// <summary>A certificate in the soft-deleted state: recoverable until ScheduledPurgeDate.</summary>
    public class DeletedVaultCertificate : VaultCertificate, IDeletedEntry
    {
        public string? RecoveryId { get; set; }
        public DateTimeOffset? DeletedOn { get; set; }
        public DateTimeOffset? ScheduledPurgeDate { get; set; }
    }

    /// <summary>
    /// The state of a certificate's pending operation (creation, renewal): what Add-VaultCertificate
    /// -NoWait and Get-VaultCertificateOperation return. Status is inProgress, completed, failed or cancelled.
    /// </summary>
    public class CertificateOperationStatus
    {
        public string VaultName { get; set; } = "";
        public Uri? VaultUri { get; set; }
        public string Name { get; set; } = "";
        public string? Id { get; set; }
        public string? Status { get; set; }
        public string? StatusDetails { get; set; }
        public string? ErrorCode { get; set; }
        public string? ErrorMessage { get; set; }
        /// <summary>The certificate's URL once completed.</summary>
        public string? Target { get; set; }
        public string? RequestId { get; set; }
        public string? IssuerName { get; set; }
        public bool CancellationRequested { get; set; }
        /// <summary>The certificate signing request, Base64 (DER), for issuers outside Key Vault.</summary>
        public string? Csr { get; set; }

        public override string ToString() => $"{Name}: {Status}";
    }
}
