using System.Diagnostics;
using System.Net;
using Azure;
using Azure.Security.KeyVault.Certificates;
using Azure.Security.KeyVault.Secrets;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

/// <summary>Deletes and recoveries become visible 2 s after they are acknowledged, as the service's take about a minute.</summary>
public sealed class ConsistencyDelayFixture : EmulatorFixture
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    protected override string[] ExtraArguments => ["--in-memory", "--consistency-delay", "2"];
}

[CollectionDefinition(Name)]
public sealed class ConsistencyDelayCollection : ICollectionFixture<ConsistencyDelayFixture>
{
    public const string Name = "ConsistencyDelay";
}

/// <summary>
/// --consistency-delay: what a client sees between a delete (or recover) and the moment it becomes visible,
/// as the recordings of the real service show it, and that the official SDK's pollers wait it out.
/// </summary>
[Collection(ConsistencyDelayCollection.Name)]
public sealed class ConsistencyDelayTests(ConsistencyDelayFixture emulator)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task A_deleted_secret_is_not_found_among_the_deleted_until_the_delay_has_passed_and_the_sdk_poller_waits_for_it()
    {
        var client = emulator.CreateSecretClient();
        var name = EmulatorFixture.UniqueName("pending-delete");
        await client.SetSecretAsync(name, "v1");

        var watch = Stopwatch.StartNew();
        var operation = await client.StartDeleteSecretAsync(name);
        Assert.Equal(name, operation.Value.Name); // the DELETE's own answer comes at once

        var notYet = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetDeletedSecretAsync(name));
        Assert.Equal(404, notYet.Status);
        Assert.Contains($"Deleted Secret not found: {name}", notYet.Message);
        Assert.DoesNotContain(client.GetDeletedSecretsAsync().ToBlockingEnumerable(), s => s.Name == name);
        Assert.Equal(404, (await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync(name))).Status);
        Assert.Equal(404, (await Assert.ThrowsAsync<RequestFailedException>(() => client.PurgeDeletedSecretAsync(name))).Status);

        await operation.WaitForCompletionAsync(Poll, default);
        watch.Stop();
        Assert.True(watch.Elapsed >= ConsistencyDelayFixture.Delay - TimeSpan.FromMilliseconds(100), $"the poller finished after {watch.Elapsed}, before the delay");
        Assert.Equal(name, (await client.GetDeletedSecretAsync(name)).Value.Name);
        Assert.Contains(client.GetDeletedSecretsAsync().ToBlockingEnumerable(), s => s.Name == name);
        await client.PurgeDeletedSecretAsync(name);
    }

    [Fact]
    public async Task Writing_a_name_while_its_deletion_is_pending_is_the_recorded_409_ObjectIsBeingDeleted_then_ObjectIsDeletedButRecoverable()
    {
        var client = emulator.CreateSecretClient();
        var name = EmulatorFixture.UniqueName("reuse");
        await client.SetSecretAsync(name, "v1");
        var operation = await client.StartDeleteSecretAsync(name);

        var pending = await Assert.ThrowsAsync<RequestFailedException>(() => client.SetSecretAsync(name, "v2"));
        Assert.Equal(409, pending.Status);
        Assert.Equal("Conflict", pending.ErrorCode);
        Assert.Contains($"Secret {name} is currently being deleted and cannot be re-created; retry later.", pending.Message);
        Assert.Contains("ObjectIsBeingDeleted", pending.Message);

        await operation.WaitForCompletionAsync(Poll, default);
        var deleted = await Assert.ThrowsAsync<RequestFailedException>(() => client.SetSecretAsync(name, "v2"));
        Assert.Equal(409, deleted.Status);
        Assert.Contains("ObjectIsDeletedButRecoverable", deleted.Message);
    }

    [Fact]
    public async Task A_recovered_secret_is_not_readable_until_the_delay_has_passed_and_the_sdk_poller_waits_for_it()
    {
        var client = emulator.CreateSecretClient();
        var name = EmulatorFixture.UniqueName("pending-recover");
        await client.SetSecretAsync(name, "v1");
        await (await client.StartDeleteSecretAsync(name)).WaitForCompletionAsync(Poll, default);

        var operation = await client.StartRecoverDeletedSecretAsync(name);
        Assert.Equal(name, operation.Value.Name);
        Assert.Equal(404, (await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync(name))).Status);
        Assert.DoesNotContain(client.GetPropertiesOfSecretsAsync().ToBlockingEnumerable(), s => s.Name == name);
        Assert.Empty(client.GetPropertiesOfSecretVersionsAsync(name).ToBlockingEnumerable());
        var write = await Assert.ThrowsAsync<RequestFailedException>(() => client.SetSecretAsync(name, "v2"));
        Assert.Equal(409, write.Status);
        Assert.Contains("ObjectIsBeingRecovered", write.Message);
        // Recovered means it is no longer among the deleted ones, at once.
        Assert.Equal(404, (await Assert.ThrowsAsync<RequestFailedException>(() => client.GetDeletedSecretAsync(name))).Status);

        await operation.WaitForCompletionAsync(Poll, default);
        Assert.Equal("v1", (await client.GetSecretAsync(name)).Value.Value);
        Assert.Contains(client.GetPropertiesOfSecretsAsync().ToBlockingEnumerable(), s => s.Name == name);
    }

    [Fact]
    public async Task A_vault_deleted_and_created_again_does_not_hide_a_new_entry_behind_the_old_vaults_pending_recovery()
    {
        var vault = await ArmHelpers.CreateVaultAsync(emulator, "reborn");
        var client = emulator.CreateSecretClient(vault);
        var name = EmulatorFixture.UniqueName("reborn");
        await client.SetSecretAsync(name, "old");
        await (await client.StartDeleteSecretAsync(name)).WaitForCompletionAsync(Poll, default);
        await client.StartRecoverDeletedSecretAsync(name); // its recovery is pending for the delay

        // Deleting the vault deletes its entries; a vault created again under its name starts empty.
        var vaultUrl = $"{emulator.VaultId(vault)}?{ArmHelpers.VaultApi}";
        Assert.True((await emulator.ArmAsync(HttpMethod.Delete, vaultUrl)).Status is HttpStatusCode.OK or HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Created, (await emulator.ArmAsync(HttpMethod.Put, vaultUrl, ArmHelpers.VaultBody(emulator))).Status);

        await client.SetSecretAsync(name, "new");
        Assert.Equal("new", (await client.GetSecretAsync(name)).Value.Value);
        Assert.Contains(client.GetPropertiesOfSecretsAsync().ToBlockingEnumerable(), s => s.Name == name);
    }

    [Fact]
    public async Task Creating_a_key_whose_deletion_is_pending_answers_the_recorded_body()
    {
        var name = EmulatorFixture.UniqueName("key-pending");
        using (var created = await emulator.SendAsync(HttpMethod.Post, $"/keys/{name}/create?api-version=7.6", jsonBody: """{"kty":"EC","crv":"P-256"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }
        using (var deleted = await emulator.SendAsync(HttpMethod.Delete, $"/keys/{name}?api-version=7.6"))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        using var again = await emulator.SendAsync(HttpMethod.Post, $"/keys/{name}/create?api-version=7.6", jsonBody: """{"kty":"EC","crv":"P-256"}""");
        var answer = await HttpAnswer.ReadAsync(again);
        Assert.Equal(HttpStatusCode.Conflict, answer.Status);
        Assert.Equal("Conflict", answer.ErrorCode);
        Assert.Equal($"Key {name} is currently being deleted and cannot be re-created; retry later.", answer.ErrorMessage);
        Assert.Equal("ObjectIsBeingDeleted", answer.InnerCode);

        using var getDeleted = await emulator.SendAsync(HttpMethod.Get, $"/deletedkeys/{name}?api-version=7.6");
        Assert.Equal(HttpStatusCode.NotFound, getDeleted.StatusCode);
        await Task.Delay(ConsistencyDelayFixture.Delay + TimeSpan.FromMilliseconds(300));
        using var visible = await emulator.SendAsync(HttpMethod.Get, $"/deletedkeys/{name}?api-version=7.6");
        Assert.Equal(HttpStatusCode.OK, visible.StatusCode);
    }

    [Fact]
    public async Task A_deleted_certificate_and_its_backing_secret_appear_together_when_the_delay_has_passed()
    {
        var certificates = emulator.CreateCertificateClient();
        var secrets = emulator.CreateSecretClient();
        var name = EmulatorFixture.UniqueName("cert-pending");
        var create = await certificates.StartCreateCertificateAsync(name, CertificatePolicy.Default);
        await create.WaitForCompletionAsync(Poll, default);

        var operation = await certificates.StartDeleteCertificateAsync(name);
        Assert.Equal(404, (await Assert.ThrowsAsync<RequestFailedException>(() => certificates.GetDeletedCertificateAsync(name))).Status);
        using (var backing = await emulator.SendAsync(HttpMethod.Get, $"/deletedsecrets/{name}?api-version=7.6"))
        {
            Assert.Equal(HttpStatusCode.NotFound, backing.StatusCode);
        }
        var recreate = await Assert.ThrowsAsync<RequestFailedException>(() => certificates.StartCreateCertificateAsync(name, CertificatePolicy.Default));
        Assert.Equal(409, recreate.Status);
        Assert.Contains("ObjectIsBeingDeleted", recreate.Message);

        await operation.WaitForCompletionAsync(Poll, default);
        Assert.Equal(name, (await certificates.GetDeletedCertificateAsync(name)).Value.Name);
        using (var backing = await emulator.SendAsync(HttpMethod.Get, $"/deletedsecrets/{name}?api-version=7.6"))
        {
            Assert.Equal(HttpStatusCode.OK, backing.StatusCode);
        }
        Assert.Equal(404, (await Assert.ThrowsAsync<RequestFailedException>(() => secrets.GetSecretAsync(name))).Status);
    }
}
