using System.Diagnostics;
using System.Reflection;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

/// <summary>
/// The official JavaScript SDK (@azure/keyvault-keys and @azure/identity, pinned in
/// tests/js/package-lock.json and installed by build.ps1 Test) against the emulator: a second,
/// independent client of the keys wire contract, since no .NET keys SDK is available here.
/// The script (tests/js/keys-conformance.mjs) checks create, get, versions, update, every EC curve
/// and RSA algorithm with local verification, rotation and its policy, backup, delete, purge,
/// restore, recover, import and the service's errors.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class JavaScriptSdkTests(EmulatorFixture emulator)
{
    private static string ScriptFolder => typeof(JavaScriptSdkTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "JavaScriptTestsPath").Value!;

    // Node.js is not part of a machine with only the .NET SDK: there the test is reported as skipped
    // (with the reason), never as passed. Where node is installed, a missing SDK install is a failure.
    [SkippableFact]
    public async Task The_official_javascript_keys_sdk_passes_its_conformance_script()
    {
        Skip.IfNot(NodeIsInstalled(), "Node.js (node) is not on PATH: install Node.js 20+ to run the JavaScript SDK conformance test.");
        Assert.True(Directory.Exists(Path.Combine(ScriptFolder, "node_modules", "@azure", "keyvault-keys")),
            $"The JavaScript SDK is not installed in {ScriptFolder}: run 'npm ci' there (build.ps1 Test does).");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = ScriptFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("keys-conformance.mjs");
        start.Environment["VAULTTOOLS_EMULATOR_JSON"] = Path.Combine(emulator.Process.DataPath, "emulator.json");
        start.Environment["NODE_EXTRA_CA_CERTS"] = emulator.Info.CaCertificatePath;
        foreach (var name in new[] { "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_TENANT_ID", "AZURE_AUTHORITY_HOST", "HTTPS_PROXY", "HTTP_PROXY" })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"node exited with {process.ExitCode}:\n{output}");
        Assert.Contains("js keys conformance: all checks passed", output);
        Assert.Contains("ok - sign ES256K (P-256K) verifies locally", output);
    }

    private static bool NodeIsInstalled()
    {
        string[] names = OperatingSystem.IsWindows() ? ["node.exe"] : ["node"];
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => names.Any(n => File.Exists(Path.Combine(dir, n))));
    }
}
