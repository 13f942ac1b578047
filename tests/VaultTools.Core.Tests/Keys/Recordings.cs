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
    public static VaultTools.Core.Tests.Recorded.RecordedTransport Replay(string name, string? challenge = FakeTransport.Challenge)
        => new VaultTools.Core.Tests.Recorded.RecordedTransport(challenge, strict: true).Serve(VaultTools.Core.Tests.Recorded.Recordings.Load(name).ToArray());
}

internal sealed record Recorded(string Method, Uri Uri, int Status, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
