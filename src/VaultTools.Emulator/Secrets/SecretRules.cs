using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VaultTools.Emulator.Errors;

namespace VaultTools.Emulator.Secrets;

/// <summary>
/// Input rules of the service (Microsoft's Key Vault limits and naming rules). Messages are
/// approximations of the service's BadParameter texts; the codes and statuses are the service's.
/// </summary>
public static partial class SecretRules
{
    /// <summary>"Secret value size: 25k bytes" (Key Vault service limits), counted as UTF-8 bytes.</summary>
    public const int MaxValueBytes = 25 * 1024;
    public const int MaxContentTypeLength = 255;
    public const int MaxTags = 15;
    public const int MaxTagLength = 512;

    [GeneratedRegex(@"^[0-9a-zA-Z-]{1,127}\z")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[0-9a-fA-F]{32}\z")]
    private static partial Regex VersionPattern();

    public static void ValidateName(string name)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw KeyVaultErrors.InvalidName(name).ToException();
        }
    }

    public static bool IsVersion(string version) => VersionPattern().IsMatch(version);

    public static string NewVersion() => Guid.NewGuid().ToString("N");

    public static void ValidateValue(string value)
    {
        if (Encoding.UTF8.GetByteCount(value) > MaxValueBytes)
        {
            throw KeyVaultErrors.BadParameter($"The secret value is larger than the maximum of {MaxValueBytes} bytes.").ToException();
        }
    }

    public static void ValidateContentType(string? contentType)
    {
        if (contentType is { Length: > MaxContentTypeLength })
        {
            throw KeyVaultErrors.BadParameter($"The content type is longer than the maximum of {MaxContentTypeLength} characters.").ToException();
        }
    }

    /// <summary>Parses "tags": null when absent or JSON null, else name → value (strings only, within limits).</summary>
    public static Dictionary<string, string>? ParseTags(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }
        if (node is not JsonObject obj)
        {
            throw KeyVaultErrors.BadParameter("'tags' must be an object of string values.").ToException();
        }
        if (obj.Count > MaxTags)
        {
            throw KeyVaultErrors.BadParameter($"The number of tags ({obj.Count}) exceeds the maximum of {MaxTags}.").ToException();
        }
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            if (value is not JsonValue v || !v.TryGetValue<string>(out var text))
            {
                throw KeyVaultErrors.BadParameter($"The value of tag '{key}' must be a string.").ToException();
            }
            if (key.Length > MaxTagLength || text.Length > MaxTagLength)
            {
                throw KeyVaultErrors.BadParameter($"Tag names and values can be at most {MaxTagLength} characters.").ToException();
            }
            tags[key] = text;
        }
        return tags;
    }
}
