using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Secrets;

/// <summary>
/// The secrets data plane (spec/secrets.json, api-version 2025-07-01 and older): set, get, list,
/// versions, update, soft delete, deleted get/list, recover, purge, backup, restore. Bodies follow
/// the recorded service responses (property order included). Delete and recover take effect at once
/// (the service makes them visible after a delay; clients poll, so both behaviours work).
/// Secrets that back a certificate (<see cref="SecretDocument.Managed"/>) are readable and listed here
/// but written only by Certificates/: set, update, delete, recover, purge and backup refuse them with
/// the service's 403 SecretManagedByKeyVault, and the deleted listing leaves them out, as the service does.
/// </summary>
public sealed class SecretService(EmulatorDatabase database, BackupProtector backups, KeyMaterialProtector material, TimeProvider time)
{
    private const string Kind = "secret";
    private static readonly ObjectKind Secret = ObjectKind.Secret;

    private long Now => time.GetUtcNow().ToUnixTimeSeconds();

    // ------------------------------------------------------------------ set / get / update

    public JsonObject Set(DataPlaneContext dp, string name, JsonObject body)
    {
        SecretRules.ValidateName(name);
        if (body["value"] is not JsonValue valueNode || !valueNode.TryGetValue<string>(out var value))
        {
            throw KeyVaultErrors.BadParameter("The property 'value' is required and must be a string.").ToException();
        }
        SecretRules.ValidateValue(value);
        var contentType = ReadOptionalString(body, "contentType");
        SecretRules.ValidateContentType(contentType);
        var tags = SecretRules.ParseTags(body["tags"]);
        var attributes = ReadAttributes(body["attributes"]);
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
        var storedName = database.Write(s =>
        {
            var existing = s.GetObject(dp.Vault.Name, Kind, name);
            if (existing is { IsDeleted: true })
            {
                throw KeyVaultErrors.DeletedButRecoverable(Secret, existing.Name).ToException();
            }
            if (existing is not null)
            {
                RefuseManaged(LatestDoc(s, dp, existing), "set");
            }
            s.AddVersion(dp.Vault.Name, Kind, name, version, StorageJson.Serialize(document));
            return existing?.Name ?? name;
        });
        return SecretJson.Bundle(dp, storedName, version, document, includeValue: true);
    }

    public JsonObject Get(DataPlaneContext dp, string name, string? version)
    {
        var (stored, doc) = FindActiveVersion(dp, name, version);
        if (!doc.Enabled)
        {
            throw KeyVaultErrors.DisabledObject(Secret.Singular).ToException();
        }
        return SecretJson.Bundle(dp, stored.Name, stored.Version, Reveal(stored.Version, doc), includeValue: true);
    }

    public JsonObject Update(DataPlaneContext dp, string name, string? version, JsonObject body)
    {
        SecretRules.ValidateName(name);
        var contentType = body.ContainsKey("contentType") ? ReadOptionalString(body, "contentType") : null;
        SecretRules.ValidateContentType(contentType);
        var tags = SecretRules.ParseTags(body["tags"]);
        var attributes = ReadAttributes(body["attributes"]);
        return database.Write(s =>
        {
            var (stored, doc) = FindActiveVersion(s, dp, name, version);
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
            s.ReplaceVersionDocument(dp.Vault.Name, Kind, stored.Name, stored.Version, StorageJson.Serialize(updated));
            return SecretJson.Bundle(dp, stored.Name, stored.Version, updated, includeValue: false);
        });
    }

    // ------------------------------------------------------------------ lists

    public JsonObject List(DataPlaneContext dp, PageRequest page)
    {
        var (items, next) = database.Read(s =>
        {
            var objects = s.ListObjects(dp.Vault.Name, Kind, deleted: false, page.After, page.MaxResults);
            var nodes = objects.Items
                .Select(o => (o, s.GetVersion(dp.Vault.Name, Kind, o.Name, o.LatestVersion)))
                .Where(x => x.Item2 is not null)
                .Select(x => (JsonNode)SecretJson.Item(dp, x.o.Name, null, Doc(x.Item2!)))
                .ToList();
            return (nodes, objects.ContinueAfter);
        });
        return page.ToListBody(items, next, dp.BaseUri, "/secrets", dp.ApiVersion);
    }

    public JsonObject ListVersions(DataPlaneContext dp, string name, PageRequest page)
    {
        SecretRules.ValidateName(name);
        var (items, next) = database.Read(s =>
        {
            var obj = s.GetObject(dp.Vault.Name, Kind, name);
            if (obj is null || obj.IsDeleted)
            {
                return (new List<JsonNode>(), (string?)null); // the service answers an empty list
            }
            var versions = s.ListVersions(dp.Vault.Name, Kind, name, page.After, page.MaxResults);
            var nodes = versions.Items.Select(v => (JsonNode)SecretJson.Item(dp, obj.Name, v.Version, Doc(v))).ToList();
            return (nodes, versions.ContinueAfter);
        });
        return page.ToListBody(items, next, dp.BaseUri, $"/secrets/{name}/versions", dp.ApiVersion);
    }

    // ------------------------------------------------------------------ soft delete

    public JsonObject Delete(DataPlaneContext dp, string name)
    {
        SecretRules.ValidateName(name);
        return database.Write(s =>
        {
            var obj = s.GetObject(dp.Vault.Name, Kind, name);
            if (obj is null || obj.IsDeleted)
            {
                throw KeyVaultErrors.NotFound(Secret, name).ToException();
            }
            RefuseManaged(LatestDoc(s, dp, obj), "delete");
            var deleted = Now;
            var purge = deleted + dp.Vault.SoftDeleteRetentionInDays * 86_400L;
            s.MarkDeleted(dp.Vault.Name, Kind, obj.Name, deleted, purge);
            var latest = Doc(s.GetVersion(dp.Vault.Name, Kind, obj.Name, obj.LatestVersion)!);
            return SecretJson.DeletedBundle(dp, obj.Name, obj.LatestVersion, latest, deleted, purge);
        });
    }

    public JsonObject GetDeleted(DataPlaneContext dp, string name)
    {
        SecretRules.ValidateName(name);
        return database.Read(s =>
        {
            var obj = s.GetObject(dp.Vault.Name, Kind, name);
            if (obj is not { IsDeleted: true })
            {
                throw KeyVaultErrors.DeletedNotFound(Secret, name).ToException();
            }
            var latest = Doc(s.GetVersion(dp.Vault.Name, Kind, obj.Name, obj.LatestVersion)!);
            return SecretJson.DeletedBundle(dp, obj.Name, obj.LatestVersion, latest, obj.DeletedDate!.Value, obj.ScheduledPurgeDate!.Value);
        });
    }

    public JsonObject ListDeleted(DataPlaneContext dp, PageRequest page)
    {
        var (items, next) = database.Read(s =>
        {
            // Secrets deleted with their certificate are left out, as the service does (a page may then be
            // shorter than maxresults and still have a nextLink, which the service allows too).
            var objects = s.ListObjects(dp.Vault.Name, Kind, deleted: true, page.After, page.MaxResults);
            var nodes = objects.Items
                .Select(o => (o, Doc: Doc(s.GetVersion(dp.Vault.Name, Kind, o.Name, o.LatestVersion)!)))
                .Where(x => !x.Doc.Managed)
                .Select(x => (JsonNode)SecretJson.DeletedItem(dp, x.o.Name, x.Doc, x.o.DeletedDate!.Value, x.o.ScheduledPurgeDate!.Value))
                .ToList();
            return (nodes, objects.ContinueAfter);
        });
        return page.ToListBody(items, next, dp.BaseUri, "/deletedsecrets", dp.ApiVersion);
    }

    public JsonObject Recover(DataPlaneContext dp, string name)
    {
        SecretRules.ValidateName(name);
        return database.Write(s =>
        {
            var obj = s.GetObject(dp.Vault.Name, Kind, name);
            if (obj is not { IsDeleted: true })
            {
                throw KeyVaultErrors.NotFound(Secret, name).ToException();
            }
            RefuseManaged(LatestDoc(s, dp, obj), "recover");
            s.MarkRecovered(dp.Vault.Name, Kind, obj.Name);
            var latest = Doc(s.GetVersion(dp.Vault.Name, Kind, obj.Name, obj.LatestVersion)!);
            return SecretJson.Bundle(dp, obj.Name, obj.LatestVersion, latest, includeValue: false);
        });
    }

    public void Purge(DataPlaneContext dp, string name)
    {
        SecretRules.ValidateName(name);
        database.Write(s =>
        {
            var obj = s.GetObject(dp.Vault.Name, Kind, name);
            if (obj is not { IsDeleted: true })
            {
                throw KeyVaultErrors.DeletedNotFound(Secret, name).ToException();
            }
            RefuseManaged(LatestDoc(s, dp, obj), "purge");
            if (dp.Vault.EnablePurgeProtection)
            {
                throw KeyVaultErrors.PurgeProtected().ToException();
            }
            s.Purge(dp.Vault.Name, Kind, obj.Name);
        });
    }

    // ------------------------------------------------------------------ backup / restore

    public JsonObject Backup(DataPlaneContext dp, string name)
    {
        SecretRules.ValidateName(name);
        var blob = database.Read(s =>
        {
            var obj = s.GetObject(dp.Vault.Name, Kind, name);
            if (obj is null || obj.IsDeleted)
            {
                throw KeyVaultErrors.NotFound(Secret, name).ToException();
            }
            RefuseManaged(LatestDoc(s, dp, obj), "backup");
            var backup = new SecretBackup
            {
                SourceVault = dp.Vault.Name,
                Name = obj.Name,
                LatestVersion = obj.LatestVersion,
                BackedUpAt = Now,
                Versions = s.AllVersions(dp.Vault.Name, Kind, obj.Name)
                    .Select(v => new SecretBackupVersion { Version = v.Version, Document = Doc(v) })
                    .ToList(),
            };
            return backups.Protect(Kind, JsonSerializer.Serialize(backup, StorageJson.Options));
        });
        return new JsonObject { ["value"] = Base64UrlEncoder.Encode(blob) };
    }

    public JsonObject Restore(DataPlaneContext dp, JsonObject body)
    {
        if (body["value"] is not JsonValue v || !v.TryGetValue<string>(out var encoded) || encoded.Length == 0)
        {
            throw KeyVaultErrors.BadParameter("The property 'value' (the backup blob) is required.").ToException();
        }
        SecretBackup? backup = null;
        try
        {
            var json = backups.TryUnprotect(Kind, Base64UrlEncoder.DecodeBytes(encoded));
            backup = json is null ? null : JsonSerializer.Deserialize<SecretBackup>(json, StorageJson.Options);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or JsonException)
        {
            backup = null;
        }
        if (backup is null || backup.FormatVersion != 1 || backup.Versions.Count == 0)
        {
            throw KeyVaultErrors.BadParameter(
                "Backup blob contains invalid or corrupt version: it was altered, is not a secret backup, or was made by an emulator with another data folder.")
                .ToException();
        }

        return database.Write(s =>
        {
            var existing = s.GetObject(dp.Vault.Name, Kind, backup.Name);
            if (existing is not null)
            {
                throw (existing.IsDeleted
                    ? KeyVaultErrors.DeletedButRecoverable(Secret, existing.Name)
                    : KeyVaultErrors.AlreadyExists(Secret, existing.Name)).ToException();
            }
            var ordered = backup.Versions.Where(x => x.Version != backup.LatestVersion)
                .Concat(backup.Versions.Where(x => x.Version == backup.LatestVersion));
            foreach (var version in ordered)
            {
                s.AddVersion(dp.Vault.Name, Kind, backup.Name, version.Version, StorageJson.Serialize(version.Document));
            }
            var latest = backup.Versions.First(x => x.Version == backup.LatestVersion);
            return SecretJson.Bundle(dp, backup.Name, latest.Version, latest.Document, includeValue: false);
        });
    }

    // ------------------------------------------------------------------ helpers

    private (StoredVersion Stored, SecretDocument Doc) FindActiveVersion(DataPlaneContext dp, string name, string? version) =>
        database.Read(s => FindActiveVersion(s, dp, name, version));

    private static (StoredVersion Stored, SecretDocument Doc) FindActiveVersion(StorageSession s, DataPlaneContext dp, string name, string? version)
    {
        SecretRules.ValidateName(name);
        // "" and "/" (and "%2F", as the C++ client sends an empty version) mean the latest version, as in the service.
        var latest = string.IsNullOrEmpty(version) || version == "/" || version.Equals("%2F", StringComparison.OrdinalIgnoreCase);
        var obj = s.GetObject(dp.Vault.Name, Kind, name);
        if (obj is null || obj.IsDeleted || (!latest && !SecretRules.IsVersion(version!)))
        {
            throw KeyVaultErrors.NotFound(Secret, latest ? name : $"{name}/{version}").ToException();
        }
        var stored = s.GetVersion(dp.Vault.Name, Kind, obj.Name, latest ? obj.LatestVersion : version!)
            ?? throw KeyVaultErrors.NotFound(Secret, $"{name}/{version}").ToException();
        return (stored with { Name = obj.Name }, Doc(stored));
    }

    private static SecretDocument Doc(StoredVersion v) => StorageJson.Deserialize<SecretDocument>(v.Document);

    private static SecretDocument LatestDoc(StorageSession s, DataPlaneContext dp, StoredObject obj) =>
        Doc(s.GetVersion(dp.Vault.Name, Kind, obj.Name, obj.LatestVersion)!);

    private static void RefuseManaged(SecretDocument doc, string operation)
    {
        if (doc.Managed)
        {
            throw KeyVaultErrors.ManagedByKeyVault(Secret, operation).ToException();
        }
    }

    /// <summary>The document with its value in clear (certificate-backed secrets keep it encrypted at rest).</summary>
    private SecretDocument Reveal(string version, SecretDocument doc) =>
        doc.ProtectedValue is null
            ? doc
            : doc with { Value = System.Text.Encoding.UTF8.GetString(material.Unprotect(doc.ProtectedValue, SecretDocument.ProtectionBinding(version))) };

    private static string? ReadOptionalString(JsonObject body, string property)
    {
        var node = body[property];
        if (node is null)
        {
            return null;
        }
        return node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw KeyVaultErrors.BadParameter($"The property '{property}' must be a string.").ToException();
    }

    private sealed record RequestAttributes(bool? Enabled, long? NotBefore, long? Expires);

    private static RequestAttributes ReadAttributes(JsonNode? node)
    {
        if (node is null)
        {
            return new RequestAttributes(null, null, null);
        }
        if (node is not JsonObject obj)
        {
            throw KeyVaultErrors.BadParameter("'attributes' must be an object.").ToException();
        }
        try
        {
            return new RequestAttributes(
                obj["enabled"]?.GetValue<bool>(),
                obj["nbf"]?.GetValue<long>(),
                obj["exp"]?.GetValue<long>());
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw KeyVaultErrors.BadParameter("'attributes' has a value of the wrong type (enabled: boolean; nbf, exp: epoch seconds).").ToException();
        }
    }
}

/// <summary>The JSON inside a secret backup blob (see <see cref="BackupProtector"/>).</summary>
public sealed record SecretBackup
{
    public string Format { get; init; } = "VaultToolsEmulatorSecretBackup";
    public int FormatVersion { get; init; } = 1;
    public required string SourceVault { get; init; }
    public required string Name { get; init; }
    public required string LatestVersion { get; init; }
    public long BackedUpAt { get; init; }
    public required List<SecretBackupVersion> Versions { get; init; }
}

public sealed record SecretBackupVersion
{
    public required string Version { get; init; }
    public required SecretDocument Document { get; init; }
}
