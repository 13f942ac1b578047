using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Azure.Messaging.EventGrid.SystemEvents;
using VaultTools.Errors;

namespace VaultTools.Rotation
{
    /// <summary>One Key Vault event: which entry of which vault it names, and whether it calls for rotation.</summary>
    public sealed class RotationEvent
    {
        public string EventType { get; set; } = "";
        public string VaultName { get; set; } = "";
        public EntryKind Kind { get; set; }
        public string ObjectName { get; set; } = "";
        public string? Version { get; set; }

        /// <summary>NearExpiry and Expired call for rotation; NewVersionCreated (rotation's own echo) does not.</summary>
        public bool CallsForRotation => EventType.EndsWith("NearExpiry", StringComparison.Ordinal) || EventType.EndsWith("Expired", StringComparison.Ordinal);
    }

    /// <summary>
    /// Reads Key Vault's Event Grid events as an Automation webhook (RequestBody), an Azure Function or an
    /// Event Grid subscription delivers them: Event Grid or CloudEvents schema, one event or an array.
    /// The envelopes and Key Vault's event data are parsed by Azure.Messaging.EventGrid.
    /// </summary>
    public static class RotationEvents
    {
        public static IReadOnlyList<RotationEvent> Parse(string json)
        {
            BinaryData data = BinaryData.FromString(json ?? "");
            JsonElement first;
            try
            {
                using var document = JsonDocument.Parse(data);
                var root = document.RootElement;
                first = (root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().FirstOrDefault() : root).Clone();
            }
            catch (JsonException ex)
            {
                throw Invalid($"it is not JSON ({ex.Message})");
            }

            if (first.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("it holds no event object");
            }

            try
            {
                if (first.TryGetProperty("specversion", out _))
                {
                    return CloudEvent.ParseMany(data).Select(e => From(e.Type, e.TryGetSystemEventData(out object system) ? system : null)).ToList();
                }

                return EventGridEvent.ParseMany(data).Select(e => From(e.EventType, e.TryGetSystemEventData(out object system) ? system : null)).ToList();
            }
            catch (Exception ex) when (ex is ArgumentException || ex is JsonException || ex is InvalidOperationException || ex is FormatException)
            {
                throw Invalid(ex.Message);
            }
        }

        private static RotationEvent From(string type, object? data)
        {
            var fields = data switch
            {
                KeyVaultSecretNearExpiryEventData d => (d.VaultName, d.ObjectName, d.Version, EntryKind.Secret),
                KeyVaultSecretExpiredEventData d => (d.VaultName, d.ObjectName, d.Version, EntryKind.Secret),
                KeyVaultSecretNewVersionCreatedEventData d => (d.VaultName, d.ObjectName, d.Version, EntryKind.Secret),
                KeyVaultKeyNearExpiryEventData d => (d.VaultName, d.ObjectName, d.Version, EntryKind.Key),
                KeyVaultKeyExpiredEventData d => (d.VaultName, d.ObjectName, d.Version, EntryKind.Key),
                KeyVaultKeyNewVersionCreatedEventData d => (d.VaultName, d.ObjectName, d.Version, EntryKind.Key),
                KeyVaultCertificateNearExpiryEventData d => (d.VaultName, d.ObjectName, d.Version, EntryKind.Certificate),
                KeyVaultCertificateExpiredEventData d => (d.VaultName, d.ObjectName, d.Version, EntryKind.Certificate),
                KeyVaultCertificateNewVersionCreatedEventData d => (d.VaultName, d.ObjectName, d.Version, EntryKind.Certificate),
                _ => ((string?)null, (string?)null, (string?)null, EntryKind.Secret),
            };
            if (fields.Item1 is null || fields.Item2 is null)
            {
                throw new VaultException(VaultErrorKind.InvalidArgument, "UnsupportedRotationEvent",
                    $"-Event: '{type}' is not a Key Vault secret, key or certificate event (SecretNearExpiry, SecretExpired, KeyNearExpiry, ...); nothing was changed.", null, type)
                {
                    ParameterName = "Event",
                };
            }

            return new RotationEvent { EventType = type, VaultName = fields.Item1, ObjectName = fields.Item2, Version = fields.Item3, Kind = fields.Item4 };
        }

        private static VaultException Invalid(string why)
            => new VaultException(VaultErrorKind.InvalidArgument, "InvalidRotationEvent",
                $"-Event is not an Event Grid or CloudEvents event (or array of them): {why}. Nothing was changed.")
            {
                ParameterName = "Event",
            };
    }
}
