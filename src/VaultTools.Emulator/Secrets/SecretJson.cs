using System.Text.Json.Nodes;
using VaultTools.Emulator.Entries;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;

namespace VaultTools.Emulator.Secrets;

/// <summary>
/// Response bodies in the service's property order (from the recordings): value, contentType, id,
/// managed, attributes (enabled, nbf, exp, created, updated, recoveryLevel, recoverableDays), tags, kid.
/// </summary>
public static class SecretJson
{
    public static string Id(DataPlaneContext dp, string name, string? version) => EntryJson.Id(dp, ObjectKind.Secret, name, version);

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
        var body = EntryJson.DeletedHeader(dp, ObjectKind.Secret, name, deletedDate, scheduledPurgeDate);
        AddCommon(body, dp, Id(dp, name, version), doc);
        return body;
    }

    public static JsonObject DeletedItem(DataPlaneContext dp, string name, SecretDocument doc, long deletedDate, long scheduledPurgeDate)
    {
        var body = EntryJson.DeletedHeader(dp, ObjectKind.Secret, name, deletedDate, scheduledPurgeDate);
        AddCommon(body, dp, Id(dp, name, null), doc, includeKid: false);
        return body;
    }

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
        body["attributes"] = EntryJson.Attributes(dp, doc.Enabled, doc.NotBefore, doc.Expires, doc.Created, doc.Updated);
        if (doc.Tags is not null)
        {
            body["tags"] = EntryJson.Tags(doc.Tags);
        }
        if (includeKid && doc.Kid is not null)
        {
            body["kid"] = doc.Kid;
        }
    }
}
