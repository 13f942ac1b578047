using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using VaultTools.Emulator.Errors;

namespace VaultTools.Emulator.Hosting;

/// <summary>
/// Key Vault list paging, shared by every collection: <c>maxresults</c> 1..25 (25 when absent),
/// an opaque <c>$skiptoken</c>, and <c>{"value":[...],"nextLink":...}</c> with <c>nextLink: null</c>
/// on the last page. The nextLink repeats api-version (and maxresults when given) and uses the
/// scheme/host/port the request came in on.
/// </summary>
public sealed record PageRequest(int MaxResults, bool MaxResultsGiven, string? After)
{
    public const int Default = 25;

    public static PageRequest From(HttpRequest request)
    {
        var max = Default;
        var given = false;
        string? raw = request.Query["maxresults"];
        if (!string.IsNullOrEmpty(raw))
        {
            if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out max) || max < 1 || max > 25)
            {
                throw KeyVaultErrors.BadParameter($"Invalid value for maxresults: {raw}. It must be an integer from 1 to 25.").ToException();
            }
            given = true;
        }
        string? token = request.Query["$skiptoken"];
        return new PageRequest(max, given, string.IsNullOrEmpty(token) ? null : DecodeToken(token));
    }

    public static string EncodeToken(string after) =>
        Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["NextMarker"] = after }));

    private static string DecodeToken(string token)
    {
        try
        {
            var json = JsonNode.Parse(Base64UrlEncoder.DecodeBytes(token));
            return json?["NextMarker"]?.GetValue<string>() ?? throw new FormatException();
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException or InvalidOperationException)
        {
            throw KeyVaultErrors.BadParameter("The $skiptoken is invalid.").ToException();
        }
    }

    /// <summary>Builds the list body for <paramref name="items"/>; <paramref name="continueAfter"/> null means last page.</summary>
    public JsonObject ToListBody(IEnumerable<JsonNode> items, string? continueAfter, string baseUri, string path, string apiVersion)
    {
        string? nextLink = null;
        if (continueAfter is not null)
        {
            var link = new StringBuilder($"{baseUri}{path}?api-version={Uri.EscapeDataString(apiVersion)}&$skiptoken={EncodeToken(continueAfter)}");
            if (MaxResultsGiven)
            {
                link.Append(CultureInfo.InvariantCulture, $"&maxresults={MaxResults}");
            }
            nextLink = link.ToString();
        }
        return new JsonObject
        {
            ["value"] = new JsonArray(items.ToArray()),
            ["nextLink"] = nextLink,
        };
    }
}
