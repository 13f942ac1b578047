using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Keys;

/// <summary>
/// What the service does by itself for keys: a key whose rotation policy has a Rotate action that is due on the
/// emulator's clock gets a new version (<see cref="KeyService.Rotate"/>, so the policy's expiryTime applies to it).
/// Due means: <c>timeAfterCreate</c> after the current version was created, or <c>timeBeforeExpiry</c> before it
/// expires (durations with calendar months and years, as the policy's expiryTime is applied).
/// </summary>
public sealed class KeyAutoRotation(EmulatorDatabase database, VaultStore vaults, KeyService keys, EmulatorRuntime runtime) : ITimeDrivenWork
{
    public Task RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var vault in vaults.List())
        {
            var due = database.Read(s => s.ListSettings(vault.Name, KeyService.PolicyKind)
                .Where(x => IsDue(s, vault.Name, x.Name, StorageJson.Deserialize<RotationPolicyDocument>(x.Document), now))
                .Select(x => x.Name)
                .ToList());
            var dp = DataPlaneContext.ForBackground(vault, runtime);
            foreach (var name in due)
            {
                try
                {
                    keys.Rotate(dp, name);
                }
                catch (KeyVaultErrorException)
                {
                    // deleted, being recovered or managed by a certificate meanwhile: nothing to rotate
                }
            }
        }
        return Task.CompletedTask;
    }

    private static bool IsDue(StorageSession s, string vault, string name, RotationPolicyDocument policy, DateTimeOffset now)
    {
        var rotate = policy.LifetimeActions.Where(a => a.Type.Equals("Rotate", StringComparison.OrdinalIgnoreCase)).ToList();
        if (rotate.Count == 0 || s.GetObject(vault, "key", name) is not { IsDeleted: false } obj
            || s.GetVersion(vault, "key", name, obj.LatestVersion) is not { } latest)
        {
            return false;
        }
        var doc = StorageJson.Deserialize<KeyDocument>(latest.Document);
        if (doc.Managed)
        {
            return false;
        }
        foreach (var action in rotate)
        {
            if (Iso8601Duration.TryParse(action.TimeAfterCreate) is { } afterCreate
                && afterCreate.AddTo(DateTimeOffset.FromUnixTimeSeconds(doc.Created)) <= now)
            {
                return true;
            }
            if (Iso8601Duration.TryParse(action.TimeBeforeExpiry) is { } beforeExpiry && doc.Expires is { } expires
                && DateTimeOffset.FromUnixTimeSeconds(expires) <= beforeExpiry.AddTo(now))
            {
                return true;
            }
        }
        return false;
    }
}
