using System.Globalization;
using System.Diagnostics;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

[CollectionDefinition(Name)]
public sealed class LifecycleCollection
{
    public const string Name = "Lifecycle";
}

/// <summary>Process behaviour: --parent-pid, and refusing bad command lines and configs.</summary>
[Collection(LifecycleCollection.Name)]
public sealed class LifecycleTests
{
    [Fact]
    public async Task Emulator_exits_when_its_parent_process_exits()
    {
        // A parent that lives until it is killed: the emulator's start may take long on a busy machine, and
        // the parent must outlive it (a short 'sleep' made this test fail under load).
        using var parent = Process.Start(OperatingSystem.IsWindows()
            ? new ProcessStartInfo("ping", "-n 600 127.0.0.1") { UseShellExecute = false, RedirectStandardOutput = true }
            : new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        var dataPath = EmulatorProcess.NewDataDirectory();
        try
        {
            using var emulator = await EmulatorProcess.StartAsync(dataPath, "--in-memory", "--parent-pid", parent.Id.ToString(CultureInfo.InvariantCulture));
            Assert.False(emulator.HasExited);
            Assert.False(parent.HasExited, "the parent exited before the emulator was up");
            parent.Kill();
            await parent.WaitForExitAsync();
            Assert.True(await emulator.WaitForExitAsync(TimeSpan.FromSeconds(15)), "the emulator outlived its parent");
            Assert.False(File.Exists(Path.Combine(dataPath, "emulator.json")), "a clean stop removes emulator.json");
        }
        finally
        {
            if (!parent.HasExited)
            {
                parent.Kill();
            }
            try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { }
        }
    }

    [Theory]
    [InlineData("""{ "vaults": [ { "name": "x" } ] }""", "Vault name 'x' is invalid")]
    [InlineData("""{ "roleAssignments": [ { "principal": "nobody", "roleDefinitionName": "Key Vault Administrator" } ] }""", "unknown principal 'nobody'")]
    [InlineData("""{ "identitiez": [] }""", "Cannot read the config file")]
    [InlineData("""{ "eventSubscriptions": [ { "name": "h", "endpointUrl": "https://example.com/hook" } ] }""", "loopback only")]
    [InlineData("""{ "eventSubscriptions": [ { "name": "h", "vault": "nowhere", "endpointUrl": "http://127.0.0.1:1/" } ] }""", "no vault 'nowhere'")]
    public async Task Bad_config_exits_with_code_2_and_says_why(string config, string expected)
    {
        var dataPath = EmulatorProcess.NewDataDirectory();
        try
        {
            var configPath = Path.Combine(dataPath, "config.json");
            await File.WriteAllTextAsync(configPath, config);
            var (exitCode, stderr) = await EmulatorProcess.RunToExitAsync("--port", "0", "--data-dir", dataPath, "--in-memory", "--config", configPath);
            Assert.Equal(2, exitCode);
            Assert.Contains(expected, stderr);
        }
        finally
        {
            try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { }
        }
    }
}
