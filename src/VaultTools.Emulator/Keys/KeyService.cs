using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Keys;

/// <summary>
/// The keys data plane (spec/keys.json, api-version 2025-07-01 and older): create, import, get,
/// list, versions, update, soft delete, deleted get/list, recover, purge, backup, restore, rotate,
/// rotation policy, and the cryptographic operations. Bodies follow the recorded service responses.
/// Private keys are generated and used here, stored only encrypted (<see cref="KeyMaterialProtector"/>)
/// and never written into a response. Delete and recover take effect at once, as for secrets.
/// </summary>
public sealed class KeyService(EmulatorDatabase database, BackupProtector backups, KeyMaterialProtector material, TimeProvider time)
{
    private const string Kind = "key";
    private const string PolicyKind = "keyrotationpolicy";
    private static readonly ObjectKind Key = ObjectKind.Key;

    private long Now => time.GetUtcNow().ToUnixTimeSeconds();

    // ------------------------------------------------------------------ create / import

    public JsonObject Create(DataPlaneContext dp, string name, JsonObject body)
    {
        KeyRules.ValidateName(name);
        var kty = KeyRules.ReadString(body, "kty")
            ?? throw KeyVaultErrors.BadParameter("The property 'kty' (the key type) is required.").ToException();
        var (isRsa, hsm) = kty switch
        {
            "RSA" => (true, false),
            "RSA-HSM" => (true, true),
            "EC" => (false, false),
            "EC-HSM" => (false, true),
            "oct" or "oct-HSM" => throw KeyVaultErrors.BadParameter($"Key type {kty} is not supported in a vault: symmetric keys need a Managed HSM.").ToException(),
            _ => throw KeyVaultErrors.BadParameter($"Invalid key type '{kty}'. Valid types for a vault: RSA, RSA-HSM, EC, EC-HSM.").ToException(),
        };
        CheckHsmAllowed(dp, hsm);
        var ops = KeyRules.ParseOperations(body["key_ops"], isRsa) ?? KeyRules.DefaultOperations(isRsa);
        var attributes = KeyRules.ReadAttributes(body["attributes"]);
        KeyRules.RefuseExportable(attributes, body);
        var tags = KeyRules.ParseTags(body["tags"]);

        KeyMaterial generated;
        if (isRsa)
        {
            var size = KeyRules.ReadInt(body, "key_size") ?? 2048;
            if (!KeyCrypto.RsaSizes.Contains(size))
            {
                throw KeyVaultErrors.BadParameter($"The RSA key size {size} is not supported; use 2048, 3072 or 4096.").ToException();
            }
            var exponent = KeyRules.ReadInt(body, "public_exponent");
            if (exponent is not null && exponent != KeyCrypto.RsaPublicExponent)
            {
                throw KeyVaultErrors.BadParameter($"The public exponent {exponent} is not supported; use 65537.").ToException();
            }
            generated = KeyCrypto.GenerateRsa(size);
        }
        else
        {
            var curve = KeyRules.ReadString(body, "crv") ?? "P-256";
            if (!KeyCrypto.IsCurve(curve))
            {
                throw KeyVaultErrors.BadParameter($"The curve '{curve}' is not supported; use P-256, P-384, P-521 or P-256K.").ToException();
            }
            generated = KeyCrypto.GenerateEc(curve);
        }
        return AddVersion(dp, name, kty, generated, ops, attributes, tags, keepCrv: null, operation: "create");
    }

    public JsonObject Import(DataPlaneContext dp, string name, JsonObject body)
    {
        KeyRules.ValidateName(name);
        if (body["key"] is not JsonObject jwk)
        {
            throw KeyVaultErrors.BadParameter("The property 'key' (the JSON web key to import) is required.").ToException();
        }
        if (jwk["key_hsm"] is not null)
        {
            throw KeyVaultErrors.NotImplementedFeature("bring-your-own-key import of HSM-protected keys (key_hsm)").ToException();
        }
        var jwkType = KeyRules.ReadString(jwk, "kty")
            ?? throw KeyVaultErrors.BadParameter("The key to import has no 'kty'.").ToException();
        var isRsa = jwkType switch
        {
            "RSA" or "RSA-HSM" => true,
            "EC" or "EC-HSM" => false,
            _ => throw KeyVaultErrors.BadParameter($"Key type '{jwkType}' cannot be imported into a vault; import RSA or EC keys.").ToException(),
        };
        bool hsm;
        try
        {
            hsm = body["Hsm"]?.GetValue<bool>() ?? jwkType.EndsWith("-HSM", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw KeyVaultErrors.BadParameter("The property 'Hsm' must be a boolean.").ToException();
        }
        CheckHsmAllowed(dp, hsm);
        var ops = KeyRules.ParseOperations(jwk["key_ops"], isRsa) ?? KeyRules.DefaultOperations(isRsa);
        var attributes = KeyRules.ReadAttributes(body["attributes"]);
        KeyRules.RefuseExportable(attributes, body);
        var tags = KeyRules.ParseTags(body["tags"]);
        var imported = KeyCrypto.FromJwk(jwk, isRsa);
        // The service echoes a crv given with an RSA key (recording KeyVaultKeyClient.ImportKey).
        var keepCrv = isRsa ? KeyRules.ReadString(jwk, "crv") : null;
        var kty = (isRsa ? "RSA" : "EC") + (hsm ? "-HSM" : "");
        return AddVersion(dp, name, kty, imported, ops, attributes, tags, keepCrv, operation: "import");
    }

    private JsonObject AddVersion(DataPlaneContext dp, string name, string kty, KeyMaterial key, List<string> ops,
        KeyRules.RequestAttributes attributes, Dictionary<string, string>? tags, string? keepCrv, string operation)
    {
        var version = KeyRules.NewVersion();
        var now = time.GetUtcNow();
        var (storedName, document) = database.Write(s =>
        {
            var existing = s.GetObject(dp.Vault.Name, Kind, name);
            if (existing is { IsDeleted: true })
            {
                throw KeyVaultErrors.DeletedButRecoverable(Key, existing.Name).ToException();
            }
            if (existing is not null)
            {
                RefuseManaged(LatestDoc(s, dp, existing), operation);
            }
            var storedName = existing?.Name ?? name;
            var document = new KeyDocument
            {
                Kty = kty,
                KeyOps = ops,
                N = key.N,
                E = key.E,
                Crv = key.Crv ?? keepCrv,
                X = key.X,
                Y = key.Y,
                PrivateKey = material.Protect(key.Pkcs8, version),
                Tags = tags,
                Enabled = attributes.Enabled ?? true,
                NotBefore = attributes.NotBefore,
                // A rotation policy's expiryTime applies to every new version that sets no expiry of its
                // own (recordings KeyVaultKeyClient.RotateKey and GetKeyRotationPolicy: create answers
                // exp = created + the policy's P48M).
                Expires = attributes.Expires ?? PolicyExpiry(s, dp, storedName, now),
                Created = now.ToUnixTimeSeconds(),
                Updated = now.ToUnixTimeSeconds(),
            };
            s.AddVersion(dp.Vault.Name, Kind, storedName, version, StorageJson.Serialize(document));
            return (storedName, document);
        });
        CryptographicOperations.ZeroMemory(key.Pkcs8);
        return KeyJson.Bundle(dp, storedName, version, document);
    }

    private static void CheckHsmAllowed(DataPlaneContext dp, bool hsm)
    {
        if (hsm && !string.Equals(dp.Vault.Sku, "premium", StringComparison.OrdinalIgnoreCase))
        {
            throw KeyVaultErrors.HsmNotAllowedOnStandardVault().ToException();
        }
    }

    // ------------------------------------------------------------------ get / update

    /// <summary>A disabled key is still readable (its public key and attributes); only operations are refused.</summary>
    public JsonObject Get(DataPlaneContext dp, string name, string? version)
    {
        var (stored, doc) = database.Read(s => FindActiveVersion(s, dp, name, version));
        return KeyJson.Bundle(dp, stored.Name, stored.Version, doc);
    }

    public JsonObject Update(DataPlaneContext dp, string name, string? version, JsonObject body)
    {
        KeyRules.ValidateName(name);
        var attributes = KeyRules.ReadAttributes(body["attributes"]);
        KeyRules.RefuseExportable(attributes, body);
        var tags = body.ContainsKey("tags") ? KeyRules.ParseTags(body["tags"]) : null;
        return database.Write(s =>
        {
            var (stored, doc) = FindActiveVersion(s, dp, name, version);
            RefuseManaged(doc, "update");
            var ops = KeyRules.ParseOperations(body["key_ops"], doc.IsRsa);
            var updated = doc with
            {
                KeyOps = ops ?? doc.KeyOps,
                Tags = body.ContainsKey("tags") ? tags : doc.Tags,
                Enabled = attributes.Enabled ?? doc.Enabled,
                NotBefore = attributes.NotBefore ?? doc.NotBefore,
                Expires = attributes.Expires ?? doc.Expires,
                Updated = Now,
            };
            s.ReplaceVersionDocument(dp.Vault.Name, Kind, stored.Name, stored.Version, StorageJson.Serialize(updated));
            return KeyJson.Bundle(dp, stored.Name, stored.Version, updated);
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
                .Select(x => (JsonNode)KeyJson.Item(dp, x.o.Name, null, Doc(x.Item2!)))
                .ToList();
            return (nodes, objects.ContinueAfter);
        });
        return page.ToListBody(items, next, dp.BaseUri, "/keys", dp.ApiVersion);
    }

    public JsonObject ListVersions(DataPlaneContext dp, string name, PageRequest page)
    {
        KeyRules.ValidateName(name);
        var (items, next) = database.Read(s =>
        {
            var obj = s.GetObject(dp.Vault.Name, Kind, name);
            if (obj is null || obj.IsDeleted)
            {
                return (new List<JsonNode>(), (string?)null); // the service answers an empty list
            }
            var versions = s.ListVersions(dp.Vault.Name, Kind, name, page.After, page.MaxResults);
            var nodes = versions.Items.Select(v => (JsonNode)KeyJson.Item(dp, obj.Name, v.Version, Doc(v))).ToList();
            return (nodes, versions.ContinueAfter);
        });
        return page.ToListBody(items, next, dp.BaseUri, $"/keys/{name}/versions", dp.ApiVersion);
    }

    // ------------------------------------------------------------------ soft delete

    public JsonObject Delete(DataPlaneContext dp, string name)
    {
        KeyRules.ValidateName(name);
        return database.Write(s =>
        {
            var obj = s.GetObject(dp.Vault.Name, Kind, name);
            if (obj is null || obj.IsDeleted)
            {
                throw KeyVaultErrors.NotFound(Key, name).ToException();
            }
            RefuseManaged(LatestDoc(s, dp, obj), "delete");
            var deleted = Now;
            var purge = deleted + dp.Vault.SoftDeleteRetentionInDays * 86_400L;
            s.MarkDeleted(dp.Vault.Name, Kind, obj.Name, deleted, purge);
            var latest = Doc(s.GetVersion(dp.Vault.Name, Kind, obj.Name, obj.LatestVersion)!);
            return KeyJson.DeletedBundle(dp, obj.Name, obj.LatestVersion, latest, deleted, purge);
        });
    }

    public JsonObject GetDeleted(DataPlaneContext dp, string name)
    {
        KeyRules.ValidateName(name);
        return database.Read(s =>
        {
            var obj = s.GetObject(dp.Vault.Name, Kind, name);
            if (obj is not { IsDeleted: true })
            {
                throw KeyVaultErrors.DeletedNotFound(Key, name).ToException();
            }
            var latest = Doc(s.GetVersion(dp.Vault.Name, Kind, obj.Name, obj.LatestVersion)!);
            return KeyJson.DeletedBundle(dp, obj.Name, obj.LatestVersion, latest, obj.DeletedDate!.Value, obj.ScheduledPurgeDate!.Value);
        });
    }

    public JsonObject ListDeleted(DataPlaneContext dp, PageRequest page)
    {
        var (items, next) = database.Read(s =>
        {
            // Keys deleted with their certificate are left out, as the service does (a page may then be
            // shorter than maxresults and still have a nextLink, which the service allows too).
            var objects = s.ListObjects(dp.Vault.Name, Kind, deleted: true, page.After, page.MaxResults);
            var nodes = objects.Items
                .Select(o => (o, Doc: Doc(s.GetVersion(dp.Vault.Name, Kind, o.Name, o.LatestVersion)!)))
                .Where(x => !x.Doc.Managed)
                .Select(x => (JsonNode)KeyJson.DeletedItem(dp, x.o.Name, x.Doc, x.o.DeletedDate!.Value, x.o.ScheduledPurgeDate!.Value))
                .ToList();
            return (nodes, objects.ContinueAfter);
        });
        return page.ToListBody(items, next, dp.BaseUri, "/deletedkeys", dp.ApiVersion);
    }

    public JsonObject Recover(DataPlaneContext dp, string name)
    {
        KeyRules.ValidateName(name);
        return database.Write(s =>
        {
            var obj = s.GetObject(dp.Vault.Name, Kind, name);
            if (obj is not { IsDeleted: true })
            {
                throw KeyVaultErrors.NotFound(Key, name).ToException();
            }
            RefuseManaged(LatestDoc(s, dp, obj), "recover");
            s.MarkRecovered(dp.Vault.Name, Kind, obj.Name);
            var latest = Doc(s.GetVersion(dp.Vault.Name, Kind, obj.Name, obj.LatestVersion)!);
            return KeyJson.Bundle(dp, obj.Name, obj.LatestVersion, latest);
        });
    }

    /// <summary>
    /// Purges a deleted key and all its versions. Its rotation policy stays with the name, as the
    /// service's does: the C++ recordings create a key under a reused name and get the expiry of a
    /// policy set minutes earlier in a previous run.
    /// </summary>
    public void Purge(DataPlaneContext dp, string name)
    {
        KeyRules.ValidateName(name);
        database.Write(s =>
        {
            var obj = s.GetObject(dp.Vault.Name, Kind, name);
            if (obj is not { IsDeleted: true })
            {
                throw KeyVaultErrors.DeletedNotFound(Key, name).ToException();
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
        KeyRules.ValidateName(name);
        var blob = database.Read(s =>
        {
            var obj = s.GetObject(dp.Vault.Name, Kind, name);
            if (obj is null || obj.IsDeleted)
            {
                throw KeyVaultErrors.NotFound(Key, name).ToException();
            }
            RefuseManaged(LatestDoc(s, dp, obj), "backup");
            var policy = s.GetSetting(dp.Vault.Name, PolicyKind, obj.Name);
            var backup = new KeyBackup
            {
                SourceVault = dp.Vault.Name,
                Name = obj.Name,
                LatestVersion = obj.LatestVersion,
                BackedUpAt = Now,
                // Inside the blob (AES-GCM under backup.key) the private keys travel as PKCS#8;
                // restore encrypts them again for storage.
                Versions = s.AllVersions(dp.Vault.Name, Kind, obj.Name).Select(v =>
                {
                    var doc = Doc(v);
                    return new KeyBackupVersion
                    {
                        Version = v.Version,
                        Document = doc with { PrivateKey = "" },
                        PrivateKeyPkcs8 = Convert.ToBase64String(material.Unprotect(doc.PrivateKey, v.Version)),
                    };
                }).ToList(),
                RotationPolicy = policy is null ? null : StorageJson.Deserialize<RotationPolicyDocument>(policy),
            };
            return backups.Protect(Kind, JsonSerializer.Serialize(backup, StorageJson.Options));
        });
        return new JsonObject { ["value"] = B64.Encode(blob) };
    }

    public JsonObject Restore(DataPlaneContext dp, JsonObject body)
    {
        var encoded = KeyRules.ReadString(body, "value");
        if (string.IsNullOrEmpty(encoded))
        {
            throw KeyVaultErrors.BadParameter("The property 'value' (the backup blob) is required.").ToException();
        }
        KeyBackup? backup;
        try
        {
            var json = backups.TryUnprotect(Kind, B64.Decode(encoded));
            backup = json is null ? null : JsonSerializer.Deserialize<KeyBackup>(json, StorageJson.Options);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or JsonException)
        {
            backup = null;
        }
        if (backup is null || backup.FormatVersion != 1 || backup.Versions.Count == 0 || backup.Versions.All(v => v.Version != backup.LatestVersion))
        {
            throw KeyVaultErrors.BadParameter(
                "Backup blob contains invalid or corrupt version: it was altered, is not a key backup, or was made by an emulator with another data folder.")
                .ToException();
        }
        CheckHsmAllowed(dp, backup.Versions.Any(v => v.Document.IsHsm));

        return database.Write(s =>
        {
            var existing = s.GetObject(dp.Vault.Name, Kind, backup.Name);
            if (existing is not null)
            {
                throw (existing.IsDeleted
                    ? KeyVaultErrors.DeletedButRecoverable(Key, existing.Name)
                    : KeyVaultErrors.AlreadyExists(Key, existing.Name)).ToException();
            }
            var ordered = backup.Versions.Where(x => x.Version != backup.LatestVersion)
                .Concat(backup.Versions.Where(x => x.Version == backup.LatestVersion));
            KeyDocument? latest = null;
            foreach (var version in ordered)
            {
                var pkcs8 = Convert.FromBase64String(version.PrivateKeyPkcs8);
                var doc = version.Document with { PrivateKey = material.Protect(pkcs8, version.Version) };
                CryptographicOperations.ZeroMemory(pkcs8);
                s.AddVersion(dp.Vault.Name, Kind, backup.Name, version.Version, StorageJson.Serialize(doc));
                latest = doc;
            }
            if (backup.RotationPolicy is not null)
            {
                s.SetSetting(dp.Vault.Name, PolicyKind, backup.Name, StorageJson.Serialize(backup.RotationPolicy));
            }
            return KeyJson.Bundle(dp, backup.Name, backup.LatestVersion, latest!);
        });
    }

    // ------------------------------------------------------------------ rotation

    /// <summary>
    /// A new version with the latest version's type, size or curve, key_ops and tags and new key
    /// material; its expiry is the rotation policy's expiryTime from now, when the policy has one.
    /// </summary>
    public JsonObject Rotate(DataPlaneContext dp, string name)
    {
        KeyRules.ValidateName(name);
        var (_, current) = database.Read(s => FindActiveVersion(s, dp, name, null));
        RefuseManaged(current, "rotate");
        var generated = current.IsRsa ? KeyCrypto.GenerateRsa(KeyCrypto.RsaSize(current)) : KeyCrypto.GenerateEc(current.Crv!);
        var version = KeyRules.NewVersion();
        var now = time.GetUtcNow();
        var (storedName, document) = database.Write(s =>
        {
            // Read again inside the transaction: the key may have been deleted since.
            var (stored, latest) = FindActiveVersion(s, dp, name, null);
            var document = new KeyDocument
            {
                Kty = latest.Kty,
                KeyOps = latest.KeyOps,
                N = generated.N,
                E = generated.E,
                Crv = generated.Crv,
                X = generated.X,
                Y = generated.Y,
                PrivateKey = material.Protect(generated.Pkcs8, version),
                Tags = latest.Tags,
                Enabled = true,
                Expires = PolicyExpiry(s, dp, stored.Name, now),
                Created = now.ToUnixTimeSeconds(),
                Updated = now.ToUnixTimeSeconds(),
            };
            s.AddVersion(dp.Vault.Name, Kind, stored.Name, version, StorageJson.Serialize(document));
            return (stored.Name, document);
        });
        CryptographicOperations.ZeroMemory(generated.Pkcs8);
        return KeyJson.Bundle(dp, storedName, version, document);
    }

    public JsonObject GetRotationPolicy(DataPlaneContext dp, string name)
    {
        KeyRules.ValidateName(name);
        var (storedName, policy) = database.Read(s =>
        {
            var obj = ActiveObject(s, dp, name);
            var setting = s.GetSetting(dp.Vault.Name, PolicyKind, obj.Name);
            return (obj.Name, setting is null ? null : StorageJson.Deserialize<RotationPolicyDocument>(setting));
        });
        return KeyJson.RotationPolicy(dp, storedName, policy);
    }

    /// <summary>Replaces the policy (what is not given is dropped, as the PUT replaces the resource); created stays.</summary>
    public JsonObject SetRotationPolicy(DataPlaneContext dp, string name, JsonObject body)
    {
        KeyRules.ValidateName(name);
        var (actions, expiryTime) = KeyRules.ParseRotationPolicy(body);
        var (storedName, policy) = database.Write(s =>
        {
            var obj = ActiveObject(s, dp, name);
            RefuseManaged(LatestDoc(s, dp, obj), "setrotationpolicy");
            var setting = s.GetSetting(dp.Vault.Name, PolicyKind, obj.Name);
            var existing = setting is null ? null : StorageJson.Deserialize<RotationPolicyDocument>(setting);
            var now = Now;
            var same = existing is not null && existing.ExpiryTime == expiryTime && existing.LifetimeActions.SequenceEqual(actions);
            var policy = new RotationPolicyDocument
            {
                LifetimeActions = actions,
                ExpiryTime = expiryTime,
                Created = existing?.Created ?? now,
                Updated = same ? existing!.Updated : now,
            };
            s.SetSetting(dp.Vault.Name, PolicyKind, obj.Name, StorageJson.Serialize(policy));
            return (obj.Name, policy);
        });
        return KeyJson.RotationPolicy(dp, storedName, policy);
    }

    private static long? PolicyExpiry(StorageSession s, DataPlaneContext dp, string name, DateTimeOffset now)
    {
        var setting = s.GetSetting(dp.Vault.Name, PolicyKind, name);
        var expiry = setting is null ? null : IsoDuration.TryParse(StorageJson.Deserialize<RotationPolicyDocument>(setting).ExpiryTime);
        return expiry?.AddTo(now).ToUnixTimeSeconds();
    }

    // ------------------------------------------------------------------ cryptographic operations

    /// <summary>The operation names of the REST API, as the key_ops and messages spell them.</summary>
    public enum Operation { Encrypt, Decrypt, WrapKey, UnwrapKey, Sign, Verify }

    private static string OperationName(Operation operation) => operation switch
    {
        Operation.Encrypt => "encrypt",
        Operation.Decrypt => "decrypt",
        Operation.WrapKey => "wrapKey",
        Operation.UnwrapKey => "unwrapKey",
        Operation.Sign => "sign",
        _ => "verify",
    };

    /// <summary>
    /// POST /keys/{name}/{version}/{operation}: disabled keys refuse every operation (403 KeyDisabled);
    /// an operation not in key_ops is 403 KeyOperationForbidden; then the algorithm and value are checked.
    /// </summary>
    public JsonObject Operate(DataPlaneContext dp, string name, string? version, Operation operation, JsonObject body)
    {
        var (stored, doc) = database.Read(s => FindActiveVersion(s, dp, name, version));
        var op = OperationName(operation);
        if (!doc.Enabled)
        {
            throw KeyVaultErrors.DisabledObject(Key.Singular, op).ToException();
        }
        if (!doc.KeyOps.Contains(op))
        {
            throw KeyVaultErrors.KeyOperationForbidden(op).ToException();
        }
        var algorithm = KeyRules.ReadString(body, "alg")
            ?? throw KeyVaultErrors.BadParameter("The property 'alg' (the algorithm) is required.").ToException();
        var value = B64.DecodeParameter(KeyRules.ReadString(body, "value")
            ?? throw KeyVaultErrors.BadParameter("The property 'value' is required.").ToException(), "value");

        var pkcs8 = material.Unprotect(doc.PrivateKey, stored.Version);
        try
        {
            switch (operation)
            {
                case Operation.Encrypt:
                case Operation.WrapKey:
                    return KeyJson.OperationResult(dp, stored.Name, stored.Version, KeyCrypto.Encrypt(doc, pkcs8, algorithm, value));
                case Operation.Decrypt:
                case Operation.UnwrapKey:
                    return KeyJson.OperationResult(dp, stored.Name, stored.Version, KeyCrypto.Decrypt(doc, pkcs8, algorithm, value));
                case Operation.Sign:
                    return KeyJson.OperationResult(dp, stored.Name, stored.Version, KeyCrypto.Sign(doc, pkcs8, algorithm, value));
                default:
                    var digest = B64.DecodeParameter(KeyRules.ReadString(body, "digest")
                        ?? throw KeyVaultErrors.BadParameter("The property 'digest' is required.").ToException(), "digest");
                    // The request's "value" is the signature; the answer is {"value": true|false}.
                    return new JsonObject { ["value"] = KeyCrypto.Verify(doc, pkcs8, algorithm, digest, value) };
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static StoredObject ActiveObject(StorageSession s, DataPlaneContext dp, string name)
    {
        var obj = s.GetObject(dp.Vault.Name, Kind, name);
        return obj is null || obj.IsDeleted ? throw KeyVaultErrors.NotFound(Key, name).ToException() : obj;
    }

    private static (StoredVersion Stored, KeyDocument Doc) FindActiveVersion(StorageSession s, DataPlaneContext dp, string name, string? version)
    {
        KeyRules.ValidateName(name);
        // "" and "/" (and "%2F", as the C++ client sends an empty version) mean the latest version, as in the service.
        var latest = string.IsNullOrEmpty(version) || version == "/" || version.Equals("%2F", StringComparison.OrdinalIgnoreCase);
        var obj = s.GetObject(dp.Vault.Name, Kind, name);
        if (obj is null || obj.IsDeleted || (!latest && !KeyRules.IsVersion(version!)))
        {
            throw KeyVaultErrors.NotFound(Key, latest ? name : $"{name}/{version}").ToException();
        }
        var stored = s.GetVersion(dp.Vault.Name, Kind, obj.Name, latest ? obj.LatestVersion : version!)
            ?? throw KeyVaultErrors.NotFound(Key, $"{name}/{version}").ToException();
        return (stored with { Name = obj.Name }, Doc(stored));
    }

    private static KeyDocument Doc(StoredVersion v) => StorageJson.Deserialize<KeyDocument>(v.Document);

    private static KeyDocument LatestDoc(StorageSession s, DataPlaneContext dp, StoredObject obj) =>
        Doc(s.GetVersion(dp.Vault.Name, Kind, obj.Name, obj.LatestVersion)!);

    /// <summary>
    /// A key that backs a certificate is written, deleted, recovered, purged, backed up and rotated only
    /// through its certificate (Certificates/); reading it and cryptographic operations are allowed.
    /// </summary>
    private static void RefuseManaged(KeyDocument doc, string operation)
    {
        if (doc.Managed)
        {
            throw KeyVaultErrors.ManagedByKeyVault(Key, operation).ToException();
        }
    }
}

/// <summary>The JSON inside a key backup blob (see <see cref="BackupProtector"/>).</summary>
public sealed record KeyBackup
{
    public string Format { get; init; } = "VaultToolsEmulatorKeyBackup";
    public int FormatVersion { get; init; } = 1;
    public required string SourceVault { get; init; }
    public required string Name { get; init; }
    public required string LatestVersion { get; init; }
    public long BackedUpAt { get; init; }
    public required List<KeyBackupVersion> Versions { get; init; }
    public RotationPolicyDocument? RotationPolicy { get; init; }
}

public sealed record KeyBackupVersion
{
    public required string Version { get; init; }
    /// <summary>The stored document without its (storage-encrypted) private key.</summary>
    public required KeyDocument Document { get; init; }
    /// <summary>The private key, PKCS#8, base64; protected by the blob's own encryption.</summary>
    public required string PrivateKeyPkcs8 { get; init; }
}
