using System.Security.Cryptography;
using System.Text;

namespace VaultTools.Emulator.Storage;

/// <summary>
/// Makes the opaque backup blobs of secrets (and later keys and certificates): a readable prefix
/// that says what the blob is, then the entry's JSON encrypted and authenticated with AES-256-GCM
/// under a key kept in the data folder (<c>backup.key</c>). So a blob is self-describing,
/// tamper-evident (any changed byte fails the tag check) and opaque (no secret value in clear),
/// and it restores into any vault of the same emulator data folder, as the service allows within
/// one subscription and geography; a blob from another data folder is refused like a foreign one.
/// Layout: ASCII prefix, then nonce (12) | tag (16) | ciphertext; the prefix is the associated data.
/// </summary>
public sealed class BackupProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    public BackupProtector(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("The backup key must be 32 bytes.", nameof(key));
        }
        _key = key;
    }

    /// <summary>Loads <c>backup.key</c> from the data folder, creating it once.</summary>
    public static BackupProtector LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "backup.key");
        if (File.Exists(path))
        {
            return new BackupProtector(Convert.FromBase64String(File.ReadAllText(path).Trim()));
        }
        var key = RandomNumberGenerator.GetBytes(32);
        DataFiles.WriteSecretFileAtomically(path, Convert.ToBase64String(key));
        return new BackupProtector(key);
    }

    public static string Prefix(string kind) => $"VaultToolsEmulator{char.ToUpperInvariant(kind[0])}{kind[1..]}BackupV1.";

    public byte[] Protect(string kind, string json)
    {
        var prefix = Encoding.ASCII.GetBytes(Prefix(kind));
        var plaintext = Encoding.UTF8.GetBytes(json);
        var blob = new byte[prefix.Length + NonceSize + TagSize + plaintext.Length];
        prefix.CopyTo(blob, 0);
        var nonce = blob.AsSpan(prefix.Length, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, blob.AsSpan(prefix.Length + NonceSize + TagSize), blob.AsSpan(prefix.Length + NonceSize, TagSize), prefix);
        return blob;
    }

    /// <summary>Returns the JSON, or null when the blob is not a backup of <paramref name="kind"/> from this emulator.</summary>
    public string? TryUnprotect(string kind, ReadOnlySpan<byte> blob)
    {
        var prefix = Encoding.ASCII.GetBytes(Prefix(kind));
        if (blob.Length < prefix.Length + NonceSize + TagSize || !blob[..prefix.Length].SequenceEqual(prefix))
        {
            return null;
        }
        var body = blob[prefix.Length..];
        var plaintext = new byte[body.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(body[..NonceSize], body[(NonceSize + TagSize)..], body.Slice(NonceSize, TagSize), plaintext, prefix);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        return Encoding.UTF8.GetString(plaintext);
    }
}
