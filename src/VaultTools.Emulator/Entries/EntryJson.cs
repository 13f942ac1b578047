using System.Text.Json.Nodes;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;

namespace VaultTools.Emulator.Entries;

/// <summary>
/// The parts of a body that every entry kind writes the same way, in the service's property order
/// (from the recordings). What surrounds them is the kind's (SecretJson, KeyJson, CertificateJson).
/// </summary>
public static class EntryJson
{
    /// <summary>An entry's id (a key's kid): <c>{base}/secrets/{name}</c>, with <c>/{version}</c> when given.</summary>
    public static string Id(DataPlaneContext dp, ObjectKind kind, string name, string? version) =>
        version is null ? $"{dp.BaseUri}/{kind.Collection}/{name}" : $"{dp.BaseUri}/{kind.Collection}/{name}/{version}";

    /// <summary>How a deleted bundle or deleted list item starts: recoveryId, deletedDate, scheduledPurgeDate.</summary>
    public static JsonObject DeletedHeader(DataPlaneContext dp, ObjectKind kind, string name, long deletedDate, long scheduledPurgeDate) => new()
    {
        ["recoveryId"] = $"{dp.BaseUri}/{kind.DeletedCollection}/{name}",
        ["deletedDate"] = deletedDate,
        ["scheduledPurgeDate"] = scheduledPurgeDate,
    };

    /// <summary>
    /// <c>attributes</c>: enabled, nbf and exp (when set), created, updated (epoch seconds), then the
    /// vault's recoveryLevel and recoverableDays (certificate list items leave those two out).
    /// </summary>
    public static JsonObject Attributes(DataPlaneContext dp, bool enabled, long? notBefore, long? expires, long created, long updated,
        bool withRecovery = true)
    {
        var attributes = new JsonObject { ["enabled"] = enabled };
        if (notBefore is { } nbf)
        {
            attributes["nbf"] = nbf;
        }
        if (expires is { } exp)
        {
            attributes["exp"] = exp;
        }
        attributes["created"] = created;
        attributes["updated"] = updated;
        if (withRecovery)
        {
            attributes["recoveryLevel"] = dp.Vault.RecoveryLevel;
            attributes["recoverableDays"] = dp.Vault.SoftDeleteRetentionInDays;
        }
        return attributes;
    }

    /// <summary><c>tags</c> as an object, in the order they were stored.</summary>
    public static JsonObject Tags(IReadOnlyDictionary<string, string> tags)
    {
        var body = new JsonObject();
        foreach (var (k, v) in tags)
        {
            body[k] = v;
        }
        return body;
    }
}
