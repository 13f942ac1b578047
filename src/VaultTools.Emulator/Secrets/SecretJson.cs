using System.Text.Json.Nodes;
using VaultTools.Emulator.Hosting;

namespace VaultTools.Emulator.Secrets;

/// <summary>
/// Response bodies in the service's property order (from the recordings): value, contentType, id,
/// managed, attributes (enabled, nbf, exp, created, updated, recoveryLevel, recoverableDays), tags, kid.
/// </summary>
public static class SecretJson
{
    public static string Id(DataPlaneContext dp, string name, string? version) =>
        version is null ? $"{dp.BaseUri}/secrets/{name}" : $"{dp.BaseUri}/secrets/{name}/{version}";

    public static JsonObject Bundle(DataPlaneContext dp, string name, string version, SecretDocument doc, bool includeValue)
    {
        var body = new JsonObject();
        if (includeValue)
        {
            body["value"] = doc.Value;
        }
        AddCommon(body, dp, Id(dp, name, version), doc);
        return body;
    }

    /// <summary>List item: id without version, no value.</summary>
    public static JsonObject Item(DataPlaneContext dp, string name, string? version, SecretDocument doc)
    {
        var body = new JsonObject();
        AddCommon(body, dp, Id(dp, name, version), doc, includeKid: false);
        return body;
    }

    public static JsonObject DeletedBundle(DataPlaneContext dp, string name, string version, SecretDocument doc, long deletedDate, long scheduledPurgeDate)
    {
        var body = DeletedHeader(dp, name, deletedDate, scheduledPurgeDate);
        AddCommon(body, dp, Id(dp, name, version), doc);
        return body;
    }

    public static JsonObject DeletedItem(DataPlaneContext dp, string name, SecretDocument doc, long deletedDate, long scheduledPurgeDate)
    {
        var body = DeletedHeader(dp, name, deletedDate, scheduledPurgeDate);
        AddCommon(body, dp, Id(dp, name, null), doc, includeKid: false);
        return body;
    }

    private static JsonObject DeletedHeader(DataPlaneContext dp, string name, long deletedDate, long scheduledPurgeDate) => new()
    {
        ["recoveryId"] = $"{dp.BaseUri}/deletedsecrets/{name}",
        ["deletedDate"] = deletedDate,
        ["scheduledPurgeDate"] = scheduledPurgeDate,
    };

    private static void AddCommon(JsonObject body, DataPlaneContext dp, string id, SecretDocument doc, bool includeKid = true)
    {
        if (doc.ContentType is not null)
        {
            body["contentType"] = doc.ContentType;
        }
        body["id"] = id;
        if (doc.Managed)
        {
            body["managed"] = true;
        }
        body["attributes"] = Attributes(dp, doc);
        if (doc.Tags is not null)
        {
            var tags = new JsonObject();
            foreach (var (k, v) in doc.Tags)
            {
                tags[k] = v;
            }
            body["tags"] = tags;
        }
        if (includeKid && doc.Kid is not null)
        {
            body["kid"] = doc.Kid;
        }
    }

    private static JsonObject Attributes(DataPlaneContext dp, SecretDocument doc)
    {
        var attributes = new JsonObject { ["enabled"] = doc.Enabled };
        if (doc.NotBefore is { } nbf)
        {
            attributes["nbf"] = nbf;
        }
        if (doc.Expires is { } exp)
        {
            attributes["exp"] = exp;
        }
        attributes["created"] = doc.Created;
        attributes["updated"] = doc.Updated;
        attributes["recoveryLevel"] = dp.Vault.RecoveryLevel;
        attributes["recoverableDays"] = dp.Vault.SoftDeleteRetentionInDays;
        return attributes;
    }
}
