using System.Security.Cryptography;
using System.Text;
using VaultTools.Emulator.Hosting;

namespace VaultTools.Emulator.Identity;

/// <summary>What the token endpoint concluded about a client secret.</summary>
public enum SecretCheck
{
    Valid,
    Invalid,
    Expired,
}

/// <summary>
/// The app registrations behind the emulator's service principals: their password credentials (client
/// secrets), which Microsoft Graph's addPassword/removePassword change at run time and the token endpoint
/// checks, and who owns each application. Every change is saved to state.json at once, so a password added
/// works at the token endpoint with the next request, and after a restart.
/// </summary>
public sealed class ApplicationRegistry
{
    /// <summary>Graph's default lifetime of a password credential added without endDateTime.</summary>
    public static readonly TimeSpan DefaultPasswordLifetime = TimeSpan.FromDays(2 * 365);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<PasswordCredential>> _passwords = new(StringComparer.OrdinalIgnoreCase);
    private readonly IdentityDirectory _identities;
    private readonly TimeProvider _time;
    private readonly string _dataPath;
    private EmulatorState _state;

    public ApplicationRegistry(EmulatorState state, string dataPath, IdentityDirectory identities, TimeProvider time)
    {
        _state = state;
        _dataPath = dataPath;
        _identities = identities;
        _time = time;
        foreach (var identity in identities.All.Where(i => i.ApplicationObjectId is not null))
        {
            _passwords[identity.Name] = identity.PasswordCredentials?.ToList() ?? [];
        }
    }

    /// <summary>The service principal whose app registration has this object id, or null.</summary>
    public IdentityRecord? FindApplication(string applicationObjectId) =>
        _identities.All.FirstOrDefault(i => string.Equals(i.ApplicationObjectId, applicationObjectId, StringComparison.OrdinalIgnoreCase));

    /// <summary>The emulator's administrator owns every application; the config may name more owners.</summary>
    public bool IsOwner(IdentityRecord application, string callerObjectId) =>
        string.Equals(_identities.FindByName("admin")?.ObjectId, callerObjectId, StringComparison.OrdinalIgnoreCase)
        || application.Owners.Contains(callerObjectId, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<PasswordCredential> Passwords(IdentityRecord application)
    {
        lock (_lock)
        {
            return _passwords.TryGetValue(application.Name, out var list) ? [.. list] : [];
        }
    }

    /// <summary>Compares a client secret with the identity's passwords (in constant time for each).</summary>
    public SecretCheck CheckSecret(IdentityRecord identity, string secret)
    {
        var given = Encoding.UTF8.GetBytes(secret);
        var match = Passwords(identity).FirstOrDefault(p => CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(p.SecretText)));
        return match is null ? SecretCheck.Invalid
            : match.EndDateTime <= _time.GetUtcNow() ? SecretCheck.Expired
            : SecretCheck.Valid;
    }

    public PasswordCredential AddPassword(IdentityRecord application, string? displayName, DateTimeOffset? start, DateTimeOffset? end)
    {
        var startsAt = start ?? _time.GetUtcNow();
        var secret = NewSecretText();
        var credential = new PasswordCredential
        {
            KeyId = Guid.NewGuid().ToString(),
            DisplayName = displayName,
            Hint = secret[..3],
            SecretText = secret,
            StartDateTime = startsAt,
            EndDateTime = end ?? startsAt + DefaultPasswordLifetime,
        };
        lock (_lock)
        {
            _passwords[application.Name].Add(credential);
            Save();
        }
        return credential;
    }

    /// <summary>Removes a password; false when the application has none with that keyId.</summary>
    public bool RemovePassword(IdentityRecord application, string keyId)
    {
        lock (_lock)
        {
            if (_passwords[application.Name].RemoveAll(p => string.Equals(p.KeyId, keyId, StringComparison.OrdinalIgnoreCase)) == 0)
            {
                return false;
            }
            Save();
            return true;
        }
    }

    /// <summary>The first password credential of a service principal: its clientSecret from state.json or the config.</summary>
    public static PasswordCredential OriginalCredential(string secret, DateTimeOffset now) => new()
    {
        KeyId = Guid.NewGuid().ToString(),
        DisplayName = "clientSecret",
        Hint = secret.Length >= 3 ? secret[..3] : secret,
        SecretText = secret,
        StartDateTime = now,
        // Entra shows secrets that never expire with this end date.
        EndDateTime = new DateTimeOffset(2299, 12, 31, 0, 0, 0, TimeSpan.Zero),
    };

    private void Save()
    {
        var identities = _state.Identities.Select(i =>
        {
            if (!_passwords.TryGetValue(i.Name, out var list))
            {
                return i;
            }
            // clientSecret stays in state.json only while it is still one of the passwords.
            var original = i.ClientSecret is not null && list.Any(p => p.SecretText == i.ClientSecret) ? i.ClientSecret : null;
            return i with { PasswordCredentials = [.. list], ClientSecret = original };
        }).ToList();
        _state = _state with { Identities = identities };
        _state.Save(_dataPath);
    }

    // Entra's client secrets are 40 characters from this alphabet.
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789~._-";

    private static string NewSecretText() => RandomNumberGenerator.GetString(SecretAlphabet, 40);
}
