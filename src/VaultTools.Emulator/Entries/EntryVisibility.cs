using System.Collections.Concurrent;
using VaultTools.Emulator.Hosting;

namespace VaultTools.Emulator.Entries;

/// <summary>What a reader sees of an entry whose deletion or recovery is acknowledged but not yet visible.</summary>
public enum PendingChange
{
    None,
    /// <summary>Deleted: gone from the live entries at once, not yet among the deleted ones; its name cannot be reused.</summary>
    Deleting,
    /// <summary>Recovered: gone from the deleted entries at once, not yet readable as a live entry.</summary>
    Recovering,
}

/// <summary>
/// Key Vault's soft delete is eventually consistent: a DELETE or a recover is acknowledged at once and takes
/// effect for readers later (the recordings show about a minute: GET deletedsecrets/{name} answers 404 after
/// the DELETE's 200, GET secrets/{name} answers 404 after the recover's 200, and creating the name again is
/// 409 ObjectIsBeingDeleted). With <c>--consistency-delay</c> the emulator does the same for that many seconds,
/// so that scripts and clients that must wait (purge after delete, read after recover) can be tested; with the
/// default 0 every change is visible at once.
/// </summary>
/// <remarks>
/// Kept in memory only: the storage holds the outcome (the entry is deleted or live), this holds just when
/// readers may see it. After a restart every change is visible, as it would be by then on the service.
/// </remarks>
public sealed class EntryVisibility(EmulatorOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Vault, string Kind, string Name), (PendingChange Change, DateTimeOffset VisibleAt)> _pending =
        new(KeyComparer.Instance);

    public TimeSpan Delay => options.ConsistencyDelay;

    /// <summary>Records that the entry was just deleted (<see cref="PendingChange.Deleting"/>) or recovered.</summary>
    public void Changed(string vault, string storageKind, string name, PendingChange change)
    {
        if (Delay > TimeSpan.Zero)
        {
            _pending[(vault, storageKind, name)] = (change, time.GetUtcNow() + Delay);
        }
    }

    /// <summary>The change still becoming visible for this entry, if any.</summary>
    public PendingChange Pending(string vault, string storageKind, string name)
    {
        var key = (vault, storageKind, name);
        if (!_pending.TryGetValue(key, out var entry))
        {
            return PendingChange.None;
        }
        if (time.GetUtcNow() < entry.VisibleAt)
        {
            return entry.Change;
        }
        _pending.TryRemove(new KeyValuePair<(string, string, string), (PendingChange, DateTimeOffset)>(key, entry));
        return PendingChange.None;
    }

    /// <summary>Forgets a purged entry: a new entry under its name has nothing pending.</summary>
    public void Forget(string vault, string storageKind, string name) => _pending.TryRemove((vault, storageKind, name), out _);

    /// <summary>Forgets every entry of a deleted vault: a vault created again under its name starts with nothing pending.</summary>
    public void ForgetVault(string vault)
    {
        foreach (var key in _pending.Keys)
        {
            if (StringComparer.OrdinalIgnoreCase.Equals(key.Vault, vault))
            {
                _pending.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Vault, kind and entry names compare as Key Vault compares them: without regard to case.</summary>
    private sealed class KeyComparer : IEqualityComparer<(string Vault, string Kind, string Name)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((string Vault, string Kind, string Name) x, (string Vault, string Kind, string Name) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Vault, y.Vault)
            && StringComparer.Ordinal.Equals(x.Kind, y.Kind)
            && StringComparer.OrdinalIgnoreCase.Equals(x.Name, y.Name);

        public int GetHashCode((string Vault, string Kind, string Name) key) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(key.Vault), key.Kind, StringComparer.OrdinalIgnoreCase.GetHashCode(key.Name));
    }
}
