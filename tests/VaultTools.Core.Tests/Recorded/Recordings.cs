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
/// (../shared/reference/recordings/cpp-raw next to the repository, or $VAULTTOOLS_REFERENCE). They are
/// read where they are, never copied into the project. A missing folder fails the tests loudly.
/// </summary>
public static class Recordings
{
    public const string VaultHost = "REDACTED.vault.azure.net";
    public static readonly Uri VaultUri = new("https://" + VaultHost + "/");

    private static readonly Lazy<string> Folder = new(FindFolder);

    public static IReadOnlyList<RecordedCall> Load(string name)
    {
        string path = System.IO.Path.Combine(Folder.Value, name + ".json");
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
                int.Parse(response.GetProperty("STATUS_CODE").GetString()!),
                response.TryGetProperty("BODY", out var body) ? body.GetString() ?? "" : "",
                headers));
        }

        return calls;
    }

    private static string FindFolder()
    {
        string? env = Environment.GetEnvironmentVariable("VAULTTOOLS_REFERENCE");
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(env))
        {
            candidates.Add(System.IO.Path.Combine(env, "recordings", "cpp-raw"));
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            candidates.Add(System.IO.Path.Combine(dir.FullName, "shared", "reference", "recordings", "cpp-raw"));
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "VaultTools.sln")) && dir.Parent != null)
            {
                candidates.Add(System.IO.Path.Combine(dir.Parent.FullName, "shared", "reference", "recordings", "cpp-raw"));
            }
        }

        return candidates.FirstOrDefault(Directory.Exists)
            ?? throw new DirectoryNotFoundException("The recordings of the real service were not found; looked in: " + string.Join(", ", candidates.Distinct())
                + ". Set VAULTTOOLS_REFERENCE to the shared reference folder.");
    }
}
