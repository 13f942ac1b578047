using Microsoft.Data.Sqlite;

namespace VaultTools.Emulator.Storage;

/// <summary>
/// The emulator's one storage engine: SQLite through Microsoft.Data.Sqlite, either a file
/// (<c>vault.db</c> in the data folder; WAL + synchronous=FULL, so an acknowledged write survives
/// kill -9) or an in-memory database held open for the life of the process. Both modes run the
/// same SQL, so there is one code path to test.
///
/// Concurrency: one connection, one lock. Every read and write runs inside <see cref="Read{T}"/> or
/// <see cref="Write{T}"/>; a write is one transaction, so check-then-act sequences (e.g. "is the
/// name deleted? then 409, else add a version") are atomic. Correctness over cleverness: an
/// emulator's load is small and SQLite calls take microseconds.
///
/// Schema (generic on purpose: secrets, keys, certificates, ARM vaults with their access policies and
/// role assignments share it, and a new kind needs no new storage code):
/// <list type="bullet">
/// <item><c>vaults</c>: one row per vault, JSON document (<see cref="VaultRecord"/>, access policies included).</item>
/// <item><c>objects</c>: one row per named object of a kind (secret, key, certificate, ...) in a vault:
///   its latest version and, when soft-deleted, its deleted state. Names compare case-insensitively, as in the service.</item>
/// <item><c>versions</c>: one row per version of an object, with the kind's own JSON document.</item>
/// <item><c>vault_settings</c>: documents of a kind kept beside an entry or a vault, by name: a key's rotation
///   policy, a certificate's policy and pending operation, and the emulator's own "defaults seeded" marker.</item>
/// <item><c>role_assignments</c>: ARM role assignments by id and scope.</item>
/// </list>
/// </summary>
public sealed class EmulatorDatabase : IDisposable
{
    public const int SchemaVersion = 1;

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    public bool IsPersistent { get; }
    public string? FilePath { get; }

    private EmulatorDatabase(SqliteConnection connection, bool persistent, string? filePath)
    {
        _connection = connection;
        IsPersistent = persistent;
        FilePath = filePath;
    }

    /// <summary>Opens (creating if needed) <c>vault.db</c> in <paramref name="dataDirectory"/>.</summary>
    public static EmulatorDatabase OpenFile(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "vault.db");

        // Secret values are stored as given (only private key material is encrypted): the database and
        // its -wal/-shm files (which SQLite creates with the database's mode) are for the owner only.
        DataFiles.EnsurePrivateFile(path);
        foreach (var companion in new[] { path + "-wal", path + "-shm" })
        {
            if (File.Exists(companion))
            {
                DataFiles.EnsurePrivateFile(companion);
            }
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, "PRAGMA synchronous=FULL;");
        var db = new EmulatorDatabase(connection, persistent: true, path);
        db.EnsureSchema();
        return db;
    }

    /// <summary>An in-memory database that lives as long as this object.</summary>
    public static EmulatorDatabase OpenInMemory()
    {
        var connection = new SqliteConnection("Data Source=:memory:;Pooling=False");
        connection.Open();
        var db = new EmulatorDatabase(connection, persistent: false, null);
        db.EnsureSchema();
        return db;
    }

    public T Read<T>(Func<StorageSession, T> action)
    {
        lock (_gate)
        {
            return action(new StorageSession(_connection, null));
        }
    }

    /// <summary>
    /// Raised after a write committed that added versions other than restored ones (a secret set, a key created,
    /// imported or rotated, a certificate version completed), inside the lock: handlers only queue work.
    /// </summary>
    public event Action<IReadOnlyList<AddedVersion>>? VersionsAdded;

    public T Write<T>(Func<StorageSession, T> action)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            var session = new StorageSession(_connection, transaction);
            var result = action(session);
            transaction.Commit();
            if (session.Added is { Count: > 0 } added)
            {
                VersionsAdded?.Invoke(added);
            }
            return result;
        }
    }

    public void Write(Action<StorageSession> action) => Write<bool>(s => { action(s); return true; });

    private void EnsureSchema()
    {
        Execute(_connection, """
            CREATE TABLE IF NOT EXISTS schema_info (version INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS vaults (
                name      TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
                document  TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS objects (
                vault            TEXT NOT NULL COLLATE NOCASE,
                kind             TEXT NOT NULL,
                name             TEXT NOT NULL COLLATE NOCASE,
                latest_version   TEXT NOT NULL,
                deleted_date     INTEGER NULL,
                scheduled_purge  INTEGER NULL,
                PRIMARY KEY (vault, kind, name)
            );
            CREATE TABLE IF NOT EXISTS versions (
                vault     TEXT NOT NULL COLLATE NOCASE,
                kind      TEXT NOT NULL,
                name      TEXT NOT NULL COLLATE NOCASE,
                version   TEXT NOT NULL COLLATE NOCASE,
                seq       INTEGER NOT NULL,
                document  TEXT NOT NULL,
                PRIMARY KEY (vault, kind, name, version)
            );
            CREATE TABLE IF NOT EXISTS vault_settings (
                vault     TEXT NOT NULL COLLATE NOCASE,
                kind      TEXT NOT NULL,
                name      TEXT NOT NULL COLLATE NOCASE,
                document  TEXT NOT NULL,
                PRIMARY KEY (vault, kind, name)
            );
            CREATE TABLE IF NOT EXISTS role_assignments (
                id                  TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
                scope               TEXT NOT NULL COLLATE NOCASE,
                principal_id        TEXT NOT NULL COLLATE NOCASE,
                role_definition_id  TEXT NOT NULL COLLATE NOCASE,
                document            TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS ix_role_assignments_scope ON role_assignments (scope);
            CREATE INDEX IF NOT EXISTS ix_objects_purge ON objects (scheduled_purge) WHERE scheduled_purge IS NOT NULL;
            """);
        using var check = _connection.CreateCommand();
        check.CommandText = "SELECT version FROM schema_info LIMIT 1";
        var existing = check.ExecuteScalar();
        if (existing is null)
        {
            Execute(_connection, $"INSERT INTO schema_info (version) VALUES ({SchemaVersion})");
        }
        else if (Convert.ToInt32(existing, System.Globalization.CultureInfo.InvariantCulture) > SchemaVersion)
        {
            throw new InvalidOperationException(
                $"vault.db has schema version {existing}, newer than this emulator understands ({SchemaVersion}).");
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }
}
