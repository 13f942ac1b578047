using System.Text.Json;
using System.Text.Json.Nodes;

namespace VaultTools.Core.Tests.Recorded;

/// <summary>One call recorded with the real Key Vault service (Azure SDK for C++ recordings, api-version 7.3).</summary>
public sealed record RecordedCall(string Method, Uri Url, int Status, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public string Path => Url.AbsolutePath;

    /// <summary>The body as JSON, to derive a response from a recorded one (e.g. split a page).</summary>
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("empty body");
}

/// <summary>
/// Reads the recordings of the real service kept outside the project, in the shared reference folder
/// (see <see cref="ReferenceData"/>). They are read where they are, never copied into the project.
/// </summary>
public static class Recordings
{
    public const string VaultHost = "REDACTED.vault.azure.net";
    public static readonly Uri VaultUri = new("https://" + VaultHost + "/");

    public static IReadOnlyList<RecordedCall> Load(string name)
    {
        string path = System.IO.Path.Combine(ReferenceData.RecordingsFolder, name + ".json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var calls = new List<RecordedCall>();
        foreach (var record in doc.RootElement.GetProperty("networkCallRecords").EnumerateArray())
        {
            var response = record.GetProperty("Response");
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in response.EnumerateObject())
            {
                if (header.Name is not ("BODY" or "STATUS_CODE" or "content-length"))
                {
                    headers[header.Name] = header.Value.GetString() ?? "";
                }
            }

            calls.Add(new RecordedCall(
                record.GetProperty("Method").GetString()!,
                new Uri(record.GetProperty("Url").GetString()!),
                int.Parse(response.GetProperty("STATUS_CODE").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                response.TryGetProperty("BODY", out var body) ? body.GetString() ?? "" : "",
                headers));
        }

        return calls;
    }
}
