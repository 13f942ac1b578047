using System.Text.Json.Nodes;
using VaultTools.Emulator.Entries;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Secrets;

/// <summary>
/// The secrets data plane (the secrets REST specification, api-version 2025-07-01 and older): set, get, update here;
/// lists, soft delete, deleted get/list, recover, purge, backup and restore are the entry lifecycle
/// (<see cref="EntryService{TDocument, TBackup, TBackupVersion}"/>). Bodies follow the recorded service
/// responses (property order included).
/// Secrets that back a certificate (<see cref="SecretDocument.Managed"/>) are readable and listed here
/// but written only by Certificates/: set, update, delete, recover, purge and backup refuse them with
/// the service's 403 SecretManagedByKeyVault, and the deleted listing leaves them out, as the service does.
/// </summary>
public sealed class SecretService(EmulatorDatabase database, BackupProtector backups, KeyMaterialProtector material, TimeProvider time,
    EntryVisibility visibility)
    : EntryService<SecretDocument, SecretBackup, SecretBackupVersion>(ObjectKind.Secret, database, backups, visibility, time)
{
    // ------------------------------------------------------------------ set / get / update

    public JsonObject Set(DataPlaneContext dp, string name, JsonObject body)
    {
        SecretRules.ValidateName(name);
        if (body["value"] is not JsonValue valueNode || !valueNode.TryGetValue<string>(out var value))
        {
            throw KeyVaultErrors.BadParameter("The property 'value' is required and must be a string.").ToException();
        }
        SecretRules.ValidateValue(value);
        var contentType = EntryRequest.ReadString(body, "contentType");
        SecretRules.ValidateContentType(contentType);
        var tags = SecretRules.ParseTags(body["tags"]);
        var attributes = EntryRequest.ReadAttributes(body["attributes"], withExportable: false);
        var now = Now;
        var document = new SecretDocument
        {
            Value = value,
            ContentType = contentType,
            Tags = tags,
            Enabled = attributes.Enabled ?? true,
            NotBefore = attributes.NotBefore,
            Expires = attributes.Expires,
            Created = now,
            Updated = now,
        };
        var version = SecretRules.NewVersion();
        var storedName = Database.Write(s =>
        {
            var storedName = NameForNewVersion(s, dp, name, "set");
            s.AddVersion(dp.Vault.Name, Kind.StorageKind, name, version, StorageJson.Serialize(document));
            return storedName;
        });
        return SecretJson.Bundle(dp, storedName, version, document, includeValue: true);
    }

    public override JsonObject Get(DataPlaneContext dp, string name, string? version)
    {
        var found = Database.Read(s => FindActiveVersion(s, dp, name, version));
        if (!found.Document.Enabled)
        {
            throw KeyVaultErrors.DisabledObject(Kind.Singular).ToException();
        }
        return SecretJson.Bundle(dp, found.Name, found.Version, Reveal(found.Version, found.Document), includeValue: true);
    }

    public override JsonObject Update(DataPlaneContext dp, string name, string? version, JsonObject body)
    {
        SecretRules.ValidateName(name);
        var contentType = body.ContainsKey("contentType") ? EntryRequest.ReadString(body, "contentType") : null;
        SecretRules.ValidateContentType(contentType);
        var tags = SecretRules.ParseTags(body["tags"]);
        var attributes = EntryRequest.ReadAttributes(body["attributes"], withExportable: false);
        return Database.Write(s =>
        {
            var found = FindActiveVersion(s, dp, name, version);
            var doc = found.Document;
            RefuseManaged(doc, "update");
            var updated = doc with
            {
                ContentType = contentType ?? doc.ContentType,
                Tags = tags ?? doc.Tags,
                Enabled = attributes.Enabled ?? doc.Enabled,
                NotBefore = attributes.NotBefore ?? doc.NotBefore,
                Expires = attributes.Expires ?? doc.Expires,
                Updated = Now,
            };
            s.ReplaceVersionDocument(dp.Vault.Name, Kind.StorageKind, found.Name, found.Version, StorageJson.Serialize(updated));
            return SecretJson.Bundle(dp, found.Name, found.Version, updated, includeValue: false);
        });
    }

    // ------------------------------------------------------------------ the lifecycle's hooks (Entries/EntryService)

    /// <summary>Secrets that back a certificate are written only by Certificates/.</summary>
    protected override bool IsManaged(SecretDocument doc) => doc.Managed;

    protected override JsonObject ListItem(DataPlaneContext dp, string name, string? version, SecretDocument doc) =>
        SecretJson.Item(dp, name, version, doc);

    protected override JsonObject DeletedListItem(DataPlaneContext dp, string name, SecretDocument doc, long deletedDate, long scheduledPurgeDate) =>
        SecretJson.DeletedItem(dp, name, doc, deletedDate, scheduledPurgeDate);

    protected override JsonObject DeletedBundle(StorageSession s, DataPlaneContext dp, string name, string version, SecretDocument doc,
        long deletedDate, long scheduledPurgeDate) =>
        SecretJson.DeletedBundle(dp, name, version, doc, deletedDate, scheduledPurgeDate);

    protected override JsonObject RecoveredBundle(StorageSession s, DataPlaneContext dp, string name, string version, SecretDocument doc) =>
        SecretJson.Bundle(dp, name, version, doc, includeValue: false);

    protected override SecretBackup CreateBackup(StorageSession s, DataPlaneContext dp, StoredObject entry) => new()
    {
        Versions = s.AllVersions(dp.Vault.Name, Kind.StorageKind, entry.Name)
            .Select(v => new SecretBackupVersion { Version = v.Version, Document = Doc(v) })
            .ToList(),
    };

    protected override SecretDocument RestoreVersion(StorageSession s, DataPlaneContext dp, string name, SecretBackupVersion version)
    {
        s.AddVersion(dp.Vault.Name, Kind.StorageKind, name, version.Version, StorageJson.Serialize(version.Document));
        return version.Document;
    }

    /// <summary>A value that is not a string counts as missing (for keys and certificates it is "must be a string").</summary>
    protected override string? ReadBackupValue(JsonObject body) =>
        body["value"] is JsonValue v && v.TryGetValue<string>(out var encoded) ? encoded : null;

    // ------------------------------------------------------------------ helpers

    /// <summary>The document with its value in clear (certificate-backed secrets keep it encrypted at rest).</summary>
    private SecretDocument Reveal(string version, SecretDocument doc) =>
        doc.ProtectedValue is null
            ? doc
            : doc with { Value = System.Text.Encoding.UTF8.GetString(material.Unprotect(doc.ProtectedValue, SecretDocument.ProtectionBinding(version))) };
}

/// <summary>The JSON inside a secret backup blob (see <see cref="BackupProtector"/>).</summary>
public sealed record SecretBackup() : EntryBackup<SecretBackupVersion>("VaultToolsEmulatorSecretBackup");

public sealed record SecretBackupVersion : IEntryBackupVersion
{
    public required string Version { get; init; }
    public required SecretDocument Document { get; init; }
}
