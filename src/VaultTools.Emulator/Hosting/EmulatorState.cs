using VaultTools.Emulator.Identity;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Hosting;

/// <summary>
/// <c>state.json</c> in the data folder: the stable tenant and subscription ids and every identity
/// with its generated ids and secrets, so tokens, role assignments and scripts keep working across
/// restarts (also with --in-memory entries).
/// </summary>
public sealed record EmulatorState
{
    public const string FileName = "state.json";

    public int FormatVersion { get; init; } = 1;
    public required string TenantId { get; init; }
    public required string SubscriptionId { get; init; }
    public List<IdentityRecord> Identities { get; init; } = [];

    /// <summary>Loads the state, creates what is missing (built-ins, config identities) and saves it.</summary>
    public static EmulatorState LoadAndMerge(string dataPath, EmulatorConfig config)
    {
        var path = Path.Combine(dataPath, FileName);
        var state = File.Exists(path)
            ? StorageJson.Deserialize<EmulatorState>(File.ReadAllText(path))
            : new EmulatorState { TenantId = NewId(), SubscriptionId = NewId() };

        var identities = state.Identities.ToList();
        void Merge(ConfigIdentity wanted)
        {
            var index = identities.FindIndex(i => string.Equals(i.Name, wanted.Name, StringComparison.OrdinalIgnoreCase));
            var existing = index >= 0 ? identities[index] : null;
            if (existing is not null && existing.Type != wanted.Type)
            {
                existing = null; // the config changed the type: new ids
            }
            var merged = new IdentityRecord
            {
                Name = wanted.Name,
                Type = wanted.Type,
                ObjectId = wanted.ObjectId ?? existing?.ObjectId ?? NewId(),
                ClientId = wanted.Type == IdentityType.User ? null : wanted.ClientId ?? existing?.ClientId ?? NewId(),
                ClientSecret = wanted.Type == IdentityType.ServicePrincipal
                    ? wanted.ClientSecret ?? existing?.ClientSecret ?? NewSecret()
                    : null,
                Certificate = wanted.Type == IdentityType.ServicePrincipal ? wanted.CertificateDer() ?? existing?.Certificate : null,
            };
            if (index >= 0)
            {
                identities[index] = merged;
            }
            else
            {
                identities.Add(merged);
            }
        }

        Merge(new ConfigIdentity { Name = "admin", Type = IdentityType.ServicePrincipal });
        Merge(new ConfigIdentity { Name = "system", Type = IdentityType.SystemAssignedManagedIdentity });
        foreach (var identity in config.Identities)
        {
            if (identity.Type == IdentityType.SystemAssignedManagedIdentity && !identity.Name.Equals("system", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"Identity '{identity.Name}': there is one system-assigned identity, named 'system'.");
            }
            Merge(identity);
        }

        var duplicate = identities.GroupBy(i => i.ObjectId, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1)
            ?? identities.Where(i => i.ClientId is not null).GroupBy(i => i.ClientId!, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Identities {string.Join(", ", duplicate.Select(i => i.Name))} share the id {duplicate.Key}.");
        }

        var result = state with { Identities = identities };
        DataFiles.WriteSecretFileAtomically(path, System.Text.Json.JsonSerializer.Serialize(result, StorageJson.Indented));
        return result;
    }

    private static string NewId() => Guid.NewGuid().ToString();

    private static string NewSecret() =>
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_');
}
