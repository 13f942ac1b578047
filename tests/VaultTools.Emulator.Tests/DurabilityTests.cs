using Azure.Security.KeyVault.Secrets;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

[CollectionDefinition(Name)]
public sealed class DurabilityCollection
{
    public const string Name = "Durability";
}

/// <summary>--data-dir without --in-memory: an acknowledged write survives kill -9 and a restart.</summary>
[Collection(DurabilityCollection.Name)]
public sealed class DurabilityTests
{
    [Fact]
    public async Task Acknowledged_writes_survive_kill_9_and_restart_with_the_same_identity_and_ca()
    {
        var dataPath = EmulatorProcess.NewDataDirectory();
        try
        {
            string version;
            EmulatorInfo firstInfo;
            string caPem;
            using (var first = await EmulatorProcess.StartAsync(dataPath))
            {
                firstInfo = first.Info;
                Assert.True(firstInfo.Persistent);
                Assert.True(File.Exists(Path.Combine(dataPath, "vault.db")));
                caPem = await File.ReadAllTextAsync(firstInfo.CaCertificatePath);
                var client = Client(first.Info);
                await client.SetSecretAsync("durable", "v1");
                version = (await client.SetSecretAsync(new KeyVaultSecret("durable", "v2") { Properties = { Tags = { ["k"] = "v" } } })).Value.Properties.Version;
                await (await client.StartDeleteSecretAsync("durable")).WaitForCompletionAsync();
                await (await client.StartRecoverDeletedSecretAsync("durable")).WaitForCompletionAsync();
                await client.SetSecretAsync("deleted-one", "x");
                await client.StartDeleteSecretAsync("deleted-one");
                first.KillHard();
                Assert.True(first.HasExited);
            }

            using var second = await EmulatorProcess.StartAsync(dataPath);
            Assert.Equal(firstInfo.TenantId, second.Info.TenantId);
            Assert.Equal(firstInfo.SubscriptionId, second.Info.SubscriptionId);
            Assert.Equal(firstInfo.Identity("admin").ClientSecret, second.Info.Identity("admin").ClientSecret);
            Assert.Equal(firstInfo.Identity("system").ObjectId, second.Info.Identity("system").ObjectId);
            Assert.Equal(caPem, await File.ReadAllTextAsync(second.Info.CaCertificatePath));

            var again = Client(second.Info);
            KeyVaultSecret read = await again.GetSecretAsync("durable");
            Assert.Equal("v2", read.Value);
            Assert.Equal(version, read.Properties.Version);
            Assert.Equal("v", read.Properties.Tags["k"]);
            var versions = 0;
            await foreach (var _ in again.GetPropertiesOfSecretVersionsAsync("durable"))
            {
                versions++;
            }
            Assert.Equal(2, versions);
            DeletedSecret stillDeleted = await again.GetDeletedSecretAsync("deleted-one");
            Assert.Equal("deleted-one", stillDeleted.Name);
        }
        finally
        {
            try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task In_memory_entries_are_gone_after_a_restart_but_identities_stay()
    {
        var dataPath = EmulatorProcess.NewDataDirectory();
        try
        {
            EmulatorInfo firstInfo;
            using (var first = await EmulatorProcess.StartAsync(dataPath, "--in-memory"))
            {
                firstInfo = first.Info;
                Assert.False(firstInfo.Persistent);
                await Client(first.Info).SetSecretAsync("ephemeral", "x");
            }
            Assert.False(File.Exists(Path.Combine(dataPath, "vault.db")));
            using var second = await EmulatorProcess.StartAsync(dataPath, "--in-memory");
            Assert.Equal(firstInfo.Identity("admin").ClientId, second.Info.Identity("admin").ClientId);
            var ex = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => Client(second.Info).GetSecretAsync("ephemeral"));
            Assert.Equal(404, ex.Status);
        }
        finally
        {
            try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { }
        }
    }

    private static SecretClient Client(EmulatorInfo info)
    {
        var ca = EmulatorTransport.LoadCa(info.CaCertificatePath);
        var transport = EmulatorTransport.CreateTransport(ca);
        var admin = info.Identity("admin");
        var credential = new Azure.Identity.ClientSecretCredential(info.TenantId, admin.ClientId, admin.ClientSecret,
            new Azure.Identity.ClientSecretCredentialOptions { AuthorityHost = new Uri(info.AuthorityHost), DisableInstanceDiscovery = true, Transport = transport });
        return new SecretClient(new Uri(info.VaultUri), credential,
            new SecretClientOptions { Transport = transport, DisableChallengeResourceVerification = true });
    }
}
