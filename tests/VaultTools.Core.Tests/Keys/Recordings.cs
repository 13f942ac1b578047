using System.Text;
using System.Text.Json;

namespace VaultTools.Core.Tests.Keys;

/// <summary>
/// Reads the real service's recorded sessions (the Azure SDK for C++ test recordings, cpp-raw/*.json under $VAULTTOOLS_REFERENCE, api-version
/// 7.3) from the shared reference folder (see <see cref="ReferenceData"/>), without copying them into the project.
/// </summary>
internal static class Recordings
{
    public const string Vault = "https://cpp-recordings.vault.azure.net/";

    public static string ReferenceRoot => ReferenceData.Root;

    public static IReadOnlyList<Recorded> Load(string name)
    {
        string path = Path.Combine(ReferenceRoot, "recordings", "cpp-raw", name + ".json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var list = new List<Recorded>();
        foreach (var record in doc.RootElement.GetProperty("networkCallRecords").EnumerateArray())
        {
            var response = record.GetProperty("Response");
            list.Add(new Recorded(
                record.GetProperty("Method").GetString()!,
                new Uri(record.GetProperty("Url").GetString()!),
                int.Parse(response.GetProperty("STATUS_CODE").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                response.TryGetProperty("BODY", out var body) ? body.GetString() ?? "" : ""));
        }

        return list;
    }

    /// <summary>
    /// Serves a recording: each request gets the first unused recorded response with the same method,
    /// path (case-insensitive) and $skiptoken. An unrecorded request fails the test.
    /// </summary>
    public static FakeTransport Replay(string name, string? challenge = FakeTransport.Challenge)
    {
        var records = Load(name).ToList();
        var used = new bool[records.Count];
        return new FakeTransport(request =>
        {
            for (int i = 0; i < records.Count; i++)
            {
                var r = records[i];
                if (!used[i] && r.Method == request.Method
                    && string.Equals(r.Uri.AbsolutePath.TrimEnd('/'), request.Uri.AbsolutePath.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
                    && SkipToken(r.Uri) == SkipToken(request.Uri))
                {
                    used[i] = true;
                    return FakeResponse.Json(r.Status, r.Body);
                }
            }

            throw new InvalidOperationException($"Not in the recording {name}: {request.Method} {request.Uri}");
        }, challenge);
    }

    private static string? SkipToken(Uri uri) => System.Web.HttpUtility.ParseQueryString(uri.Query)["$skiptoken"];
}

internal sealed record Recorded(string Method, Uri Uri, int Status, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
