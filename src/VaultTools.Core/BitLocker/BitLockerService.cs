using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using VaultTools.Connection;
using VaultTools.Errors;
using VaultTools.Internal;
using VaultTools.Keys.Client;
using VaultTools.Secrets;
using VaultTools.Validation;

namespace VaultTools.BitLocker
{
    /// <summary>
    /// Escrow and recovery of BitLocker recovery passwords, and recovery of Azure Disk Encryption BEK secrets.
    /// Escrow never reads a secret value (a VM may write and list but not read): whether the vault already holds
    /// a password is decided from the PasswordHash tag (see <see cref="RecoveryPasswords.Fingerprint"/>).
    /// Recovery lists secret properties, filters on tags here (the service has no tag filter), and reads only the matches.
    /// </summary>
    public sealed class BitLockerService
    {
        private readonly VaultConnection _connection;
        private readonly SecretService _secrets;

        public BitLockerService(VaultConnection connection)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _secrets = new SecretService(connection);
        }

        // ---- escrow ----

        /// <summary>Checks the input (nothing sent when it is bad), then reads the secret's versions (metadata only) to decide what to write.</summary>
        public EscrowPlan Plan(VaultAddress vault, RecoveryPasswordEscrow escrow, CancellationToken cancellationToken = default)
        {
            Guid protectorId = CheckEscrow(escrow, out string canonical);
            string name = BitLockerNames.SecretName(escrow.ComputerName, escrow.MountPoint, protectorId);
            string fingerprint = RecoveryPasswords.Fingerprint(protectorId, canonical);

            VaultSecretProperties? latest = null;
            try
            {
                var (newest, tied) = _secrets.FromVersionList(vault, name, cancellationToken);
                latest = newest;
                if (tied)
                {
                    // The version list cannot say which version is current (see CurrentVersion); the vault's list
                    // of secrets carries the current version's tags and state, and needs only the list right as well.
                    latest = _secrets.List(vault, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase), cancellationToken).FirstOrDefault() ?? latest;
                }
            }
            catch (VaultException ex) when (ex.Kind == VaultErrorKind.NotFound && ex.ErrorId == "VaultSecretNotFound")
            {
                // No secret of that name yet.
            }

            if (latest is null)
            {
                return new EscrowPlan(vault, escrow, protectorId, name, fingerprint, EscrowAction.Create, null);
            }

            latest.Tags.TryGetValue(BitLockerNames.TagKeyProtectorId, out string? owner);
            if (owner is null || !Guid.TryParse(owner, out Guid ownerId) || ownerId != protectorId)
            {
                throw new VaultException(VaultErrorKind.Conflict, "BitLockerSecretNameTaken",
                    $"The secret '{name}' already exists and does not hold the recovery password of key protector {BitLockerNames.FormatProtectorId(protectorId)} " +
                    $"(its KeyProtectorId tag is '{owner ?? "(none)"}'). Nothing was written.", null, name);
            }

            bool sameHash = latest.Tags.TryGetValue(BitLockerNames.TagPasswordHash, out string? hash) && hash == fingerprint;
            bool sameWrap = string.Equals(KeyNameOf(latest), escrow.KeyEncryptionKeyName?.Trim(), StringComparison.OrdinalIgnoreCase);
            var action = sameHash && sameWrap && latest.Enabled ? EscrowAction.Unchanged : EscrowAction.NewVersion;
            return new EscrowPlan(vault, escrow, protectorId, name, fingerprint, action, latest);
        }

        /// <summary>Writes the plan's new version (wrapping first when asked). Does nothing for an Unchanged plan.</summary>
        public BitLockerKeyBackup Write(EscrowPlan plan, CancellationToken cancellationToken = default)
        {
            if (plan.Action == EscrowAction.Unchanged)
            {
                return plan.ToBackup("Unchanged");
            }

            var escrow = plan.Escrow;
            string canonical = RecoveryPasswords.Normalize(SecureStrings.ToPlainText(escrow.RecoveryPassword), "RecoveryPassword");
            var tags = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [BitLockerNames.TagKeyProtectorId] = BitLockerNames.FormatProtectorId(plan.ProtectorId),
                [BitLockerNames.TagRecoveryKeyId] = BitLockerNames.RecoveryKeyId(plan.ProtectorId),
                [BitLockerNames.TagComputerName] = escrow.ComputerName.Trim(),
                [BitLockerNames.TagMachineName] = escrow.ComputerName.Trim(),
                [BitLockerNames.TagMountPoint] = escrow.MountPoint.Trim(),
                [BitLockerNames.TagBackupTime] = BitLockerNames.Iso(DateTimeOffset.UtcNow),
                [BitLockerNames.TagPasswordHash] = plan.Fingerprint,
            };
            string? letter = BitLockerNames.DriveLetter(escrow.MountPoint);
            if (letter != null)
            {
                tags[BitLockerNames.TagVolumeLetter] = letter;
            }

            if (!string.IsNullOrWhiteSpace(escrow.VolumeType))
            {
                tags[BitLockerNames.TagVolumeType] = escrow.VolumeType!.Trim();
            }

            string value = canonical;
            string contentType = BitLockerNames.ContentType;
            string? kekId = null;
            if (!string.IsNullOrWhiteSpace(escrow.KeyEncryptionKeyName))
            {
                (value, kekId) = Wrap(plan.Vault, escrow.KeyEncryptionKeyName!.Trim(), canonical, cancellationToken);
                contentType = BitLockerNames.WrappedContentType;
                tags[BitLockerNames.TagEncryptionAlgorithm] = BitLockerNames.WrapAlgorithm;
                tags[BitLockerNames.TagKeyEncryptionKeyUrl] = kekId;
            }

            var written = _secrets.Set(plan.Vault, new SecretWrite
            {
                Name = plan.SecretName,
                Value = SecureStrings.FromPlainText(value),
                ContentType = contentType,
                Tags = tags,
            }, cancellationToken);

            var result = plan.ToBackup("Written");
            result.Version = written.Version;
            result.Id = written.Id;
            result.Wrapped = kekId != null;
            result.KeyEncryptionKeyId = kekId;
            return result;
        }

        private static Guid CheckEscrow(RecoveryPasswordEscrow escrow, out string canonical)
        {
            if (string.IsNullOrWhiteSpace(escrow.ComputerName))
            {
                throw VaultException.InvalidArgument("MissingComputerName", "ComputerName", "-ComputerName is empty.");
            }

            if (string.IsNullOrWhiteSpace(escrow.MountPoint))
            {
                throw VaultException.InvalidArgument("MissingMountPoint", "MountPoint", "-MountPoint is empty.");
            }

            Guid id = BitLockerNames.ParseProtectorId(escrow.KeyProtectorId, "KeyProtectorId");
            if (escrow.RecoveryPassword is null)
            {
                throw VaultException.InvalidArgument("MissingRecoveryPassword", "RecoveryPassword", "-RecoveryPassword is required.");
            }

            canonical = RecoveryPasswords.Normalize(SecureStrings.ToPlainText(escrow.RecoveryPassword), "RecoveryPassword");
            if (!string.IsNullOrWhiteSpace(escrow.KeyEncryptionKeyName))
            {
                EntryRules.CheckEntryName(escrow.KeyEncryptionKeyName!.Trim(), EntryKind.Key, "KeyEncryptionKeyName");
            }

            return id;
        }

        // wrapKey on the key's latest version by name: needs only the wrap permission, not reading the key.
        private (string Value, string KeyId) Wrap(VaultAddress vault, string keyName, string canonical, CancellationToken cancellationToken)
        {
            var crypto = _connection.Keys(vault).GetCryptographyClient(keyName, "");
            byte[] plain = Encoding.UTF8.GetBytes(canonical);
            try
            {
                var result = Translate.Call(EntryKind.Key, KeyUrl(vault, keyName),
                    () => crypto.WrapKey(new KeyWrapAlgorithm(BitLockerNames.WrapAlgorithm), plain, cancellationToken));
                return (Base64Url.Encode(result.EncryptedKey), result.KeyId ?? KeyUrl(vault, keyName));
            }
            finally
            {
                Array.Clear(plain, 0, plain.Length);
            }
        }

        private static string KeyUrl(VaultAddress vault, string name) => new Uri(vault.Uri, "keys/" + name).ToString();

        /// <summary>The name of the key-encryption key a secret was wrapped with (from its versioned URL tag), or null.</summary>
        private static string? KeyNameOf(VaultSecretProperties secret)
        {
            return secret.Tags.TryGetValue(BitLockerNames.TagKeyEncryptionKeyUrl, out string? url) ? EntryRules.TryParseEntryId(url, EntryKind.Key)?.Name : null;
        }

        // ---- recovery ----

        /// <summary>
        /// The escrowed recovery passwords and ADE BEK secrets that match the query (latest versions, metadata only).
        /// A recovery key ID that matches protectors of several volumes is refused (BitLockerKeyAmbiguous); none is BitLockerKeyNotFound.
        /// </summary>
        public IReadOnlyList<BitLockerRecoveryKey> Find(VaultAddress vault, BitLockerQuery query, CancellationToken cancellationToken = default)
        {
            (string Prefix, Guid? Full)? keyId = query.RecoveryKeyId is null ? null : BitLockerNames.ParseRecoveryKeyId(query.RecoveryKeyId, "RecoveryKeyId");
            string? mount = string.IsNullOrWhiteSpace(query.MountPoint) ? null : BitLockerNames.NormalizeMountPoint(query.MountPoint);
            string? computer = string.IsNullOrWhiteSpace(query.ComputerName) ? null : query.ComputerName!.Trim();

            var matches = new List<BitLockerRecoveryKey>();
            foreach (var p in _secrets.List(vault, null, cancellationToken))
            {
                var candidate = Describe(vault, p);
                if (candidate is null || (query.AdeOnly && candidate.Kind != KindAde))
                {
                    continue;
                }

                if (keyId is { } k)
                {
                    bool hit = candidate.Kind == KindPassword && (k.Full is { } full
                        ? Guid.TryParse(candidate.KeyProtectorId, out Guid id) && id == full
                        : string.Equals(candidate.RecoveryKeyId, k.Prefix, StringComparison.OrdinalIgnoreCase));
                    if (!hit)
                    {
                        continue;
                    }
                }

                if (computer != null && !string.Equals(candidate.ComputerName, computer, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (mount != null && BitLockerNames.NormalizeMountPoint(candidate.MountPoint) != mount)
                {
                    continue;
                }

                matches.Add(candidate);
            }

            string what = keyId != null ? $"recovery key ID '{query.RecoveryKeyId!.Trim()}'"
                : $"computer '{computer}'" + (mount is null ? "" : $" and mount point '{query.MountPoint!.Trim()}'");
            if (matches.Count == 0)
            {
                throw new VaultException(VaultErrorKind.NotFound, "BitLockerKeyNotFound",
                    $"No {(query.AdeOnly ? "Azure Disk Encryption BEK secret" : "BitLocker recovery key")} for {what} in vault '{vault.Name}'.", null, query.RecoveryKeyId ?? computer)
                {
                    RecommendedAction = "Check the key ID on the recovery screen and the vault (-VaultName); Get-BitLockerKey -ComputerName lists what a computer has escrowed.",
                };
            }

            if (keyId != null && matches.Count > 1)
            {
                throw Ambiguous(what, matches, "RecoveryKeyId", "Give the full key protector id (manage-bde -protectors -get, or the KeyProtectorId shown above) to -RecoveryKeyId.");
            }

            return matches;
        }

        /// <summary>The computers that have escrowed keys or ADE keys in the vault (for tab completion).</summary>
        public IEnumerable<string> ComputerNames(VaultAddress vault, CancellationToken cancellationToken = default)
            => _secrets.List(vault, null, cancellationToken)
                .Select(p => Describe(vault, p)?.ComputerName)
                .Where(n => !string.IsNullOrEmpty(n))
                .Select(n => n!)
                .Distinct(StringComparer.OrdinalIgnoreCase);

        public static VaultException Ambiguous(string what, IEnumerable<BitLockerRecoveryKey> matches, string parameterName, string hint)
        {
            string list = string.Join("; ", matches.Select(m => $"{m.SecretName} ({m.ComputerName} {m.MountPoint}{(m.KeyProtectorId is null ? "" : " " + m.KeyProtectorId)})"));
            var ex = VaultException.InvalidArgument("BitLockerKeyAmbiguous", parameterName, $"Several BitLocker keys match {what}: {list}.");
            ex.RecommendedAction = hint;
            return ex;
        }

        public const string KindPassword = "RecoveryPassword";
        public const string KindAde = "AzureDiskEncryption";

        /// <summary>A listed secret as a recovery key (no value yet), or null when it is neither kind.</summary>
        internal static BitLockerRecoveryKey? Describe(VaultAddress vault, VaultSecretProperties p)
        {
            string? Tag(string name) => p.Tags.TryGetValue(name, out string? v) ? v : null;
            string? kind = p.ContentType switch
            {
                BitLockerNames.ContentType or BitLockerNames.WrappedContentType => KindPassword,
                BitLockerNames.AdeContentType or BitLockerNames.AdeWrappedContentType => KindAde,
                _ => null,
            };
            if (kind is null || !p.Enabled)
            {
                return null;
            }

            DateTimeOffset? backupTime = DateTimeOffset.TryParse(Tag(BitLockerNames.TagBackupTime), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t : p.Created;
            return new BitLockerRecoveryKey
            {
                VaultName = vault.Name,
                Kind = kind,
                ComputerName = Tag(BitLockerNames.TagComputerName) ?? Tag(BitLockerNames.TagMachineName),
                MountPoint = Tag(BitLockerNames.TagMountPoint) ?? Tag(BitLockerNames.TagVolumeLetter),
                VolumeType = Tag(BitLockerNames.TagVolumeType),
                KeyProtectorId = Tag(BitLockerNames.TagKeyProtectorId),
                RecoveryKeyId = Tag(BitLockerNames.TagRecoveryKeyId),
                BekFileName = Tag(BitLockerNames.TagBekFileName),
                Wrapped = p.ContentType == BitLockerNames.WrappedContentType || p.ContentType == BitLockerNames.AdeWrappedContentType,
                KeyEncryptionKeyId = Tag(BitLockerNames.TagKeyEncryptionKeyUrl),
                BackupTime = backupTime,
                SecretName = p.Name,
                Version = p.Version,
                Id = p.Id,
            };
        }

        /// <summary>Reads a found recovery password (unwrapping it when wrapped) into the key's RecoveryPassword.</summary>
        public void ReadPassword(BitLockerRecoveryKey key, bool asPlainText, CancellationToken cancellationToken = default)
        {
            string canonical = Encoding.UTF8.GetString(ReadValue(key, cancellationToken));
            if (!RecoveryPasswords.IsValid(canonical))
            {
                throw new VaultException(VaultErrorKind.ServiceError, "BitLockerKeyCorrupt",
                    $"The secret '{key.SecretName}' (version {key.Version}) does not hold a valid BitLocker recovery password.", null, key.Id);
            }

            canonical = RecoveryPasswords.Normalize(canonical, "RecoveryPassword");
            key.RecoveryPassword = SecureStrings.FromPlainText(canonical);
            key.RecoveryPasswordText = asPlainText ? canonical : null;
        }

        /// <summary>The bytes of an ADE BEK secret's .BEK file (unwrapped with its key-encryption key when wrapped).</summary>
        public byte[] ReadBek(BitLockerRecoveryKey key, CancellationToken cancellationToken = default) => ReadValue(key, cancellationToken);

        /// <summary>Writes an ADE key's .BEK file atomically (never replacing a file unless overwrite), owner-only on Unix.</summary>
        public System.IO.FileInfo WriteBek(BitLockerRecoveryKey key, string path, bool overwrite, CancellationToken cancellationToken = default)
        {
            AtomicFile.CheckTarget(path, overwrite, "BekFilePath");
            byte[] bytes = ReadBek(key, cancellationToken);
            try
            {
                return AtomicFile.Write(path, bytes, overwrite, privateFile: true, "BekFilePath");
            }
            finally
            {
                Array.Clear(bytes, 0, bytes.Length);
            }
        }

        /// <summary>Checks a .BEK target before any request.</summary>
        public static void CheckBekTarget(string path, bool overwrite) => AtomicFile.CheckTarget(path, overwrite, "BekFilePath");

        // Our passwords: the canonical text (UTF-8), or base64url of its RSA-OAEP wrap. ADE: base64 of the .BEK
        // file, or base64url of its RSA-OAEP wrap (Microsoft's ADE recovery steps decode them the same way).
        private byte[] ReadValue(BitLockerRecoveryKey key, CancellationToken cancellationToken)
        {
            var secret = _secrets.Get(new VaultAddress(key.VaultName, _connection.VaultOfEntry(new Uri(key.Id)).Uri), key.SecretName, key.Version, cancellationToken);
            key.Version = secret.Version;
            key.Id = secret.Id;
            string text = SecureStrings.ToPlainText(secret.SecretValue!);
            if (!key.Wrapped)
            {
                return key.Kind == KindAde ? DecodeBase64(text, key) : Encoding.UTF8.GetBytes(text);
            }

            return Unwrap(key, DecodeBase64(text, key), cancellationToken);
        }

        private static byte[] DecodeBase64(string text, BitLockerRecoveryKey key)
        {
            try
            {
                return Base64Url.Decode(text.Trim().Replace('+', '-').Replace('/', '_').TrimEnd('='));
            }
            catch (FormatException)
            {
                throw new VaultException(VaultErrorKind.ServiceError, "BitLockerKeyCorrupt",
                    $"The secret '{key.SecretName}' (version {key.Version}) is not base64 as its content type '{(key.Wrapped ? "wrapped" : "BEK")}' requires.", null, key.Id);
            }
        }

        private byte[] Unwrap(BitLockerRecoveryKey key, byte[] wrapped, CancellationToken cancellationToken)
        {
            string kek = key.KeyEncryptionKeyId ?? "";
            if (kek.Length == 0)
            {
                throw new VaultException(VaultErrorKind.ServiceError, "BitLockerKeyCorrupt",
                    $"The wrapped secret '{key.SecretName}' has no key-encryption key URL in its {BitLockerNames.TagKeyEncryptionKeyUrl} tag.", null, key.Id);
            }

            var (kekVaultUri, kekName, kekVersion) = EntryRules.TryParseEntryId(kek, EntryKind.Key)
                ?? throw new VaultException(VaultErrorKind.ServiceError, "BitLockerKeyCorrupt",
                    $"The key-encryption key URL '{kek}' of secret '{key.SecretName}' is not a key URL.", null, key.Id);
            var kekVault = _connection.VaultOfEntry(kekVaultUri);
            var crypto = _connection.Keys(kekVault).GetCryptographyClient(kekName, kekVersion ?? "");
            try
            {
                return Translate.Call(EntryKind.Key, kek, () => crypto.UnwrapKey(new KeyWrapAlgorithm(BitLockerNames.WrapAlgorithm), wrapped, cancellationToken)).Key;
            }
            catch (VaultException ex) when (ex.Kind == VaultErrorKind.NotFound)
            {
                throw Rethrow(ex, "BitLockerKeyEncryptionKeyDeleted", kek,
                    $"The key-encryption key '{kek}' that wrapped secret '{key.SecretName}' does not exist (deleted or purged), so the key cannot be unwrapped.",
                    "If the key is soft-deleted, recover it (Get-VaultKey -InRemovedState | Undo-VaultKeyRemoval), then run Get-BitLockerKey again.");
            }
            catch (VaultException ex) when (ex.Kind == VaultErrorKind.AccessDenied)
            {
                throw Rethrow(ex, "BitLockerUnwrapDenied", kek,
                    $"The caller may not unwrap with key-encryption key '{kek}' (needed for secret '{key.SecretName}'): {ex.Message}",
                    "Ask for the unwrapKey permission on the key (role 'Key Vault Crypto User' or an access policy with unwrapKey).");
            }
        }

        /// <summary>The service's failure under a BitLocker ErrorId, same kind, status and service code.</summary>
        private static VaultException Rethrow(VaultException ex, string errorId, string target, string message, string hint)
            => new VaultException(ex.Kind, errorId, message, ex, target)
            {
                RecommendedAction = hint,
                Status = ex.Status,
                ServiceErrorCode = ex.ServiceErrorCode,
            };
    }
}
