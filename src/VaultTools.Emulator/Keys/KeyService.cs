using System.Security.Cryptography;
using System.Text.Json.Nodes;
using VaultTools.Emulator.Entries;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Keys;

/// <summary>
/// The keys data plane (the keys REST specification, api-version 2025-07-01 and older): create, import, get,
/// update, rotate, rotation policy and the cryptographic operations here; lists, soft delete, deleted
/// get/list, recover, purge, backup and restore are the entry lifecycle
/// (<see cref="EntryService{TDocument, TBackup, TBackupVersion}"/>). Bodies follow the recorded service
/// responses. Private keys are generated and used here, stored only encrypted (<see cref="KeyMaterialProtector"/>)
/// and never written into a response.
/// </summary>
public sealed class KeyService(EmulatorDatabase database, BackupProtector backups, KeyMaterialProtector material, TimeProvider time,
    EntryVisibility visibility)
    : EntryService<KeyDocument, KeyBackup, KeyBackupVersion>(ObjectKind.Key, database, backups, visibility, time)
{
    /// <summary>
    /// The rotation policy (a vault setting named after the key). Not <c>key.something</c>, so a purge leaves it
    /// with the name, as the service does: the C++ recordings create a key under a reused name and get the
    /// expiry of a policy set minutes earlier in a previous run.
    /// </summary>
    public const string PolicyKind = "keyrotationpolicy";

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
        KeyRules.CheckHsmAllowed(dp.Vault, hsm);
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
        KeyRules.CheckHsmAllowed(dp.Vault, hsm);
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
        EntryRequest.Attributes attributes, Dictionary<string, string>? tags, string? keepCrv, string operation)
    {
        var version = KeyRules.NewVersion();
        var now = Time.GetUtcNow();
        var (storedName, document) = Database.Write(s =>
        {
            var storedName = NameForNewVersion(s, dp, name, operation);
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
            s.AddVersion(dp.Vault.Name, Kind.StorageKind, storedName, version, StorageJson.Serialize(document));
            return (storedName, document);
        });
        CryptographicOperations.ZeroMemory(key.Pkcs8);
        return KeyJson.Bundle(dp, storedName, version, document);
    }

    // ------------------------------------------------------------------ get / update

    /// <summary>A disabled key is still readable (its public key and attributes); only operations are refused.</summary>
    public override JsonObject Get(DataPlaneContext dp, string name, string? version)
    {
        var found = Database.Read(s => FindActiveVersion(s, dp, name, version));
        return KeyJson.Bundle(dp, found.Name, found.Version, found.Document);
    }

    public override JsonObject Update(DataPlaneContext dp, string name, string? version, JsonObject body)
    {
        KeyRules.ValidateName(name);
        var attributes = KeyRules.ReadAttributes(body["attributes"]);
        KeyRules.RefuseExportable(attributes, body);
        var tags = body.ContainsKey("tags") ? KeyRules.ParseTags(body["tags"]) : null;
        return Database.Write(s =>
        {
            var found = FindActiveVersion(s, dp, name, version);
            var doc = found.Document;
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
            s.ReplaceVersionDocument(dp.Vault.Name, Kind.StorageKind, found.Name, found.Version, StorageJson.Serialize(updated));
            return KeyJson.Bundle(dp, found.Name, found.Version, updated);
        });
    }

    // ------------------------------------------------------------------ the lifecycle's hooks (Entries/EntryService)

    /// <summary>
    /// A key that backs a certificate is written, deleted, recovered, purged, backed up and rotated only
    /// through its certificate (Certificates/); reading it and cryptographic operations are allowed.
    /// </summary>
    protected override bool IsManaged(KeyDocument doc) => doc.Managed;

    protected override JsonObject ListItem(DataPlaneContext dp, string name, string? version, KeyDocument doc) =>
        KeyJson.Item(dp, name, version, doc);

    protected override JsonObject DeletedListItem(DataPlaneContext dp, string name, KeyDocument doc, long deletedDate, long scheduledPurgeDate) =>
        KeyJson.DeletedItem(dp, name, doc, deletedDate, scheduledPurgeDate);

    protected override JsonObject DeletedBundle(StorageSession s, DataPlaneContext dp, string name, string version, KeyDocument doc,
        long deletedDate, long scheduledPurgeDate) =>
        KeyJson.DeletedBundle(dp, name, version, doc, deletedDate, scheduledPurgeDate);

    protected override JsonObject RecoveredBundle(StorageSession s, DataPlaneContext dp, string name, string version, KeyDocument doc) =>
        KeyJson.Bundle(dp, name, version, doc);

    /// <summary>Inside the blob (AES-GCM under backup.key) the private keys travel as PKCS#8; restore encrypts them again for storage.</summary>
    protected override KeyBackup CreateBackup(StorageSession s, DataPlaneContext dp, StoredObject entry)
    {
        var policy = s.GetSetting(dp.Vault.Name, PolicyKind, entry.Name);
        return new KeyBackup
        {
            Versions = s.AllVersions(dp.Vault.Name, Kind.StorageKind, entry.Name).Select(v =>
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
    }

    protected override void CheckRestorable(DataPlaneContext dp, KeyBackup backup) =>
        KeyRules.CheckHsmAllowed(dp.Vault, backup.Versions.Any(v => v.Document.IsHsm));

    protected override KeyDocument RestoreVersion(StorageSession s, DataPlaneContext dp, string name, KeyBackupVersion version)
    {
        var pkcs8 = Convert.FromBase64String(version.PrivateKeyPkcs8);
        var doc = version.Document with { PrivateKey = material.Protect(pkcs8, version.Version) };
        CryptographicOperations.ZeroMemory(pkcs8);
        s.AddVersion(dp.Vault.Name, Kind.StorageKind, name, version.Version, StorageJson.Serialize(doc));
        return doc;
    }

    protected override void RestoreSettings(StorageSession s, DataPlaneContext dp, KeyBackup backup)
    {
        if (backup.RotationPolicy is not null)
        {
            s.SetSetting(dp.Vault.Name, PolicyKind, backup.Name, StorageJson.Serialize(backup.RotationPolicy));
        }
    }

    protected override string? ReadBackupValue(JsonObject body) => KeyRules.ReadString(body, "value");

    protected override byte[] DecodeBackup(string encoded) => B64.Decode(encoded);

    // ------------------------------------------------------------------ rotation

    /// <summary>
    /// A new version with the latest version's type, size or curve, key_ops and tags and new key
    /// material; its expiry is the rotation policy's expiryTime from now, when the policy has one.
    /// </summary>
    public JsonObject Rotate(DataPlaneContext dp, string name)
    {
        KeyRules.ValidateName(name);
        var current = Database.Read(s => FindActiveVersion(s, dp, name, null)).Document;
        RefuseManaged(current, "rotate");
        var generated = current.IsRsa ? KeyCrypto.GenerateRsa(KeyCrypto.RsaSize(current)) : KeyCrypto.GenerateEc(current.Crv!);
        var version = KeyRules.NewVersion();
        var now = Time.GetUtcNow();
        var (storedName, document) = Database.Write(s =>
        {
            // Read again inside the transaction: the key may have been deleted since.
            var found = FindActiveVersion(s, dp, name, null);
            var latest = found.Document;
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
                Expires = PolicyExpiry(s, dp, found.Name, now),
                Created = now.ToUnixTimeSeconds(),
                Updated = now.ToUnixTimeSeconds(),
            };
            s.AddVersion(dp.Vault.Name, Kind.StorageKind, found.Name, version, StorageJson.Serialize(document));
            return (found.Name, document);
        });
        CryptographicOperations.ZeroMemory(generated.Pkcs8);
        return KeyJson.Bundle(dp, storedName, version, document);
    }

    public JsonObject GetRotationPolicy(DataPlaneContext dp, string name)
    {
        KeyRules.ValidateName(name);
        var (storedName, policy) = Database.Read(s =>
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
        var (storedName, policy) = Database.Write(s =>
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
        var expiry = setting is null ? null : Iso8601Duration.TryParse(StorageJson.Deserialize<RotationPolicyDocument>(setting).ExpiryTime);
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
    /// an operation not in key_ops is 403 KeyOperationForbidden; encrypt, wrapKey and sign outside the key's
    /// nbf/exp window (on the emulator's clock) are 403; then the algorithm and value are checked.
    /// </summary>
    public JsonObject Operate(DataPlaneContext dp, string name, string? version, Operation operation, JsonObject body)
    {
        var found = Database.Read(s => FindActiveVersion(s, dp, name, version));
        var doc = found.Document;
        var op = OperationName(operation);
        if (!doc.Enabled)
        {
            throw KeyVaultErrors.DisabledObject(Kind.Singular, op).ToException();
        }
        if (!doc.KeyOps.Contains(op))
        {
            throw KeyVaultErrors.KeyOperationForbidden(op).ToException();
        }
        if (operation is Operation.Encrypt or Operation.WrapKey or Operation.Sign)
        {
            var now = Now;
            if (doc.Expires is { } exp && now >= exp)
            {
                throw KeyVaultErrors.KeyOutsideValidity(op, expired: true).ToException();
            }
            if (doc.NotBefore is { } nbf && now < nbf)
            {
                throw KeyVaultErrors.KeyOutsideValidity(op, expired: false).ToException();
            }
        }
        var algorithm = KeyRules.ReadString(body, "alg")
            ?? throw KeyVaultErrors.BadParameter("The property 'alg' (the algorithm) is required.").ToException();
        var value = B64.DecodeParameter(KeyRules.ReadString(body, "value")
            ?? throw KeyVaultErrors.BadParameter("The property 'value' is required.").ToException(), "value");

        var pkcs8 = material.Unprotect(doc.PrivateKey, found.Version);
        try
        {
            switch (operation)
            {
                case Operation.Encrypt:
                case Operation.WrapKey:
                    return KeyJson.OperationResult(dp, found.Name, found.Version, KeyCrypto.Encrypt(doc, pkcs8, algorithm, value));
                case Operation.Decrypt:
                case Operation.UnwrapKey:
                    return KeyJson.OperationResult(dp, found.Name, found.Version, KeyCrypto.Decrypt(doc, pkcs8, algorithm, value));
                case Operation.Sign:
                    return KeyJson.OperationResult(dp, found.Name, found.Version, KeyCrypto.Sign(doc, pkcs8, algorithm, value));
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
}

/// <summary>The JSON inside a key backup blob (see <see cref="BackupProtector"/>).</summary>
public sealed record KeyBackup() : EntryBackup<KeyBackupVersion>("VaultToolsEmulatorKeyBackup")
{
    public RotationPolicyDocument? RotationPolicy { get; init; }
}

public sealed record KeyBackupVersion : IEntryBackupVersion
{
    public required string Version { get; init; }
    /// <summary>The stored document without its (storage-encrypted) private key.</summary>
    public required KeyDocument Document { get; init; }
    /// <summary>The private key, PKCS#8, base64; protected by the blob's own encryption.</summary>
    public required string PrivateKeyPkcs8 { get; init; }
}
