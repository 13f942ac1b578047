using System.Text.Json.Nodes;
using VaultTools.Emulator.Errors;

namespace VaultTools.Emulator.Entries;

/// <summary>Request properties that secrets and keys read the same way (400 BadParameter when they have the wrong type).</summary>
public static class EntryRequest
{
    /// <summary>An optional string property: null when absent or JSON null.</summary>
    public static string? ReadString(JsonObject body, string property)
    {
        var node = body[property];
        if (node is null)
        {
            return null;
        }
        return node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw KeyVaultErrors.BadParameter($"The property '{property}' must be a string.").ToException();
    }

    /// <summary>What a request's <c>attributes</c> set; null for what it leaves out.</summary>
    public sealed record Attributes(bool? Enabled, long? NotBefore, long? Expires, bool? Exportable);

    /// <summary>
    /// <c>attributes</c>: enabled, nbf, exp, and for keys exportable (secrets do not read it, so their
    /// message does not name it).
    /// </summary>
    public static Attributes ReadAttributes(JsonNode? node, bool withExportable)
    {
        if (node is null)
        {
            return new Attributes(null, null, null, null);
        }
        if (node is not JsonObject obj)
        {
            throw KeyVaultErrors.BadParameter("'attributes' must be an object.").ToException();
        }
        try
        {
            return new Attributes(
                obj["enabled"]?.GetValue<bool>(),
                obj["nbf"]?.GetValue<long>(),
                obj["exp"]?.GetValue<long>(),
                withExportable ? obj["exportable"]?.GetValue<bool>() : null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            var booleans = withExportable ? "enabled, exportable" : "enabled";
            throw KeyVaultErrors.BadParameter($"'attributes' has a value of the wrong type ({booleans}: boolean; nbf, exp: epoch seconds).").ToException();
        }
    }
}
