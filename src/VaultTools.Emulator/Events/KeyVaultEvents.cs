using System.Globalization;
using System.Text.Json.Nodes;
using VaultTools.Emulator.Hosting;

namespace VaultTools.Emulator.Events;

/// <summary>
/// Key Vault's Event Grid events (event types and data as the service publishes them, Event Grid schema):
/// <c>data</c> is <c>Id</c> (the version's id), <c>VaultName</c>, <c>ObjectType</c> (Secret, Key, Certificate),
/// <c>ObjectName</c>, <c>Version</c>, <c>NBF</c> and <c>EXP</c> (epoch seconds, null when not set); <c>topic</c> is
/// the vault's ARM id and <c>subject</c> the entry's name.
/// </summary>
public static class KeyVaultEvents
{
    public const string Prefix = "Microsoft.KeyVault.";

    /// <summary>How long before expiry a NearExpiry event is raised (for keys, unless their rotation policy's Notify action says otherwise).</summary>
    public static readonly TimeSpan NearExpiryNotice = TimeSpan.FromDays(30);

    /// <summary>Every event type the emulator raises, for validating includedEventTypes.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        .. new[] { "Secret", "Key", "Certificate" }.SelectMany(o => new[] { $"{Prefix}{o}NewVersionCreated", $"{Prefix}{o}NearExpiry", $"{Prefix}{o}Expired" }),
    ];

    /// <summary>Secret, Key or Certificate for the storage kinds secret, key and certificate; null for any other kind.</summary>
    public static string? ObjectType(string storageKind) => storageKind switch
    {
        "secret" => "Secret",
        "key" => "Key",
        "certificate" => "Certificate",
        _ => null,
    };

    public static string EventType(string objectType, string what) => $"{Prefix}{objectType}{what}";

    public static JsonObject Create(EmulatorRuntime runtime, string eventType, string vault, string storageKind, string objectType, string name,
        string version, long? notBefore, long? expires, DateTimeOffset eventTime) => new()
    {
        ["id"] = Guid.NewGuid().ToString(),
        ["topic"] = runtime.VaultResourceId(vault),
        ["subject"] = name,
        ["eventType"] = eventType,
        ["data"] = new JsonObject
        {
            ["Id"] = $"https://{vault}.localhost:{runtime.HttpsPort}/{storageKind}s/{name}/{version}",
            ["VaultName"] = vault,
            ["ObjectType"] = objectType,
            ["ObjectName"] = name,
            ["Version"] = version,
            ["NBF"] = notBefore,
            ["EXP"] = expires,
        },
        ["dataVersion"] = "1",
        ["metadataVersion"] = "1",
        ["eventTime"] = eventTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
    };

    /// <summary>Event Grid's validation event, sent (header aeg-event-type: SubscriptionValidation) before any delivery.</summary>
    public static JsonObject Validation(EmulatorRuntime runtime, string vault, string validationCode, DateTimeOffset eventTime) => new()
    {
        ["id"] = Guid.NewGuid().ToString(),
        ["topic"] = runtime.VaultResourceId(vault),
        ["subject"] = "",
        ["data"] = new JsonObject { ["validationCode"] = validationCode, ["validationUrl"] = null },
        ["eventType"] = "Microsoft.EventGrid.SubscriptionValidationEvent",
        ["eventTime"] = eventTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        ["metadataVersion"] = "1",
        ["dataVersion"] = "2",
    };
}
