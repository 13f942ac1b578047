using System.Diagnostics.CodeAnalysis;
using System.Text;
using Azure;
using Azure.Core;
using VaultTools.Errors;
using Xunit;

namespace VaultTools.Core.Tests;

public class ServiceErrorsTests
{
    private static RequestFailedException Failure(int status, string body) => new(new FakeResponse(status, body));

    [Fact]
    public void Not_found_becomes_a_stable_error_id_per_entry_kind()
    {
        var body = """{"error":{"code":"SecretNotFound","message":"A secret with (name/id) x was not found in this key vault."}}""";
        var ex = Assert.IsType<VaultException>(ServiceErrors.Translate(Failure(404, body), EntryKind.Secret, "https://v/secrets/x"));
        Assert.Equal("VaultSecretNotFound", ex.ErrorId);
        Assert.Equal(VaultErrorKind.NotFound, ex.Kind);
        Assert.Equal(404, ex.Status);
        Assert.IsType<RequestFailedException>(ex.InnerException);

        var key = Assert.IsType<VaultException>(ServiceErrors.Translate(Failure(404, """{"error":{"code":"KeyNotFound","message":"m"}}"""), EntryKind.Key, "k"));
        Assert.Equal("VaultKeyNotFound", key.ErrorId);
    }

    [Fact]
    public void Rbac_denial_is_access_denied_and_keeps_the_service_message()
    {
        var body = """{"error":{"code":"Forbidden","message":"Caller is not authorized to perform action on resource.\r\nIf role assignments were recently changed, please wait several minutes for role assignments to become effective.\r\nCaller: appid=1;oid=2\r\nAction: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'\r\nResource: '/subscriptions/s/resourcegroups/rg/providers/microsoft.keyvault/vaults/v/secrets/x'","innererror":{"code":"ForbiddenByRbac"}}}""";
        var ex = Assert.IsType<VaultException>(ServiceErrors.Translate(Failure(403, body), EntryKind.Secret, "x"));
        Assert.Equal("VaultAccessDenied", ex.ErrorId);
        Assert.Equal(VaultErrorKind.AccessDenied, ex.Kind);
        Assert.Equal("ForbiddenByRbac", ex.ServiceErrorCode);
        Assert.Contains("getSecret/action", ex.Message);
    }

    [Fact]
    public void Disabled_secret_is_not_an_access_denial()
    {
        var body = """{"error":{"code":"Forbidden","message":"Operation get is not allowed on a disabled secret.","innererror":{"code":"SecretDisabled"}}}""";
        var ex = Assert.IsType<VaultException>(ServiceErrors.Translate(Failure(403, body), EntryKind.Secret, "x"));
        Assert.Equal(VaultErrorKind.OperationNotAllowed, ex.Kind);
        Assert.Equal("VaultSecretOperationNotAllowed", ex.ErrorId);
    }

    [Fact]
    public void Deleted_but_recoverable_conflict_says_what_to_do()
    {
        var body = """{"error":{"code":"Conflict","message":"Secret x is currently in a deleted but recoverable state.","innererror":{"code":"ObjectIsDeletedButRecoverable"}}}""";
        var ex = Assert.IsType<VaultException>(ServiceErrors.Translate(Failure(409, body), EntryKind.Secret, "x"));
        Assert.Equal("VaultSecretDeletedButRecoverable", ex.ErrorId);
        Assert.Contains("Undo-VaultSecretRemoval", ex.Message);
    }

    [Fact]
    public void Throttling_is_limits_exceeded()
    {
        var body = """{"error":{"code":"Throttled","message":"Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached"}}""";
        var ex = Assert.IsType<VaultException>(ServiceErrors.Translate(Failure(429, body), EntryKind.Secret, "x"));
        Assert.Equal("VaultThrottled", ex.ErrorId);
        Assert.Equal(VaultErrorKind.Throttled, ex.Kind);
    }

    [Fact]
    public void Unrelated_exceptions_pass_through_unchanged()
    {
        var ex = new InvalidOperationException("x");
        Assert.Same(ex, ServiceErrors.Translate(ex, EntryKind.Secret, null));
    }

    [Fact]
    public void Transport_failures_after_the_retries_are_VaultUnreachable_naming_the_host()
    {
        var retried = new AggregateException("Retry failed after 5 tries.",
            new System.Net.Http.HttpRequestException("Connection refused (contoso-kv.vault.azure.net:443)"),
            new RequestFailedException("Name or service not known (contoso-kv.vault.azure.net:443)",
                new System.Net.Http.HttpRequestException("Name or service not known (contoso-kv.vault.azure.net:443)")));
        var ex = Assert.IsType<VaultException>(ServiceErrors.Translate(retried, EntryKind.Secret, "https://contoso-kv.vault.azure.net/secrets/api-key"));
        Assert.Equal("VaultUnreachable", ex.ErrorId);
        Assert.Equal(VaultErrorKind.ConnectionFailed, ex.Kind);
        Assert.Contains("'contoso-kv.vault.azure.net'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Name or service not known", ex.Message, StringComparison.Ordinal);

        var timeout = new TaskCanceledException("The request was canceled.", new TimeoutException("100 s"));
        var timedOut = Assert.IsType<VaultException>(ServiceErrors.Translate(timeout, EntryKind.Key, "https://v.localhost:8443/keys/k"));
        Assert.Equal("VaultUnreachable", timedOut.ErrorId);
        Assert.Contains("host 'v.localhost' port 8443: the request timed out", timedOut.Message, StringComparison.Ordinal);

        var other = new AggregateException(new InvalidOperationException("not a transport failure"));
        Assert.Same(other, ServiceErrors.Translate(other, EntryKind.Secret, null));
    }
}
