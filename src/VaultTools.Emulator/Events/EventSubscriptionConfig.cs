using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Events;

/// <summary>
/// A webhook subscription in the config file:
/// <c>{"name":"hook","vault":"local","endpointUrl":"http://127.0.0.1:7071/api/events","includedEventTypes":["Microsoft.KeyVault.SecretNearExpiry"]}</c>
/// (vault defaults to local, includedEventTypes to every event).
/// </summary>
public sealed record ConfigEventSubscription
{
    public required string Name { get; init; }
    public string Vault { get; init; } = Hosting.EmulatorRuntime.DefaultVaultName;
    public required string EndpointUrl { get; init; }
    public List<string>? IncludedEventTypes { get; init; }
}

public static class EventSubscriptionConfig
{
    /// <summary>
    /// Stores the config's subscriptions (at every start, replacing a stored one of the same name; not yet
    /// validated: the handshake runs once the emulator listens). A bad entry is an ArgumentException (exit code 2).
    /// </summary>
    public static void Apply(EmulatorDatabase database, IReadOnlyList<ConfigEventSubscription> subscriptions)
    {
        foreach (var c in subscriptions)
        {
            var document = Check(c.Name, c.Vault, c.EndpointUrl, c.IncludedEventTypes, (message) => new ArgumentException($"eventSubscriptions '{c.Name}': {message}"))
                with { Source = "config" };
            database.Write(s =>
            {
                if (s.GetVaultDocument(c.Vault) is null)
                {
                    throw new ArgumentException($"eventSubscriptions '{c.Name}': no vault '{c.Vault}' (add it under \"vaults\").");
                }
                s.SetSetting(c.Vault, EventSubscriptionDocument.SettingKind, c.Name, StorageJson.Serialize(document));
            });
        }
    }

    /// <summary>The rules for a subscription, from the config or ARM: a name, a loopback endpoint, known event types.</summary>
    public static EventSubscriptionDocument Check(string name, string vault, string? endpointUrl, IReadOnlyList<string>? includedEventTypes,
        Func<string, Exception> error)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-'))
        {
            throw error("the name must be 1 to 64 letters, digits and hyphens.");
        }
        if (!Uri.TryCreate(endpointUrl, UriKind.Absolute, out var uri) || !EventSubscriptionDocument.IsLoopback(uri))
        {
            throw error($"endpointUrl '{endpointUrl}' must be an http or https URL on this machine (localhost, 127.0.0.1 or [::1]): the emulator delivers events to loopback only.");
        }
        var unknown = includedEventTypes?.FirstOrDefault(t => !KeyVaultEvents.All.Contains(t, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            throw error($"'{unknown}' is not a Key Vault event type ({string.Join(", ", KeyVaultEvents.All)}).");
        }
        return new EventSubscriptionDocument
        {
            Name = name,
            Vault = vault,
            EndpointUrl = uri.AbsoluteUri,
            IncludedEventTypes = includedEventTypes is { Count: > 0 } ? [.. includedEventTypes] : null,
        };
    }
}
