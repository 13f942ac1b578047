using System.Text.Json.Nodes;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;
using VaultTools.Emulator.Keys;
using VaultTools.Emulator.Secrets;
using VaultTools.Emulator.Storage;
using static VaultTools.Emulator.Certificates.CertificatePolicyRules;

namespace VaultTools.Emulator.Certificates;

/// <summary>The certificates data plane (see CertificateService.cs): the entry lifecycle's hooks.</summary>
public sealed partial class CertificateService
{
    // ------------------------------------------------------------------ the lifecycle's hooks (Entries/EntryService)

    /// <summary>The backing secret and key: deleted, recovered and purged with their certificate.</summary>
    protected override IReadOnlyList<ObjectKind> Companions => [ObjectKind.Secret, ObjectKind.Key];

    /// <summary>Lists, versions and backups see the creations that are due.</summary>
    protected override void CompletePending(DataPlaneContext dp, string? name) => CompleteDueOperations(dp, name, polled: false);

    /// <summary>A creation in progress ends with the certificate (its version is never stored).</summary>
    protected override void OnDeleting(StorageSession s, DataPlaneContext dp, StoredObject entry)
    {
        if (ReadOperation(s, dp, entry.Name) is { InProgress: true } op)
        {
            WriteOperation(s, dp, entry.Name, op with
            {
                Status = CertificateOperationStatus.Cancelled,
                StatusDetails = "The certificate was deleted while the operation was in progress.",
                Staged = null,
            });
        }
    }

    protected override JsonObject ListItem(DataPlaneContext dp, string name, string? version, CertificateDocument doc) =>
        CertificateJson.Item(dp, name, version, doc);

    protected override JsonObject DeletedListItem(DataPlaneContext dp, string name, CertificateDocument doc, long deletedDate, long scheduledPurgeDate) =>
        CertificateJson.DeletedItem(dp, name, doc, deletedDate, scheduledPurgeDate);

    protected override JsonObject DeletedBundle(StorageSession s, DataPlaneContext dp, string name, string version, CertificateDocument doc,
        long deletedDate, long scheduledPurgeDate) =>
        CertificateJson.DeletedBundle(dp, name, version, doc, ReadPolicy(s, dp, name), ReadOperation(s, dp, name) is not null, deletedDate, scheduledPurgeDate);

    protected override JsonObject RecoveredBundle(StorageSession s, DataPlaneContext dp, string name, string version, CertificateDocument doc) =>
        LatestBundle(s, dp, name, version, doc);

    /// <summary>Every version with its key and secret, private parts in clear inside the (encrypted) blob, and the policy.</summary>
    protected override CertificateBackup CreateBackup(StorageSession s, DataPlaneContext dp, StoredObject entry)
    {
        var versions = new List<CertificateBackupVersion>();
        foreach (var v in s.AllVersions(dp.Vault.Name, CertificateKind, entry.Name))
        {
            var keyDoc = KeyDoc(s.GetVersion(dp.Vault.Name, KeyKind, entry.Name, v.Version))!;
            var secretDoc = StorageJson.Deserialize<SecretDocument>(s.GetVersion(dp.Vault.Name, SecretKind, entry.Name, v.Version)!.Document);
            versions.Add(new CertificateBackupVersion
            {
                Version = v.Version,
                Certificate = Doc(v),
                Key = keyDoc with { PrivateKey = Convert.ToBase64String(material.Unprotect(keyDoc.PrivateKey, v.Version)) },
                Secret = secretDoc with { Value = RevealSecret(v.Version, secretDoc), ProtectedValue = null },
            });
        }
        return new CertificateBackup
        {
            Policy = ReadPolicy(s, dp, entry.Name) ?? new CertificatePolicyDocument(),
            Versions = versions,
        };
    }

    protected override void CheckRestorable(DataPlaneContext dp, CertificateBackup backup) =>
        KeyRules.CheckHsmAllowed(dp.Vault, backup.Versions.Any(v => v.Key.IsHsm));

    protected override CertificateDocument RestoreVersion(StorageSession s, DataPlaneContext dp, string name, CertificateBackupVersion version)
    {
        s.AddVersion(dp.Vault.Name, KeyKind, name, version.Version,
            StorageJson.Serialize(version.Key with { PrivateKey = material.Protect(Convert.FromBase64String(version.Key.PrivateKey), version.Version) }));
        s.AddVersion(dp.Vault.Name, SecretKind, name, version.Version,
            StorageJson.Serialize(ProtectSecret(version.Version, version.Secret, version.Secret.Value)));
        s.AddVersion(dp.Vault.Name, CertificateKind, name, version.Version, StorageJson.Serialize(version.Certificate));
        return version.Certificate;
    }

    /// <summary>The backed-up policy; no pending operation.</summary>
    protected override void RestoreSettings(StorageSession s, DataPlaneContext dp, CertificateBackup backup)
    {
        s.SetSetting(dp.Vault.Name, OperationKind, backup.Name, null);
        WritePolicy(s, dp, backup.Name, backup.Policy);
    }

    protected override string? ReadBackupValue(JsonObject body) => String(body, "value");
}
