using System.Text.Json.Nodes;
using VaultTools.Emulator.Entries;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Secrets;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Keys;

/// <summary>
/// Input rules for keys: names, versions and tags as for secrets (the same service limits), key
/// types, sizes, curves and key_ops (the keys REST specification), and the rotation policy's rules (Microsoft's
/// "Configure cryptographic key auto-rotation": expiry at least 28 days; rotation at least 7 days
/// after creation and at least 7 days before expiry; one Rotate and one Notify action at most;
/// Notify only before expiry). Codes and statuses are the service's (400 BadParameter); message
/// texts are approximations.
/// </summary>
public static class KeyRules
{
    public static readonly IReadOnlyList<string> AllOperations = ["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey", "import", "export"];

    /// <summary>What the service gives a new RSA key without key_ops (recording KeyVaultKeyClient.CreateRsaKey).</summary>
    public static readonly IReadOnlyList<string> DefaultRsaOperations = ["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"];

    /// <summary>What the service gives a new EC key without key_ops (recording KeyVaultKeyClient.CreateEcKey).</summary>
    public static readonly IReadOnlyList<string> DefaultEcOperations = ["sign", "verify"];

    private static readonly HashSet<string> RsaOnlyOperations = new(StringComparer.Ordinal) { "encrypt", "decrypt", "wrapKey", "unwrapKey" };

    /// <summary>
    /// The policy of a key that never had one set, and the Notify action the service adds to a policy
    /// set without one ("Notification time would be default to 30 days before expiry", keys.json;
    /// azure-sdk-for-js recordings of PUT rotationpolicy, 2021).
    /// </summary>
    public static readonly IReadOnlyList<LifetimeActionDocument> DefaultLifetimeActions =
        [new LifetimeActionDocument { Type = "Notify", TimeBeforeExpiry = "P30D" }];

    public const double MinimumExpiryDays = 28;
    public const double MinimumTriggerDays = 7;

    public static void ValidateName(string name) => SecretRules.ValidateName(name);

    /// <summary>RSA-HSM and EC-HSM keys (also a certificate's) need a premium vault: else the service's 403.</summary>
    public static void CheckHsmAllowed(VaultRecord vault, bool hsm)
    {
        if (hsm && !string.Equals(vault.Sku, "premium", StringComparison.OrdinalIgnoreCase))
        {
            throw KeyVaultErrors.HsmNotAllowedOnStandardVault().ToException();
        }
    }

    public static string NewVersion() => SecretRules.NewVersion();

    /// <summary>Tags: at most 15, names and values at most 512 characters; an empty object means none.</summary>
    public static Dictionary<string, string>? ParseTags(JsonNode? node)
    {
        var tags = SecretRules.ParseTags(node);
        return tags is { Count: 0 } ? null : tags;
    }

    /// <summary>key_ops: known operation names (case as in the spec), no encryption operations on EC keys; duplicates dropped.</summary>
    public static List<string>? ParseOperations(JsonNode? node, bool isRsa)
    {
        if (node is null)
        {
            return null;
        }
        if (node is not JsonArray array)
        {
            throw KeyVaultErrors.BadParameter("'key_ops' must be an array of operation names.").ToException();
        }
        var ops = new List<string>();
        foreach (var item in array)
        {
            if (item is not JsonValue v || !v.TryGetValue<string>(out var op) || !AllOperations.Contains(op))
            {
                throw KeyVaultErrors.BadParameter(
                    $"Invalid key operation '{item?.ToJsonString()}'. Valid operations: {string.Join(", ", AllOperations)}.").ToException();
            }
            if (!isRsa && RsaOnlyOperations.Contains(op))
            {
                throw KeyVaultErrors.BadParameter($"The key operation '{op}' is not supported by EC keys; EC keys sign and verify.").ToException();
            }
            if (!ops.Contains(op))
            {
                ops.Add(op);
            }
        }
        return ops;
    }

    public static List<string> DefaultOperations(bool isRsa) => [.. isRsa ? DefaultRsaOperations : DefaultEcOperations];

    public static EntryRequest.Attributes ReadAttributes(JsonNode? node) => EntryRequest.ReadAttributes(node, withExportable: true);

    /// <summary>
    /// Exportable keys need a release policy (secure key release), which the emulator does not
    /// implement: an exportable key without one is the service's 400, with one it is 501.
    /// </summary>
    public static void RefuseExportable(EntryRequest.Attributes attributes, JsonObject body)
    {
        if (body["release_policy"] is not null)
        {
            throw KeyVaultErrors.NotImplementedFeature("secure key release (release_policy, exportable keys)").ToException();
        }
        if (attributes.Exportable == true)
        {
            throw KeyVaultErrors.BadParameter("Exportable keys must have release policy.").ToException();
        }
    }

    public static string? ReadString(JsonObject body, string property) => EntryRequest.ReadString(body, property);

    public static int? ReadInt(JsonObject body, string property)
    {
        var node = body[property];
        if (node is null)
        {
            return null;
        }
        return node is JsonValue value && value.TryGetValue<int>(out var number)
            ? number
            : throw KeyVaultErrors.BadParameter($"The property '{property}' must be an integer.").ToException();
    }

    // ------------------------------------------------------------------ rotation policy

    /// <summary>Parses and checks a PUT rotationpolicy body; returns the actions and expiry to store.</summary>
    public static (List<LifetimeActionDocument> Actions, string? ExpiryTime) ParseRotationPolicy(JsonObject body)
    {
        string? expiryTime = null;
        Iso8601Duration? expiry = null;
        if (body["attributes"] is { } attributesNode)
        {
            if (attributesNode is not JsonObject attributes)
            {
                throw KeyVaultErrors.BadParameter("'attributes' must be an object.").ToException();
            }
            expiryTime = ReadString(attributes, "expiryTime");
            if (expiryTime is not null)
            {
                expiry = Duration(expiryTime, "attributes.expiryTime");
                if (expiry.ApproximateDays < MinimumExpiryDays)
                {
                    throw KeyVaultErrors.BadParameter($"The expiry time '{expiryTime}' is too short: it must be at least 28 days.").ToException();
                }
            }
        }

        var actions = new List<LifetimeActionDocument>();
        if (body["lifetimeActions"] is { } actionsNode)
        {
            if (actionsNode is not JsonArray array)
            {
                throw KeyVaultErrors.BadParameter("'lifetimeActions' must be an array.").ToException();
            }
            foreach (var item in array)
            {
                actions.Add(ParseAction(item, expiry));
            }
        }
        if (actions.Count > 2 || actions.GroupBy(a => a.Type).Any(g => g.Count() > 1))
        {
            throw KeyVaultErrors.BadParameter("A rotation policy has at most one Rotate and one Notify action.").ToException();
        }
        if (actions.All(a => a.Type != "Notify"))
        {
            actions.AddRange(DefaultLifetimeActions);
        }
        return (actions, expiryTime);
    }

    private static LifetimeActionDocument ParseAction(JsonNode? node, Iso8601Duration? expiry)
    {
        if (node is not JsonObject action || action["trigger"] is not JsonObject trigger || action["action"] is not JsonObject type)
        {
            throw KeyVaultErrors.BadParameter("Each lifetime action needs a 'trigger' object and an 'action' object.").ToException();
        }
        var kind = ReadString(type, "type");
        var normalized = string.Equals(kind, "Rotate", StringComparison.OrdinalIgnoreCase) ? "Rotate"
            : string.Equals(kind, "Notify", StringComparison.OrdinalIgnoreCase) ? "Notify"
            : throw KeyVaultErrors.BadParameter($"Unknown lifetime action type '{kind}': use Rotate or Notify.").ToException();
        var afterCreate = ReadString(trigger, "timeAfterCreate");
        var beforeExpiry = ReadString(trigger, "timeBeforeExpiry");
        if ((afterCreate is null) == (beforeExpiry is null))
        {
            throw KeyVaultErrors.BadParameter("A trigger has exactly one of timeAfterCreate and timeBeforeExpiry.").ToException();
        }
        if (normalized == "Notify" && afterCreate is not null)
        {
            throw KeyVaultErrors.BadParameter("A Notify action is triggered only by timeBeforeExpiry.").ToException();
        }
        var time = Duration(afterCreate ?? beforeExpiry!, afterCreate is null ? "trigger.timeBeforeExpiry" : "trigger.timeAfterCreate");
        if (time.ApproximateDays < MinimumTriggerDays)
        {
            throw KeyVaultErrors.BadParameter($"The trigger time '{afterCreate ?? beforeExpiry}' is too short: it must be at least 7 days.").ToException();
        }
        if (expiry is not null && time.ApproximateDays > expiry.ApproximateDays - MinimumTriggerDays)
        {
            throw KeyVaultErrors.BadParameter(
                $"The trigger time '{afterCreate ?? beforeExpiry}' must leave at least 7 days before the expiry time and after creation.").ToException();
        }
        return new LifetimeActionDocument { Type = normalized, TimeAfterCreate = afterCreate, TimeBeforeExpiry = beforeExpiry };
    }

    private static Iso8601Duration Duration(string text, string property)
    {
        var duration = Iso8601Duration.TryParse(text)
            ?? throw KeyVaultErrors.BadParameter($"'{property}' must be an ISO 8601 duration such as P90D, P3M, PT48H or P1Y10D; got '{text}'.").ToException();
        // Bounded so that no stored policy makes a date past what can be represented (every rotation would then fail).
        return duration.ApproximateDays <= Iso8601Duration.MaxApproximateDays ? duration
            : throw KeyVaultErrors.BadParameter($"'{property}' '{text}' is too long: it must be at most 100 years.").ToException();
    }
}
