using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using VaultTools.Emulator.Hosting;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Events;

/// <summary>
/// Raises Key Vault's events and delivers them to the vault's webhook subscriptions, as Event Grid does: one
/// event per POST (an array of one, Event Grid schema, header <c>aeg-event-type: Notification</c>), only to
/// subscriptions that passed the validation handshake, retried a few times on failure. Delivery runs on its own
/// background loop: raising an event only queues it, so no request ever waits for a webhook.
/// NewVersionCreated is raised for every new version that storage reports (<see cref="EmulatorDatabase.VersionsAdded"/>),
/// except the key and secret that back a certificate (the certificate's own event covers them) and restored versions.
/// </summary>
public sealed partial class EventGridPublisher : BackgroundService
{
    /// <summary>Delays before the retries of a failed delivery (Event Grid retries for longer; a few tries suit a local emulator).</summary>
    public static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];

    private readonly EmulatorDatabase _database;
    private readonly EmulatorRuntime _runtime;
    private readonly TimeProvider _time;
    private readonly ILogger<EventGridPublisher> _logger;
    private readonly HttpClient _http;
    private readonly Channel<(EventSubscriptionDocument Subscription, JsonObject Event)> _queue =
        Channel.CreateUnbounded<(EventSubscriptionDocument, JsonObject)>(new UnboundedChannelOptions { SingleReader = true });

    public EventGridPublisher(EmulatorDatabase database, EmulatorRuntime runtime, TimeProvider time, ILogger<EventGridPublisher> logger)
    {
        _database = database;
        _runtime = runtime;
        _time = time;
        _logger = logger;
        // Loopback webhooks only, never through a proxy.
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };
        database.VersionsAdded += OnVersionsAdded;
    }

    /// <summary>Validated subscriptions of the vault that want this event type.</summary>
    private List<EventSubscriptionDocument> Targets(string vault, string eventType) =>
        _database.Read(s => s.ListSettings(vault, EventSubscriptionDocument.SettingKind))
            .Select(x => StorageJson.Deserialize<EventSubscriptionDocument>(x.Document))
            .Where(x => x.ProvisioningState == "Succeeded" && x.Wants(eventType))
            .ToList();

    /// <summary>Queues the event for every subscription of the vault that wants it.</summary>
    public void Raise(string eventType, string vault, string storageKind, string name, string version, long? notBefore, long? expires)
    {
        var objectType = KeyVaultEvents.ObjectType(storageKind);
        if (objectType is null)
        {
            return;
        }
        foreach (var subscription in Targets(vault, eventType))
        {
            var e = KeyVaultEvents.Create(_runtime, eventType, vault, storageKind, objectType, name, version, notBefore, expires, _time.GetUtcNow());
            _queue.Writer.TryWrite((subscription, e));
        }
    }

    private void OnVersionsAdded(IReadOnlyList<AddedVersion> added)
    {
        // Inside the storage lock, after the commit: only read and queue.
        var events = new List<(string Type, AddedVersion Version, long? Nbf, long? Exp)>();
        foreach (var v in added)
        {
            if (KeyVaultEvents.ObjectType(v.Kind) is not { } objectType)
            {
                continue;
            }
            var (nbf, exp, managed) = ReadDates(v.Document);
            if (!managed)
            {
                events.Add((KeyVaultEvents.EventType(objectType, "NewVersionCreated"), v, nbf, exp));
            }
        }
        // The storage lock is re-entrant and the write has committed: reading the subscriptions here keeps the order.
        foreach (var (type, v, nbf, exp) in events)
        {
            Raise(type, v.Vault, v.Kind, v.Name, v.Version, nbf, exp);
        }
    }

    /// <summary>nbf, exp and managed of a stored secret, key or certificate document.</summary>
    public static (long? NotBefore, long? Expires, bool Managed) ReadDates(string document)
    {
        using var doc = JsonDocument.Parse(document);
        var root = doc.RootElement;
        long? Long(string name) => root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt64() : null;
        var managed = root.TryGetProperty("managed", out var m) && m.ValueKind == JsonValueKind.True;
        return (Long("notBefore"), Long("expires"), managed);
    }

    // ------------------------------------------------------------------ subscriptions

    public IReadOnlyList<EventSubscriptionDocument> List(string vault) =>
        _database.Read(s => s.ListSettings(vault, EventSubscriptionDocument.SettingKind))
            .Select(x => StorageJson.Deserialize<EventSubscriptionDocument>(x.Document)).ToList();

    public EventSubscriptionDocument? Get(string vault, string name) =>
        _database.Read(s => s.GetSetting(vault, EventSubscriptionDocument.SettingKind, name)) is { } json
            ? StorageJson.Deserialize<EventSubscriptionDocument>(json)
            : null;

    public void Save(EventSubscriptionDocument subscription) =>
        _database.Write(s => s.SetSetting(subscription.Vault, EventSubscriptionDocument.SettingKind, subscription.Name, StorageJson.Serialize(subscription)));

    public bool Delete(string vault, string name) => _database.Write(s =>
    {
        var existed = s.GetSetting(vault, EventSubscriptionDocument.SettingKind, name) is not null;
        s.SetSetting(vault, EventSubscriptionDocument.SettingKind, name, null);
        return existed;
    });

    /// <summary>
    /// Event Grid's handshake: POSTs a SubscriptionValidationEvent with a fresh validationCode; the endpoint must
    /// answer 200 with <c>{"validationResponse":"&lt;that code&gt;"}</c>. Returns null when it did, else why not.
    /// </summary>
    public async Task<string?> ValidateAsync(EventSubscriptionDocument subscription, CancellationToken cancellationToken)
    {
        var code = Guid.NewGuid().ToString().ToUpperInvariant();
        var body = new JsonArray(KeyVaultEvents.Validation(_runtime, subscription.Vault, code, _time.GetUtcNow()));
        try
        {
            using var response = await PostAsync(subscription, body, "SubscriptionValidation", 0, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return $"Http POST request failed with response code {(int)response.StatusCode}";
            }
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var answer = JsonNode.Parse(text)?["validationResponse"]?.GetValue<string>();
            return string.Equals(answer, code, StringComparison.OrdinalIgnoreCase) ? null : "the response did not contain the validationCode as validationResponse";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException or FormatException)
        {
            return $"Http POST request failed with response code Unknown ({ex.GetType().Name})";
        }
    }

    /// <summary>Validates the config's subscriptions that are not validated yet (at start, then with the time-driven work).</summary>
    public async Task ValidatePendingAsync(CancellationToken cancellationToken)
    {
        var vaults = _database.Read(s => s.ListVaultDocuments()).Select(StorageJson.Deserialize<VaultRecord>).Select(v => v.Name).ToList();
        foreach (var subscription in vaults.SelectMany(List).Where(x => x.ProvisioningState != "Succeeded").ToList())
        {
            var failure = await ValidateAsync(subscription, cancellationToken).ConfigureAwait(false);
            Save(subscription with { ProvisioningState = failure is null ? "Succeeded" : "Failed" });
            if (failure is not null)
            {
                LogValidationFailed(_logger, subscription.Name, subscription.EndpointUrl, failure);
            }
        }
    }

    // ------------------------------------------------------------------ delivery

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (subscription, e) in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            // Each delivery with its retries runs on its own, so that a slow endpoint holds up no other.
            _ = DeliverAsync(subscription, e, stoppingToken);
        }
    }

    private async Task DeliverAsync(EventSubscriptionDocument subscription, JsonObject e, CancellationToken stoppingToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await PostAsync(subscription, new JsonArray(e.DeepClone()), "Notification", attempt, stoppingToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                // retried below
            }
            if (attempt >= RetryDelays.Length || stoppingToken.IsCancellationRequested)
            {
                LogDeliveryFailed(_logger, e["eventType"]!.GetValue<string>(), subscription.EndpointUrl, attempt + 1);
                return;
            }
            try
            {
                await Task.Delay(RetryDelays[attempt], stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One POST with Event Grid's headers (aeg-event-type, aeg-subscription-name, aeg-delivery-count, aeg-data-version, aeg-metadata-version).</summary>
    private async Task<HttpResponseMessage> PostAsync(EventSubscriptionDocument subscription, JsonArray body, string eventTypeHeader, int deliveryCount,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.EndpointUrl)
        {
            Content = new StringContent(body.ToJsonString(JsonResults.Wire), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("aeg-event-type", eventTypeHeader);
        request.Headers.Add("aeg-subscription-name", subscription.Name.ToUpperInvariant());
        request.Headers.Add("aeg-delivery-count", deliveryCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("aeg-data-version", body[0]!["dataVersion"]!.GetValue<string>());
        request.Headers.Add("aeg-metadata-version", "1");
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("VaultToolsEmulator-EventGrid", "1.0"));
        return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event subscription {Name} ({Endpoint}) failed the validation handshake: {Reason}.")]
    private static partial void LogValidationFailed(ILogger logger, string name, string endpoint, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up delivering {EventType} to {Endpoint} after {Attempts} attempts.")]
    private static partial void LogDeliveryFailed(ILogger logger, string eventType, string endpoint, int attempts);

    public override void Dispose()
    {
        _database.VersionsAdded -= OnVersionsAdded;
        _http.Dispose();
        base.Dispose();
    }
}
