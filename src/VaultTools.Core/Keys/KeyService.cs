using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using VaultTools.Connection;
using VaultTools.Errors;
using VaultTools.Internal;
using VaultTools.Keys.Client;
using VaultTools.Validation;

namespace VaultTools.Keys
{
    /// <summary>
    /// Keys: create, import, read, list, update (this file); the soft-delete cycle and backup/restore
    /// (KeyService.Lifecycle.cs); rotation and its policy (KeyService.Rotation.cs); the cryptographic
    /// operations the vault performs with a key (KeyService.Cryptography.cs). Every method validates its
    /// input before any request and reports failures as VaultExceptions (EntryKind.Key). Results are
    /// VaultTools' own types; the SDK-shaped client stays inside Core.
    /// </summary>
    public sealed partial class KeyService : IEntryRemoval<DeletedVaultKey>, IEntryRecovery<VaultKey>, IEntryBackup,
        IEntryReading<VaultKey, VaultKeyProperties, DeletedVaultKey>
    {
        private readonly VaultConnection _connection;

        public KeyService(VaultConnection connection)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        }

        // ---- read ----

        public VaultKey Get(VaultAddress vault, string name, string? version, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Key, "Name");
            EntryRules.CheckVersion(version, "Version");
            var client = _connection.Keys(vault);
            var key = Call(vault, name, version, () => client.GetKey(name, version, cancellationToken));
            return ToKey(new VaultKey(), vault, key);
        }

        /// <summary>Reads the key at its own URL (https://vault/keys/name[/version]).</summary>
        public VaultKey GetById(Uri id, CancellationToken cancellationToken = default)
        {
            var (vault, name, version) = ParseId(id, "Id");
            return Get(vault, name, version, cancellationToken);
        }

        /// <summary>Parses a key's URL into its vault, name and version, or fails naming the parameter.</summary>
        public (VaultAddress Vault, string Name, string? Version) ParseId(Uri id, string parameterName)
        {
            var (vaultUri, name, version) = EntryRules.CheckEntryId(id, EntryKind.Key, parameterName);
            return (_connection.VaultOfEntry(vaultUri), name, version);
        }

        /// <summary>Lists the keys of a vault (latest versions, no key material), optionally filtered by name.</summary>
        public IEnumerable<VaultKeyProperties> List(VaultAddress vault, Func<string, bool>? nameFilter = null, CancellationToken cancellationToken = default)
        {
            var client = _connection.Keys(vault);
            return Translate.Enumerate(EntryKind.Key, vault.Uri.ToString(), () => client.GetPropertiesOfKeys(cancellationToken))
                .Where(p => nameFilter is null || nameFilter(p.Name))
                .Select(p => Fill(new VaultKeyProperties(), vault, p));
        }

        /// <summary>Lists every version of one key, newest first.</summary>
        public IEnumerable<VaultKeyProperties> ListVersions(VaultAddress vault, string name, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Key, "Name");
            var client = _connection.Keys(vault);
            string url = EntryUrl(vault, name, null);
            var versions = Translate.Enumerate(EntryKind.Key, url, () => client.GetPropertiesOfKeyVersions(name, cancellationToken))
                .Select(p => Fill(new VaultKeyProperties(), vault, p))
                .ToList();
            if (versions.Count == 0)
            {
                // The service lists nothing (rather than 404) for an unknown name; say so like Get does.
                throw ServiceErrors.EntryNotFound(EntryKind.Key, url);
            }

            return versions.OrderByDescending(v => v.Created ?? DateTimeOffset.MinValue);
        }

        // ---- write ----

        /// <summary>Checks a new key's parameters against Key Vault's rules; throws InvalidArgument naming the parameter.</summary>
        public static void Validate(KeyCreate create)
        {
            EntryRules.CheckEntryName(create.Name, EntryKind.Key, "Name");
            string type = KeyRules.CheckKeyType(create.KeyType, "KeyType");
            if (type == "RSA")
            {
                KeyRules.CheckRsaKeySize(create.Size, "Size");
                if (create.CurveName != null)
                {
                    throw VaultException.InvalidArgument("CurveNameWithRsa", "CurveName", "-CurveName is for EC keys; an RSA key has a -Size (2048, 3072 or 4096).");
                }
            }
            else
            {
                if (create.Size != null)
                {
                    throw VaultException.InvalidArgument("SizeWithEc", "Size", "-Size is for RSA keys; an EC key's size comes from its -CurveName (P-256, P-384, P-521 or P-256K).");
                }

                if (create.CurveName != null)
                {
                    KeyRules.CheckCurveName(create.CurveName, "CurveName");
                }
            }

            KeyRules.CheckKeyOperations(create.KeyOps, type, "KeyOps");
            ValidateCommon(create);
        }

        /// <summary>Creates a new key (or a new version of an existing key).</summary>
        public VaultKey Create(VaultAddress vault, KeyCreate create, CancellationToken cancellationToken = default)
        {
            Validate(create);
            string type = KeyRules.CheckKeyType(create.KeyType, "KeyType");
            bool hsm = create.Destination == KeyDestination.HSM;
            var client = _connection.Keys(vault);
            KeyVaultKey key;
            if (type == "RSA")
            {
                var options = new CreateRsaKeyOptions(create.Name, hsm) { KeySize = create.Size };
                Apply(options, create);
                key = CallCreate(vault, create, () => client.CreateRsaKey(options, cancellationToken));
            }
            else
            {
                var options = new CreateEcKeyOptions(create.Name, hsm)
                {
                    CurveName = create.CurveName is null ? (KeyCurveName?)null : new KeyCurveName(KeyRules.CheckCurveName(create.CurveName, "CurveName")),
                };
                Apply(options, create);
                key = CallCreate(vault, create, () => client.CreateEcKey(options, cancellationToken));
            }

            return ToKey(new VaultKey(), vault, key);
        }

        /// <summary>Reads the key to import (file or JSON web key) and checks it, before any request.</summary>
        internal static JsonWebKey ReadImport(KeyImport import)
        {
            EntryRules.CheckEntryName(import.Name, EntryKind.Key, "Name");
            ValidateCommon(import);
            var jwk = KeyFiles.Read(import);
            KeyFiles.Check(jwk, import.JsonWebKey != null ? "JsonWebKey" : "KeyFilePath");
            string type = jwk.KeyType.IsRsa ? "RSA" : "EC";
            var ops = KeyRules.CheckKeyOperations(import.KeyOps, type, "KeyOps");
            jwk.KeyOps.Clear();
            foreach (string op in ops ?? new List<string>())
            {
                jwk.KeyOps.Add(new KeyOperation(op));
            }

            // The hardware flag travels as "Hsm"; the key type stays RSA/EC (RSA-HSM with key_hsm is BYOK).
            jwk.KeyType = jwk.KeyType.IsRsa ? KeyType.Rsa : KeyType.Ec;
            jwk.Id = null;
            return jwk;
        }

        /// <summary>Checks an import (reads and checks the key file), sending nothing.</summary>
        public static void Validate(KeyImport import) => ReadImport(import);

        /// <summary>Reads and checks the key to import once (before the cmdlet asks), for <see cref="Import(VaultAddress, PreparedKeyImport, CancellationToken)"/>.</summary>
        public static PreparedKeyImport Prepare(KeyImport import) => new PreparedKeyImport(import, ReadImport(import));

        /// <summary>Imports a key pair as a new key version.</summary>
        public VaultKey Import(VaultAddress vault, KeyImport import, CancellationToken cancellationToken = default)
            => Import(vault, Prepare(import), cancellationToken);

        /// <summary>Imports a key already read and checked by <see cref="Prepare"/>.</summary>
        public VaultKey Import(VaultAddress vault, PreparedKeyImport prepared, CancellationToken cancellationToken = default)
        {
            var import = prepared.Import;
            var jwk = prepared.Key;
            var options = new ImportKeyOptions(import.Name, jwk) { HardwareProtected = import.Destination == KeyDestination.HSM };
            options.Properties.Enabled = import.Enabled;
            options.Properties.NotBefore = import.NotBefore;
            options.Properties.ExpiresOn = import.Expires;
            CopyTags(import.Tags, options.Properties.Tags);
            var client = _connection.Keys(vault);
            var key = CallCreate(vault, import, () => client.ImportKey(options, cancellationToken));
            return ToKey(new VaultKey(), vault, key);
        }

        /// <summary>Changes a key version's attributes, tags or permitted operations (the latest version when none is given).</summary>
        public VaultKey Update(VaultAddress vault, string name, string? version, KeyUpdate update, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Key, "Name");
            EntryRules.CheckVersion(version, "Version");
            EntryRules.CheckTags(update.Tags, "Tag");
            EntryRules.CheckDates(update.NotBefore, update.Expires);
            var ops = KeyRules.CheckKeyOperations(update.KeyOps, null, "KeyOps");
            var client = _connection.Keys(vault);
            string url = EntryUrl(vault, name, version);

            // PATCH needs a version: read the current one (and its tags, which an update replaces) first.
            var current = Call(vault, name, version, () => client.GetKey(name, version, cancellationToken));
            if (ops != null)
            {
                KeyRules.CheckKeyOperations(ops, current.KeyType.ToString(), "KeyOps");
            }

            var properties = new KeyProperties(name) { Version = current.Properties.Version, Enabled = update.Enabled, NotBefore = update.NotBefore, ExpiresOn = update.Expires };
            CopyTags(update.Tags ?? current.Properties.Tags, properties.Tags);
            var updated = Translate.Call(EntryKind.Key, url, () => client.UpdateKeyProperties(properties, ops?.Select(o => new KeyOperation(o)), cancellationToken));
            return ToKey(new VaultKey(), vault, updated);
        }

        // ---- helpers ----

        public static string EntryUrl(VaultAddress vault, string name, string? version)
            => new Uri(vault.Uri, "keys/" + name + (version is null ? "" : "/" + version)).ToString();

        public static string DeletedUrl(VaultAddress vault, string name) => new Uri(vault.Uri, "deletedkeys/" + name).ToString();

        EntryKind IEntryLifecycle.Kind => EntryKind.Key;

        string IEntryLifecycle.EntryUrl(VaultAddress vault, string name) => EntryUrl(vault, name, null);

        string IEntryLifecycle.DeletedUrl(VaultAddress vault, string name) => DeletedUrl(vault, name);

        private static T Call<T>(VaultAddress vault, string name, string? version, Func<T> call)
            => Translate.Call(EntryKind.Key, EntryUrl(vault, name, version), call);

        /// <summary>
        /// Create and import: Key Vault refuses HSM keys on standard-tier vaults itself ("Hardware key
        /// operation not allowed on standard vault"); that refusal becomes a clear error with a hint.
        /// </summary>
        private static KeyVaultKey CallCreate(VaultAddress vault, KeyWriteBase write, Func<KeyVaultKey> call)
        {
            try
            {
                return Call(vault, write.Name, null, call);
            }
            catch (VaultException ex) when (write.Destination == KeyDestination.HSM && (ex.Status == 403 || ex.Status == 400)
                                             && (ex.Message.IndexOf("standard", StringComparison.OrdinalIgnoreCase) >= 0 || ex.Message.IndexOf("hardware", StringComparison.OrdinalIgnoreCase) >= 0))
            {
                throw new VaultException(VaultErrorKind.OperationNotAllowed, "HsmKeyNotAllowedOnStandardVault",
                    $"The vault '{vault.Name}' refused a hardware-protected (HSM) key: HSM keys need a premium-tier vault. {ex.Message}", ex, EntryUrl(vault, write.Name, null))
                {
                    Status = ex.Status,
                    ServiceErrorCode = ex.ServiceErrorCode,
                    RecommendedAction = "Use -Destination Software, or a vault with the premium SKU.",
                };
            }
        }

        private static void ValidateCommon(KeyWriteBase write)
        {
            EntryRules.CheckTags(write.Tags, "Tag");
            EntryRules.CheckDates(write.NotBefore, write.Expires);
        }

        private static void Apply(CreateKeyOptions options, KeyCreate create)
        {
            var type = KeyRules.CheckKeyType(create.KeyType, "KeyType");
            foreach (string op in KeyRules.CheckKeyOperations(create.KeyOps, type, "KeyOps") ?? new List<string>())
            {
                options.KeyOperations.Add(new KeyOperation(op));
            }

            options.Enabled = create.Enabled;
            options.NotBefore = create.NotBefore;
            options.ExpiresOn = create.Expires;
            CopyTags(create.Tags, options.Tags);
        }

        private static void CopyTags(IDictionary<string, string>? from, IDictionary<string, string> to)
        {
            if (from is null)
            {
                return;
            }

            foreach (var tag in from)
            {
                to[tag.Key] = tag.Value;
            }
        }

        private static string? Upper(string? duration) => duration?.Trim().ToUpperInvariant();

        internal static T Fill<T>(T target, VaultAddress vault, KeyProperties p)
            where T : VaultKeyProperties
        {
            target.VaultName = vault.Name;
            target.VaultUri = vault.Uri;
            target.Name = p.Name;
            target.Version = p.Version;
            target.Id = p.Id?.ToString() ?? EntryUrl(vault, p.Name, p.Version);
            target.Enabled = p.Enabled ?? true;
            target.NotBefore = p.NotBefore;
            target.Expires = p.ExpiresOn;
            target.Created = p.CreatedOn;
            target.Updated = p.UpdatedOn;
            target.Managed = p.Managed;
            target.Exportable = p.Exportable;
            target.RecoveryLevel = p.RecoveryLevel;
            target.RecoverableDays = p.RecoverableDays;
            target.Tags = new Dictionary<string, string>(p.Tags, StringComparer.Ordinal);
            return target;
        }

        internal static T ToKey<T>(T target, VaultAddress vault, KeyVaultKey key)
            where T : VaultKey
        {
            Fill(target, vault, key.Properties);
            var jwk = key.Key;
            target.KeyType = jwk.KeyType.ToString();
            target.KeySize = jwk.KeyType.IsRsa && jwk.N != null ? jwk.RsaKeySize : (int?)null;
            target.CurveName = jwk.CurveName?.ToString();
            target.KeyOps = jwk.KeyOps.Select(o => o.ToString()).ToArray();
            // Only the public parts are copied: a key bundle never carries private material anyway.
            target.Key = jwk.N is null && jwk.X is null ? null : PublicKey(jwk, target.KeyType, target.CurveName, target.KeyOps);
            return target;
        }

        /// <summary>
        /// The public JSON web key as VaultTools' output type, with its PEM and JSON forms computed here
        /// (VaultTools.Models has no JSON writer and no DER encoder: it holds them as data).
        /// </summary>
        internal static VaultJsonWebKey PublicKey(JsonWebKey jwk, string keyType, string? curveName, string[] keyOps)
        {
            var result = new VaultJsonWebKey
            {
                KeyId = jwk.Id,
                KeyType = keyType,
                KeyOps = keyOps,
                N = jwk.N,
                E = jwk.E,
                CurveName = curveName,
                X = jwk.X,
                Y = jwk.Y,
            };
            var publicOnly = new JsonWebKey { Id = jwk.Id, KeyType = jwk.KeyType, N = jwk.N, E = jwk.E, CurveName = jwk.CurveName, X = jwk.X, Y = jwk.Y };
            foreach (var op in jwk.KeyOps)
            {
                publicOnly.KeyOps.Add(op);
            }

            using (var stream = new MemoryStream())
            {
                using (var writer = new System.Text.Json.Utf8JsonWriter(stream, new System.Text.Json.JsonWriterOptions { Indented = true }))
                {
                    publicOnly.Write(writer);
                }

                result.Json = System.Text.Encoding.UTF8.GetString(stream.ToArray());
            }

            try
            {
                result.Pem = PublicKeyPem.Write(result);
            }
            catch (InvalidOperationException)
            {
                result.Pem = null; // a curve or key type without a SubjectPublicKeyInfo form: no PEM
            }

            return result;
        }

        internal static DeletedVaultKey ToDeleted(VaultAddress vault, DeletedKey deleted)
        {
            var result = ToKey(new DeletedVaultKey(), vault, deleted);
            result.RecoveryId = deleted.RecoveryId?.ToString();
            result.DeletedOn = deleted.DeletedOn;
            result.ScheduledPurgeDate = deleted.ScheduledPurgeDate;
            return result;
        }
    }
}
