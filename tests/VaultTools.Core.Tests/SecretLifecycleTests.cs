using System.Text.Json.Nodes;
using VaultTools.Core.Tests.Recorded;
using VaultTools.Errors;
using VaultTools.Secrets;
using Xunit;

namespace VaultTools.Core.Tests;

/// <summary>
/// The secrets lifecycle in Core, through the official SecretClient, against responses the real
/// service sent (recordings of the Azure SDK for C++), served by a fake transport.
/// </summary>
public sealed class SecretLifecycleTests : IDisposable
{
    private readonly RecordedVault _recorded = new();
    private readonly SecretService _service;
    private readonly string _folder = Directory.CreateTempSubdirectory("vt-secret-tests").FullName;

    public SecretLifecycleTests()
    {
        _service = new SecretService(_recorded.Connection) { Polling = RecordedVault.FastPolling() };
    }

    public void Dispose() => Directory.Delete(_folder, true);

    private RecordedTransport Transport => _recorded.Transport;

    [SkippableFact]
    public void Remove_returns_the_deleted_entry_at_once_and_WaitFor_polls_until_the_service_shows_it()
    {
        var rec = Recordings.Load("KeyVaultSecretClientTest.RecoverSecret");
        // DELETE, then GET deletedsecrets: 404 (not visible yet), then 200 — as the service answered.
        Transport.Serve(rec[1], rec[2], rec[3]);

        var pending = _service.Remove(_recorded.Vault, "RecoverSecret");
        Assert.False(pending.HasCompleted);
        var deleted = pending.Result;
        Assert.Equal("RecoverSecret", deleted.Name);
        Assert.Equal("https://REDACTED.vault.azure.net/deletedsecrets/RecoverSecret", deleted.RecoveryId, ignoreCase: true);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1663696630), deleted.DeletedOn);
        Assert.Equal(TimeSpan.FromDays(90), deleted.ScheduledPurgeDate - deleted.DeletedOn);
        Assert.Equal("33b68cc2fd1b4e188a82d4620671626c", deleted.Version);

        var reports = new List<OperationProgress>();
        Assert.True(_service.WaitFor(pending, reports.Add));
        Assert.True(pending.HasCompleted);
        Assert.Equal(2, Transport.SentTo("GET", "/deletedsecrets/RecoverSecret").Count());
        Assert.Single(reports);
        Assert.Contains("deletion of secret 'RecoverSecret'", reports[0].Status);
        Assert.Empty(Transport.Unexpected);
    }

    [SkippableFact]
    public void WaitFor_is_bounded_and_reports_false_when_the_deletion_never_shows()
    {
        var rec = Recordings.Load("KeyVaultSecretClientTest.RecoverSecret");
        Transport.Serve(rec[1], rec[2]); // the deleted entry stays 404
        _service.Polling = RecordedVault.FastPolling(TimeSpan.FromMilliseconds(60));

        var pending = _service.Remove(_recorded.Vault, "RecoverSecret");
        var started = DateTime.UtcNow;
        Assert.False(_service.WaitFor(pending));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        Assert.True(Transport.SentTo("GET", "/deletedsecrets/RecoverSecret").Count() >= 2);
    }

    [SkippableFact]
    public void Recover_returns_the_properties_and_waits_until_the_secret_is_readable_again()
    {
        var rec = Recordings.Load("KeyVaultSecretClientTest.RecoverSecret");
        Transport.Serve(rec[6], rec[7], rec[8]); // POST recover, GET secret 404, GET secret 200

        var pending = _service.StartRecover(_recorded.Vault, "RecoverSecret");
        Assert.Equal("RecoverSecret", pending.Result.Name);
        Assert.Equal("33b68cc2fd1b4e188a82d4620671626c", pending.Result.Version);
        Assert.True(_service.WaitFor(pending));
        Assert.Single(Transport.SentTo("POST", "/deletedsecrets/RecoverSecret/recover"));
        Assert.Equal(2, Transport.SentTo("GET", "/secrets/RecoverSecret").Count());
    }

    [SkippableFact]
    public void Purge_deletes_the_deleted_entry_and_a_missing_one_is_VaultSecretNotFound()
    {
        var rec = Recordings.Load("KeyVaultSecretClientTest.BackupRestore");
        Transport.Serve(rec[6]); // DELETE deletedsecrets -> 204
        _service.Purge(_recorded.Vault, "BackupRestore");
        Assert.Single(Transport.SentTo("DELETE", "/deletedsecrets/BackupRestore"));

        Transport.Serve("DELETE", "/deletedsecrets/missing", 404, """{"error":{"code":"SecretNotFound","message":"Deleted Secret not found: missing"}}""");
        var ex = Assert.Throws<VaultException>(() => _service.Purge(_recorded.Vault, "missing"));
        Assert.Equal("VaultSecretNotFound", ex.ErrorId);
        Assert.Equal(VaultErrorKind.NotFound, ex.Kind);
    }

    [SkippableFact]
    public void GetDeleted_reads_one_deleted_secret_without_a_value()
    {
        var rec = Recordings.Load("KeyVaultSecretClientTest.UpdateTest");
        Transport.Serve(rec[5]);
        var deleted = _service.GetDeleted(_recorded.Vault, "UpdateTest");
        Assert.IsType<DeletedVaultSecret>(deleted);
        Assert.Equal("xyz", deleted.ContentType);
        Assert.NotNull(deleted.ScheduledPurgeDate);
        Assert.Equal("REDACTED", deleted.VaultName, ignoreCase: true);
    }

    [SkippableFact]
    public void ListDeleted_follows_nextLink_across_pages_and_filters_by_name()
    {
        // Page 1 is the recorded page with a nextLink; page 2 a recorded last page of the same listing API.
        var page1 = Recordings.Load("KeyVaultSecretClientTest.GetPropertiesOfSecret")[9];
        var page2 = Recordings.Load("KeyVaultSecretClientTest.GetProperties")[9];
        string next = page1.Json["nextLink"]!.GetValue<string>();
        string token = System.Web.HttpUtility.ParseQueryString(new Uri(next).Query)["$skiptoken"]!;
        Transport.Serve(page1);
        Transport.Serve("GET", "/deletedsecrets", 200, page2.Body, skipToken: token);

        var all = _service.ListDeleted(_recorded.Vault).ToList();
        Assert.Equal(3, all.Count);
        Assert.Equal(2, Transport.SentTo("GET", "/deletedsecrets").Count());
        Assert.All(all, d => Assert.NotNull(d.RecoveryId));

        var filtered = _service.ListDeleted(_recorded.Vault, n => n == "GetProperties2").ToList();
        Assert.Equal("GetProperties2", Assert.Single(filtered).Name);
    }

    [SkippableFact]
    public void Backup_writes_the_vault_blob_to_a_file_and_never_replaces_one_without_overwrite()
    {
        var rec = Recordings.Load("KeyVaultSecretClientTest.BackupRestore");
        Transport.Serve(rec[1]);
        string path = Path.Combine(_folder, "secret.blob");

        var file = _service.Backup(_recorded.Vault, "BackupRestore", path, overwrite: false);
        Assert.Equal(path, file.FullName);
        string expected = rec[1].Json["value"]!.GetValue<string>();
        Assert.Equal(Base64Url(expected), File.ReadAllBytes(path));
        Assert.Equal(new[] { "secret.blob" }, Directory.GetFiles(_folder).Select(Path.GetFileName));

        File.WriteAllText(path, "keep me");
        var ex = Assert.Throws<VaultException>(() => _service.Backup(_recorded.Vault, "BackupRestore", path, overwrite: false));
        Assert.Equal("OutputFileExists", ex.ErrorId);
        Assert.Equal("OutputFile", ex.ParameterName);
        Assert.Equal("keep me", File.ReadAllText(path));
        Assert.Single(Transport.SentTo("POST", "/secrets/BackupRestore/backup")); // refused before any request

        _service.Backup(_recorded.Vault, "BackupRestore", path, overwrite: true);
        Assert.Equal(Base64Url(expected), File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_folder)); // no temporary file left behind
    }

    [SkippableFact]
    public void Restore_sends_the_file_content_and_returns_the_restored_secret()
    {
        var rec = Recordings.Load("KeyVaultSecretClientTest.BackupRestore");
        Transport.Serve(rec[7]);
        byte[] blob = Base64Url(rec[1].Json["value"]!.GetValue<string>());
        string path = Path.Combine(_folder, "in.blob");
        File.WriteAllBytes(path, blob);

        var restored = _service.Restore(_recorded.Vault, path);
        Assert.Equal("BackupRestore", restored.Name);
        Assert.Equal("9fd67df5bcea42cdacf61c9ea52ddcf1", restored.Version);
        var sent = JsonNode.Parse(Assert.Single(Transport.SentTo("POST", "/secrets/restore")).Body!)!;
        Assert.Equal(blob, Base64Url(sent["value"]!.GetValue<string>()));
    }

    [Fact]
    public void Restore_refuses_a_missing_file_before_any_request()
    {
        var ex = Assert.Throws<VaultException>(() => _service.Restore(_recorded.Vault, Path.Combine(_folder, "nope.blob")));
        Assert.Equal("InputFileNotFound", ex.ErrorId);
        Assert.Equal("InputFile", ex.ParameterName);
        Assert.Empty(Transport.Sent);
    }

    [SkippableFact]
    public void Update_of_the_latest_version_patches_only_what_is_given_and_never_sends_a_value()
    {
        var rec = Recordings.Load("KeyVaultSecretClientTest.UpdateTest");
        Transport.Serve(rec[1], rec[2]); // GET latest (names the version), PATCH that version

        var result = _service.Update(_recorded.Vault, new SecretUpdate { Name = "UpdateTest", ContentType = "xyz" });
        Assert.Equal("xyz", result.ContentType);
        var patch = Assert.Single(Transport.SentTo("PATCH", "/secrets/UpdateTest/62909adf7f044dc8b1838da90306af40"));
        var body = JsonNode.Parse(patch.Body!)!.AsObject();
        Assert.Equal("xyz", body["contentType"]!.GetValue<string>());
        Assert.False(body.ContainsKey("value"));
        Assert.False(body.ContainsKey("tags"));
        Assert.False(body.ContainsKey("attributes"));
    }

    [SkippableFact]
    public void Update_with_a_version_patches_it_directly_with_enabled_dates_and_tags()
    {
        var rec = Recordings.Load("KeyVaultSecretClientTest.UpdateTest");
        Transport.Serve(rec[2]);
        var expires = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

        _service.Update(_recorded.Vault, new SecretUpdate
        {
            Name = "UpdateTest",
            Version = "62909adf7f044dc8b1838da90306af40",
            Enabled = false,
            Expires = expires,
            Tags = new Dictionary<string, string> { ["Owner"] = "team-a" },
        });

        Assert.Empty(Transport.SentTo("GET", "/secrets/UpdateTest"));
        var body = JsonNode.Parse(Transport.Sent.Single().Body!)!;
        Assert.False(body["attributes"]!["enabled"]!.GetValue<bool>());
        Assert.Equal(expires.ToUnixTimeSeconds(), body["attributes"]!["exp"]!.GetValue<long>());
        Assert.Equal("team-a", body["tags"]!["Owner"]!.GetValue<string>());
    }

    private const string SecretDisabled = """{"error":{"code":"Forbidden","message":"Operation get is not allowed on a disabled secret.","innererror":{"code":"SecretDisabled"}}}""";

    [SkippableFact]
    public void Update_of_a_disabled_latest_version_finds_it_among_the_listed_versions()
    {
        // The recorded versions listing, with the first version made one second older.
        var versions = Recordings.Load("KeyVaultSecretClientTest.SecondCreateTest")[2].Json;
        var first = versions["value"]!.AsArray()[0]!;
        first["attributes"]!["created"] = first["attributes"]!["created"]!.GetValue<long>() - 1;
        string newest = versions["value"]!.AsArray()[1]!["id"]!.GetValue<string>().Split('/').Last();
        Transport.Serve("GET", "/secrets/SecondCreateTest", 403, SecretDisabled);
        Transport.Serve("GET", "/secrets/SecondCreateTest/versions", 200, versions.ToJsonString());
        Transport.Serve("PATCH", "/secrets/SecondCreateTest/" + newest, 200, Recordings.Load("KeyVaultSecretClientTest.UpdateTest")[2].Body);

        _service.Update(_recorded.Vault, new SecretUpdate { Name = "SecondCreateTest", Enabled = true });
        Assert.Single(Transport.SentTo("PATCH", "/secrets/SecondCreateTest/" + newest));
    }

    [SkippableFact]
    public void Update_of_a_disabled_latest_version_asks_for_Version_when_versions_share_a_creation_time()
    {
        // As recorded: the service created both versions within the same second.
        Transport.Serve("GET", "/secrets/SecondCreateTest", 403, SecretDisabled);
        Transport.Serve(Recordings.Load("KeyVaultSecretClientTest.SecondCreateTest")[2]);

        var ex = Assert.Throws<VaultException>(() => _service.Update(_recorded.Vault, new SecretUpdate { Name = "SecondCreateTest", Enabled = true }));
        Assert.Equal("LatestVersionAmbiguous", ex.ErrorId);
        Assert.Equal("Version", ex.ParameterName);
        Assert.DoesNotContain(Transport.Sent, r => r.Method == "PATCH");
    }

    [Theory]
    [InlineData("bad_name", null, "InvalidSecretName", "Name")]
    [InlineData("ok", "not-a-version", "InvalidVersion", "Version")]
    [InlineData("ok", null, "NothingToUpdate", "Enable")]
    public void Update_refuses_bad_input_before_any_request(string name, string? version, string errorId, string parameter)
    {
        var ex = Assert.Throws<VaultException>(() => _service.Update(_recorded.Vault, new SecretUpdate { Name = name, Version = version, ContentType = errorId == "NothingToUpdate" ? null : "x" }));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal(parameter, ex.ParameterName);
        Assert.Equal(VaultErrorKind.InvalidArgument, ex.Kind);
        Assert.Empty(Transport.Sent);
    }

    [Fact]
    public void Update_refuses_expiry_before_not_before()
    {
        var dates = Assert.Throws<VaultException>(() => _service.Update(_recorded.Vault, new SecretUpdate { Name = "a", NotBefore = DateTimeOffset.Now, Expires = DateTimeOffset.Now.AddDays(-1) }));
        Assert.Equal("ExpiresBeforeNotBefore", dates.ErrorId);
        Assert.Empty(Transport.Sent);
    }

    [Fact]
    public void Lifecycle_calls_refuse_a_bad_name_before_any_request()
    {
        Assert.Equal("InvalidSecretName", Assert.Throws<VaultException>(() => _service.Remove(_recorded.Vault, "a b")).ErrorId);
        Assert.Equal("InvalidSecretName", Assert.Throws<VaultException>(() => _service.Purge(_recorded.Vault, "a_b")).ErrorId);
        Assert.Equal("InvalidSecretName", Assert.Throws<VaultException>(() => _service.StartRecover(_recorded.Vault, "")).ErrorId);
        Assert.Equal("InvalidSecretName", Assert.Throws<VaultException>(() => _service.Backup(_recorded.Vault, "a/b", Path.Combine(_folder, "x"), false)).ErrorId);
        Assert.Empty(Transport.Sent);
    }

    internal static byte[] Base64Url(string value)
    {
        string s = value.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
