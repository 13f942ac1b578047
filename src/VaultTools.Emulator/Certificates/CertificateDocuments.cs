using VaultTools.Emulator.Entries;
using VaultTools.Emulator.Keys;
using VaultTools.Emulator.Secrets;

namespace VaultTools.Emulator.Certificates;

/// <summary>
/// One certificate version as stored (table <c>versions</c>, kind <c>certificate</c>): the public
/// X.509 certificate and the certificate's attributes. The private key is not here: it is the backing
/// key's (kind <c>key</c>, same name and version, the keys area's <see cref="KeyDocument"/> with
/// <c>managed</c> set, its PKCS#8 private key encrypted at rest), and the backing secret (kind
/// <c>secret</c>, same name and version, <c>managed</c>) holds the PFX or PEM, also encrypted at rest.
/// </summary>
public sealed record CertificateDocument
{
    /// <summary>The DER certificate, base64 (the bundle's <c>cer</c>).</summary>
    public required string Cer { get; init; }
    /// <summary>Always present in the service's bodies, <c>{}</c> when none were set.</summary>
    public Dictionary<string, string> Tags { get; init; } = new(StringComparer.Ordinal);
    public bool Enabled { get; init; } = true;
    /// <summary>The certificate's notBefore (epoch seconds).</summary>
    public long NotBefore { get; init; }
    /// <summary>The certificate's notAfter (epoch seconds).</summary>
    public long Expires { get; init; }
    public long Created { get; init; }
    public long Updated { get; init; }
}

/// <summary>
/// A certificate's pending operation (table <c>vault_settings</c>, kind <c>certificate.operation</c>,
/// name = certificate name; purged with the certificate). It stays after completion, as the service
/// keeps it (GET /pending answers "completed", and the bundle links to it), until deleted or replaced
/// by the next create.
/// </summary>
public sealed record CertificateOperationDocument
{
    public required string RequestId { get; init; }
    /// <summary>inProgress, completed, cancelled or failed.</summary>
    public required string Status { get; init; }
    public string? StatusDetails { get; init; }
    public required string IssuerName { get; init; }
    /// <summary>The PKCS#10 request, base64 DER.</summary>
    public string? Csr { get; init; }
    public bool CancellationRequested { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    public long Created { get; init; }
    /// <summary>When an operation nobody polls completes on its own (epoch seconds).</summary>
    public long ReadyAt { get; init; }
    /// <summary>While in progress: the version that completion stores (certificate, backing key and secret).</summary>
    public StagedVersion? Staged { get; init; }

    public bool InProgress => Status == CertificateOperationStatus.InProgress;
}

public static class CertificateOperationStatus
{
    public const string InProgress = "inProgress";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";
}

/// <summary>A certificate version made but not yet visible (its key material is already encrypted).</summary>
public sealed record StagedVersion
{
    public required string Version { get; init; }
    public required CertificateDocument Certificate { get; init; }
    public required KeyDocument Key { get; init; }
    public required SecretDocument Secret { get; init; }
}

/// <summary>The JSON inside a certificate backup blob (see <see cref="Storage.BackupProtector"/>): the whole entry with its key and secret, private parts in clear inside the encrypted blob.</summary>
public sealed record CertificateBackup() : EntryBackup<CertificateBackupVersion>("VaultToolsEmulatorCertificateBackup")
{
    public required CertificatePolicyDocument Policy { get; init; }
}

public sealed record CertificateBackupVersion : IEntryBackupVersion
{
    public required string Version { get; init; }
    public required CertificateDocument Certificate { get; init; }
    /// <summary>The key with <see cref="KeyDocument.PrivateKey"/> as plain base64 PKCS#8 (the blob is encrypted as a whole).</summary>
    public required KeyDocument Key { get; init; }
    /// <summary>The secret with its value in <see cref="SecretDocument.Value"/> (no ProtectedValue).</summary>
    public required SecretDocument Secret { get; init; }
}
