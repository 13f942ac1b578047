using System.Text.Json.Serialization;

namespace VaultTools.Emulator.Entries;

/// <summary>
/// The JSON inside a backup blob (see <see cref="Storage.BackupProtector"/>), the part every kind has:
/// where and when it was made, the entry's name, its latest version and all its versions. A kind adds
/// what its versions hold and what else travels with the entry (a key's rotation policy, a certificate's
/// policy). <see cref="EntryService{TDocument, TBackup, TBackupVersion}.Backup"/> fills in this part.
/// </summary>
public abstract record EntryBackup<TVersion>
    where TVersion : IEntryBackupVersion
{
    protected EntryBackup(string format) => Format = format;

    /// <summary>What the blob is, for a person reading a decrypted one (restore goes by the blob's prefix).</summary>
    public string Format { get; init; }
    public int FormatVersion { get; init; } = 1;

    // Required in the blob, but set by the lifecycle after the kind has made the backup (hence not C# required).
    [JsonRequired] public string SourceVault { get; init; } = "";
    [JsonRequired] public string Name { get; init; } = "";
    [JsonRequired] public string LatestVersion { get; init; } = "";
    public long BackedUpAt { get; init; }
    public required List<TVersion> Versions { get; init; }
}

/// <summary>One version in a backup blob.</summary>
public interface IEntryBackupVersion
{
    string Version { get; }
}
