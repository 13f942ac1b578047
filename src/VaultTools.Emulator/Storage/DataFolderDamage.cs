using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace VaultTools.Emulator.Storage;

/// <summary>
/// A file of the data folder that cannot be used as it is: the emulator refuses to start (exit code 1) with a
/// message naming the file, what is wrong and what to do, instead of a stack trace or a silently empty start.
/// </summary>
public sealed class DataFolderDamageException(string filePath, string problem, string advice, Exception? inner = null)
    : Exception($"{filePath}: {problem} {advice}", inner)
{
    public string FilePath { get; } = filePath;
}

/// <summary>Reading the data folder's files: low-level failures become <see cref="DataFolderDamageException"/>.</summary>
public static class DataFolderDamage
{
    /// <summary>What to do about a damaged key file whose loss costs nothing but new ids or keys.</summary>
    public const string Recreatable = "Restore it from a copy of the data folder, or delete it and the emulator makes a new one at the next start.";

    /// <summary>
    /// Runs <paramref name="load"/>, which reads <paramref name="fileName"/> of <paramref name="dataPath"/>; a
    /// file that cannot be parsed becomes <see cref="DataFolderDamageException"/> with <paramref name="advice"/>.
    /// </summary>
    public static T Load<T>(string dataPath, string fileName, string advice, Func<T> load)
    {
        try
        {
            return load();
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or CryptographicException or JsonException
            or InvalidDataException or NotSupportedException)
        {
            throw new DataFolderDamageException(Path.Combine(dataPath, fileName), "the file is damaged (" + ex.Message + ").", advice, ex);
        }
    }

    /// <summary>The SQLite error of a damaged database file, as a damage report naming it.</summary>
    public static DataFolderDamageException Database(string path, string problem, Exception? inner = null) =>
        new(path, problem,
            "The emulator will not start with less data than it acknowledged: restore the data folder from a copy " +
            "(take copies while the emulator is stopped), or, to give up its entries, move vault.db, vault.db-wal and vault.db.id away and start again.",
            inner);

    /// <summary>True for the SQLite errors of a file that is not a sound database (not a database, corrupt, wrong format).</summary>
    public static bool IsDamage(SqliteException ex) => ex.SqliteErrorCode is 11 /* CORRUPT */ or 26 /* NOTADB */ or 24 /* FORMAT */;
}
