using System.Security.Cryptography;
using System.Text.Json.Nodes;
using VaultTools.Emulator.Errors;

namespace VaultTools.Emulator.Keys;

/// <summary>Public parameters (base64url) and the PKCS#8 private key of a new or imported key pair.</summary>
public sealed record KeyMaterial(bool IsRsa, string? N, string? E, string? Crv, string? X, string? Y, byte[] Pkcs8);

/// <summary>
/// The cryptography of keys, with .NET's own RSA and ECDsa: generating and importing key pairs, and
/// the operations the vault performs with the private key (decrypt, unwrap, sign) or, as a
/// convenience, with the public key (encrypt, wrap, verify). RSA: RSA1_5, RSA-OAEP (SHA-1),
/// RSA-OAEP-256; RS/PS 256/384/512. EC: ES256 (P-256), ES384 (P-384), ES512 (P-521), ES256K (P-256K),
/// signatures in the JWS form r|s. Invalid requests throw the service's 400 BadParameter (texts are
/// approximations).
/// </summary>
public static class KeyCrypto
{
    public static readonly IReadOnlyList<int> RsaSizes = [2048, 3072, 4096];
    public const int RsaPublicExponent = 65537;

    /// <summary>Key Vault curve name → (OID, coordinate size in bytes).</summary>
    private static readonly Dictionary<string, (string Oid, int Size)> Curves = new(StringComparer.Ordinal)
    {
        ["P-256"] = ("1.2.840.10045.3.1.7", 32),
        ["P-384"] = ("1.3.132.0.34", 48),
        ["P-521"] = ("1.3.132.0.35", 66),
        ["P-256K"] = ("1.3.132.0.10", 32),
    };

    public static IReadOnlyCollection<string> CurveNames => Curves.Keys;

    public static bool IsCurve(string? name) => name is not null && Curves.ContainsKey(name);

    // ------------------------------------------------------------------ key pairs

    public static KeyMaterial GenerateRsa(int size)
    {
        using var rsa = RSA.Create(size);
        var p = rsa.ExportParameters(false);
        return new KeyMaterial(true, B64.Encode(p.Modulus!), B64.Encode(p.Exponent!), null, null, null, rsa.ExportPkcs8PrivateKey());
    }

    public static KeyMaterial GenerateEc(string curve)
    {
        using var ec = ECDsa.Create(ECCurve.CreateFromValue(Curves[curve].Oid));
        var p = ec.ExportParameters(false);
        return new KeyMaterial(false, null, null, curve, B64.Encode(p.Q.X!), B64.Encode(p.Q.Y!), ec.ExportPkcs8PrivateKey());
    }

    /// <summary>A key pair from a JSON web key with its private part (RSA: n, e, d, p, q, dp, dq, qi; EC: crv, x, y, d).</summary>
    public static KeyMaterial FromJwk(JsonObject jwk, bool isRsa)
    {
        try
        {
            return isRsa ? RsaFromJwk(jwk) : EcFromJwk(jwk);
        }
        catch (CryptographicException)
        {
            throw KeyVaultErrors.BadParameter("The key is not a valid key pair: its private and public parameters do not belong together.").ToException();
        }
    }

    private static KeyMaterial RsaFromJwk(JsonObject jwk)
    {
        var n = Trim(Required(jwk, "n"));
        var e = Trim(Required(jwk, "e"));
        var size = n.Length;
        if (!RsaSizes.Contains(size * 8))
        {
            throw KeyVaultErrors.BadParameter($"The RSA key size {size * 8} is not supported; use 2048, 3072 or 4096 bits.").ToException();
        }
        var half = (size + 1) / 2;
        var parameters = new RSAParameters
        {
            Modulus = n,
            Exponent = e,
            D = Fit(Required(jwk, "d"), size),
            P = Fit(Required(jwk, "p"), half),
            Q = Fit(Required(jwk, "q"), half),
            DP = Fit(Required(jwk, "dp"), half),
            DQ = Fit(Required(jwk, "dq"), half),
            InverseQ = Fit(Required(jwk, "qi"), half),
        };
        using var rsa = RSA.Create();
        rsa.ImportParameters(parameters);
        // A pair whose halves do not match imports without complaint: prove it signs what it verifies.
        var probe = SHA256.HashData("vaulttools-emulator-import-check"u8);
        if (!rsa.VerifyHash(probe, rsa.SignHash(probe, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            throw new CryptographicException("mismatched key pair");
        }
        return new KeyMaterial(true, B64.Encode(n), B64.Encode(e), null, null, null, rsa.ExportPkcs8PrivateKey());
    }

    private static KeyMaterial EcFromJwk(JsonObject jwk)
    {
        var crv = jwk["crv"] is JsonValue v && v.TryGetValue<string>(out var c) ? c : null;
        if (!IsCurve(crv))
        {
            throw KeyVaultErrors.BadParameter($"The curve '{crv}' is not supported; use P-256, P-384, P-521 or P-256K.").ToException();
        }
        var (oid, size) = Curves[crv!];
        var parameters = new ECParameters
        {
            Curve = ECCurve.CreateFromValue(oid),
            Q = new ECPoint { X = Fit(Required(jwk, "x"), size), Y = Fit(Required(jwk, "y"), size) },
            D = Fit(Required(jwk, "d"), size),
        };
        using var ec = ECDsa.Create();
        ec.ImportParameters(parameters);
        var probe = SHA256.HashData("vaulttools-emulator-import-check"u8);
        if (!ec.VerifyHash(probe, ec.SignHash(probe)))
        {
            throw new CryptographicException("mismatched key pair");
        }
        var p = ec.ExportParameters(false);
        return new KeyMaterial(false, null, null, crv, B64.Encode(p.Q.X!), B64.Encode(p.Q.Y!), ec.ExportPkcs8PrivateKey());
    }

    /// <summary>The RSA modulus length in bits of a stored key.</summary>
    public static int RsaSize(KeyDocument doc) => Trim(B64.Decode(doc.N ?? "")).Length * 8;

    // ------------------------------------------------------------------ operations

    public static readonly IReadOnlyList<string> EncryptionAlgorithms = ["RSA-OAEP", "RSA-OAEP-256", "RSA1_5"];

    /// <summary>Encrypt or wrapKey with the public key.</summary>
    public static byte[] Encrypt(KeyDocument doc, byte[] pkcs8, string algorithm, byte[] plaintext)
    {
        using var rsa = LoadRsa(doc, pkcs8, algorithm);
        var padding = EncryptionPadding(algorithm, doc);
        var max = rsa.KeySize / 8 - algorithm switch { "RSA1_5" => 11, "RSA-OAEP" => 42, _ => 66 };
        if (plaintext.Length > max)
        {
            throw KeyVaultErrors.BadParameter($"The value is too long for {algorithm} with a {rsa.KeySize}-bit key: at most {max} bytes.").ToException();
        }
        return rsa.Encrypt(plaintext, padding);
    }

    /// <summary>Decrypt or unwrapKey with the private key.</summary>
    public static byte[] Decrypt(KeyDocument doc, byte[] pkcs8, string algorithm, byte[] ciphertext)
    {
        using var rsa = LoadRsa(doc, pkcs8, algorithm);
        var padding = EncryptionPadding(algorithm, doc);
        if (ciphertext.Length != rsa.KeySize / 8)
        {
            throw KeyVaultErrors.BadParameter($"The ciphertext must be {rsa.KeySize / 8} bytes for a {rsa.KeySize}-bit key.").ToException();
        }
        try
        {
            return rsa.Decrypt(ciphertext, padding);
        }
        catch (CryptographicException)
        {
            throw KeyVaultErrors.BadParameter("The ciphertext could not be decrypted with this key and algorithm.").ToException();
        }
    }

    public static byte[] Sign(KeyDocument doc, byte[] pkcs8, string algorithm, byte[] digest)
    {
        var (hash, pss) = SignatureScheme(doc, algorithm, digest);
        if (doc.IsRsa)
        {
            using var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return rsa.SignHash(digest, hash, pss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);
        }
        using var ec = ECDsa.Create();
        ec.ImportPkcs8PrivateKey(pkcs8, out _);
        return ec.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    public static bool Verify(KeyDocument doc, byte[] pkcs8, string algorithm, byte[] digest, byte[] signature)
    {
        var (hash, pss) = SignatureScheme(doc, algorithm, digest);
        if (doc.IsRsa)
        {
            using var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return rsa.VerifyHash(digest, signature, hash, pss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);
        }
        using var ec = ECDsa.Create();
        ec.ImportPkcs8PrivateKey(pkcs8, out _);
        return ec.VerifyHash(digest, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>The hash an algorithm signs and whether it is PSS; checks that it fits the key and the digest length.</summary>
    private static (HashAlgorithmName Hash, bool Pss) SignatureScheme(KeyDocument doc, string algorithm, byte[] digest)
    {
        (HashAlgorithmName Hash, bool Pss, bool Rsa, string? Curve)? scheme = algorithm switch
        {
            "RS256" => (HashAlgorithmName.SHA256, false, true, null),
            "RS384" => (HashAlgorithmName.SHA384, false, true, null),
            "RS512" => (HashAlgorithmName.SHA512, false, true, null),
            "PS256" => (HashAlgorithmName.SHA256, true, true, null),
            "PS384" => (HashAlgorithmName.SHA384, true, true, null),
            "PS512" => (HashAlgorithmName.SHA512, true, true, null),
            "ES256" => (HashAlgorithmName.SHA256, false, false, "P-256"),
            "ES384" => (HashAlgorithmName.SHA384, false, false, "P-384"),
            "ES512" => (HashAlgorithmName.SHA512, false, false, "P-521"),
            "ES256K" => (HashAlgorithmName.SHA256, false, false, "P-256K"),
            _ => null,
        };
        if (scheme is null)
        {
            throw KeyVaultErrors.BadParameter($"The signature algorithm '{algorithm}' is not supported; use RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512 or ES256K.").ToException();
        }
        var s = scheme.Value;
        if (s.Rsa != doc.IsRsa || (!s.Rsa && s.Curve != doc.Crv))
        {
            throw KeyVaultErrors.BadParameter($"Algorithm {algorithm} is not valid for a {doc.Kty} key{(doc.IsRsa ? "" : " on curve " + doc.Crv)}.").ToException();
        }
        var length = s.Hash == HashAlgorithmName.SHA256 ? 32 : s.Hash == HashAlgorithmName.SHA384 ? 48 : 64;
        if (digest.Length != length)
        {
            throw KeyVaultErrors.BadParameter($"The digest must be {length} bytes for {algorithm}; got {digest.Length}.").ToException();
        }
        return (s.Hash, s.Pss);
    }

    private static RSA LoadRsa(KeyDocument doc, byte[] pkcs8, string algorithm)
    {
        if (!EncryptionAlgorithms.Contains(algorithm))
        {
            throw KeyVaultErrors.BadParameter($"The algorithm '{algorithm}' is not supported for {doc.Kty} keys; use RSA-OAEP, RSA-OAEP-256 or RSA1_5.").ToException();
        }
        if (!doc.IsRsa)
        {
            throw KeyVaultErrors.BadParameter($"Algorithm {algorithm} is not valid for a {doc.Kty} key: EC keys only sign and verify.").ToException();
        }
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return rsa;
    }

    private static RSAEncryptionPadding EncryptionPadding(string algorithm, KeyDocument doc) => algorithm switch
    {
        "RSA1_5" => RSAEncryptionPadding.Pkcs1,
        "RSA-OAEP" => RSAEncryptionPadding.OaepSHA1,
        "RSA-OAEP-256" => RSAEncryptionPadding.OaepSHA256,
        _ => throw KeyVaultErrors.BadParameter($"The algorithm '{algorithm}' is not supported for {doc.Kty} keys.").ToException(),
    };

    // ------------------------------------------------------------------ helpers

    private static byte[] Required(JsonObject jwk, string name)
    {
        if (jwk[name] is not JsonValue v || !v.TryGetValue<string>(out var text) || text.Length == 0)
        {
            throw KeyVaultErrors.BadParameter($"The key to import has no '{name}': a key is imported with its private part.").ToException();
        }
        return B64.DecodeParameter(text, "key." + name);
    }

    private static byte[] Trim(byte[] value)
    {
        var i = 0;
        while (i < value.Length - 1 && value[i] == 0)
        {
            i++;
        }
        return i == 0 ? value : value[i..];
    }

    /// <summary>Left-pads (or drops leading zeros) to the exact length .NET expects.</summary>
    private static byte[] Fit(byte[] value, int length)
    {
        var trimmed = Trim(value);
        if (trimmed.Length > length)
        {
            throw KeyVaultErrors.BadParameter("A key parameter is longer than the key size allows.").ToException();
        }
        if (trimmed.Length == length)
        {
            return trimmed;
        }
        var padded = new byte[length];
        trimmed.CopyTo(padded, length - trimmed.Length);
        return padded;
    }
}

/// <summary>base64url as Key Vault writes it (no padding); decoding also accepts padding and standard base64.</summary>
public static class B64
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    public static byte[] Decode(string text)
    {
        var s = text.Trim().Replace('+', '-').Replace('/', '_').TrimEnd('=');
        return System.Buffers.Text.Base64Url.DecodeFromChars(s);
    }

    /// <summary>Decodes a request parameter; a malformed one is the service's 400 BadParameter naming it.</summary>
    public static byte[] DecodeParameter(string text, string name)
    {
        try
        {
            return Decode(text);
        }
        catch (FormatException)
        {
            throw KeyVaultErrors.BadParameter($"The parameter '{name}' is not valid base64url.").ToException();
        }
    }
}
