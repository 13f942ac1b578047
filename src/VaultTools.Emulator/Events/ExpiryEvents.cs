using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Events;

/// <summary>
/// NearExpiry and Expired events for the current version of every secret, key and certificate, on the emulator's
/// clock: NearExpiry 30 days before its expiry (for a key whose rotation policy has a Notify action, that action's
/// timeBeforeExpiry), Expired once it has expired; each once per version (kept in the setting
/// <c>{kind}.events</c>, purged with the entry). Also validates the config's subscriptions not validated yet.
/// </summary>
public sealed class ExpiryEvents(EmulatorDatabase database, VaultStore vaults, EventGridPublisher publisher) : Hosting.ITimeDrivenWork
{
    private const int PageSize = 200;

    public async Task RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await publisher.ValidatePendingAsync(cancellationToken).ConfigureAwait(false);
        foreach (var vault in vaults.List().Select(v => v.Name))
        {
            foreach (var kind in new[] { "secret", "key", "certificate" })
            {
                Scan(vault, kind, now.ToUnixTimeSeconds());
            }
        }
    }

    private void Scan(string vault, string kind, long now)
    {
        string? after = null;
        do
        {
            var page = database.Read(s => s.ListObjects(vault, kind, deleted: false, after, PageSize));
            foreach (var obj in page.Items)
            {
                Check(vault, kind, obj, now);
            }
            after = page.ContinueAfter;
        }
        while (after is not null);
    }

    private void Check(string vault, string kind, StoredObject obj, long now)
    {
        ExpiryEventState? newState = null;
        // Read first (this runs every 30 s over every entry); write only the state of an entry that raises something.
        var due = database.Read<List<(string What, long? Nbf, long? Exp)>>(s =>
        {
            var latest = s.GetVersion(vault, kind, obj.Name, obj.LatestVersion);
            if (latest is null)
            {
                return [];
            }
            var (nbf, exp, managed) = EventGridPublisher.ReadDates(latest.Document);
            if (managed || exp is not { } expires)
            {
                return [];
            }
            var stateKind = kind + ".events";
            var state = s.GetSetting(vault, stateKind, obj.Name) is { } json ? StorageJson.Deserialize<ExpiryEventState>(json) : null;
            if (state?.Version != obj.LatestVersion)
            {
                state = new ExpiryEventState { Version = obj.LatestVersion };
            }
            var raise = new List<string>();
            if (!state.NearExpiry && now >= expires - (long)Notice(s, vault, kind, obj.Name).TotalSeconds)
            {
                raise.Add("NearExpiry");
                state = state with { NearExpiry = true };
            }
            if (!state.Expired && now >= expires)
            {
                raise.Add("Expired");
                state = state with { Expired = true };
            }
            if (raise.Count > 0)
            {
                newState = state;
            }
            return raise.Select(r => (r, nbf, exp)).ToList();
        });
        if (newState is not null)
        {
            database.Write(s => s.SetSetting(vault, kind + ".events", obj.Name, StorageJson.Serialize(newState)));
        }
        var objectType = KeyVaultEvents.ObjectType(kind)!;
        foreach (var (what, nbf, exp) in due)
        {
            publisher.Raise(KeyVaultEvents.EventType(objectType, what), vault, kind, obj.Name, obj.LatestVersion, nbf, exp);
        }
    }

    /// <summary>30 days, or for a key the timeBeforeExpiry of its rotation policy's Notify action.</summary>
    private static TimeSpan Notice(StorageSession s, string vault, string kind, string name)
    {
        if (kind == "key" && s.GetSetting(vault, Keys.KeyService.PolicyKind, name) is { } json)
        {
            var notify = StorageJson.Deserialize<Keys.RotationPolicyDocument>(json).LifetimeActions
                .FirstOrDefault(a => a.Type.Equals("Notify", StringComparison.OrdinalIgnoreCase) && a.TimeBeforeExpiry is not null);
            if (Iso8601Duration.TryParse(notify?.TimeBeforeExpiry) is { } duration)
            {
                return TimeSpan.FromDays(duration.ApproximateDays);
            }
        }
        return KeyVaultEvents.NearExpiryNotice;
    }
}

/// <summary>Which expiry events the current version of an entry has raised.</summary>
public sealed record ExpiryEventState
{
    public required string Version { get; init; }
    public bool NearExpiry { get; init; }
    public bool Expired { get; init; }
}
