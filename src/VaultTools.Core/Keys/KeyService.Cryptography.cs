using System;
using System.Collections.Concurrent;
using System.Threading;
using VaultTools.Connection;
using VaultTools.Errors;
using VaultTools.Internal;
using VaultTools.Keys.Client;

namespace VaultTools.Keys
{
    /// <summary>Keys: the cryptographic operations the vault performs with a key (encrypt/decrypt, wrap/unwrap, sign/verify).</summary>
    public sealed partial class KeyService
    {
        // Keys resolved for cryptographic operations during this service's life (one cmdlet call):
        // piping many values through one key costs one GET.
        private readonly ConcurrentDictionary<string, VaultKey> _operationKeys = new ConcurrentDictionary<string, VaultKey>(StringComparer.OrdinalIgnoreCase);

        // ---- cryptography ----

        /// <summary>
        /// The key (a version) an operation will use, read once per service: its type and size decide which
        /// algorithms and input lengths are valid, and its kid pins the version for the operation.
        /// </summary>
        public VaultKey ResolveOperationKey(VaultAddress vault, string name, string? version, CancellationToken cancellationToken = default)
        {
            string cacheKey = EntryUrl(vault, name, version);
            if (_operationKeys.TryGetValue(cacheKey, out var cached))
            {
                return cached;
            }

            var key = Get(vault, name, version, cancellationToken);
            _operationKeys[cacheKey] = key;
            return key;
        }

        /// <summary>Encrypts (or, with wrap, wraps) up to one RSA block with the vault's key: RSA-OAEP-256 by default.</summary>
        public KeyOperationResult Encrypt(VaultKey key, string? algorithm, byte[] value, bool wrap, CancellationToken cancellationToken = default)
        {
            string alg = KeyRules.CheckEncryptionAlgorithm(algorithm ?? KeyRules.DefaultEncryptionAlgorithm, key.KeyType, "Algorithm");
            KeyRules.CheckPlaintextLength(value?.Length ?? 0, alg, key.KeySize ?? 0, "Value");
            var crypto = Crypto(key);
            return Operate(key, wrap ? "WrapKey" : "Encrypt", alg, () => wrap
                ? Pair(crypto.WrapKey(new KeyWrapAlgorithm(alg), value!, cancellationToken))
                : Pair(crypto.Encrypt(new EncryptionAlgorithm(alg), value!, cancellationToken)));
        }

        /// <summary>Decrypts (or, with unwrap, unwraps) with the vault's key.</summary>
        public KeyOperationResult Decrypt(VaultKey key, string? algorithm, byte[] value, bool unwrap, CancellationToken cancellationToken = default)
        {
            string alg = KeyRules.CheckEncryptionAlgorithm(algorithm ?? KeyRules.DefaultEncryptionAlgorithm, key.KeyType, "Algorithm");
            KeyRules.CheckCiphertextLength(value?.Length ?? 0, key.KeySize ?? 0, "Value");
            var crypto = Crypto(key);
            return Operate(key, unwrap ? "UnwrapKey" : "Decrypt", alg, () => unwrap
                ? Pair(crypto.UnwrapKey(new KeyWrapAlgorithm(alg), value!, cancellationToken))
                : Pair(crypto.Decrypt(new EncryptionAlgorithm(alg), value!, cancellationToken)));
        }

        /// <summary>Signs data (hashed here with the algorithm's SHA-2) or a digest computed elsewhere.</summary>
        public KeyOperationResult Sign(VaultKey key, string? algorithm, byte[]? data, byte[]? digest, CancellationToken cancellationToken = default)
        {
            string alg = algorithm is null ? KeyRules.DefaultSignatureAlgorithm(key.KeyType, key.CurveName) : KeyRules.CheckSignatureAlgorithm(algorithm, key.KeyType, key.CurveName, "Algorithm");
            byte[] toSign = DigestOf(alg, data, digest);
            var crypto = Crypto(key);
            return Operate(key, "Sign", alg, () => Pair(crypto.Sign(new SignatureAlgorithm(alg), toSign, cancellationToken)));
        }

        /// <summary>Asks the vault whether a signature over data (hashed here) or a digest is valid.</summary>
        public bool Verify(VaultKey key, string? algorithm, byte[]? data, byte[]? digest, byte[] signature, CancellationToken cancellationToken = default)
        {
            string alg = algorithm is null ? KeyRules.DefaultSignatureAlgorithm(key.KeyType, key.CurveName) : KeyRules.CheckSignatureAlgorithm(algorithm, key.KeyType, key.CurveName, "Algorithm");
            byte[] toVerify = DigestOf(alg, data, digest);
            if (signature is null || signature.Length == 0)
            {
                throw VaultException.InvalidArgument("MissingSignature", "Signature", "-Signature is empty.");
            }

            var crypto = Crypto(key);
            return Translate.Call(EntryKind.Key, key.Id, () => crypto.Verify(new SignatureAlgorithm(alg), toVerify, signature, cancellationToken).IsValid);
        }

        private static byte[] DigestOf(string algorithm, byte[]? data, byte[]? digest)
        {
            if ((data is null) == (digest is null))
            {
                throw VaultException.InvalidArgument("ValueOrDigest", "Value", "Give either -Value (data, hashed here with the algorithm's SHA-2) or -Digest (a digest computed elsewhere).");
            }

            if (digest != null)
            {
                KeyRules.CheckDigest(digest, algorithm, "Digest");
                return digest;
            }

            return CryptographyClient.Hash(new SignatureAlgorithm(algorithm), data!);
        }

        private CryptographyClient Crypto(VaultKey key)
        {
            var vault = new VaultAddress(key.VaultName, key.VaultUri ?? throw new ArgumentException("The key has no vault URI.", nameof(key)));
            return _connection.Keys(vault).GetCryptographyClient(key.Name, key.Version ?? throw new ArgumentException("The key has no version.", nameof(key)));
        }

        private static KeyOperationResult Operate(VaultKey key, string operation, string algorithm, Func<(string? Kid, byte[] Value)> call)
        {
            var (kid, value) = Translate.Call(EntryKind.Key, key.Id, call);
            return new KeyOperationResult
            {
                VaultName = key.VaultName,
                KeyId = kid ?? key.Id,
                KeyName = key.Name,
                KeyVersion = key.Version,
                Operation = operation,
                Algorithm = algorithm,
                Result = value,
            };
        }

        private static (string?, byte[]) Pair(EncryptResult r) => (r.KeyId, r.Ciphertext);
        private static (string?, byte[]) Pair(DecryptResult r) => (r.KeyId, r.Plaintext);
        private static (string?, byte[]) Pair(WrapResult r) => (r.KeyId, r.EncryptedKey);
        private static (string?, byte[]) Pair(UnwrapResult r) => (r.KeyId, r.Key);
        private static (string?, byte[]) Pair(SignResult r) => (r.KeyId, r.Signature);
    }
}
