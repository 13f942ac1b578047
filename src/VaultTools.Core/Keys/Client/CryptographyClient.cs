using System;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using Azure.Core;
using VaultTools.Internal;

namespace VaultTools.Keys.Client
{
    /// <summary>
    /// Cryptographic operations with one version of a key, performed by the vault (the private key
    /// never leaves it): POST /keys/{name}/{version}/{encrypt|decrypt|wrapKey|unwrapKey|sign|verify}.
    /// Named like the official CryptographyClient. Sign/Verify take a digest; SignData/VerifyData hash
    /// locally with the SHA the algorithm names, as the official client does.
    /// </summary>
    internal sealed class CryptographyClient
    {
        private readonly KeyClient _client;
        private readonly string _name;
        private readonly string _version;

        internal CryptographyClient(KeyClient client, string name, string version)
        {
            _client = client;
            _name = name;
            _version = version;
        }

        public EncryptResult Encrypt(EncryptionAlgorithm algorithm, byte[] plaintext, CancellationToken cancellationToken = default)
        {
            var (kid, value) = Operate("encrypt", algorithm.ToString(), plaintext, cancellationToken);
            return new EncryptResult(kid, value, algorithm);
        }

        public DecryptResult Decrypt(EncryptionAlgorithm algorithm, byte[] ciphertext, CancellationToken cancellationToken = default)
        {
            var (kid, value) = Operate("decrypt", algorithm.ToString(), ciphertext, cancellationToken);
            return new DecryptResult(kid, value, algorithm);
        }

        // The recordings (Crypto-...RemoteWrap-*.json) show /wrapKey and /unwrapKey; keys.json writes
        // /wrapkey and /unwrapkey. The service matches paths case-insensitively; the recording wins.
        public WrapResult WrapKey(KeyWrapAlgorithm algorithm, byte[] key, CancellationToken cancellationToken = default)
        {
            var (kid, value) = Operate("wrapKey", algorithm.ToString(), key, cancellationToken);
            return new WrapResult(kid, value, algorithm);
        }

        public UnwrapResult UnwrapKey(KeyWrapAlgorithm algorithm, byte[] encryptedKey, CancellationToken cancellationToken = default)
        {
            var (kid, value) = Operate("unwrapKey", algorithm.ToString(), encryptedKey, cancellationToken);
            return new UnwrapResult(kid, value, algorithm);
        }

        public SignResult Sign(SignatureAlgorithm algorithm, byte[] digest, CancellationToken cancellationToken = default)
        {
            var (kid, value) = Operate("sign", algorithm.ToString(), digest, cancellationToken);
            return new SignResult(kid, value, algorithm);
        }

        public SignResult SignData(SignatureAlgorithm algorithm, byte[] data, CancellationToken cancellationToken = default)
            => Sign(algorithm, Hash(algorithm, data), cancellationToken);

        public VerifyResult Verify(SignatureAlgorithm algorithm, byte[] digest, byte[] signature, CancellationToken cancellationToken = default)
        {
            byte[] body = KeyClient.Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("alg", algorithm.ToString());
                w.WriteString("digest", Base64Url.Encode(digest));
                w.WriteString("value", Base64Url.Encode(signature));
                w.WriteEndObject();
            });
            bool valid = _client.Send(RequestMethod.Post, Path("verify"), body, root => root.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.True, cancellationToken);
            return new VerifyResult(KeyId, valid, algorithm);
        }

        public VerifyResult VerifyData(SignatureAlgorithm algorithm, byte[] data, byte[] signature, CancellationToken cancellationToken = default)
            => Verify(algorithm, Hash(algorithm, data), signature, cancellationToken);

        public string KeyId => new Uri(_client.VaultUri, "keys/" + _name + "/" + _version).ToString();

        /// <summary>The digest a signature algorithm signs: SHA-256/384/512 by its number.</summary>
        public static byte[] Hash(SignatureAlgorithm algorithm, byte[] data)
        {
            using HashAlgorithm hash = HashSize(algorithm) switch
            {
                256 => SHA256.Create(),
                384 => SHA384.Create(),
                512 => SHA512.Create(),
                _ => throw new ArgumentException($"The signature algorithm '{algorithm}' names no SHA-2 hash.", nameof(algorithm)),
            };
            return hash.ComputeHash(data);
        }

        /// <summary>256, 384 or 512 for the RS/PS/ES families (ES256K: 256); 0 otherwise.</summary>
        public static int HashSize(SignatureAlgorithm algorithm)
        {
            string name = algorithm.ToString();
            if (name == "ES256K") return 256;
            if (name.Length == 5 && (name.StartsWith("RS", StringComparison.Ordinal) || name.StartsWith("PS", StringComparison.Ordinal) || name.StartsWith("ES", StringComparison.Ordinal)))
            {
                return int.TryParse(name.Substring(2), out int bits) && (bits == 256 || bits == 384 || bits == 512) ? bits : 0;
            }

            return 0;
        }

        private (string? Kid, byte[] Value) Operate(string operation, string algorithm, byte[] value, CancellationToken cancellationToken)
        {
            byte[] body = KeyClient.Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("alg", algorithm);
                w.WriteString("value", Base64Url.Encode(value));
                w.WriteEndObject();
            });
            return _client.Send(RequestMethod.Post, Path(operation), body, root =>
            {
                string? kid = root.TryGetProperty("kid", out var k) ? k.GetString() : null;
                byte[] result = root.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? Base64Url.Decode(v.GetString()!) : Array.Empty<byte>();
                return (kid, result);
            }, cancellationToken);
        }

        // An empty version addresses the latest one (POST /keys/{name}/{operation}), as the REST API allows.
        private string Path(string operation) => "/keys/" + Uri.EscapeDataString(_name) + (_version.Length == 0 ? "" : "/" + Uri.EscapeDataString(_version)) + "/" + operation;
    }
}
