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

    /// <summary>Prepared commands by SQL text (see <see cref="StorageSession"/>), used and disposed under <see cref="_gate"/>.</summary>
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public bool IsPersistent { get; }
    public string? FilePath { get; }

    private EmulatorDatabase(SqliteConnection connection, bool persistent, string? filePath)
    {
        _connection = connection;
        IsPersistent = persistent;
        FilePath = filePath;
    }

    /// <summary>The file beside vault.db that records the id of the database this folder holds (see <see cref="OpenFile"/>).</summary>
    public const string IdFileName = "vault.db.id";

    /// <summary>
    /// Opens (creating if needed) <c>vault.db</c> in <paramref name="dataDirectory"/>, refusing a damaged one
    /// (<see cref="DataFolderDamageException"/>): a database this folder recorded (<c>vault.db.id</c>) that is missing,
    /// empty or another one; a file that is not a database; a failed integrity check. It never starts with less data
    /// than it acknowledged by starting empty in place of a database it had.
    /// </summary>
    public static EmulatorDatabase OpenFile(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "vault.db");
        var idPath = Path.Combine(dataDirectory, IdFileName);
        var recordedId = File.Exists(idPath) ? File.ReadAllText(idPath).Trim() : null;
        if (recordedId is not null && !File.Exists(path))
        {
            throw DataFolderDamage.Database(path, $"the file is missing, but this folder held a database ({IdFileName} records it).");
        }
        // An empty file beside a non-empty write-ahead log is left to SQLite, which rebuilds it from the log (the id check below still applies).
        var wal = new FileInfo(path + "-wal");
        if (recordedId is not null && new FileInfo(path).Length == 0 && !(wal.Exists && wal.Length > 0))
        {
            throw DataFolderDamage.Database(path, "the file is empty (0 bytes), but this folder held a database: it was truncated.");
        }
        if (!File.Exists(path) && File.Exists(path + "-wal"))
        {
            throw DataFolderDamage.Database(path, "the file is missing, but its write-ahead log (vault.db-wal) is there.");
        }

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
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL;");
            Execute(connection, "PRAGMA synchronous=FULL;");
            CheckIntegrity(connection, path);
            var db = new EmulatorDatabase(connection, persistent: true, path);
            db.EnsureSchema();
            db.CheckIdentity(idPath, recordedId);
            return db;
        }
        catch (SqliteException ex) when (DataFolderDamage.IsDamage(ex))
        {
            connection.Dispose();
            throw DataFolderDamage.Database(path, "the file is not a sound SQLite database (" + ex.Message + ").", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>PRAGMA integrity_check: a damaged page anywhere is found at start, not by a 500 later.</summary>
    private static void CheckIntegrity(SqliteConnection connection, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check(5);";
        using var reader = command.ExecuteReader();
        var problems = new List<string>();
        while (reader.Read())
        {
            problems.Add(reader.GetString(0));
        }
        if (problems is not ["ok"])
        {
            throw DataFolderDamage.Database(path, "the integrity check found damage: " + string.Join("; ", problems) + ".");
        }
    }

    /// <summary>
    /// The database's id (table <c>storage_identity</c>) must be the one <c>vault.db.id</c> records: a new, empty or
    /// other database in place of the recorded one is damage. A database without a record (a new folder, or one
    /// from before the record existed) gets one.
    /// </summary>
    private void CheckIdentity(string idPath, string? recordedId)
    {
        Execute(_connection, "CREATE TABLE IF NOT EXISTS storage_identity (id TEXT NOT NULL);");
        using var read = _connection.CreateCommand();
        read.CommandText = "SELECT id FROM storage_identity LIMIT 1";
        var id = read.ExecuteScalar() as string;
        if (recordedId is not null && !string.Equals(id, recordedId, StringComparison.Ordinal))
        {
            throw DataFolderDamage.Database(FilePath!, id is null
                ? $"the file is a new, empty database, but this folder held the database {recordedId} ({IdFileName} records it)."
                : $"the file is the database {id}, but this folder held the database {recordedId} ({IdFileName} records it).");
        }
        if (id is null)
        {
            id = Guid.NewGuid().ToString();
            using var insert = _connection.CreateCommand();
            insert.CommandText = "INSERT INTO storage_identity (id) VALUES ($id)";
            insert.Parameters.AddWithValue("$id", id);
            insert.ExecuteNonQuery();
        }
        if (recordedId is null)
        {
            DataFiles.WriteSecretFileAtomically(idPath, id + "\n");
        }
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

    /// <summary>Bumped inside the lock by every write that changed the vaults or role assignments tables.</summary>
    private long _accessGeneration;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long Generation, object? Value)> _accessCache = new(StringComparer.Ordinal);

    /// <summary>
    /// A read of what every data-plane request consults (a vault's document, a principal's role assignments), kept
    /// until the next write that changes the vaults or role assignments tables: without it each request took the one
    /// lock three times, and eight requests in flight queued on it. The value must be immutable (a string, a list of
    /// records); a grant, a revoke or a vault change is still seen by the next request.
    /// </summary>
    public T ReadAccessData<T>(string key, Func<StorageSession, T> action)
    {
        if (_accessCache.TryGetValue(key, out var hit) && hit.Generation == Volatile.Read(ref _accessGeneration))
        {
            return (T)hit.Value!;
        }
        lock (_gate)
        {
            var generation = _accessGeneration;
            var value = action(new StorageSession(_connection, null, _commands));
            if (_accessCache.Count > 10_000)
            {
                _accessCache.Clear(); // bounded: keys come from requests (Host names, token oids)
            }
            _accessCache[key] = (generation, value);
            return value;
        }
    }

    public T Read<T>(Func<StorageSession, T> action)
    {
        lock (_gate)
        {
            return action(new StorageSession(_connection, null, _commands));
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
            var session = new StorageSession(_connection, transaction, _commands);
            T result;
            try
            {
                result = action(session);
                transaction.Commit();
            }
            finally
            {
                if (session.ChangedAccessData)
                {
                    Interlocked.Increment(ref _accessGeneration); // rolled back or not: a stale copy is only re-read
                }
            }
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
            CREATE INDEX IF NOT EXISTS ix_versions_seq ON versions (seq);
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

    /// <summary>
    /// A clean stop: moves the write-ahead log into vault.db (and empties it) and closes the database, so that the
    /// data folder can be copied while the emulator is stopped.
    /// </summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose(); // first: no prepared statement is left when the log is checkpointed and the connection closed
            }
            _commands.Clear();
            if (IsPersistent && _connection.State == System.Data.ConnectionState.Open)
            {
                Execute(_connection, "PRAGMA wal_checkpoint(TRUNCATE);");
            }
            _connection.Dispose();
        }
    }
}
