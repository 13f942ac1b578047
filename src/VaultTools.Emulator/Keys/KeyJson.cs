using System.Text.Json.Nodes;
using VaultTools.Emulator.Entries;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;

namespace VaultTools.Emulator.Keys;

/// <summary>
/// Response bodies in the service's property order (from the recordings): a bundle is
/// <c>key</c> (kid, kty, key_ops, n, e, crv, x, y), <c>attributes</c> (enabled, nbf, exp, created,
/// updated, recoveryLevel, recoverableDays), <c>tags</c>; a deleted bundle starts with recoveryId,
/// deletedDate, scheduledPurgeDate; list items carry kid (without version in /keys, with it in
/// /versions), attributes and tags. Only public parameters are ever written.
/// </summary>
public static class KeyJson
{
    public static string Kid(DataPlaneContext dp, string name, string? version) => EntryJson.Id(dp, ObjectKind.Key, name, version);

    public static JsonObject Bundle(DataPlaneContext dp, string name, string version, KeyDocument doc)
    {
        var body = new JsonObject { ["key"] = JsonWebKey(dp, name, version, doc) };
        AddCommon(body, dp, doc);
        AddExportable(body, doc);
        return body;
    }

    /// <summary>
    /// Key bundles end their attributes with <c>exportable</c> (recording KeyVaultKeyClient.RecoverOperationResumeToken:
    /// create, deleted, recovered and get bodies alike), so a recovered key shows every attribute it had.
    /// </summary>
    private static void AddExportable(JsonObject body, KeyDocument doc) => body["attributes"]!["exportable"] = doc.Exportable;

    public static JsonObject DeletedBundle(DataPlaneContext dp, string name, string version, KeyDocument doc, long deletedDate, long scheduledPurgeDate)
    {
        var body = EntryJson.DeletedHeader(dp, ObjectKind.Key, name, deletedDate, scheduledPurgeDate);
        body["key"] = JsonWebKey(dp, name, version, doc);
        AddCommon(body, dp, doc);
        AddExportable(body, doc);
        return body;
    }

    /// <summary>List item: <paramref name="version"/> null for /keys (the base identifier), the version for /versions.</summary>
    public static JsonObject Item(DataPlaneContext dp, string name, string? version, KeyDocument doc)
    {
        var body = new JsonObject { ["kid"] = Kid(dp, name, version) };
        AddCommon(body, dp, doc);
        return body;
    }

    public static JsonObject DeletedItem(DataPlaneContext dp, string name, KeyDocument doc, long deletedDate, long scheduledPurgeDate)
    {
        var body = EntryJson.DeletedHeader(dp, ObjectKind.Key, name, deletedDate, scheduledPurgeDate);
        body["kid"] = Kid(dp, name, null);
        AddCommon(body, dp, doc);
        return body;
    }

    /// <summary>The result of encrypt, decrypt, wrapKey, unwrapKey and sign: <c>{"kid":...,"value":...}</c>.</summary>
    public static JsonObject OperationResult(DataPlaneContext dp, string name, string version, byte[] value) => new()
    {
        ["kid"] = Kid(dp, name, version),
        ["value"] = B64.Encode(value),
    };

    public static JsonObject RotationPolicy(DataPlaneContext dp, string name, RotationPolicyDocument? policy)
    {
        var actions = new JsonArray();
        foreach (var action in policy?.LifetimeActions ?? KeyRules.DefaultLifetimeActions)
        {
            var trigger = new JsonObject();
            if (action.TimeAfterCreate is not null)
            {
                trigger["timeAfterCreate"] = action.TimeAfterCreate;
            }
            if (action.TimeBeforeExpiry is not null)
            {
                trigger["timeBeforeExpiry"] = action.TimeBeforeExpiry;
            }
            actions.Add(new JsonObject { ["trigger"] = trigger, ["action"] = new JsonObject { ["type"] = action.Type } });
        }
        if (policy is null)
        {
            // Never set: the default policy, without id or timestamps (see docs/emulator.md, keys).
            return new JsonObject { ["lifetimeActions"] = actions, ["attributes"] = new JsonObject() };
        }
        var attributes = new JsonObject();
        if (policy.ExpiryTime is not null)
        {
            attributes["expiryTime"] = policy.ExpiryTime;
        }
        attributes["created"] = policy.Created;
        attributes["updated"] = policy.Updated;
        return new JsonObject
        {
            ["id"] = $"{dp.BaseUri}/keys/{name}/rotationpolicy",
            ["lifetimeActions"] = actions,
            ["attributes"] = attributes,
        };
    }

    private static JsonObject JsonWebKey(DataPlaneContext dp, string name, string version, KeyDocument doc)
    {
        var jwk = new JsonObject
        {
            ["kid"] = Kid(dp, name, version),
            ["kty"] = doc.Kty,
            ["key_ops"] = new JsonArray(doc.KeyOps.Select(o => (JsonNode)JsonValue.Create(o)!).ToArray()),
        };
        if (doc.N is not null)
        {
            jwk["n"] = doc.N;
            jwk["e"] = doc.E;
        }
        if (doc.Crv is not null)
        {
            jwk["crv"] = doc.Crv;
        }
        if (doc.X is not null)
        {
            jwk["x"] = doc.X;
            jwk["y"] = doc.Y;
        }
        return jwk;
    }

    private static void AddCommon(JsonObject body, DataPlaneContext dp, KeyDocument doc)
    {
        body["attributes"] = EntryJson.Attributes(dp, doc.Enabled, doc.NotBefore, doc.Expires, doc.Created, doc.Updated);
        if (doc.Tags is not null)
        {
            body["tags"] = EntryJson.Tags(doc.Tags);
        }
        if (doc.Managed)
        {
            body["managed"] = true;
        }
    }
}
