using System;
using System.Linq;
using System.Globalization;
using System.Text;
using VaultTools.Errors;
using VaultTools.Validation;

namespace VaultTools.BitLocker
{
    /// <summary>
    /// How escrowed recovery passwords are named and tagged. Secret name:
    /// <c>bitlocker-{computer}-{volume}-{keyid}</c>, where computer is the computer name in lower case with every
    /// character the vault refuses (anything but a-z, 0-9 and '-') turned into '-', runs of '-' folded and cut to
    /// 63 characters; volume is the drive letter ("c" for C:) or, for a volume without a letter, "vol" and the
    /// first 8 hex digits of its volume GUID (or a hash of its path); keyid is the 8-character recovery key ID.
    /// At most 10 + 63 + 1 + 11 + 1 + 8 = 94 characters, inside the vault's 127. Two protectors that differ only
    /// in characters the rule folds would share a name: the KeyProtectorId tag tells them apart, and a write that
    /// would land on another protector's secret is refused (BitLockerSecretNameTaken). Searches use the tags,
    /// which hold the names as given.
    /// </summary>
    public static class BitLockerNames
    {
        public const string Prefix = "bitlocker-";
        public const int MaxComputerPart = 63;

        // Content types: what the secret holds, in the spirit of ADE's "BEK" / "Wrapped BEK".
        public const string ContentType = "BitLocker Recovery Password";
        public const string WrappedContentType = "Wrapped BitLocker Recovery Password";
        public const string AdeContentType = "BEK";
        public const string AdeWrappedContentType = "Wrapped BEK";

        // Tags written by Backup-BitLockerKey.
        public const string TagKeyProtectorId = "KeyProtectorId";
        public const string TagRecoveryKeyId = "RecoveryKeyId";
        public const string TagComputerName = "ComputerName";
        public const string TagMountPoint = "MountPoint";
        public const string TagVolumeType = "VolumeType";
        public const string TagBackupTime = "BackupTime";
        public const string TagPasswordHash = "PasswordHash";

        // Tags as Azure Disk Encryption writes them (also written by Backup-BitLockerKey where they apply).
        public const string TagMachineName = "MachineName";
        public const string TagVolumeLetter = "VolumeLetter";
        public const string TagBekFileName = "DiskEncryptionKeyFileName";
        public const string TagEncryptionAlgorithm = "DiskEncryptionKeyEncryptionAlgorithm";
        public const string TagKeyEncryptionKeyUrl = "DiskEncryptionKeyEncryptionKeyURL";

        /// <summary>The wrap algorithm ADE uses and Backup-BitLockerKey uses with -KeyEncryptionKeyName.</summary>
        public const string WrapAlgorithm = "RSA-OAEP";

        public static string SecretName(string computerName, string mountPoint, Guid keyProtectorId)
        {
            // A computer name never holds line breaks or other control characters: refused, not folded into the name.
            if (computerName.Any(char.IsControl) || mountPoint.Any(char.IsControl))
            {
                bool computer = computerName.Any(char.IsControl);
                string parameter = computer ? "ComputerName" : "MountPoint";
                throw VaultException.InvalidArgument(computer ? "InvalidComputerName" : "InvalidMountPoint", parameter,
                    $"-{parameter} '{(computer ? computerName : mountPoint)}' holds a line break or another control character.", computer ? computerName : mountPoint);
            }

            string name = Prefix + ComputerPart(computerName) + "-" + VolumePart(mountPoint) + "-" + RecoveryKeyId(keyProtectorId).ToLowerInvariant();
            EntryRules.CheckEntryName(name, EntryKind.Secret, "ComputerName");
            return name;
        }

        public static string ComputerPart(string computerName)
        {
            var sb = new StringBuilder();
            foreach (char c in computerName.Trim().ToLowerInvariant())
            {
                bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
                if (ok)
                {
                    sb.Append(c);
                }
                else if (sb.Length > 0 && sb[sb.Length - 1] != '-')
                {
                    sb.Append('-');
                }
            }

            string part = sb.ToString().Trim('-');
            if (part.Length > MaxComputerPart)
            {
                part = part.Substring(0, MaxComputerPart).TrimEnd('-');
            }

            return part.Length == 0 ? "computer" : part;
        }

        public static string VolumePart(string mountPoint)
        {
            string? letter = DriveLetter(mountPoint);
            if (letter != null)
            {
                return letter.Substring(0, 1).ToLowerInvariant();
            }

            int open = mountPoint.IndexOf('{');
            if (open >= 0 && mountPoint.Length >= open + 9 && Uri.IsHexDigit(mountPoint[open + 1]))
            {
                return "vol" + mountPoint.Substring(open + 1, 8).ToLowerInvariant();
            }

            // Another path (a folder mount point): a short stable hash of it.
            return "vol" + RecoveryPasswords.Sha256Hex(Encoding.UTF8.GetBytes(NormalizeMountPoint(mountPoint))).Remove(8);
        }

        /// <summary>"C:" for C, C:, C:\ (any case); null when the mount point is not a drive letter.</summary>
        public static string? DriveLetter(string? mountPoint)
        {
            string m = (mountPoint ?? "").Trim().TrimEnd('\\', '/');
            if (m.Length == 2 && m[1] == ':')
            {
                m = m.Substring(0, 1);
            }

            return m.Length == 1 && char.IsLetter(m[0]) && m[0] < 128 ? m.ToUpperInvariant() + ":" : null;
        }

        /// <summary>A mount point in the form compared by searches: the drive letter as "C:", other paths trimmed, upper case.</summary>
        public static string NormalizeMountPoint(string? mountPoint)
            => DriveLetter(mountPoint) ?? (mountPoint ?? "").Trim().TrimEnd('\\', '/').ToUpperInvariant();

        /// <summary>The protector id as BitLocker shows it: {GUID} in upper case.</summary>
        public static string FormatProtectorId(Guid id) => "{" + id.ToString("D").ToUpperInvariant() + "}";

        /// <summary>The key ID on the recovery screen: the first 8 hex digits of the protector id.</summary>
        public static string RecoveryKeyId(Guid id) => id.ToString("N").Substring(0, 8).ToUpperInvariant();

        public static Guid ParseProtectorId(string? value, string parameterName)
        {
            if (value != null && Guid.TryParse(value.Trim(), out Guid id))
            {
                return id;
            }

            throw VaultException.InvalidArgument("InvalidKeyProtectorId", parameterName,
                $"-{parameterName} '{value}' is not a key protector id: it must be a GUID such as {{1A2B3C4D-0000-0000-0000-000000000000}}.", value);
        }

        /// <summary>-RecoveryKeyId: the 8 hex digits shown at boot, or a full protector GUID. Returns (prefix, full id or null).</summary>
        public static (string Prefix, Guid? Full) ParseRecoveryKeyId(string? value, string parameterName)
        {
            string v = (value ?? "").Trim();
            if (Guid.TryParse(v, out Guid full))
            {
                return (RecoveryKeyId(full), full);
            }

            if (v.Length == 8 && IsHex(v))
            {
                return (v.ToUpperInvariant(), null);
            }

            throw VaultException.InvalidArgument("InvalidRecoveryKeyId", parameterName,
                $"-{parameterName} '{value}' is neither the 8-character key ID shown on the recovery screen (hex digits, e.g. 1A2B3C4D) nor a full key protector GUID.", value);
        }

        private static bool IsHex(string s)
        {
            foreach (char c in s)
            {
                if (!Uri.IsHexDigit(c))
                {
                    return false;
                }
            }

            return true;
        }

        internal static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
