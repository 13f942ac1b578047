using System;
using System.Collections.Generic;
using System.Linq;
using VaultTools.Errors;
using VaultTools.Keys.Client;

namespace VaultTools.Keys
{
    /// <summary>
    /// Key Vault's rules for keys, checked before any request so that bad input sends nothing and the
    /// error names the parameter and the rule: key types and sizes, curves, key operations, algorithms
    /// valid for a key's type, digest and data lengths, rotation policy durations.
    /// </summary>
    public static class KeyRules
    {
        /// <summary>RSA key sizes Key Vault creates and imports (keys.json KeyCreateParameters.key_size).</summary>
        public static readonly IReadOnlyList<int> RsaKeySizes = new[] { 2048, 3072, 4096 };

        public static readonly IReadOnlyList<string> CurveNames = new[] { "P-256", "P-384", "P-521", "P-256K" };

        /// <summary>The operations a vault key may allow (JsonWebKeyOperation).</summary>
        public static readonly IReadOnlyList<string> KeyOperations = new[] { "encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey", "import", "export" };

        public static readonly IReadOnlyList<string> EncryptionAlgorithms = new[] { "RSA-OAEP", "RSA-OAEP-256", "RSA1_5" };

        public static readonly IReadOnlyList<string> SignatureAlgorithms = new[] { "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "ES256K" };

        /// <summary>Minimums of a rotation policy, from Microsoft's documentation (see CheckRotationPolicy).</summary>
        public const int MinimumExpiryDays = 28;
        public const int MinimumRotationDays = 7;
        public const int MinimumNotifyDays = 7;

        /// <summary>RSA or EC (case-insensitive). HSM types are chosen with -Destination HSM, oct keys exist only in Managed HSM.</summary>
        public static string CheckKeyType(string? keyType, string parameterName)
        {
            switch ((keyType ?? "").Trim().ToUpperInvariant())
            {
                case "RSA": return "RSA";
                case "EC": return "EC";
                case "RSA-HSM":
                case "EC-HSM":
                    throw VaultException.InvalidArgument("InvalidKeyType", parameterName,
                        $"-{parameterName} '{keyType}': give RSA or EC, and -Destination HSM for a hardware-protected key ({keyType}).", keyType);
                default:
                    throw VaultException.InvalidArgument("InvalidKeyType", parameterName,
                        $"-{parameterName} '{keyType}' is not a key type Key Vault creates: use RSA or EC (symmetric 'oct' keys exist only in Managed HSM).", keyType);
            }
        }

        public static void CheckRsaKeySize(int? size, string parameterName)
        {
            if (size.HasValue && !RsaKeySizes.Contains(size.Value))
            {
                throw VaultException.InvalidArgument("InvalidKeySize", parameterName,
                    $"-{parameterName} {size} is not an RSA key size Key Vault supports: use 2048, 3072 or 4096.", size);
            }
        }

        /// <summary>Returns the canonical curve name (P-256, P-384, P-521, P-256K), accepting any letter case.</summary>
        public static string CheckCurveName(string? curve, string parameterName)
        {
            string? match = CurveNames.FirstOrDefault(c => string.Equals(c, curve?.Trim(), StringComparison.OrdinalIgnoreCase));
            return match ?? throw VaultException.InvalidArgument("InvalidCurveName", parameterName,
                $"-{parameterName} '{curve}' is not an elliptic curve Key Vault supports: use P-256, P-384, P-521 or P-256K.", curve);
        }

        /// <summary>
        /// Checks and canonicalizes key operations (any letter case in, wire spelling out). EC keys only sign
        /// and verify in Key Vault, so encrypt/decrypt/wrapKey/unwrapKey are refused for them.
        /// </summary>
        public static List<string>? CheckKeyOperations(IEnumerable<string>? operations, string? keyType, string parameterName)
        {
            if (operations is null)
            {
                return null;
            }

            var result = new List<string>();
            foreach (string op in operations)
            {
                string? canonical = KeyOperations.FirstOrDefault(k => string.Equals(k, op?.Trim(), StringComparison.OrdinalIgnoreCase));
                if (canonical is null)
                {
                    throw VaultException.InvalidArgument("InvalidKeyOperation", parameterName,
                        $"-{parameterName} '{op}' is not a key operation: use {string.Join(", ", KeyOperations)}.", op);
                }

                if (keyType != null && keyType.StartsWith("EC", StringComparison.OrdinalIgnoreCase)
                    && (canonical == "encrypt" || canonical == "decrypt" || canonical == "wrapKey" || canonical == "unwrapKey"))
                {
                    throw VaultException.InvalidArgument("InvalidKeyOperation", parameterName,
                        $"-{parameterName} '{canonical}' is not possible with an EC key: EC keys sign and verify; use an RSA key to encrypt or wrap.", op);
                }

                if (!result.Contains(canonical))
                {
                    result.Add(canonical);
                }
            }

            return result;
        }

        /// <summary>An encryption or key wrap algorithm for the key's type (Key Vault's are RSA-only).</summary>
        public static string CheckEncryptionAlgorithm(string? algorithm, string keyType, string parameterName)
        {
            string? canonical = EncryptionAlgorithms.FirstOrDefault(a => string.Equals(a, algorithm?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (canonical is null)
            {
                throw VaultException.InvalidArgument("InvalidAlgorithm", parameterName,
                    $"-{parameterName} '{algorithm}' is not an encryption or key wrap algorithm Key Vault offers for its keys: use RSA-OAEP-256 (recommended), RSA-OAEP or RSA1_5.", algorithm);
            }

            if (!IsRsa(keyType))
            {
                throw VaultException.InvalidArgument("AlgorithmNotValidForKey", parameterName,
                    $"-{parameterName} {canonical} needs an RSA key, and this key is {keyType}: EC keys in Key Vault only sign and verify.", algorithm);
            }

            return canonical;
        }

        /// <summary>A signature algorithm for the key's type and curve: RS*/PS* for RSA, ES256/384/512/256K for the matching curve.</summary>
        public static string CheckSignatureAlgorithm(string? algorithm, string keyType, string? curve, string parameterName)
        {
            string? canonical = SignatureAlgorithms.FirstOrDefault(a => string.Equals(a, algorithm?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (canonical is null)
            {
                throw VaultException.InvalidArgument("InvalidAlgorithm", parameterName,
                    $"-{parameterName} '{algorithm}' is not a signature algorithm Key Vault offers: use {string.Join(", ", SignatureAlgorithms)}.", algorithm);
            }

            if (IsRsa(keyType))
            {
                if (!canonical.StartsWith("RS", StringComparison.Ordinal) && !canonical.StartsWith("PS", StringComparison.Ordinal))
                {
                    throw VaultException.InvalidArgument("AlgorithmNotValidForKey", parameterName,
                        $"-{parameterName} {canonical} is an elliptic-curve algorithm; this key is {keyType}: use RS256/384/512 or PS256/384/512.", algorithm);
                }

                return canonical;
            }

            string expected = DefaultSignatureAlgorithm(keyType, curve);
            if (canonical != expected)
            {
                throw VaultException.InvalidArgument("AlgorithmNotValidForKey", parameterName,
                    $"-{parameterName} {canonical} does not match this key ({keyType} on curve {curve}): its algorithm is {expected}.", algorithm);
            }

            return canonical;
        }

        /// <summary>The algorithm used when none is given: RSA-OAEP-256 to encrypt or wrap.</summary>
        public const string DefaultEncryptionAlgorithm = "RSA-OAEP-256";

        /// <summary>The algorithm used to sign when none is given: RS256 for RSA (the most widely verified), the curve's ES algorithm for EC.</summary>
        public static string DefaultSignatureAlgorithm(string keyType, string? curve)
        {
            if (IsRsa(keyType))
            {
                return "RS256";
            }

            return curve switch
            {
                "P-256" => "ES256",
                "P-384" => "ES384",
                "P-521" => "ES512",
                "P-256K" => "ES256K",
                _ => throw VaultException.InvalidArgument("AlgorithmNotValidForKey", "Algorithm", $"The key's curve '{curve}' has no signature algorithm in Key Vault."),
            };
        }

        /// <summary>A digest must be exactly as long as the algorithm's hash (32, 48 or 64 bytes).</summary>
        public static void CheckDigest(byte[] digest, string algorithm, string parameterName)
        {
            int bytes = CryptographyClient.HashSize(new SignatureAlgorithm(algorithm)) / 8;
            if (digest is null || digest.Length != bytes)
            {
                throw VaultException.InvalidArgument("InvalidDigestLength", parameterName,
                    $"-{parameterName} is {digest?.Length ?? 0} bytes, but {algorithm} signs a {bytes * 8}-bit digest ({bytes} bytes). Give the data with -Value to hash it here.");
            }
        }

        /// <summary>RSA can encrypt at most k-2h-2 bytes with OAEP (h: 20 for SHA-1, 32 for SHA-256) and k-11 with PKCS#1 v1.5.</summary>
        public static void CheckPlaintextLength(int length, string algorithm, int keySizeBits, string parameterName)
        {
            if (keySizeBits <= 0)
            {
                return;
            }

            int k = keySizeBits / 8;
            int max = algorithm switch
            {
                "RSA-OAEP" => k - (2 * 20) - 2,
                "RSA-OAEP-256" => k - (2 * 32) - 2,
                _ => k - 11,
            };
            if (length == 0 || length > max)
            {
                throw VaultException.InvalidArgument("InvalidValueLength", parameterName,
                    $"-{parameterName} is {length} bytes; {algorithm} with a {keySizeBits}-bit RSA key takes 1 to {max} bytes. Encrypt a symmetric key with it (envelope encryption), not the data itself.");
            }
        }

        /// <summary>RSA ciphertext is exactly as long as the modulus.</summary>
        public static void CheckCiphertextLength(int length, int keySizeBits, string parameterName)
        {
            if (keySizeBits > 0 && length != keySizeBits / 8)
            {
                throw VaultException.InvalidArgument("InvalidValueLength", parameterName,
                    $"-{parameterName} is {length} bytes; ciphertext of a {keySizeBits}-bit RSA key is exactly {keySizeBits / 8} bytes.");
            }
        }

        /// <summary>
        /// Checks a rotation policy as the service does, before it is sent. Rules, from Microsoft's
        /// documentation "Configure cryptographic key auto-rotation in Azure Key Vault"
        /// (https://learn.microsoft.com/azure/key-vault/keys/how-to-configure-key-rotation):
        /// "Rotation time: key rotation interval, the minimum value is seven days from creation and seven
        /// days from expiration time"; rotating or notifying before expiry "requires 'Expiry Time' set on
        /// rotation policy"; and from the KeyRotationPolicy.ExpiresIn reference
        /// (https://learn.microsoft.com/dotnet/api/azure.security.keyvault.keys.keyrotationpolicy.expiresin,
        /// and keys.json KeyRotationPolicyAttributes.expiryTime): the expiry "should be at least 28 days".
        /// The notification minimum of 7 days is what the Azure portal enforces for "Notify before expiry".
        /// A rotate action has exactly one trigger; a policy has at most one rotate and one notify action
        /// (keys.json KeyRotationPolicy.lifetimeActions).
        /// </summary>
        public static void CheckRotationPolicy(RotationPolicyWrite policy)
        {
            IsoDuration? expires = policy.ExpiresIn is null ? null : IsoDuration.Parse(policy.ExpiresIn, "ExpiresIn");
            IsoDuration? afterCreate = policy.RotateAfterCreate is null ? null : IsoDuration.Parse(policy.RotateAfterCreate, "RotateAfterCreate");
            IsoDuration? beforeExpiry = policy.RotateBeforeExpiry is null ? null : IsoDuration.Parse(policy.RotateBeforeExpiry, "RotateBeforeExpiry");
            IsoDuration? notify = policy.NotifyBeforeExpiry is null ? null : IsoDuration.Parse(policy.NotifyBeforeExpiry, "NotifyBeforeExpiry");

            if (expires != null && expires.ApproximateDays < MinimumExpiryDays)
            {
                throw VaultException.InvalidArgument("RotationPolicyExpiryTooShort", "ExpiresIn",
                    $"-ExpiresIn {expires} is shorter than {MinimumExpiryDays} days, the least Key Vault accepts for keys made by rotation.");
            }

            if (afterCreate != null && beforeExpiry != null)
            {
                throw VaultException.InvalidArgument("RotationTriggerConflict", "RotateBeforeExpiry",
                    "Give either -RotateAfterCreate or -RotateBeforeExpiry: a rotation has one trigger.");
            }

            if (afterCreate != null)
            {
                CheckAtLeast(afterCreate, MinimumRotationDays, "RotateAfterCreate", "after creation");
                if (expires != null && afterCreate.ApproximateDays > expires.ApproximateDays - MinimumRotationDays)
                {
                    throw VaultException.InvalidArgument("RotationAfterExpiry", "RotateAfterCreate",
                        $"-RotateAfterCreate {afterCreate} must be at least {MinimumRotationDays} days before -ExpiresIn {expires}, so the key is rotated before it expires.");
                }
            }

            if (beforeExpiry != null)
            {
                RequireExpiry(expires, "RotateBeforeExpiry");
                CheckAtLeast(beforeExpiry, MinimumRotationDays, "RotateBeforeExpiry", "before expiry");
                if (beforeExpiry.ApproximateDays > expires!.ApproximateDays - MinimumRotationDays)
                {
                    throw VaultException.InvalidArgument("RotationBeforeCreation", "RotateBeforeExpiry",
                        $"-RotateBeforeExpiry {beforeExpiry} must leave at least {MinimumRotationDays} days after creation within -ExpiresIn {expires}.");
                }
            }

            if (notify != null)
            {
                RequireExpiry(expires, "NotifyBeforeExpiry");
                CheckAtLeast(notify, MinimumNotifyDays, "NotifyBeforeExpiry", "before expiry");
                if (notify.ApproximateDays >= expires!.ApproximateDays)
                {
                    throw VaultException.InvalidArgument("NotifyBeforeCreation", "NotifyBeforeExpiry",
                        $"-NotifyBeforeExpiry {notify} must be shorter than -ExpiresIn {expires}.");
                }
            }

            if (expires is null && afterCreate is null && beforeExpiry is null && notify is null)
            {
                throw VaultException.InvalidArgument("EmptyRotationPolicy", "ExpiresIn",
                    "Give at least one of -ExpiresIn, -RotateAfterCreate, -RotateBeforeExpiry or -NotifyBeforeExpiry.");
            }
        }

        private static void CheckAtLeast(IsoDuration value, int days, string parameterName, string what)
        {
            if (value.ApproximateDays < days)
            {
                throw VaultException.InvalidArgument("RotationTimeTooShort", parameterName,
                    $"-{parameterName} {value} is shorter than {days} days, the least Key Vault accepts {what}.");
            }
        }

        private static void RequireExpiry(IsoDuration? expires, string parameterName)
        {
            if (expires is null)
            {
                throw VaultException.InvalidArgument("RotationPolicyNeedsExpiry", parameterName,
                    $"-{parameterName} counts back from the expiry of new versions: give -ExpiresIn too.");
            }
        }

        internal static bool IsRsa(string keyType) => keyType == "RSA" || keyType == "RSA-HSM";
    }

    /// <summary>What Set-VaultKeyRotationPolicy writes: ISO 8601 durations, each optional.</summary>
    public sealed class RotationPolicyWrite
    {
        public string? ExpiresIn { get; set; }
        public string? RotateAfterCreate { get; set; }
        public string? RotateBeforeExpiry { get; set; }
        public string? NotifyBeforeExpiry { get; set; }
    }
}
