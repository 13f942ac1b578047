using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;
using VaultTools.Emulator.Secrets;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Entries;

/// <summary>The operations every entry kind answers on the same routes (mapped by <see cref="EntryEndpoints"/>).</summary>
public interface IEntryService
{
    JsonObject List(DataPlaneContext dp, PageRequest page);
    JsonObject ListVersions(DataPlaneContext dp, string name, PageRequest page);
    JsonObject Get(DataPlaneContext dp, string name, string? version);
    JsonObject Update(DataPlaneContext dp, string name, string? version, JsonObject body);
    JsonObject Delete(DataPlaneContext dp, string name);
    JsonObject GetDeleted(DataPlaneContext dp, string name);
    JsonObject ListDeleted(DataPlaneContext dp, PageRequest page);
    JsonObject Recover(DataPlaneContext dp, string name);
    void Purge(DataPlaneContext dp, string name);
    JsonObject Backup(DataPlaneContext dp, string name);
    JsonObject Restore(DataPlaneContext dp, JsonObject body);
}

/// <summary>A version of an active entry: the entry's name as first created, the version id as stored, its document.</summary>
public sealed record EntryVersion<TDocument>(string Name, string Version, TDocument Document, bool IsLatest);

/// <summary>
/// The life of an entry, the same for secrets, keys and certificates: the latest version and the
/// others, paged lists, soft delete, the deleted entries, recover, purge, backup and restore. Entries
/// are objects of the kind's storage kind (<see cref="ObjectKind.StorageKind"/>) with one JSON document
/// (<typeparamref name="TDocument"/>) per version. What differs by kind comes in through the members
/// below: the bodies, the secrets and keys that back a certificate (<see cref="IsManaged"/>: they are
/// read and listed here, left out of the deleted lists as on the service, and written only through their
/// certificate), the entries that share a
/// certificate's life (<see cref="Companions"/>), and what a backup holds.
/// Delete and recover are stored at once; readers see them after <c>--consistency-delay</c>, as on the
/// service (<see cref="EntryVisibility"/>; none by default).
/// </summary>
public abstract class EntryService<TDocument, TBackup, TBackupVersion>(
    ObjectKind kind, EmulatorDatabase database, BackupProtector backups, EntryVisibility visibility, TimeProvider time) : IEntryService
    where TBackup : EntryBackup<TBackupVersion>
    where TBackupVersion : IEntryBackupVersion
{
    protected ObjectKind Kind => kind;
    protected EmulatorDatabase Database => database;
    protected TimeProvider Time => time;
    protected long Now => time.GetUtcNow().ToUnixTimeSeconds();

    // ------------------------------------------------------------------ what the kind supplies

    /// <summary>Kinds stored under the entry's name that are deleted, recovered and purged with it (a certificate's backing secret and key).</summary>
    protected virtual IReadOnlyList<ObjectKind> Companions => [];

    /// <summary>True for a secret or key that backs a certificate: it is refused every write of its own.</summary>
    protected virtual bool IsManaged(TDocument doc) => false;

    /// <summary>Brings the entry (or, with <paramref name="name"/> null, the vault) up to date before it is listed or backed up.</summary>
    protected virtual void CompletePending(DataPlaneContext dp, string? name)
    {
    }

    /// <summary>Called in the delete's transaction before the entry is marked deleted.</summary>
    protected virtual void OnDeleting(StorageSession s, DataPlaneContext dp, StoredObject entry)
    {
    }

    public abstract JsonObject Get(DataPlaneContext dp, string name, string? version);

    public abstract JsonObject Update(DataPlaneContext dp, string name, string? version, JsonObject body);

    /// <summary>An item of the list (<paramref name="version"/> null) or of the versions list.</summary>
    protected abstract JsonObject ListItem(DataPlaneContext dp, string name, string? version, TDocument doc);

    protected abstract JsonObject DeletedListItem(DataPlaneContext dp, string name, TDocument doc, long deletedDate, long scheduledPurgeDate);

    /// <summary>What delete and get deleted answer.</summary>
    protected abstract JsonObject DeletedBundle(StorageSession s, DataPlaneContext dp, string name, string version, TDocument doc,
        long deletedDate, long scheduledPurgeDate);

    /// <summary>What recover and restore answer: the latest version (a secret without its value).</summary>
    protected abstract JsonObject RecoveredBundle(StorageSession s, DataPlaneContext dp, string name, string version, TDocument doc);

    /// <summary>The kind's part of a backup of <paramref name="entry"/>: its versions and what travels with them (the envelope is filled in here).</summary>
    protected abstract TBackup CreateBackup(StorageSession s, DataPlaneContext dp, StoredObject entry);

    /// <summary>Refuses a backup this vault cannot take (an HSM key in a standard vault).</summary>
    protected virtual void CheckRestorable(DataPlaneContext dp, TBackup backup)
    {
    }

    /// <summary>Stores one version of a backup (with its companions); returns the kind's document as stored.</summary>
    protected abstract TDocument RestoreVersion(StorageSession s, DataPlaneContext dp, string name, TBackupVersion version);

    /// <summary>Stores what travels with the versions, after them.</summary>
    protected virtual void RestoreSettings(StorageSession s, DataPlaneContext dp, TBackup backup)
    {
    }

    /// <summary>
    /// The restore request's <c>value</c>. The kinds were written apart and refuse a value that is not a
    /// string with different texts; each keeps its own (no answer changes in this refactoring).
    /// </summary>
    protected abstract string? ReadBackupValue(JsonObject body);

    /// <summary>The blob's bytes. Keys decode with <c>B64</c>, which also takes extra <c>=</c> padding; kept per kind for the same reason.</summary>
    protected virtual byte[] DecodeBackup(string encoded) => Base64UrlEncoder.DecodeBytes(encoded);

    // ------------------------------------------------------------------ lists (paging: Hosting/Paging.cs)

    public JsonObject List(DataPlaneContext dp, PageRequest page)
    {
        CompletePending(dp, null);
        var (items, next) = database.Read(s =>
        {
            var objects = s.ListObjects(dp.Vault.Name, kind.StorageKind, deleted: false, page.After, page.MaxResults);
            var nodes = objects.Items
                .Select(o => (o, Latest: s.GetVersion(dp.Vault.Name, kind.StorageKind, o.Name, o.LatestVersion)))
                .Where(x => x.Latest is not null && Pending(dp, kind, x.o.Name) != PendingChange.Recovering)
                .Select(x => (JsonNode)ListItem(dp, x.o.Name, null, Doc(x.Latest!)))
                .ToList();
            return (nodes, objects.ContinueAfter);
        });
        return page.ToListBody(items, next, dp.BaseUri, $"/{kind.Collection}", dp.ApiVersion);
    }

    public JsonObject ListVersions(DataPlaneContext dp, string name, PageRequest page)
    {
        SecretRules.ValidateName(name);
        CompletePending(dp, name);
        var (items, next) = database.Read(s =>
        {
            var obj = s.GetObject(dp.Vault.Name, kind.StorageKind, name);
            if (obj is null || obj.IsDeleted || Pending(dp, kind, obj.Name) == PendingChange.Recovering)
            {
                return (new List<JsonNode>(), (string?)null); // recorded: 200 with an empty list
            }
            var versions = s.ListVersions(dp.Vault.Name, kind.StorageKind, obj.Name, page.After, page.MaxResults);
            var nodes = versions.Items.Select(v => (JsonNode)ListItem(dp, obj.Name, v.Version, Doc(v))).ToList();
            return (nodes, versions.ContinueAfter);
        });
        return page.ToListBody(items, next, dp.BaseUri, $"/{kind.Collection}/{name}/versions", dp.ApiVersion);
    }

    // ------------------------------------------------------------------ soft delete, recover, purge

    public JsonObject Delete(DataPlaneContext dp, string name)
    {
        SecretRules.ValidateName(name);
        var changed = new List<(ObjectKind Kind, string Name)>();
        var bundle = database.Write(s =>
        {
            var obj = ActiveObject(s, dp, name);
            var latest = LatestDoc(s, dp, obj);
            RefuseManaged(latest, "delete");
            OnDeleting(s, dp, obj);
            var deleted = Now;
            var purge = deleted + dp.Vault.SoftDeleteRetentionInDays * 86_400L;
            foreach (var k in WithCompanions)
            {
                if (s.GetObject(dp.Vault.Name, k.StorageKind, obj.Name) is { IsDeleted: false })
                {
                    s.MarkDeleted(dp.Vault.Name, k.StorageKind, obj.Name, deleted, purge);
                    changed.Add((k, obj.Name));
                }
            }
            return DeletedBundle(s, dp, obj.Name, obj.LatestVersion, latest, deleted, purge);
        });
        Changed(dp, changed, PendingChange.Deleting);
        return bundle;
    }

    public JsonObject GetDeleted(DataPlaneContext dp, string name)
    {
        SecretRules.ValidateName(name);
        return database.Read(s =>
        {
            var obj = DeletedObject(s, dp, name);
            return DeletedBundle(s, dp, obj.Name, obj.LatestVersion, LatestDoc(s, dp, obj), obj.DeletedDate!.Value, obj.ScheduledPurgeDate!.Value);
        });
    }

    public JsonObject ListDeleted(DataPlaneContext dp, PageRequest page)
    {
        var (items, next) = database.Read(s =>
        {
            // Secrets and keys deleted with their certificate are left out, as the service does (a page may
            // then be shorter than maxresults and still have a nextLink, which the service allows too).
            var objects = s.ListObjects(dp.Vault.Name, kind.StorageKind, deleted: true, page.After, page.MaxResults);
            var nodes = objects.Items
                .Where(o => Pending(dp, kind, o.Name) != PendingChange.Deleting)
                .Select(o => (o, Doc: LatestDoc(s, dp, o)))
                .Where(x => !IsManaged(x.Doc))
                .Select(x => (JsonNode)DeletedListItem(dp, x.o.Name, x.Doc, x.o.DeletedDate!.Value, x.o.ScheduledPurgeDate!.Value))
                .ToList();
            return (nodes, objects.ContinueAfter);
        });
        return page.ToListBody(items, next, dp.BaseUri, $"/{kind.DeletedCollection}", dp.ApiVersion);
    }

    public JsonObject Recover(DataPlaneContext dp, string name)
    {
        SecretRules.ValidateName(name);
        var changed = new List<(ObjectKind Kind, string Name)>();
        var bundle = database.Write(s =>
        {
            var obj = s.GetObject(dp.Vault.Name, kind.StorageKind, name);
            if (obj is not { IsDeleted: true } || Pending(dp, kind, obj.Name) == PendingChange.Deleting)
            {
                throw KeyVaultErrors.NotFound(kind, name).ToException(); // recorded: the live entry's 404 text
            }
            var latest = LatestDoc(s, dp, obj);
            RefuseManaged(latest, "recover");
            foreach (var k in WithCompanions)
            {
                if (s.GetObject(dp.Vault.Name, k.StorageKind, obj.Name) is { IsDeleted: true })
                {
                    s.MarkRecovered(dp.Vault.Name, k.StorageKind, obj.Name);
                    changed.Add((k, obj.Name));
                }
            }
            return RecoveredBundle(s, dp, obj.Name, obj.LatestVersion, latest);
        });
        Changed(dp, changed, PendingChange.Recovering);
        return bundle;
    }

    /// <summary>Removes a deleted entry, its versions and its companions for good (with its <c>{kind}.x</c> settings: <see cref="StorageSession.Purge"/>).</summary>
    public void Purge(DataPlaneContext dp, string name)
    {
        SecretRules.ValidateName(name);
        database.Write(s =>
        {
            var obj = DeletedObject(s, dp, name);
            RefuseManaged(LatestDoc(s, dp, obj), "purge");
            if (dp.Vault.EnablePurgeProtection)
            {
                throw KeyVaultErrors.PurgeProtected().ToException();
            }
            foreach (var companion in Companions)
            {
                if (s.GetObject(dp.Vault.Name, companion.StorageKind, obj.Name) is { IsDeleted: true })
                {
                    s.Purge(dp.Vault.Name, companion.StorageKind, obj.Name);
                    visibility.Forget(dp.Vault.Name, companion.StorageKind, obj.Name);
                }
            }
            s.Purge(dp.Vault.Name, kind.StorageKind, obj.Name);
            visibility.Forget(dp.Vault.Name, kind.StorageKind, obj.Name);
        });
    }

    // ------------------------------------------------------------------ backup / restore

    /// <summary>An opaque blob (<see cref="BackupProtector"/>) of the entry with all its versions, base64url.</summary>
    public JsonObject Backup(DataPlaneContext dp, string name)
    {
        SecretRules.ValidateName(name);
        CompletePending(dp, name);
        var blob = database.Read(s =>
        {
            var obj = ActiveObject(s, dp, name);
            RefuseManaged(LatestDoc(s, dp, obj), "backup");
            // The envelope is set here; 'with' keeps the kind's record type (records clone virtually).
            var backup = (TBackup)((EntryBackup<TBackupVersion>)CreateBackup(s, dp, obj) with
            {
                SourceVault = dp.Vault.Name,
                Name = obj.Name,
                LatestVersion = obj.LatestVersion,
                BackedUpAt = Now,
            });
            return backups.Protect(kind.StorageKind, JsonSerializer.Serialize(backup, StorageJson.Options));
        });
        return new JsonObject { ["value"] = Base64Url.EncodeToString(blob) };
    }

    /// <summary>
    /// Restores a blob of this kind made by this emulator's data folder (any vault) under the name it was
    /// taken from, which must be free for the entry and its companions (else 409, deleted or not).
    /// </summary>
    public JsonObject Restore(DataPlaneContext dp, JsonObject body)
    {
        var encoded = ReadBackupValue(body);
        if (string.IsNullOrEmpty(encoded))
        {
            throw KeyVaultErrors.BadParameter("The property 'value' (the backup blob) is required.").ToException();
        }
        TBackup? backup;
        try
        {
            var json = backups.TryUnprotect(kind.StorageKind, DecodeBackup(encoded));
            backup = json is null ? null : JsonSerializer.Deserialize<TBackup>(json, StorageJson.Options);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or JsonException)
        {
            backup = null;
        }
        if (backup is null || backup.FormatVersion != 1 || backup.Versions.Count == 0 || backup.Versions.All(v => v.Version != backup.LatestVersion))
        {
            throw KeyVaultErrors.BadParameter(
                $"Backup blob contains invalid or corrupt version: it was altered, is not a {kind.Singular} backup, or was made by an emulator with another data folder.")
                .ToException();
        }
        CheckRestorable(dp, backup);

        return database.Write(s =>
        {
            s.IsRestore = true; // restored versions are not new versions (no NewVersionCreated event)
            foreach (var k in WithCompanions)
            {
                if (s.GetObject(dp.Vault.Name, k.StorageKind, backup.Name) is { } existing)
                {
                    throw (NameInUse(dp, k, existing) ?? KeyVaultErrors.AlreadyExists(k, existing.Name)).ToException();
                }
            }
            // The latest version last, so that it is the latest again.
            var ordered = backup.Versions.Where(x => x.Version != backup.LatestVersion)
                .Concat(backup.Versions.Where(x => x.Version == backup.LatestVersion));
            TDocument? latest = default;
            foreach (var version in ordered)
            {
                latest = RestoreVersion(s, dp, backup.Name, version);
            }
            RestoreSettings(s, dp, backup);
            return RecoveredBundle(s, dp, backup.Name, backup.LatestVersion, latest!);
        });
    }

    // ------------------------------------------------------------------ for the kinds

    /// <summary>
    /// The version a GET, PATCH or key operation names: "" and "/" (and "%2F", as the C++ client sends
    /// an empty version) mean the latest version, as in the service. Unknown: the kind's 404.
    /// </summary>
    protected EntryVersion<TDocument> FindActiveVersion(StorageSession s, DataPlaneContext dp, string name, string? version)
    {
        SecretRules.ValidateName(name);
        var latest = string.IsNullOrEmpty(version) || version == "/" || version.Equals("%2F", StringComparison.OrdinalIgnoreCase);
        var obj = s.GetObject(dp.Vault.Name, kind.StorageKind, name);
        if (obj is null || obj.IsDeleted || Pending(dp, kind, obj.Name) == PendingChange.Recovering || (!latest && !SecretRules.IsVersion(version!)))
        {
            throw KeyVaultErrors.NotFound(kind, latest ? name : $"{name}/{version}").ToException();
        }
        var stored = s.GetVersion(dp.Vault.Name, kind.StorageKind, obj.Name, latest ? obj.LatestVersion : version!)
            ?? throw KeyVaultErrors.NotFound(kind, $"{name}/{version}").ToException();
        return new EntryVersion<TDocument>(obj.Name, stored.Version, Doc(stored), latest);
    }

    /// <summary>The entry, not deleted; else the kind's 404.</summary>
    protected StoredObject ActiveObject(StorageSession s, DataPlaneContext dp, string name)
    {
        var obj = s.GetObject(dp.Vault.Name, kind.StorageKind, name);
        return obj is null || obj.IsDeleted || Pending(dp, kind, obj.Name) == PendingChange.Recovering
            ? throw KeyVaultErrors.NotFound(kind, name).ToException()
            : obj;
    }

    /// <summary>
    /// Before a new version is added by set, create or import: a deleted name cannot be reused (409) and a
    /// managed entry is refused. Returns the name as first created (or <paramref name="name"/> for a new entry).
    /// </summary>
    protected string NameForNewVersion(StorageSession s, DataPlaneContext dp, string name, string operation)
    {
        var existing = s.GetObject(dp.Vault.Name, kind.StorageKind, name);
        if (NameInUse(dp, kind, existing) is { } conflict)
        {
            throw conflict.ToException();
        }
        if (existing is not null)
        {
            RefuseManaged(LatestDoc(s, dp, existing), operation);
        }
        return existing?.Name ?? name;
    }

    /// <summary>
    /// The 409 for a new version or a restore under the name of <paramref name="existing"/> (of kind
    /// <paramref name="k"/>): it is deleted, or its delete or recover is not yet visible. Null when the name
    /// may take a new version.
    /// </summary>
    protected KeyVaultError? NameInUse(DataPlaneContext dp, ObjectKind k, StoredObject? existing)
    {
        if (existing is null)
        {
            return null;
        }
        var pending = Pending(dp, k, existing.Name);
        if (existing.IsDeleted)
        {
            return pending == PendingChange.Deleting
                ? KeyVaultErrors.BeingDeleted(k, existing.Name)
                : KeyVaultErrors.DeletedButRecoverable(k, existing.Name);
        }
        return pending == PendingChange.Recovering ? KeyVaultErrors.BeingRecovered(k, existing.Name) : null;
    }

    /// <summary>The delete or recover of this entry that readers cannot see yet (<see cref="EntryVisibility"/>).</summary>
    protected PendingChange Pending(DataPlaneContext dp, ObjectKind k, string name) => visibility.Pending(dp.Vault.Name, k.StorageKind, name);

    private void Changed(DataPlaneContext dp, List<(ObjectKind Kind, string Name)> changed, PendingChange change)
    {
        foreach (var (k, name) in changed)
        {
            visibility.Changed(dp.Vault.Name, k.StorageKind, name, change);
        }
    }

    protected void RefuseManaged(TDocument doc, string operation)
    {
        if (IsManaged(doc))
        {
            throw KeyVaultErrors.ManagedByKeyVault(kind, operation).ToException();
        }
    }

    protected TDocument LatestDoc(StorageSession s, DataPlaneContext dp, StoredObject entry) =>
        Doc(s.GetVersion(dp.Vault.Name, kind.StorageKind, entry.Name, entry.LatestVersion)!);

    protected static TDocument Doc(StoredVersion v) => StorageJson.Deserialize<TDocument>(v.Document);

    private IEnumerable<ObjectKind> WithCompanions => [kind, .. Companions];

    private StoredObject DeletedObject(StorageSession s, DataPlaneContext dp, string name)
    {
        var obj = s.GetObject(dp.Vault.Name, kind.StorageKind, name);
        return obj is { IsDeleted: true } && Pending(dp, kind, obj.Name) != PendingChange.Deleting
            ? obj
            : throw KeyVaultErrors.DeletedNotFound(kind, name).ToException();
    }
}
