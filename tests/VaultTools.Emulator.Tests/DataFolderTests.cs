using Azure;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

[CollectionDefinition(Name)]
public sealed class DataFolderCollection
{
    public const string Name = "DataFolder";
}

/// <summary>
/// One folder with acknowledged secrets, stopped cleanly, made once for the class (an emulator start and 40
/// writes); each case damages or starts on its own copy, and nothing writes to the seed itself.
/// </summary>
public sealed class DataFolderSeed : IAsyncLifetime
{
    public const int Secrets = 40;

    public string Root { get; private set; } = "";

    public string Seed { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Root = EmulatorProcess.NewDataDirectory();
        Seed = Path.Combine(Root, "seed");
        if (OperatingSystem.IsWindows())
        {
            return; // SIGTERM is a Unix signal: the cases below skip on Windows
        }
        using var emulator = await EmulatorProcess.StartAsync(Seed);
        var client = DurabilityTests.Client(emulator.Info);
        for (var i = 0; i < Secrets; i++)
        {
            await client.SetSecretAsync($"s{i}", new string((char)('a' + i % 26), 2000));
        }
        Assert.Equal(0, await emulator.TerminateAsync());
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>
/// The data folder under damage (part of the bad-input corpus: each theory row is one case) and the emulator's
/// modes: a damaged or missing file refuses the start with exit code 1 and a message naming the file and what to
/// do (never a stack trace, never an empty start in place of acknowledged data); a clean stop (SIGTERM) leaves a
/// folder that can be copied; without --data-dir nothing is kept between runs.
/// </summary>
[Collection(DataFolderCollection.Name)]
public sealed class DataFolderTests(DataFolderSeed seed) : IClassFixture<DataFolderSeed>
{
    private const int Secrets = DataFolderSeed.Secrets;
    private readonly string _root = seed.Root;
    private readonly string _seed = seed.Seed;

    private string CopyOfSeed()
    {
        Skip.If(OperatingSystem.IsWindows(), "The seed folder is stopped with SIGTERM, a Unix signal.");
        var copy = Path.Combine(_root, Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(_seed))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }
        return copy;
    }

    [SkippableFact]
    public async Task Clean_stop_checkpoints_so_a_copy_of_the_stopped_folder_has_every_acknowledged_entry()
    {
        Skip.If(OperatingSystem.IsWindows(), "The seed folder is stopped with SIGTERM, a Unix signal.");
        Assert.False(File.Exists(Path.Combine(_seed, "vault.db-wal")) && new FileInfo(Path.Combine(_seed, "vault.db-wal")).Length > 0,
            "the write-ahead log was checkpointed into vault.db at the clean stop");
        Assert.False(File.Exists(Path.Combine(_seed, "emulator.json")), "emulator.json is removed at a clean stop");

        var copy = CopyOfSeed();
        File.Delete(Path.Combine(copy, "vault.db-wal")); // what a copy of vault.db alone would lose: nothing, after a clean stop
        using var emulator = await EmulatorProcess.StartAsync(copy);
        var client = DurabilityTests.Client(emulator.Info);
        var names = new List<string>();
        await foreach (var p in client.GetPropertiesOfSecretsAsync())
        {
            names.Add(p.Name);
        }
        Assert.Equal(Secrets, names.Count(n => n.StartsWith('s')));
        Assert.Equal(new string('h', 2000), (await client.GetSecretAsync("s7")).Value.Value);
    }

    public static TheoryData<string, string> DamagedFiles => new()
    {
        { "vault.db", "empty" },
        { "vault.db", "missing" },
        { "vault.db", "late-page" },
        { "vault.db", "header" },
        { "vault.db", "other-database" },
        { "vault.db", "fresh-database" },
        { "key-material.key", "garbage" },
        { "key-material.key", "missing" },
        { "key-material.key", "short" },
        { "backup.key", "garbage" },
        { "jwt-signing-key.pem", "garbage" },
        { "jwt-signing-key.pem", "empty" },
        { "ca.key.pem", "garbage" },
        { "ca.pem", "garbage" },
        { "state.json", "garbage" },
        { "state.json", "empty" },
    };

    [SkippableTheory]
    [MemberData(nameof(DamagedFiles))]
    public async Task Damaged_file_refuses_the_start_naming_the_file_and_what_to_do(string file, string damage)
    {
        var copy = CopyOfSeed();
        var path = Path.Combine(copy, file);
        switch (damage)
        {
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            case "missing":
                File.Delete(path);
                break;
            case "garbage":
                File.WriteAllText(path, "this is not what the emulator wrote\n");
                break;
            case "short":
                File.WriteAllText(path, Convert.ToBase64String(new byte[16]));
                break;
            case "late-page":
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
                {
                    stream.Position = stream.Length - 2 * 4096; // a page near the end, where the last secrets are
                    stream.Write(Enumerable.Repeat((byte)0xA5, 4096).ToArray());
                }
                break;
            case "header":
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
                {
                    stream.Write("not a sqlite database"u8);
                }
                break;
            case "other-database":
            case "fresh-database":
                // vault.db of another folder (or of a fresh start) in place of this folder's database
                var other = Path.Combine(_root, "other-" + Guid.NewGuid().ToString("N")[..8]);
                using (var emulator = await EmulatorProcess.StartAsync(other))
                {
                    if (damage == "other-database")
                    {
                        await DurabilityTests.Client(emulator.Info).SetSecretAsync("elsewhere", "v");
                    }
                    Assert.Equal(0, await emulator.TerminateAsync());
                }
                File.Copy(Path.Combine(other, "vault.db"), path, overwrite: true);
                break;
        }

        var (exitCode, stderr) = await EmulatorProcess.RunToExitAsync("--port", "0", "--data-dir", copy);
        Assert.Equal(1, exitCode);
        Assert.Contains(path, stderr, StringComparison.Ordinal);
        Assert.Contains("restore", stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(copy, "emulator.json")), "the emulator never became ready");
    }

    [Fact]
    public async Task Without_a_data_folder_nothing_is_kept_between_runs()
    {
        string firstFolder;
        string firstTenant;
        using (var first = await EmulatorProcess.StartAsync(null))
        {
            Assert.False(first.Info.Persistent);
            firstFolder = first.Info.DataPath;
            firstTenant = first.Info.TenantId;
            Assert.StartsWith(Path.GetFullPath(Path.GetTempPath()), firstFolder, StringComparison.Ordinal);
            await DurabilityTests.Client(first.Info).SetSecretAsync("kept-nowhere", "v");
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(0, await first.TerminateAsync());
                Assert.False(Directory.Exists(firstFolder), "the run's temporary folder is removed at a clean stop");
            }
        }

        using var second = await EmulatorProcess.StartAsync(null);
        Assert.NotEqual(firstFolder, second.Info.DataPath);
        Assert.NotEqual(firstTenant, second.Info.TenantId);
        var missing = await Assert.ThrowsAsync<RequestFailedException>(() => DurabilityTests.Client(second.Info).GetSecretAsync("kept-nowhere"));
        Assert.Equal(404, missing.Status);
    }
}
