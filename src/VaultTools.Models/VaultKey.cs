using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VaultTools.Internal;

namespace VaultTools
{
    /// <summary>
    /// A key's properties, without its public key: what listing returns (Get-VaultKey with wildcards or
    /// -IncludeVersions). Name, Version, VaultName and Id bind by property name into the next cmdlet.
    /// </summary>
    public class VaultKeyProperties
    {
        public string VaultName { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Version { get; set; }
        /// <summary>The key's own URL (with version when known), its "kid".</summary>
        public string Id { get; set; } = "";
        public Uri? VaultUri { get; set; }
        public bool Enabled { get; set; } = true;
        public DateTimeOffset? NotBefore { get; set; }
        public DateTimeOffset? Expires { get; set; }
        public DateTimeOffset? Created { get; set; }
        public DateTimeOffset? Updated { get; set; }
        public Dictionary<string, string> Tags { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
        /// <summary>True when the key backs a certificate (its lifetime is managed by the certificate).</summary>
        public bool Managed { get; set; }
        public bool? Exportable { get; set; }
        public string? RecoveryLevel { get; set; }
        public int? RecoverableDays { get; set; }

        public override string ToString() => Id;
    }

    /// <summary>
    /// A key: its properties, type, size or curve, permitted operations and public key. A key bundle
    /// never carries private key material; <see cref="Key"/> is the public JSON web key, which can be
    /// used locally (Key.ToRSA(), Key.ToECDsa(), Key.ToPem()) to encrypt or to verify signatures.
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
    public class DeletedVaultKey : VaultKey
    {
        public string? RecoveryId { get; set; }
        public DateTimeOffset? DeletedOn { get; set; }
        public DateTimeOffset? ScheduledPurgeDate { get; set; }
    }

    /// <summary>
    /// The public part of a vault key as a JSON web key (RFC 7517): n/e for RSA, crv/x/y for EC.
    /// Converts to .NET's RSA or ECDsa to encrypt, wrap or verify locally, and to PEM for other tools.
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

        /// <summary>An RSA public key (for RSA and RSA-HSM keys).</summary>
        public RSA ToRSA() => ToClientKey().ToRSA();

        /// <summary>An ECDsa public key (for EC and EC-HSM keys).</summary>
        public ECDsa ToECDsa() => ToClientKey().ToECDsa();

        /// <summary>The public key in SubjectPublicKeyInfo PEM ("BEGIN PUBLIC KEY"), as openssl reads it.</summary>
        public string ToPem() => PublicKeyPem.Write(this);

        /// <summary>The public JSON web key as JSON (base64url fields), without private parts: there are none.</summary>
        public string ToJson()
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                ToClientKey().Write(writer);
            }

            return Encoding.UTF8.GetString(stream.ToArray());
        }

        public override string ToString() => KeyId ?? KeyType;

        internal Keys.Client.JsonWebKey ToClientKey()
        {
            var jwk = new Keys.Client.JsonWebKey
            {
                Id = KeyId,
                KeyType = new Keys.Client.KeyType(KeyType),
                N = N,
                E = E,
                X = X,
                Y = Y,
                CurveName = CurveName is null ? (Keys.Client.KeyCurveName?)null : new Keys.Client.KeyCurveName(CurveName),
            };
            foreach (string op in KeyOps)
            {
                jwk.KeyOps.Add(new Keys.Client.KeyOperation(op));
            }

            return jwk;
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
        public string Base64Url => Internal.Base64Url.Encode(Result);

        public override string ToString() => $"{Operation} {Algorithm} {KeyId}";
    }
}
