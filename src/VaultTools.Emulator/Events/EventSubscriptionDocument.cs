namespace VaultTools.Emulator.Events;

/// <summary>
/// A webhook subscription to a vault's events (table <c>vault_settings</c>, kind <c>eventgrid.subscription</c>,
/// name = the subscription's name), from the config file or an ARM PUT. Delivery starts once the endpoint passed
/// Event Grid's validation handshake (<see cref="ProvisioningState"/> Succeeded).
/// </summary>
public sealed record EventSubscriptionDocument
{
    public required string Name { get; init; }
    public required string Vault { get; init; }
    public required string EndpointUrl { get; init; }
    /// <summary>Null: every event type.</summary>
    public List<string>? IncludedEventTypes { get; init; }
    /// <summary>Succeeded after the handshake, Failed when the endpoint did not answer it, AwaitingManualAction before.</summary>
    public string ProvisioningState { get; init; } = "AwaitingManualAction";
    /// <summary>config or arm.</summary>
    public string Source { get; init; } = "arm";

    public bool Wants(string eventType) =>
        IncludedEventTypes is null || IncludedEventTypes.Contains(eventType, StringComparer.OrdinalIgnoreCase);

    public const string SettingKind = "eventgrid.subscription";

    /// <summary>Events go to this machine only: http or https on localhost, 127.0.0.1 or [::1].</summary>
    public static bool IsLoopback(Uri uri) =>
        uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase));
}
