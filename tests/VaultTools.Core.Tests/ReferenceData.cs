using Xunit;

namespace VaultTools.Core.Tests;

/// <summary>
/// Where the real service's recordings are: the shared reference folder of this workplace, read where it
/// is and never copied into the project. Looked for in $VAULTTOOLS_REFERENCE (set by .ci/run and
/// build.ps1 when they find it), then as shared/reference beside the repository or any folder above the
/// test binaries. On a machine that does not have it, the tests that replay recordings are reported as
/// SKIPPED with this reason, never as passed and never silently.
/// </summary>
public static class ReferenceData
{
    private static readonly Lazy<string?> Found = new(Find);

    public static string Root
    {
        get
        {
            Skip.If(Found.Value is null,
                "The recordings of the real service (shared/reference) are not on this machine; set VAULTTOOLS_REFERENCE to the shared reference folder to run this test.");
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
