using System;
using System.Collections.Generic;
using System.Text.Json;

namespace VaultTools.Keys.Client
{
    /// <summary>A key's attributes and identity, without key material (keys.json KeyItem / KeyAttributes).</summary>
    internal class KeyProperties
    {
        public KeyProperties(string name) => Name = name;

        public Uri? Id { get; internal set; }
        public string Name { get; internal set; }
        public string? Version { get; internal set; }
        public Uri? VaultUri { get; internal set; }
        public bool? Enabled { get; set; }
        public DateTimeOffset? NotBefore { get; set; }
        public DateTimeOffset? ExpiresOn { get; set; }
        public DateTimeOffset? CreatedOn { get; internal set; }
        public DateTimeOffset? UpdatedOn { get; internal set; }
        public string? RecoveryLevel { get; internal set; }
        public int? RecoverableDays { get; internal set; }
        public bool Managed { get; internal set; }
        public bool? Exportable { get; set; }
        public string? HsmPlatform { get; internal set; }
        public IDictionary<string, string> Tags { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Sets Id, VaultUri, Name and Version from a kid: https://vault/keys/name[/version].</summary>
        internal void SetId(string? kid)
        {
            if (kid is null || !Uri.TryCreate(kid, UriKind.Absolute, out var id))
            {
                return;
            }

            Id = id;
            VaultUri = new Uri(id.GetLeftPart(UriPartial.Authority) + "/");
            string[] segments = id.AbsolutePath.Trim('/').Split('/');
            if (segments.Length >= 2)
            {
                Name = Uri.UnescapeDataString(segments[1]);
            }

            Version = segments.Length >= 3 && segments[2].Length > 0 ? segments[2] : null;
        }

        internal void ReadAttributes(JsonElement attributes)
        {
            foreach (var p in attributes.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "enabled": Enabled = p.Value.ValueKind == JsonValueKind.True ? true : p.Value.ValueKind == JsonValueKind.False ? false : (bool?)null; break;
                    case "nbf": NotBefore = Time(p.Value); break;
                    case "exp": ExpiresOn = Time(p.Value); break;
                    case "created": CreatedOn = Time(p.Value); break;
                    case "updated": UpdatedOn = Time(p.Value); break;
                    case "recoveryLevel": RecoveryLevel = p.Value.GetString(); break;
                    case "recoverableDays": RecoverableDays = p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetInt32() : (int?)null; break;
                    case "exportable": Exportable = p.Value.ValueKind == JsonValueKind.True ? true : p.Value.ValueKind == JsonValueKind.False ? false : (bool?)null; break;
                    case "hsmPlatform": HsmPlatform = p.Value.GetString(); break;
                }
            }
        }

        /// <summary>Reads the fields shared by KeyBundle, KeyItem and their deleted forms.</summary>
        internal void ReadCommon(JsonElement root)
        {
            if (root.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object)
            {
                ReadAttributes(attributes);
            }

            if (root.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Object)
            {
                foreach (var tag in tags.EnumerateObject())
                {
                    Tags[tag.Name] = tag.Value.GetString() ?? "";
                }
            }

            if (root.TryGetProperty("managed", out var managed))
            {
                Managed = managed.ValueKind == JsonValueKind.True;
            }
        }

        /// <summary>Writes the writable attributes (enabled, nbf, exp, exportable), or nothing when none is set.</summary>
        internal void WriteAttributes(Utf8JsonWriter writer)
        {
            if (Enabled is null && NotBefore is null && ExpiresOn is null && Exportable is null)
            {
                return;
            }

            writer.WriteStartObject("attributes");
            if (Enabled != null) writer.WriteBoolean("enabled", Enabled.Value);
            if (NotBefore != null) writer.WriteNumber("nbf", NotBefore.Value.ToUnixTimeSeconds());
            if (ExpiresOn != null) writer.WriteNumber("exp", ExpiresOn.Value.ToUnixTimeSeconds());
            if (Exportable != null) writer.WriteBoolean("exportable", Exportable.Value);
            writer.WriteEndObject();
        }

        internal static void WriteTags(Utf8JsonWriter writer, IDictionary<string, string>? tags)
        {
            if (tags is null || tags.Count == 0)
            {
                return;
            }

            writer.WriteStartObject("tags");
            foreach (var tag in tags)
            {
                writer.WriteString(tag.Key, tag.Value);
            }

            writer.WriteEndObject();
        }

        internal static KeyProperties FromItem(JsonElement item)
        {
            var properties = new KeyProperties("");
            properties.SetId(item.TryGetProperty("kid", out var kid) ? kid.GetString() : null);
            properties.ReadCommon(item);
            return properties;
        }

        internal static DateTimeOffset? Time(JsonElement value)
            => value.ValueKind == JsonValueKind.Number ? DateTimeOffset.FromUnixTimeSeconds(value.GetInt64()) : (DateTimeOffset?)null;
    }

    /// <summary>A key: its public JSON web key and its properties (keys.json KeyBundle).</summary>
    internal class KeyVaultKey
    {
        public KeyVaultKey(string name)
        {
            Properties = new KeyProperties(name);
            Key = new JsonWebKey();
        }

        public JsonWebKey Key { get; internal set; }
        public KeyProperties Properties { get; }
        public Uri? Id => Properties.Id;
        public string Name => Properties.Name;
        public KeyType KeyType => Key.KeyType;
        public IReadOnlyCollection<KeyOperation> KeyOperations => (IReadOnlyCollection<KeyOperation>)Key.KeyOps;

        internal static KeyVaultKey FromBundle(JsonElement root) => Fill(new KeyVaultKey(""), root);

        internal static T Fill<T>(T key, JsonElement root)
            where T : KeyVaultKey
        {
            if (root.TryGetProperty("key", out var jwk) && jwk.ValueKind == JsonValueKind.Object)
            {
                key.Key = JsonWebKey.Read(jwk);
                key.Properties.SetId(key.Key.Id);
            }

            key.Properties.ReadCommon(root);
            return key;
        }
    }

    /// <summary>A soft-deleted key (keys.json DeletedKeyBundle / DeletedKeyItem).</summary>
    internal sealed class DeletedKey : KeyVaultKey
    {
        public DeletedKey(string name)
            : base(name)
        {
        }

        public Uri? RecoveryId { get; internal set; }
        public DateTimeOffset? DeletedOn { get; internal set; }
        public DateTimeOffset? ScheduledPurgeDate { get; internal set; }

        internal static new DeletedKey FromBundle(JsonElement root)
        {
            var deleted = Fill(new DeletedKey(""), root);
            deleted.ReadDeletion(root);
            return deleted;
        }

        /// <summary>A DeletedKeyItem (list entry): kid and attributes, no key material.</summary>
        internal static DeletedKey FromItem(JsonElement item)
        {
            var deleted = new DeletedKey("");
            deleted.Properties.SetId(item.TryGetProperty("kid", out var kid) ? kid.GetString() : null);
            deleted.Properties.ReadCommon(item);
            deleted.ReadDeletion(item);
            return deleted;
        }

        private void ReadDeletion(JsonElement root)
        {
            if (root.TryGetProperty("recoveryId", out var recoveryId) && recoveryId.ValueKind == JsonValueKind.String
                && Uri.TryCreate(recoveryId.GetString(), UriKind.Absolute, out var uri))
            {
                RecoveryId = uri;
                if (string.IsNullOrEmpty(Name))
                {
                    Properties.Name = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/').Split('/')[1]);
                    Properties.VaultUri ??= new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
                }
            }

            if (root.TryGetProperty("deletedDate", out var deleted)) DeletedOn = KeyProperties.Time(deleted);
            if (root.TryGetProperty("scheduledPurgeDate", out var purge)) ScheduledPurgeDate = KeyProperties.Time(purge);
        }
    }

    /// <summary>Options shared by CreateKey, CreateRsaKey and CreateEcKey.</summary>
    internal class CreateKeyOptions
    {
        public IList<KeyOperation> KeyOperations { get; } = new List<KeyOperation>();
        public bool? Enabled { get; set; }
        public DateTimeOffset? NotBefore { get; set; }
        public DateTimeOffset? ExpiresOn { get; set; }
        public bool? Exportable { get; set; }
        public IDictionary<string, string> Tags { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
    }

    internal sealed class CreateRsaKeyOptions : CreateKeyOptions
    {
        public CreateRsaKeyOptions(string name, bool hardwareProtected = false)
        {
            Name = name;
            HardwareProtected = hardwareProtected;
        }

        public string Name { get; }
        public bool HardwareProtected { get; }
        public int? KeySize { get; set; }
        public int? PublicExponent { get; set; }
    }

    internal sealed class CreateEcKeyOptions : CreateKeyOptions
    {
        public CreateEcKeyOptions(string name, bool hardwareProtected = false)
        {
            Name = name;
            HardwareProtected = hardwareProtected;
        }

        public string Name { get; }
        public bool HardwareProtected { get; }
        public KeyCurveName? CurveName { get; set; }
    }

    /// <summary>What ImportKey sends: the JSON web key with its private part, and the new key's properties.</summary>
    internal sealed class ImportKeyOptions
    {
        public ImportKeyOptions(string name, JsonWebKey key)
        {
            Name = name;
            Key = key;
            Properties = new KeyProperties(name);
        }

        public string Name { get; }
        public JsonWebKey Key { get; }
        public bool? HardwareProtected { get; set; }
        public KeyProperties Properties { get; }
    }

    /// <summary>A key's rotation policy (keys.json KeyRotationPolicy).</summary>
    internal sealed class KeyRotationPolicy
    {
        public Uri? Id { get; internal set; }
        /// <summary>ISO 8601 duration after which a version created by rotation expires (attributes.expiryTime).</summary>
        public string? ExpiresIn { get; set; }
        public IList<KeyRotationLifetimeAction> LifetimeActions { get; } = new List<KeyRotationLifetimeAction>();
        public DateTimeOffset? CreatedOn { get; internal set; }
        public DateTimeOffset? UpdatedOn { get; internal set; }

        internal static KeyRotationPolicy Read(JsonElement root)
        {
            var policy = new KeyRotationPolicy();
            if (root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && Uri.TryCreate(id.GetString(), UriKind.Absolute, out var uri))
            {
                policy.Id = uri;
            }

            if (root.TryGetProperty("lifetimeActions", out var actions) && actions.ValueKind == JsonValueKind.Array)
            {
                foreach (var a in actions.EnumerateArray())
                {
                    string type = a.TryGetProperty("action", out var action) && action.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
                    var lifetime = new KeyRotationLifetimeAction(new KeyRotationPolicyAction(type));
                    if (a.TryGetProperty("trigger", out var trigger) && trigger.ValueKind == JsonValueKind.Object)
                    {
                        if (trigger.TryGetProperty("timeAfterCreate", out var tac) && tac.ValueKind == JsonValueKind.String) lifetime.TimeAfterCreate = tac.GetString();
                        if (trigger.TryGetProperty("timeBeforeExpiry", out var tbe) && tbe.ValueKind == JsonValueKind.String) lifetime.TimeBeforeExpiry = tbe.GetString();
                    }

                    policy.LifetimeActions.Add(lifetime);
                }
            }

            if (root.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object)
            {
                if (attributes.TryGetProperty("expiryTime", out var expiry) && expiry.ValueKind == JsonValueKind.String) policy.ExpiresIn = expiry.GetString();
                if (attributes.TryGetProperty("created", out var created)) policy.CreatedOn = KeyProperties.Time(created);
                if (attributes.TryGetProperty("updated", out var updated)) policy.UpdatedOn = KeyProperties.Time(updated);
            }

            return policy;
        }

        internal void Write(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteStartArray("lifetimeActions");
            foreach (var action in LifetimeActions)
            {
                writer.WriteStartObject();
                writer.WriteStartObject("trigger");
                if (action.TimeAfterCreate != null) writer.WriteString("timeAfterCreate", action.TimeAfterCreate);
                if (action.TimeBeforeExpiry != null) writer.WriteString("timeBeforeExpiry", action.TimeBeforeExpiry);
                writer.WriteEndObject();
                writer.WriteStartObject("action");
                writer.WriteString("type", action.Action.ToString());
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (ExpiresIn != null)
            {
                writer.WriteStartObject("attributes");
                writer.WriteString("expiryTime", ExpiresIn);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }
    }

    /// <summary>One action of a rotation policy and its trigger.</summary>
    internal sealed class KeyRotationLifetimeAction
    {
        public KeyRotationLifetimeAction(KeyRotationPolicyAction action) => Action = action;

        public KeyRotationPolicyAction Action { get; }
        public string? TimeAfterCreate { get; set; }
        public string? TimeBeforeExpiry { get; set; }
    }

    internal sealed class EncryptResult
    {
        public EncryptResult(string? keyId, byte[] ciphertext, EncryptionAlgorithm algorithm) { KeyId = keyId; Ciphertext = ciphertext; Algorithm = algorithm; }
        public string? KeyId { get; }
        public byte[] Ciphertext { get; }
        public EncryptionAlgorithm Algorithm { get; }
    }

    internal sealed class DecryptResult
    {
        public DecryptResult(string? keyId, byte[] plaintext, EncryptionAlgorithm algorithm) { KeyId = keyId; Plaintext = plaintext; Algorithm = algorithm; }
        public string? KeyId { get; }
        public byte[] Plaintext { get; }
        public EncryptionAlgorithm Algorithm { get; }
    }

    internal sealed class WrapResult
    {
        public WrapResult(string? keyId, byte[] encryptedKey, KeyWrapAlgorithm algorithm) { KeyId = keyId; EncryptedKey = encryptedKey; Algorithm = algorithm; }
        public string? KeyId { get; }
        public byte[] EncryptedKey { get; }
        public KeyWrapAlgorithm Algorithm { get; }
    }

    internal sealed class UnwrapResult
    {
        public UnwrapResult(string? keyId, byte[] key, KeyWrapAlgorithm algorithm) { KeyId = keyId; Key = key; Algorithm = algorithm; }
        public string? KeyId { get; }
        public byte[] Key { get; }
        public KeyWrapAlgorithm Algorithm { get; }
    }

    internal sealed class SignResult
    {
        public SignResult(string? keyId, byte[] signature, SignatureAlgorithm algorithm) { KeyId = keyId; Signature = signature; Algorithm = algorithm; }
        public string? KeyId { get; }
        public byte[] Signature { get; }
        public SignatureAlgorithm Algorithm { get; }
    }

    internal sealed class VerifyResult
    {
        public VerifyResult(string? keyId, bool isValid, SignatureAlgorithm algorithm) { KeyId = keyId; IsValid = isValid; Algorithm = algorithm; }
        public string? KeyId { get; }
        public bool IsValid { get; }
        public SignatureAlgorithm Algorithm { get; }
    }
}
