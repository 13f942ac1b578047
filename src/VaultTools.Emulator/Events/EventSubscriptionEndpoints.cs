using System.Text.Json.Nodes;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;

namespace VaultTools.Emulator.Events;

/// <summary>
/// Event Grid's event subscriptions scoped to a vault, ARM-shaped:
/// <c>PUT|GET|DELETE {vaultId}/providers/Microsoft.EventGrid/eventSubscriptions/{name}</c> and the list
/// <c>GET {vaultId}/providers/Microsoft.EventGrid/eventSubscriptions</c>. Webhook destinations only
/// (<c>properties.destination.properties.endpointUrl</c>, loopback), optional <c>filter.includedEventTypes</c>,
/// Event Grid schema. The PUT runs the validation handshake before it answers: 201/200 with provisioningState
/// Succeeded, or 400 "Url validation" and nothing stored. As in Event Grid, the endpoint URL is write-only: reads show
/// <c>endpointBaseUrl</c>.
/// </summary>
public static class EventSubscriptionEndpoints
{
    public const string Provider = "Microsoft.EventGrid";
    public const string ResourceType = "Microsoft.EventGrid/eventSubscriptions";

    /// <summary><paramref name="rest"/>: what follows <c>.../providers/Microsoft.EventGrid/eventSubscriptions</c> (empty or the name).</summary>
    public static async Task<IResult?> HandleAsync(HttpContext http, string vaultName, string vaultId, string[] rest,
        Action<string, string> demand)
    {
        var publisher = http.RequestServices.GetRequiredService<EventGridPublisher>();
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        var method = http.Request.Method;
        if (rest.Length == 0 && method == HttpMethods.Get)
        {
            demand("Microsoft.EventGrid/eventSubscriptions/read", vaultId);
            return Json(200, new JsonObject { ["value"] = new JsonArray([.. publisher.List(vaultName).Select(x => (JsonNode)Body(x, vaultId))]) });
        }
        if (rest.Length != 1)
        {
            return null;
        }
        var name = rest[0];
        var id = $"{vaultId}/providers/{ResourceType}/{name}";
        switch (method)
        {
            case "GET":
                demand("Microsoft.EventGrid/eventSubscriptions/read", id);
                var found = publisher.Get(vaultName, name)
                    ?? throw ArmErrors.ResourceNotFound($"{ResourceType}/{name}", Hosting.EmulatorRuntime.ResourceGroupName).ToException();
                return Json(200, Body(found, vaultId));
            case "PUT":
                demand("Microsoft.EventGrid/eventSubscriptions/write", id);
                var body = await Arm.ArmJson.ReadBody(http).ConfigureAwait(false);
                var properties = body["properties"] as JsonObject;
                var destination = properties?["destination"] as JsonObject;
                var endpointType = destination?["endpointType"]?.GetValue<string>();
                if (endpointType is not null && !endpointType.Equals("WebHook", StringComparison.OrdinalIgnoreCase))
                {
                    throw ArmErrors.NotImplemented("PUT", $"an event subscription with endpointType {endpointType} (only WebHook)").ToException();
                }
                var schema = properties?["eventDeliverySchema"]?.GetValue<string>();
                if (schema is not null && !schema.Equals("EventGridSchema", StringComparison.OrdinalIgnoreCase))
                {
                    throw ArmErrors.NotImplemented("PUT", $"an event subscription with eventDeliverySchema {schema} (only EventGridSchema)").ToException();
                }
                List<string>? types;
                string? endpoint;
                try
                {
                    endpoint = destination?["properties"]?["endpointUrl"]?.GetValue<string>();
                    types = (properties?["filter"]?["includedEventTypes"] as JsonArray)?.Select(t => t!.GetValue<string>()).ToList();
                }
                catch (Exception ex) when (ex is InvalidOperationException or FormatException)
                {
                    throw ArmErrors.InvalidRequestContent("endpointUrl and includedEventTypes must be strings.").ToException();
                }
                var subscription = EventSubscriptionConfig.Check(name, vaultName, endpoint, types,
                    message => ArmErrors.EventGridInvalidRequest(message).ToException());
                var existed = publisher.Get(vaultName, name) is not null;
                if (await publisher.ValidateAsync(subscription, http.RequestAborted).ConfigureAwait(false) is { } failure)
                {
                    throw ArmErrors.EventGridUrlValidation(subscription.EndpointUrl, failure, time.GetUtcNow()).ToException();
                }
                subscription = subscription with { ProvisioningState = "Succeeded" };
                publisher.Save(subscription);
                return Json(existed ? 200 : 201, Body(subscription, vaultId));
            case "DELETE":
                demand("Microsoft.EventGrid/eventSubscriptions/delete", id);
                return publisher.Delete(vaultName, name) ? Results.Ok() : Results.NoContent();
        }
        return null;
    }

    private static JsonObject Body(EventSubscriptionDocument s, string vaultId)
    {
        var filter = new JsonObject();
        if (s.IncludedEventTypes is not null)
        {
            filter["includedEventTypes"] = new JsonArray([.. s.IncludedEventTypes.Select(t => (JsonNode)JsonValue.Create(t))]);
        }
        filter["advancedFilters"] = new JsonArray();
        var endpoint = new Uri(s.EndpointUrl);
        return new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["topic"] = vaultId,
                ["provisioningState"] = s.ProvisioningState,
                ["destination"] = new JsonObject
                {
                    ["properties"] = new JsonObject { ["endpointBaseUrl"] = endpoint.GetLeftPart(UriPartial.Path) },
                    ["endpointType"] = "WebHook",
                },
                ["filter"] = filter,
                ["labels"] = new JsonArray(),
                ["eventDeliverySchema"] = "EventGridSchema",
                ["retryPolicy"] = new JsonObject { ["maxDeliveryAttempts"] = EventGridPublisher.RetryDelays.Length + 1, ["eventTimeToLiveInMinutes"] = 1440 },
            },
            ["id"] = $"{vaultId}/providers/{ResourceType}/{s.Name}",
            ["name"] = s.Name,
            ["type"] = ResourceType,
        };
    }

    private static IResult Json(int status, JsonNode body) =>
        Results.Content(JsonResults.Serialize(body), "application/json; charset=utf-8", null, status);
}
