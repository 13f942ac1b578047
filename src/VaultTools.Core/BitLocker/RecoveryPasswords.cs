using System;
using System.Security.Cryptography;
using System.Text;
using VaultTools.Errors;

namespace VaultTools.BitLocker
{
    /// <summary>
    /// BitLocker's 48-digit numerical recovery password: 8 groups of 6 digits, each group a multiple of 11
    /// whose quotient is below 65536 (each group carries 16 bits of the 128-bit key). Errors never echo the value.
    /// </summary>
    public static class RecoveryPasswords
    {
        public const int Groups = 8;
        public const int GroupDigits = 6;
        private static readonly char[] Separators = { '-', ' ' };

        /// <summary>The password in its canonical form (8 groups joined by hyphens), or an InvalidArgument error naming the parameter.</summary>
        public static string Normalize(string? password, string parameterName)
        {
            string? reason = Check(password, out string canonical);
            if (reason != null)
            {
                throw VaultException.InvalidArgument("InvalidRecoveryPassword", parameterName,
                    $"-{parameterName} is not a BitLocker recovery password: {reason} A recovery password is 48 digits in 8 groups of 6 " +
                    "(hyphens or spaces between groups are allowed), each group divisible by 11 with a quotient below 65536.");
            }

            return canonical;
        }

        public static bool IsValid(string? password) => Check(password, out _) is null;

        // The reason says where the rule broke (group number, digit count), never which digits.
        private static string? Check(string? password, out string canonical)
        {
            canonical = "";
            if (string.IsNullOrWhiteSpace(password))
            {
                return "it is empty.";
            }

            var digits = new StringBuilder(48);
            foreach (char c in password!.Trim())
            {
                if (c >= '0' && c <= '9')
                {
                    digits.Append(c);
                }
                else if (c != '-' && c != ' ')
                {
                    return "it contains a character other than digits, hyphens and spaces.";
                }
            }

            if (digits.Length != Groups * GroupDigits)
            {
                return $"it has {digits.Length} digits instead of 48.";
            }

            var result = new StringBuilder(55);
            for (int g = 0; g < Groups; g++)
            {
                int value = int.Parse(digits.ToString(g * GroupDigits, GroupDigits), System.Globalization.CultureInfo.InvariantCulture);
                if (value % 11 != 0 || value / 11 >= 65536)
                {
                    return $"group {g + 1} is not 11 times a number below 65536.";
                }

                if (g > 0)
                {
                    result.Append('-');
                }

                result.Append(digits.ToString(g * GroupDigits, GroupDigits));
            }

            // Groups are also checked one by one when typed at the recovery screen; spacing must not split a group.
            string[] typed = password.Trim().Split(Separators, StringSplitOptions.RemoveEmptyEntries);
            if (typed.Length != 1 && (typed.Length != Groups || Array.Exists(typed, t => t.Length != GroupDigits)))
            {
                return "its separators do not split it into 8 groups of 6 digits.";
            }

            canonical = result.ToString();
            return null;
        }

        /// <summary>
        /// The fingerprint kept in the secret's PasswordHash tag, so that a VM that may write but not read
        /// can tell whether the vault already holds this password: SHA-256 over a fixed label, the protector
        /// id and the canonical password. Safe to show to anyone who may list the vault: the password carries
        /// 128 random bits, so no search over candidates can reach it; the protector id as salt makes every
        /// fingerprint unique, so no precomputed table applies either. A keyed HMAC would need a key the VM
        /// holds, which a reader could then obtain from any VM, so it would add nothing.
        /// </summary>
        public static string Fingerprint(Guid keyProtectorId, string canonicalPassword)
        {
            byte[] input = Encoding.UTF8.GetBytes("VaultTools.BitLocker.v1\n" + keyProtectorId.ToString("D").ToUpperInvariant() + "\n" + canonicalPassword);
            try
            {
                return "sha256:" + Sha256Hex(input);
            }
            finally
            {
                Array.Clear(input, 0, input.Length);
            }
        }

        internal static string Sha256Hex(byte[] input)
        {
#if NET8_0_OR_GREATER
            return Convert.ToHexString(SHA256.HashData(input)).ToLowerInvariant();
#else
            using var sha = SHA256.Create();
            var sb = new StringBuilder(64);
            foreach (byte b in sha.ComputeHash(input))
            {
                sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return sb.ToString();
#endif
        }
    }
}
