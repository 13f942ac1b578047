using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using VaultTools.Internal;

namespace VaultTools.Keys.Client
{
    /// <summary>
    /// A JSON web key as Key Vault sends and takes it (keys.json, JsonWebKey): the public parts of RSA
    /// (n, e) and EC (crv, x, y) keys, and, for import only, the private parts. Shaped like the official
    /// Azure.Security.KeyVault.Keys.JsonWebKey, with ToRSA/ToECDsa to use the public key locally.
    /// </summary>
    internal sealed class JsonWebKey
    {
        public string? Id { get; set; }
        public KeyType KeyType { get; set; }
        public IList<KeyOperation> KeyOps { get; } = new List<KeyOperation>();
        public byte[]? N { get; set; }
        public byte[]? E { get; set; }
        public byte[]? D { get; set; }
        public byte[]? DP { get; set; }
        public byte[]? DQ { get; set; }
        public byte[]? QI { get; set; }
        public byte[]? P { get; set; }
        public byte[]? Q { get; set; }
        public byte[]? K { get; set; }
        /// <summary>Protected key for "bring your own key" (key_hsm on the wire).</summary>
        public byte[]? T { get; set; }
        public KeyCurveName? CurveName { get; set; }
        public byte[]? X { get; set; }
        public byte[]? Y { get; set; }

        /// <summary>True when private material (d, p, q, dp, dq, qi, k) is present.</summary>
        public bool HasPrivateKey => D != null || P != null || Q != null || DP != null || DQ != null || QI != null || K != null;

        /// <summary>The RSA modulus length in bits (0 when not an RSA key).</summary>
        public int RsaKeySize => N is null ? 0 : (N.SkipWhile(b => b == 0).Count() * 8);

        public RSA ToRSA(bool includePrivateParameters = false)
        {
            if (!KeyType.IsRsa || N is null || E is null)
            {
                throw new InvalidOperationException($"The key is not an RSA key with a modulus and exponent (kty '{KeyType}').");
            }

            var parameters = new RSAParameters { Modulus = TrimLeadingZeros(N), Exponent = TrimLeadingZeros(E) };
            if (includePrivateParameters)
            {
                if (D is null || P is null || Q is null || DP is null || DQ is null || QI is null)
                {
                    throw new InvalidOperationException("The key has no private RSA parameters.");
                }

                int size = parameters.Modulus.Length;
                parameters.D = ForceLength(D, size);
                parameters.P = ForceLength(P, (size + 1) / 2);
                parameters.Q = ForceLength(Q, (size + 1) / 2);
                parameters.DP = ForceLength(DP, (size + 1) / 2);
                parameters.DQ = ForceLength(DQ, (size + 1) / 2);
                parameters.InverseQ = ForceLength(QI, (size + 1) / 2);
            }

            var rsa = RSA.Create();
            try
            {
                rsa.ImportParameters(parameters);
                return rsa;
            }
            catch
            {
                rsa.Dispose();
                throw;
            }
        }

        public ECDsa ToECDsa(bool includePrivateParameters = false)
        {
            if (!KeyType.IsEc || CurveName is null || X is null || Y is null)
            {
                throw new InvalidOperationException($"The key is not an EC key with a curve and coordinates (kty '{KeyType}').");
            }

            var curve = CurveName.Value;
            int size = curve.KeySizeInBytes;
            if (size == 0 || curve.Oid is null)
            {
                throw new InvalidOperationException($"The curve '{curve}' is not supported.");
            }

            var parameters = new ECParameters
            {
                Curve = ECCurve.CreateFromValue(curve.Oid),
                Q = new ECPoint { X = ForceLength(X, size), Y = ForceLength(Y, size) },
            };
            if (includePrivateParameters)
            {
                parameters.D = ForceLength(D ?? throw new InvalidOperationException("The key has no private EC parameter d."), size);
            }

            return ECDsa.Create(parameters);
        }

        public static JsonWebKey FromRsa(RSA rsa, bool includePrivateParameters, KeyType? keyType = null)
        {
            var p = rsa.ExportParameters(includePrivateParameters);
            var jwk = new JsonWebKey { KeyType = keyType ?? KeyType.Rsa, N = p.Modulus, E = p.Exponent };
            if (includePrivateParameters)
            {
                jwk.D = p.D;
                jwk.P = p.P;
                jwk.Q = p.Q;
                jwk.DP = p.DP;
                jwk.DQ = p.DQ;
                jwk.QI = p.InverseQ;
            }

            return jwk;
        }

        public static JsonWebKey FromECDsa(ECDsa ecdsa, bool includePrivateParameters, KeyType? keyType = null)
        {
            var p = ecdsa.ExportParameters(includePrivateParameters);
            var jwk = new JsonWebKey { KeyType = keyType ?? KeyType.Ec, X = p.Q.X, Y = p.Q.Y, CurveName = CurveFromOid(p.Curve.Oid, ecdsa.KeySize) };
            if (includePrivateParameters)
            {
                jwk.D = p.D;
            }

            return jwk;
        }

        private static KeyCurveName CurveFromOid(Oid? oid, int keySize)
        {
            string? value = oid?.Value;
            string? name = oid?.FriendlyName;
            if (value == "1.2.840.10045.3.1.7" || name == "nistP256" || name == "ECDSA_P256") return KeyCurveName.P256;
            if (value == "1.3.132.0.34" || name == "nistP384" || name == "ECDSA_P384") return KeyCurveName.P384;
            if (value == "1.3.132.0.35" || name == "nistP521" || name == "ECDSA_P521") return KeyCurveName.P521;
            if (value == "1.3.132.0.10" || name == "secp256k1") return KeyCurveName.P256K;
            return keySize switch
            {
                256 => KeyCurveName.P256,
                384 => KeyCurveName.P384,
                521 => KeyCurveName.P521,
                _ => throw new InvalidOperationException($"The elliptic curve '{name ?? value}' is not one Key Vault supports (P-256, P-384, P-521, P-256K)."),
            };
        }

        public static JsonWebKey Read(JsonElement element)
        {
            var jwk = new JsonWebKey();
            foreach (var property in element.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "kid": jwk.Id = property.Value.GetString(); break;
                    case "kty": jwk.KeyType = new KeyType(property.Value.GetString() ?? ""); break;
                    case "key_ops":
                        if (property.Value.ValueKind == JsonValueKind.Array)
                        {
                            foreach (var op in property.Value.EnumerateArray())
                            {
                                jwk.KeyOps.Add(new KeyOperation(op.GetString() ?? ""));
                            }
                        }

                        break;
                    case "crv": jwk.CurveName = property.Value.ValueKind == JsonValueKind.String ? new KeyCurveName(property.Value.GetString()!) : (KeyCurveName?)null; break;
                    case "n": jwk.N = Bytes(property.Value); break;
                    case "e": jwk.E = Bytes(property.Value); break;
                    case "d": jwk.D = Bytes(property.Value); break;
                    case "dp": jwk.DP = Bytes(property.Value); break;
                    case "dq": jwk.DQ = Bytes(property.Value); break;
                    case "qi": jwk.QI = Bytes(property.Value); break;
                    case "p": jwk.P = Bytes(property.Value); break;
                    case "q": jwk.Q = Bytes(property.Value); break;
                    case "k": jwk.K = Bytes(property.Value); break;
                    case "key_hsm": jwk.T = Bytes(property.Value); break;
                    case "x": jwk.X = Bytes(property.Value); break;
                    case "y": jwk.Y = Bytes(property.Value); break;
                }
            }

            return jwk;
        }

        public void Write(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            if (Id != null) writer.WriteString("kid", Id);
            writer.WriteString("kty", KeyType.ToString());
            if (KeyOps.Count > 0)
            {
                writer.WriteStartArray("key_ops");
                foreach (var op in KeyOps)
                {
                    writer.WriteStringValue(op.ToString());
                }

                writer.WriteEndArray();
            }

            WriteBytes(writer, "n", N);
            WriteBytes(writer, "e", E);
            WriteBytes(writer, "d", D);
            WriteBytes(writer, "dp", DP);
            WriteBytes(writer, "dq", DQ);
            WriteBytes(writer, "qi", QI);
            WriteBytes(writer, "p", P);
            WriteBytes(writer, "q", Q);
            WriteBytes(writer, "k", K);
            WriteBytes(writer, "key_hsm", T);
            if (CurveName != null) writer.WriteString("crv", CurveName.Value.ToString());
            WriteBytes(writer, "x", X);
            WriteBytes(writer, "y", Y);
            writer.WriteEndObject();
        }

        private static void WriteBytes(Utf8JsonWriter writer, string name, byte[]? value)
        {
            if (value != null)
            {
                writer.WriteString(name, Base64Url.Encode(value));
            }
        }

        private static byte[]? Bytes(JsonElement value) => value.ValueKind == JsonValueKind.String ? Base64Url.Decode(value.GetString()!) : null;

        private static byte[] TrimLeadingZeros(byte[] value)
        {
            int i = 0;
            while (i < value.Length - 1 && value[i] == 0)
            {
                i++;
            }

            return i == 0 ? value : value.Skip(i).ToArray();
        }

        /// <summary>Left-pads (or trims leading zeros) to the exact length the platform expects.</summary>
        private static byte[] ForceLength(byte[] value, int length)
        {
            if (value.Length == length)
            {
                return value;
            }

            if (value.Length > length)
            {
                var trimmed = TrimLeadingZeros(value);
                if (trimmed.Length > length)
                {
                    throw new InvalidOperationException("A key parameter is longer than the key size allows.");
                }

                value = trimmed;
            }

            var padded = new byte[length];
            Buffer.BlockCopy(value, 0, padded, length - value.Length, value.Length);
            return padded;
        }
    }
}
