using System.Text.Json;
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
            ? DataFolderDamage.Load(dataPath, FileName,
                "Restore it from a copy of the data folder; deleting it gives every identity new ids and secrets (role assignments and access policies in vault.db name the old ones).",
                () => StorageJson.Deserialize<EmulatorState>(File.ReadAllText(path)) is { TenantId: not null, SubscriptionId: not null } s ? s : throw new JsonException("it holds no tenant and subscription"))
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
            var isApplication = wanted.Type == IdentityType.ServicePrincipal;
            var certificate = isApplication ? wanted.CertificateDer() ?? existing?.Certificate : null;
            string? secret = null;
            List<PasswordCredential>? passwords = null;
            if (isApplication)
            {
                // The clientSecret is the application's first password credential. A secret the config
                // replaces goes away; one removed through Graph stays removed unless the config gives it
                // again; an application left with no credential at all gets a new secret.
                passwords = existing?.PasswordCredentials?.ToList() ?? [];
                var previous = existing?.ClientSecret;
                secret = wanted.ClientSecret ?? previous;
                if (wanted.ClientSecret is not null && previous is not null && wanted.ClientSecret != previous)
                {
                    passwords.RemoveAll(p => p.SecretText == previous);
                }
                if (secret is null && passwords.Count == 0 && certificate is null)
                {
                    secret = NewSecret();
                }
                if (secret is not null && !passwords.Any(p => p.SecretText == secret))
                {
                    passwords.Insert(0, ApplicationRegistry.OriginalCredential(secret, DateTimeOffset.UtcNow));
                }
            }
            var merged = new IdentityRecord
            {
                Name = wanted.Name,
                Type = wanted.Type,
                ObjectId = wanted.ObjectId ?? existing?.ObjectId ?? NewId(),
                ClientId = wanted.Type == IdentityType.User ? null : wanted.ClientId ?? existing?.ClientId ?? NewId(),
                ClientSecret = secret,
                Certificate = certificate,
                ApplicationObjectId = isApplication ? wanted.ApplicationObjectId ?? existing?.ApplicationObjectId ?? NewId() : null,
                PasswordCredentials = passwords,
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

        foreach (var wanted in config.Identities.Where(i => i.Owners.Count > 0))
        {
            var index = identities.FindIndex(i => string.Equals(i.Name, wanted.Name, StringComparison.OrdinalIgnoreCase));
            if (identities[index].Type != IdentityType.ServicePrincipal)
            {
                throw new ArgumentException($"Identity '{wanted.Name}': only a service principal has an application with owners.");
            }
            var owners = wanted.Owners.Select(o => identities.FirstOrDefault(i =>
                    string.Equals(i.Name, o, StringComparison.OrdinalIgnoreCase) || string.Equals(i.ObjectId, o, StringComparison.OrdinalIgnoreCase))?.ObjectId
                ?? throw new ArgumentException($"Identity '{wanted.Name}': owner '{o}' is not an identity of the emulator (give a name or an object id).")).ToList();
            identities[index] = identities[index] with { Owners = owners };
        }

        var duplicate = identities.SelectMany(i => new[] { (Id: i.ObjectId, i.Name), (Id: i.ApplicationObjectId, i.Name) })
                .Where(x => x.Id is not null).GroupBy(x => x.Id!, x => x.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1)
            ?? identities.Where(i => i.ClientId is not null).GroupBy(i => i.ClientId!, i => i.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Identities {string.Join(", ", duplicate)} share the id {duplicate.Key}.");
        }

        var result = state with { Identities = identities };
        result.Save(dataPath);
        return result;
    }

    /// <summary>Writes state.json (owner-only, atomically).</summary>
    public void Save(string dataPath) =>
        DataFiles.WriteSecretFileAtomically(Path.Combine(dataPath, FileName), System.Text.Json.JsonSerializer.Serialize(this, StorageJson.Indented));

    private static string NewId() => Guid.NewGuid().ToString();

    private static string NewSecret() =>
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_');
}
