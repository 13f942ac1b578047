using System;
using System.Security.Cryptography;

namespace VaultTools
{
    /// <summary>
    /// Where a new key lives: in software (RSA, EC) or in a hardware security module (RSA-HSM, EC-HSM;
    /// premium vaults only). Here rather than in Core because Add-VaultKey's -Destination has this type,
    /// and PowerShell loads a parameter's type while it scans the cmdlets, before Core can be loaded.
    /// </summary>
    public enum KeyDestination
    {
        Software,
        HSM,
    }

    /// <summary>
    /// A key's properties, without its public key: what listing returns (Get-VaultKey with wildcards or
    /// -IncludeVersions). Name, Version, VaultName and Id (the key's "kid") bind by property name into the next cmdlet.
    /// </summary>
    public class VaultKeyProperties : VaultEntryProperties
    {
        /// <summary>True when the key backs a certificate (its lifetime is managed by the certificate).</summary>
        public bool Managed { get; set; }
        public bool? Exportable { get; set; }
    }

    /// <summary>
    /// A key: its properties, type, size or curve, permitted operations and public key. A key bundle
    /// never carries private key material; <see cref="Key"/> is the public JSON web key, which can be
    /// used locally (Key.ToRSA(), Key.ToECDsa(), Key.Pem) to encrypt or to verify signatures.
    /// </summary>
    public class VaultKey : VaultKeyProperties
    {
        /// <summary>RSA, RSA-HSM, EC or EC-HSM.</summary>
        public string KeyType { get; set; } = "";
        /// <summary>RSA modulus size in bits (2048, 3072, 4096); null for EC keys.</summary>
        public int? KeySize { get; set; }
        /// <summary>P-256, P-384, P-521 or P-256K for EC keys.</summary>
        public string? CurveName { get; set; }
        public string[] KeyOps { get; set; } = Array.Empty<string>();
        /// <summary>True for RSA-HSM and EC-HSM keys (kept in a hardware security module).</summary>
        public bool HardwareProtected => KeyType.EndsWith("-HSM", StringComparison.Ordinal);
        public VaultJsonWebKey? Key { get; set; }
    }

    /// <summary>A key in the soft-deleted state: recoverable until ScheduledPurgeDate.</summary>
    public class DeletedVaultKey : VaultKey, IDeletedEntry
    {
        public string? RecoveryId { get; set; }
        public DateTimeOffset? DeletedOn { get; set; }
        public DateTimeOffset? ScheduledPurgeDate { get; set; }
    }

    /// <summary>
    /// The public part of a vault key as a JSON web key (RFC 7517): n/e for RSA, crv/x/y for EC.
    /// Converts to .NET's RSA or ECDsa to encrypt, wrap or verify locally; <see cref="Pem"/> and
    /// <see cref="Json"/> are the same public key as SubjectPublicKeyInfo PEM and as JWK JSON, filled
    /// in by VaultTools when it reads the key (this assembly has no dependencies, so it holds them as data).
    /// </summary>
    public sealed class VaultJsonWebKey
    {
        public string? KeyId { get; set; }
        public string KeyType { get; set; } = "";
        public string[] KeyOps { get; set; } = Array.Empty<string>();
        public byte[]? N { get; set; }
        public byte[]? E { get; set; }
        public string? CurveName { get; set; }
        public byte[]? X { get; set; }
        public byte[]? Y { get; set; }

        /// <summary>The public key in SubjectPublicKeyInfo PEM ("BEGIN PUBLIC KEY"), as openssl reads it.</summary>
        public string? Pem { get; set; }

        /// <summary>The public JSON web key as JSON (base64url fields), without private parts: there are none.</summary>
        public string? Json { get; set; }

        /// <summary>An RSA public key (for RSA and RSA-HSM keys).</summary>
        public RSA ToRSA()
        {
            if (!KeyType.StartsWith("RSA", StringComparison.Ordinal) || N is null || E is null)
            {
                throw new InvalidOperationException($"The key is not an RSA key with a modulus and exponent (kty '{KeyType}').");
            }

            var rsa = RSA.Create();
            try
            {
                rsa.ImportParameters(new RSAParameters { Modulus = TrimLeadingZeros(N), Exponent = TrimLeadingZeros(E) });
                return rsa;
            }
            catch
            {
                rsa.Dispose();
                throw;
            }
        }

        /// <summary>An ECDsa public key (for EC and EC-HSM keys).</summary>
        public ECDsa ToECDsa()
        {
            if (!KeyType.StartsWith("EC", StringComparison.Ordinal) || CurveName is null || X is null || Y is null)
            {
                throw new InvalidOperationException($"The key is not an EC key with a curve and coordinates (kty '{KeyType}').");
            }

            var (oid, size) = Curve(CurveName);
            return ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.CreateFromValue(oid),
                Q = new ECPoint { X = FixLength(X, size), Y = FixLength(Y, size) },
            });
        }

        public override string ToString() => KeyId ?? KeyType;

        /// <summary>Key Vault's curve names: their OID and coordinate size in bytes.</summary>
        private static (string Oid, int Size) Curve(string name) => name switch
        {
            "P-256" => ("1.2.840.10045.3.1.7", 32),
            "P-384" => ("1.3.132.0.34", 48),
            "P-521" => ("1.3.132.0.35", 66),
            "P-256K" => ("1.3.132.0.10", 32),
            _ => throw new InvalidOperationException($"The curve '{name}' is not one Key Vault supports (P-256, P-384, P-521, P-256K)."),
        };

        private static byte[] TrimLeadingZeros(byte[] value)
        {
            int i = 0;
            while (i < value.Length - 1 && value[i] == 0)
            {
                i++;
            }

            if (i == 0)
            {
                return value;
            }

            var trimmed = new byte[value.Length - i];
            Buffer.BlockCopy(value, i, trimmed, 0, trimmed.Length);
            return trimmed;
        }

        /// <summary>Left-pads (or drops leading zeros) to the coordinate size the platform expects.</summary>
        private static byte[] FixLength(byte[] value, int length)
        {
            if (value.Length == length)
            {
                return value;
            }

            var trimmed = TrimLeadingZeros(value);
            if (trimmed.Length > length)
            {
                throw new InvalidOperationException("A key coordinate is longer than its curve allows.");
            }

            var padded = new byte[length];
            Buffer.BlockCopy(trimmed, 0, padded, length - trimmed.Length, trimmed.Length);
            return padded;
        }
    }

    /// <summary>A key's rotation policy: when Key Vault makes a new version, when it notifies, and how long new versions live.</summary>
    public class KeyRotationPolicy
    {
        public string VaultName { get; set; } = "";
        public string KeyName { get; set; } = "";
        public string? Id { get; set; }
        /// <summary>ISO 8601 duration after which versions made by rotation expire (e.g. P2Y).</summary>
        public string? ExpiresIn { get; set; }
        /// <summary>Rotate this long after a version is created (e.g. P18M).</summary>
        public string? RotateAfterCreate { get; set; }
        /// <summary>Rotate this long before a version expires.</summary>
        public string? RotateBeforeExpiry { get; set; }
        /// <summary>Send the near-expiry event (Event Grid) this long before a version expires (e.g. P30D).</summary>
        public string? NotifyBeforeExpiry { get; set; }
        public KeyRotationLifetimeAction[] LifetimeActions { get; set; } = Array.Empty<KeyRotationLifetimeAction>();
        public DateTimeOffset? Created { get; set; }
        public DateTimeOffset? Updated { get; set; }

        public override string ToString() => Id ?? KeyName;
    }

    /// <summary>One action of a rotation policy (Rotate or Notify) and its trigger.</summary>
    public class KeyRotationLifetimeAction
    {
        public string Action { get; set; } = "";
        public string? TimeAfterCreate { get; set; }
        public string? TimeBeforeExpiry { get; set; }

        public override string ToString() => Action + (TimeAfterCreate is null ? "" : " after create " + TimeAfterCreate) + (TimeBeforeExpiry is null ? "" : " before expiry " + TimeBeforeExpiry);
    }

    /// <summary>
    /// The result of a cryptographic operation done by the vault: the key version that did it, the
    /// operation, the algorithm, and the resulting bytes (ciphertext, wrapped key, signature, or - for
    /// Unprotect-VaultData - the plaintext). Result is never part of ToString() or the default view.
    /// </summary>
    public class KeyOperationResult
    {
        public string VaultName { get; set; } = "";
        /// <summary>The key version that performed the operation (its kid). Binds to -Id of the next cmdlet.</summary>
        public string KeyId { get; set; } = "";
        public string KeyName { get; set; } = "";
        public string? KeyVersion { get; set; }
        /// <summary>Encrypt, Decrypt, WrapKey, UnwrapKey or Sign.</summary>
        public string Operation { get; set; } = "";
        public string Algorithm { get; set; } = "";
        public byte[] Result { get; set; } = Array.Empty<byte>();

        /// <summary>Result as standard base64.</summary>
        public string Base64 => Convert.ToBase64String(Result);

        /// <summary>Result as base64url without padding (the encoding of JWS/JWE and of Key Vault's REST API).</summary>
        public string Base64Url => Convert.ToBase64String(Result).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public override string ToString() => $"{Operation} {Algorithm} {KeyId}";
    }
}
