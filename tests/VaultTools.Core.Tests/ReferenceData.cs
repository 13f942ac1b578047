using Xunit;

namespace VaultTools.Core.Tests;

/// <summary>
/// Where the real service's recorded sessions are (the Azure SDK for C++'s test recordings, a folder
/// holding recordings/cpp-raw/*.json), read where they are and never copied into the project: in
/// $VAULTTOOLS_REFERENCE (.ci/run sets it when it finds the folder), else in a folder
/// shared/reference next to the repository or any folder above the test binaries. On a machine without
/// them, the tests that replay recordings are reported as SKIPPED with this reason, never as passed and
/// never silently.
/// </summary>
public static class ReferenceData
{
    private static readonly Lazy<string?> Found = new(Find);

    public static string Root
    {
        get
        {
            Skip.If(Found.Value is null,
                "The recorded sessions of the real service are not on this machine; set VAULTTOOLS_REFERENCE to the folder that holds recordings/cpp-raw to run this test.");
            return Found.Value!;
        }
    }

    public static string RecordingsFolder => Path.Combine(Root, "recordings", "cpp-raw");

    private static string? Find()
    {
        var candidates = new List<string>();
        string? fromEnvironment = Environment.GetEnvironmentVariable("VAULTTOOLS_REFERENCE");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            candidates.Add(fromEnvironment);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            candidates.Add(Path.Combine(dir.FullName, "shared", "reference"));
        }

        return candidates.FirstOrDefault(c => Directory.Exists(Path.Combine(c, "recordings", "cpp-raw")));
    }
}
