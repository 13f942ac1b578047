using System.Security.Cryptography;
using System.Text;

namespace VaultTools.Emulator.Storage;

/// <summary>
/// Encrypts private key material before it is stored (in both storage modes: the in-memory database
/// and <c>vault.db</c> hold only ciphertext), with AES-256-GCM under a key kept in the data folder
/// (<c>key-material.key</c>, created once, readable by its owner only). The associated data binds a
/// ciphertext to the key version it belongs to, so blobs cannot be swapped between versions.
/// Layout of a protected value (base64): nonce (12) | tag (16) | ciphertext.
/// </summary>
public sealed class KeyMaterialProtector
{
    public const string FileName = "key-material.key";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    public KeyMaterialProtector(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("The key-material key must be 32 bytes.", nameof(key));
        }
        _key = key;
    }

    /// <summary>Loads <c>key-material.key</c> from the data folder, creating it once.</summary>
    public static KeyMaterialProtector LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            return new KeyMaterialProtector(Convert.FromBase64String(File.ReadAllText(path).Trim()));
        }
        var key = RandomNumberGenerator.GetBytes(32);
        DataFiles.WriteSecretFileAtomically(path, Convert.ToBase64String(key));
        return new KeyMaterialProtector(key);
    }

    public string Protect(ReadOnlySpan<byte> privateKey, string boundTo)
    {
        var aad = Encoding.UTF8.GetBytes(boundTo);
        var blob = new byte[NonceSize + TagSize + privateKey.Length];
        var nonce = blob.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, privateKey, blob.AsSpan(NonceSize + TagSize), blob.AsSpan(NonceSize, TagSize), aad);
        return Convert.ToBase64String(blob);
    }

    /// <summary>The private key; throws <see cref="CryptographicException"/> when the value was altered or bound to something else.</summary>
    public byte[] Unprotect(string protectedValue, string boundTo)
    {
        var blob = Convert.FromBase64String(protectedValue);
        if (blob.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The protected key material is truncated.");
        }
        var plaintext = new byte[blob.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(blob.AsSpan(0, NonceSize), blob.AsSpan(NonceSize + TagSize), blob.AsSpan(NonceSize, TagSize), plaintext, Encoding.UTF8.GetBytes(boundTo));
        return plaintext;
    }
}
