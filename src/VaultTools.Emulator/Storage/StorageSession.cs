using Microsoft.Data.Sqlite;

namespace VaultTools.Emulator.Storage;

/// <summary>A named object (secret, key, certificate...) of a vault, without its versions.</summary>
/// <param name="Name">The name as first created (the service keeps the first spelling; lookups ignore case).</param>
/// <param name="DeletedDate">Epoch seconds of the soft delete; null while the object is active.</param>
/// <param name="ScheduledPurgeDate">Epoch seconds at which a deleted object is purged for good.</param>
public sealed record StoredObject(string Vault, string Kind, string Name, string LatestVersion, long? DeletedDate, long? ScheduledPurgeDate)
{
    public bool IsDeleted => DeletedDate is not null;
}

/// <summary>One version of an object: the kind's JSON document and a sequence number (creation order).</summary>
public sealed record StoredVersion(string Name, string Version, long Seq, string Document);

/// <summary>A page of a listing plus the key to continue after (null on the last page).</summary>
/// <summary>A version added by a write (see <see cref="EmulatorDatabase.VersionsAdded"/>).</summary>
public sealed record AddedVersion(string Vault, string Kind, string Name, string Version, string Document);

public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinueAfter);

/// <summary>
/// The storage API for one read or one write transaction (see <see cref="EmulatorDatabase"/>).
/// Kinds are plain strings (<c>secret</c>, <c>key</c>, <c>certificate</c>, ...): add a kind by using a
/// new string, no schema change. Documents are JSON strings owned by the kind's code.
/// </summary>
public sealed class StorageSession
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction? _transaction;
    private readonly Dictionary<string, SqliteCommand> _commands;

    /// <param name="commands">The connection's commands by SQL text, kept prepared between sessions (used under the database's lock only).</param>
    internal StorageSession(SqliteConnection connection, SqliteTransaction? transaction, Dictionary<string, SqliteCommand> commands)
    {
        _connection = connection;
        _transaction = transaction;
        _commands = commands;
    }

    /// <summary>Set by a restore: the versions it adds are not new versions (no NewVersionCreated event).</summary>
    public bool IsRestore { get; set; }

    /// <summary>The new versions this write added, for <see cref="EmulatorDatabase.VersionsAdded"/>.</summary>
    internal List<AddedVersion>? Added { get; private set; }

    /// <summary>Set by a write to the vaults or role assignments tables: <see cref="EmulatorDatabase.ReadAccessData{T}"/>'s copies are then stale.</summary>
    internal bool ChangedAccessData { get; private set; }

    // ------------------------------------------------------------------ vaults

    public string? GetVaultDocument(string name) =>
        Scalar<string>("SELECT document FROM vaults WHERE name = $name", ("$name", name));

    public IReadOnlyList<string> ListVaultDocuments() =>
        Query("SELECT document FROM vaults ORDER BY name", r => r.GetString(0));

    public void UpsertVault(string name, string document) =>
        ExecAccess("INSERT INTO vaults (name, document) VALUES ($name, $doc) ON CONFLICT(name) DO UPDATE SET document = excluded.document",
            ("$name", name), ("$doc", document));

    /// <summary>Deletes a vault and everything in it.</summary>
    public void DeleteVault(string name)
    {
        Exec("DELETE FROM versions WHERE vault = $v", ("$v", name));
        Exec("DELETE FROM objects WHERE vault = $v", ("$v", name));
        Exec("DELETE FROM vault_settings WHERE vault = $v", ("$v", name));
        ExecAccess("DELETE FROM vaults WHERE name = $v", ("$v", name));
    }

    // ------------------------------------------------------------------ objects and versions

    public StoredObject? GetObject(string vault, string kind, string name) =>
        Query("SELECT vault, kind, name, latest_version, deleted_date, scheduled_purge FROM objects WHERE vault = $v AND kind = $k AND name = $n",
            ReadObject, ("$v", vault), ("$k", kind), ("$n", name)).FirstOrDefault();

    public StoredVersion? GetVersion(string vault, string kind, string name, string version) =>
        Query("SELECT name, version, seq, document FROM versions WHERE vault = $v AND kind = $k AND name = $n AND version = $ver",
            ReadVersion, ("$v", vault), ("$k", kind), ("$n", name), ("$ver", version)).FirstOrDefault();

    /// <summary>Objects of a kind, active or deleted, ordered by name (case-insensitive), after <paramref name="after"/>.</summary>
    public Page<StoredObject> ListObjects(string vault, string kind, bool deleted, string? after, int take)
    {
        var rows = Query(
            "SELECT vault, kind, name, latest_version, deleted_date, scheduled_purge FROM objects " +
            "WHERE vault = $v AND kind = $k AND (deleted_date IS NOT NULL) = $deleted AND ($after IS NULL OR name > $after) " +
            "ORDER BY name LIMIT $take",
            ReadObject, ("$v", vault), ("$k", kind), ("$deleted", deleted ? 1 : 0), ("$after", after), ("$take", take + 1));
        return ToPage(rows, take, o => o.Name);
    }

    /// <summary>Versions of an object ordered by version id, after <paramref name="after"/>.</summary>
    public Page<StoredVersion> ListVersions(string vault, string kind, string name, string? after, int take)
    {
        var rows = Query(
            "SELECT name, version, seq, document FROM versions WHERE vault = $v AND kind = $k AND name = $n AND ($after IS NULL OR version > $after) " +
            "ORDER BY version LIMIT $take",
            ReadVersion, ("$v", vault), ("$k", kind), ("$n", name), ("$after", after), ("$take", take + 1));
        return ToPage(rows, take, v => v.Version);
    }

    /// <summary>All versions in creation order (for backups).</summary>
    public IReadOnlyList<StoredVersion> AllVersions(string vault, string kind, string name) =>
        Query("SELECT name, version, seq, document FROM versions WHERE vault = $v AND kind = $k AND name = $n ORDER BY seq",
            ReadVersion, ("$v", vault), ("$k", kind), ("$n", name));

    /// <summary>Adds a version and makes it the latest; creates the object row on first use.</summary>
    public void AddVersion(string vault, string kind, string name, string version, string document)
    {
        var seq = NextSeq();
        Exec("INSERT INTO versions (vault, kind, name, version, seq, document) VALUES ($v, $k, $n, $ver, $seq, $doc)",
            ("$v", vault), ("$k", kind), ("$n", name), ("$ver", version), ("$seq", seq), ("$doc", document));
        Exec("INSERT INTO objects (vault, kind, name, latest_version) VALUES ($v, $k, $n, $ver) " +
             "ON CONFLICT(vault, kind, name) DO UPDATE SET latest_version = excluded.latest_version",
            ("$v", vault), ("$k", kind), ("$n", name), ("$ver", version));
        if (!IsRestore)
        {
            (Added ??= []).Add(new AddedVersion(vault, kind, name, version, document));
        }
    }

    public void ReplaceVersionDocument(string vault, string kind, string name, string version, string document) =>
        Exec("UPDATE versions SET document = $doc WHERE vault = $v AND kind = $k AND name = $n AND version = $ver",
            ("$v", vault), ("$k", kind), ("$n", name), ("$ver", version), ("$doc", document));

    /// <summary>Soft delete: the object and its versions stay, marked deleted until recovered or purged.</summary>
    public void MarkDeleted(string vault, string kind, string name, long deletedDate, long scheduledPurgeDate) =>
        Exec("UPDATE objects SET deleted_date = $d, scheduled_purge = $p WHERE vault = $v AND kind = $k AND name = $n",
            ("$v", vault), ("$k", kind), ("$n", name), ("$d", deletedDate), ("$p", scheduledPurgeDate));

    public void MarkRecovered(string vault, string kind, string name) =>
        Exec("UPDATE objects SET deleted_date = NULL, scheduled_purge = NULL WHERE vault = $v AND kind = $k AND name = $n",
            ("$v", vault), ("$k", kind), ("$n", name));

    /// <summary>
    /// Removes an object and all its versions for good, with the per-object settings that belong to it:
    /// those of a kind named <c>{kind}.something</c> and the same name (e.g. <c>certificate.policy</c>).
    /// </summary>
    public void Purge(string vault, string kind, string name)
    {
        Exec("DELETE FROM versions WHERE vault = $v AND kind = $k AND name = $n", ("$v", vault), ("$k", kind), ("$n", name));
        Exec("DELETE FROM objects WHERE vault = $v AND kind = $k AND name = $n", ("$v", vault), ("$k", kind), ("$n", name));
        Exec("DELETE FROM vault_settings WHERE vault = $v AND substr(kind, 1, length($k) + 1) = $k || '.' AND name = $n",
            ("$v", vault), ("$k", kind), ("$n", name));
    }

    /// <summary>Purges every deleted object whose scheduled purge date has passed; returns how many.</summary>
    public int PurgeExpired(long now)
    {
        var due = Query("SELECT vault, kind, name FROM objects WHERE scheduled_purge IS NOT NULL AND scheduled_purge <= $now",
            r => (r.GetString(0), r.GetString(1), r.GetString(2)), ("$now", now));
        foreach (var (v, k, n) in due)
        {
            Purge(v, k, n);
        }
        return due.Count;
    }

    // ------------------------------------------------------------------ per-vault settings

    public string? GetSetting(string vault, string kind, string name) =>
        Scalar<string>("SELECT document FROM vault_settings WHERE vault = $v AND kind = $k AND name = $n", ("$v", vault), ("$k", kind), ("$n", name));

    /// <summary>Every setting of a kind in a vault, as (name, document), ordered by name.</summary>
    public IReadOnlyList<(string Name, string Document)> ListSettings(string vault, string kind) =>
        Query("SELECT name, document FROM vault_settings WHERE vault = $v AND kind = $k ORDER BY name",
            r => (r.GetString(0), r.GetString(1)), ("$v", vault), ("$k", kind));

    public void SetSetting(string vault, string kind, string name, string? document)
    {
        if (document is null)
        {
            Exec("DELETE FROM vault_settings WHERE vault = $v AND kind = $k AND name = $n", ("$v", vault), ("$k", kind), ("$n", name));
            return;
        }
        Exec("INSERT INTO vault_settings (vault, kind, name, document) VALUES ($v, $k, $n, $doc) " +
             "ON CONFLICT(vault, kind, name) DO UPDATE SET document = excluded.document",
            ("$v", vault), ("$k", kind), ("$n", name), ("$doc", document));
    }

    // ------------------------------------------------------------------ role assignments

    public void UpsertRoleAssignment(RoleAssignmentRecord assignment) =>
        ExecAccess("INSERT INTO role_assignments (id, scope, principal_id, role_definition_id, document) VALUES ($id, $s, $p, $r, $doc) " +
             "ON CONFLICT(id) DO UPDATE SET scope = excluded.scope, principal_id = excluded.principal_id, role_definition_id = excluded.role_definition_id, document = excluded.document",
            ("$id", assignment.Id), ("$s", assignment.Scope), ("$p", assignment.PrincipalId), ("$r", assignment.RoleDefinitionId),
            ("$doc", StorageJson.Serialize(assignment)));

    public IReadOnlyList<RoleAssignmentRecord> ListRoleAssignments() =>
        Query("SELECT document FROM role_assignments ORDER BY scope, id", r => StorageJson.Deserialize<RoleAssignmentRecord>(r.GetString(0)));

    /// <summary>The assignments of one principal (what authorization evaluates on every call).</summary>
    public IReadOnlyList<RoleAssignmentRecord> ListRoleAssignments(string principalId) =>
        Query("SELECT document FROM role_assignments WHERE principal_id = $p ORDER BY scope, id",
            r => StorageJson.Deserialize<RoleAssignmentRecord>(r.GetString(0)), ("$p", principalId));

    /// <summary>Deletes the assignments at <paramref name="scope"/> and below it (a deleted vault takes its assignments with it).</summary>
    public int DeleteRoleAssignmentsAtOrBelow(string scope) =>
        ExecAccess("DELETE FROM role_assignments WHERE scope = $s OR scope LIKE $below ESCAPE '\\'",
            ("$s", scope), ("$below", scope.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "/%"));

    public RoleAssignmentRecord? GetRoleAssignment(string id) =>
        Query("SELECT document FROM role_assignments WHERE id = $id", r => StorageJson.Deserialize<RoleAssignmentRecord>(r.GetString(0)), ("$id", id)).FirstOrDefault();

    public bool DeleteRoleAssignment(string id) =>
        ExecAccess("DELETE FROM role_assignments WHERE id = $id", ("$id", id)) > 0;

    // ------------------------------------------------------------------ helpers

    // MAX(seq) reads the end of ix_versions_seq; without the index every new version scanned the whole table.
    private long NextSeq() =>
        Scalar<long?>("SELECT MAX(seq) FROM versions") is { } max ? max + 1 : 1;

    private static StoredObject ReadObject(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
        r.IsDBNull(4) ? null : r.GetInt64(4), r.IsDBNull(5) ? null : r.GetInt64(5));

    private static StoredVersion ReadVersion(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3));

    private static Page<T> ToPage<T>(List<T> rows, int take, Func<T, string> key)
    {
        if (rows.Count <= take)
        {
            return new Page<T>(rows, null);
        }
        rows.RemoveAt(rows.Count - 1);
        return new Page<T>(rows, key(rows[^1]));
    }

    /// <summary>
    /// The command for <paramref name="sql"/>, reused: SQLite then parses and plans each statement once instead of on
    /// every call (that preparation was most of a read's time under the lock). Not disposed by callers.
    /// </summary>
    private SqliteCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }
        command.Transaction = _transaction;
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }

    private int Exec(string sql, params (string, object?)[] parameters)
    {
        if (_transaction is null)
        {
            throw new InvalidOperationException("Writes must run inside EmulatorDatabase.Write.");
        }
        var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>A write to the vaults or role_assignments tables (what <see cref="EmulatorDatabase.ReadAccessData{T}"/> caches).</summary>
    private int ExecAccess(string sql, params (string, object?)[] parameters)
    {
        ChangedAccessData = true;
        return Exec(sql, parameters);
    }

    private T? Scalar<T>(string sql, params (string, object?)[] parameters)
    {
        var command = Command(sql, parameters);
        var value = command.ExecuteScalar();
        if (value is null || value is DBNull)
        {
            return default;
        }
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params (string, object?)[] parameters)
    {
        var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
        {
            list.Add(map(reader));
        }
        return list;
    }
}
