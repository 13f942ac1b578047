using VaultTools.Core.Tests.Recorded;
using VaultTools.Errors;
using VaultTools.Keys;
using VaultTools.Keys.Client;
using Xunit;

namespace VaultTools.Core.Tests.Keys;

/// <summary>
/// Deleting and recovering keys are long-running, as for secrets and certificates: the keys client returns
/// DeleteKeyOperation / RecoverDeletedKeyOperation (Azure.Core Operation&lt;T&gt;, like the official KeyClient's),
/// which poll GET /deletedkeys/{name} and GET /keys/{name}/ until they stop answering 404; KeyService wraps them
/// in PendingEntryOperation and waits within its PollSettings. Driven through a transport that answers 404 first
/// and 200 later, as the service does while it makes the change visible.
/// </summary>
public class KeyLifecycleTests
{
    private const string Vault = "https://cpp-recordings.vault.azure.net/";

    private const string Attributes = """
        "attributes":{"enabled":true,"created":1638401409,"updated":1638401409,"recoveryLevel":"Recoverable+Purgeable","recoverableDays":90}
        """;

    private static string Jwk(string name)
        => $$"""{"kid":"{{Vault}}keys/{{name}}/4c8181e03fcf43488a0a1b2c3d4e5f60","kty":"EC","key_ops":["sign","verify"],"crv":"P-256"}""";

    private static string KeyBundle(string name) => "{\"key\":" + Jwk(name) + "," + Attributes + "}";

    private static string DeletedBundle(string name, bool softDelete = true)
        => "{" + (softDelete ? $"\"recoveryId\":\"{Vault}deletedkeys/{name}\",\"deletedDate\":1638401410,\"scheduledPurgeDate\":1646177410," : "")
           + "\"key\":" + Jwk(name) + "," + Attributes + "}";

    private const string NotFound = """{"error":{"code":"KeyNotFound","message":"Key not found"}}""";

    /// <summary>
    /// A vault that accepts the DELETE or recover POST at once and answers the poll's GET with the given statuses
    /// in turn (the last one repeats).
    /// </summary>
    private static FakeTransport Vault404Then(string name, params int[] pollStatuses)
    {
        int polls = 0;
        return new FakeTransport(request =>
        {
            if (request.Method == "DELETE" && request.Path == $"/keys/{name}")
            {
                return FakeResponse.Json(200, DeletedBundle(name));
            }

            if (request.Method == "POST" && request.Path == $"/deletedkeys/{name}/recover")
            {
                return FakeResponse.Json(200, KeyBundle(name));
            }

            if (request.Method == "GET")
            {
                int status = pollStatuses[Math.Min(polls++, pollStatuses.Length - 1)];
                string body = status == 200 ? (request.Path.StartsWith("/deletedkeys/", StringComparison.Ordinal) ? DeletedBundle(name) : KeyBundle(name))
                    : status == 404 ? NotFound
                    : "{\"error\":{\"code\":\"BadParameter\",\"message\":\"answered " + status + "\"}}";
                return FakeResponse.Json(status, body);
            }

            throw new InvalidOperationException($"Unexpected {request.Method} {request.Uri}");
        });
    }

    private static (KeyService Service, Connection.VaultAddress Vault) Connect(FakeTransport transport, TimeSpan? timeout = null)
    {
        var (service, vault, _) = KeyServiceRecordingTests.Connect(transport, Vault);
        service.Polling = RecordedVault.FastPolling(timeout);
        return (service, vault);
    }

    private static List<SentRequest> Polls(FakeTransport transport, string path)
        => transport.Authorized.Where(r => r.Method == "GET" && r.Path == path).ToList();

    [SkippableFact]
    public void Remove_returns_the_deleted_key_at_once_and_WaitFor_polls_until_the_recorded_service_shows_it()
    {
        // The service's own answers: DELETE 200, then GET deletedkeys 404 (not visible yet), then 200.
        var transport = Recordings.Replay("KeyVaultKeyClient.DeleteKey");
        var (service, vault) = Connect(transport);

        var pending = service.Remove(vault, "DeleteKey");
        Assert.False(pending.HasCompleted);
        Assert.Equal("DeleteKey", pending.Name);
        Assert.Equal("https://cpp-recordings.vault.azure.net/deletedkeys/DeleteKey", pending.Result.RecoveryId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1638401414), pending.Result.DeletedOn);
        Assert.Equal("e54bfcc57f9d4161a4d70bf0c1dadc04", pending.Result.Version);
        Assert.Empty(Polls(transport, "/deletedkeys/DeleteKey")); // nothing is polled until asked

        var reports = new List<OperationProgress>();
        Assert.True(service.WaitFor(pending, reports.Add));
        Assert.True(pending.HasCompleted);
        Assert.Equal(2, Polls(transport, "/deletedkeys/DeleteKey").Count);
        Assert.Equal("2025-07-01", Polls(transport, "/deletedkeys/DeleteKey")[0].Query("api-version"));
        Assert.Equal("Waiting for the deletion of key 'DeleteKey' to complete", Assert.Single(reports).Status);
    }

    [Fact]
    public void WaitFor_a_recovery_polls_the_key_with_a_trailing_slash_until_it_is_readable()
    {
        var transport = Vault404Then("cmk", 404, 404, 200);
        var (service, vault) = Connect(transport);

        var pending = service.StartRecover(vault, "cmk");
        Assert.IsType<VaultKey>(pending.Result);
        Assert.Equal("4c8181e03fcf43488a0a1b2c3d4e5f60", pending.Result.Version);
        Assert.Equal("P-256", pending.Result.CurveName);
        Assert.False(pending.HasCompleted);

        var reports = new List<OperationProgress>();
        Assert.True(service.WaitFor(pending, reports.Add));
        Assert.True(pending.HasCompleted);
        Assert.Equal(3, Polls(transport, "/keys/cmk/").Count); // as the official RecoverDeletedKeyOperation polls
        Assert.Equal(2, reports.Count);
        Assert.All(reports, r => Assert.Equal("Waiting for the recovery of key 'cmk' to complete", r.Status));

        // Once complete, waiting again sends nothing.
        Assert.True(service.WaitFor(pending));
        Assert.Equal(3, Polls(transport, "/keys/cmk/").Count);
    }

    [Fact]
    public void WaitFor_is_bounded_and_reports_false_when_the_deletion_never_shows()
    {
        var transport = Vault404Then("slow", 404);
        var (service, vault) = Connect(transport, TimeSpan.FromMilliseconds(80));

        var pending = service.Remove(vault, "slow");
        var started = DateTime.UtcNow;
        Assert.False(service.WaitFor(pending));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        Assert.False(pending.HasCompleted);
        Assert.True(Polls(transport, "/deletedkeys/slow").Count >= 2);
    }

    [Fact]
    public void WaitFor_a_recovery_is_bounded_too()
    {
        var transport = Vault404Then("slow", 404);
        var (service, vault) = Connect(transport, TimeSpan.FromMilliseconds(80));

        var pending = service.StartRecover(vault, "slow");
        Assert.False(service.WaitFor(pending));
        Assert.True(Polls(transport, "/keys/slow/").Count >= 2);
    }

    [Fact]
    public void A_403_on_the_poll_completes_the_wait_as_in_the_official_clients()
    {
        // Allowed to delete but not to read deleted keys: the 403 proves the deleted key is there.
        var transport = Vault404Then("noread", 404, 403);
        var (service, vault) = Connect(transport);

        var pending = service.Remove(vault, "noread");
        Assert.True(service.WaitFor(pending));
        Assert.Equal(2, Polls(transport, "/deletedkeys/noread").Count);
    }

    [Fact]
    public void Any_other_answer_to_the_poll_fails_the_wait_naming_the_key()
    {
        var transport = Vault404Then("odd", 404, 400);
        var (service, vault) = Connect(transport);

        var pending = service.Remove(vault, "odd");
        var ex = Assert.Throws<VaultException>(() => service.WaitFor(pending));
        Assert.Equal("VaultBadRequest", ex.ErrorId);
        Assert.Equal(400, ex.Status);
        Assert.Equal($"{Vault}keys/odd", ex.Target);
    }

    [Fact]
    public void A_vault_without_soft_delete_has_nothing_to_wait_for()
    {
        var transport = new FakeTransport(request => request.Method == "DELETE"
            ? FakeResponse.Json(200, DeletedBundle("gone", softDelete: false))
            : throw new InvalidOperationException($"Unexpected {request.Method} {request.Uri}"));
        var (service, vault) = Connect(transport);

        var pending = service.Remove(vault, "gone");
        Assert.Null(pending.Result.RecoveryId);
        Assert.True(pending.HasCompleted);
        Assert.True(service.WaitFor(pending));
        Assert.Single(transport.Authorized);
    }

    [Fact]
    public void A_missing_deleted_key_fails_at_once_and_polls_nothing()
    {
        var transport = new FakeTransport(_ => FakeResponse.Json(404, NotFound));
        var (service, vault) = Connect(transport);

        var ex = Assert.Throws<VaultException>(() => service.StartRecover(vault, "absent"));
        Assert.Equal("VaultKeyNotFound", ex.ErrorId);
        Assert.Equal($"{Vault}deletedkeys/absent", ex.Target);
        Assert.Equal("POST", Assert.Single(transport.Authorized).Method);
    }

    [Fact]
    public void The_client_operations_are_Azure_Core_operations()
    {
        var transport = Vault404Then("op", 404, 200);
        var connection = Connection.VaultConnection.ForTransport(
            new Connection.ConnectionRequest { Credential = Connection.CredentialKind.AccessToken, VaultUri = new Uri(Vault) }, transport, new FakeCredential());
        var client = connection.Keys(connection.DefaultVault!);

        Azure.Operation<DeletedKey> operation = client.StartDeleteKey("op");
        Assert.Equal($"{Vault}keys/op/4c8181e03fcf43488a0a1b2c3d4e5f60", operation.Id);
        Assert.True(operation.HasValue);
        Assert.Equal(200, operation.GetRawResponse().Status);
        Assert.False(operation.HasCompleted);

        Assert.Equal(404, operation.UpdateStatus().Status);
        Assert.False(operation.HasCompleted);
        var done = operation.WaitForCompletion(TimeSpan.FromMilliseconds(1), CancellationToken.None);
        Assert.True(operation.HasCompleted);
        Assert.Equal(200, operation.GetRawResponse().Status);
        Assert.Equal("op", done.Value.Name);
        Assert.Same(operation.Value, done.Value); // the value is the vault's first answer
        Assert.Equal(2, Polls(transport, "/deletedkeys/op").Count);
    }
}
