using System.Text.Json;

namespace VaultTools.Core.Tests.Keys;

/// <summary>
/// Reads the real service's recorded sessions (the Azure SDK for C++ test recordings, cpp-raw/*.json under $VAULTTOOLS_REFERENCE, api-version
/// 7.3) from the shared reference folder (see <see cref="ReferenceData"/>), without copying them into the project.
/// </summary>
internal static class Recordings
{
    public const string Vault = "https://cpp-recordings.vault.azure.net/";

    /// <summary>The calls of one recording, read by the one reader of recordings (Recorded/Recordings.cs).</summary>
    public static IReadOnlyList<Recorded> Load(string name) =>
        VaultTools.Core.Tests.Recorded.Recordings.Load(name).Select(c => new Recorded(c.Method, c.Url, c.Status, c.Body)).ToList();

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
