using Azure;
using Azure.Security.KeyVault.Secrets;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

/// <summary>The official SecretClient against the emulator, for every secret operation.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class SecretConformanceTests(EmulatorFixture emulator)
{
    public static TheoryData<string?> Hosts => new() { null, "local" };

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Set_then_get_latest_and_by_version(string? vault)
    {
        var client = emulator.CreateSecretClient(vault);
        var name = EmulatorFixture.UniqueName("setget");
        var before = DateTimeOffset.UtcNow.AddSeconds(-2);

        KeyVaultSecret first = await client.SetSecretAsync(name, "value-1");
        KeyVaultSecret second = await client.SetSecretAsync(new KeyVaultSecret(name, "value-2")
        {
            Properties = { ContentType = "text/plain", Tags = { ["env"] = "test" } },
        });

        var expectedBase = vault is null ? emulator.Info.VaultUri : emulator.Info.VaultUriFor(vault).ToString();
        Assert.Equal(new Uri($"{expectedBase}secrets/{name}/{first.Properties.Version}"), first.Id);
        Assert.Matches("^[0-9a-f]{32}$", first.Properties.Version);
        Assert.NotEqual(first.Properties.Version, second.Properties.Version);
        Assert.Equal(new Uri(expectedBase), first.Properties.VaultUri);
        Assert.True(first.Properties.Enabled);
        Assert.Equal("Recoverable+Purgeable", first.Properties.RecoveryLevel);
        Assert.Equal(90, first.Properties.RecoverableDays);
        Assert.InRange(first.Properties.CreatedOn!.Value, before, DateTimeOffset.UtcNow.AddSeconds(2));
        Assert.Equal(first.Properties.CreatedOn, first.Properties.UpdatedOn);

        KeyVaultSecret latest = await client.GetSecretAsync(name);
        Assert.Equal("value-2", latest.Value);
        Assert.Equal(second.Properties.Version, latest.Properties.Version);
        Assert.Equal("text/plain", latest.Properties.ContentType);
        Assert.Equal("test", latest.Properties.Tags["env"]);

        KeyVaultSecret old = await client.GetSecretAsync(name, first.Properties.Version);
        Assert.Equal("value-1", old.Value);
        Assert.Null(old.Properties.ContentType);
        Assert.Empty(old.Properties.Tags);
    }

    [Fact]
    public async Task Names_are_case_insensitive_and_keep_their_first_spelling()
    {
        var client = emulator.CreateSecretClient();
        var name = EmulatorFixture.UniqueName("MixedCase");
        await client.SetSecretAsync(name, "a");
        KeyVaultSecret viaLower = await client.GetSecretAsync(name.ToLowerInvariant());
        Assert.Equal("a", viaLower.Value);
        Assert.Equal(name, viaLower.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("/%2F")]
    public async Task An_empty_version_segment_means_latest(string suffix)
    {
        var client = emulator.CreateSecretClient();
        var name = EmulatorFixture.UniqueName("latest");
        await client.SetSecretAsync(name, "old");
        await client.SetSecretAsync(name, "new");
        using var response = await emulator.SendAsync(HttpMethod.Get, $"/secrets/{name}{suffix}?api-version=7.6");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"value\":\"new\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Versions_are_listed_without_values()
    {
        var client = emulator.CreateSecretClient("local");
        var name = EmulatorFixture.UniqueName("versions");
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            created.Add((await client.SetSecretAsync(name, $"v{i}")).Value.Properties.Version);
        }

        var versions = new List<SecretProperties>();
        await foreach (var p in client.GetPropertiesOfSecretVersionsAsync(name))
        {
            versions.Add(p);
        }
        Assert.Equal(created.Order(StringComparer.Ordinal), versions.Select(v => v.Version));
        Assert.All(versions, v => Assert.Equal(name, v.Name));
        Assert.All(versions, v => Assert.Equal(new Uri($"{emulator.Info.VaultUriFor("local")}secrets/{name}/{v.Version}"), v.Id));

        using var raw = await emulator.SendAsync(HttpMethod.Get, $"/secrets/{name}/versions?api-version=7.6", "local");
        var body = await raw.Content.ReadAsStringAsync();
        Assert.DoesNotContain("\"value\":\"v", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Versions_of_an_unknown_secret_are_an_empty_list()
    {
        var client = emulator.CreateSecretClient();
        var count = 0;
        await foreach (var _ in client.GetPropertiesOfSecretVersionsAsync(EmulatorFixture.UniqueName("nothing")))
        {
            count++;
        }
        Assert.Equal(0, count);
    }

    [Fact]
    public async Task Paging_over_more_than_25_secrets_counts_exactly()
    {
        var client = emulator.CreateSecretClient("paging");
        var names = Enumerable.Range(0, 27).Select(i => $"page-{i:D2}").ToList();
        foreach (var name in names)
        {
            await client.SetSecretAsync(name, "x");
        }

        var pages = new List<Page<SecretProperties>>();
        await foreach (var page in client.GetPropertiesOfSecretsAsync().AsPages())
        {
            pages.Add(page);
        }
        Assert.Equal(2, pages.Count);
        Assert.Equal(25, pages[0].Values.Count);
        Assert.Equal(2, pages[1].Values.Count);
        Assert.NotNull(pages[0].ContinuationToken);
        Assert.Null(pages[1].ContinuationToken);
        Assert.Equal(names, pages.SelectMany(p => p.Values).Select(p => p.Name));
        Assert.All(pages.SelectMany(p => p.Values), p => Assert.Null(p.Version));

        // The wire: maxresults, nextLink with api-version and $skiptoken, "nextLink": null on the last page.
        using var first = await emulator.SendAsync(HttpMethod.Get, "/secrets?api-version=7.6&maxresults=10", "paging");
        using var firstJson = System.Text.Json.JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        Assert.Equal(10, firstJson.RootElement.GetProperty("value").GetArrayLength());
        var nextLink = firstJson.RootElement.GetProperty("nextLink").GetString()!;
        Assert.StartsWith($"{emulator.Info.VaultUriFor("paging")}secrets?api-version=7.6&$skiptoken=", nextLink);
        Assert.EndsWith("&maxresults=10", nextLink);
        Assert.DoesNotContain("\"value\":\"x\"", firstJson.RootElement.GetRawText());

        var seen = 10;
        var link = nextLink;
        while (true)
        {
            using var response = await emulator.SendAsync(HttpMethod.Get, link, "paging");
            using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            seen += json.RootElement.GetProperty("value").GetArrayLength();
            var next = json.RootElement.GetProperty("nextLink");
            if (next.ValueKind == System.Text.Json.JsonValueKind.Null)
            {
                break;
            }
            link = next.GetString()!;
        }
        Assert.Equal(27, seen);
    }

    [Fact]
    public async Task Update_changes_attributes_tags_and_content_type_only()
    {
        var client = emulator.CreateSecretClient();
        var name = EmulatorFixture.UniqueName("update");
        KeyVaultSecret secret = await client.SetSecretAsync(name, "keep-me");
        var expires = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds());
        var notBefore = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds());

        secret.Properties.ContentType = "xyz";
        secret.Properties.ExpiresOn = expires;
        secret.Properties.NotBefore = notBefore;
        secret.Properties.Tags["owner"] = "team-a";
        SecretProperties updated = await client.UpdateSecretPropertiesAsync(secret.Properties);

        Assert.Equal("xyz", updated.ContentType);
        Assert.Equal(expires, updated.ExpiresOn);
        Assert.Equal(notBefore, updated.NotBefore);
        Assert.Equal("team-a", updated.Tags["owner"]);
        Assert.Equal(secret.Properties.Version, updated.Version);

        KeyVaultSecret read = await client.GetSecretAsync(name);
        Assert.Equal("keep-me", read.Value);
        Assert.Equal("xyz", read.Properties.ContentType);
        Assert.Equal(expires, read.Properties.ExpiresOn);
    }

    [Fact]
    public async Task Disabled_secret_value_is_forbidden_but_listed()
    {
        var client = emulator.CreateSecretClient();
        var name = EmulatorFixture.UniqueName("disabled");
        KeyVaultSecret secret = await client.SetSecretAsync(name, "hidden");
        secret.Properties.Enabled = false;
        await client.UpdateSecretPropertiesAsync(secret.Properties);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync(name));
        Assert.Equal(403, ex.Status);
        Assert.Equal("Forbidden", ex.ErrorCode);
        Assert.Contains("Operation get is not allowed on a disabled secret.", ex.Message);

        using var raw = await emulator.SendAsync(HttpMethod.Get, $"/secrets/{name}?api-version=7.6");
        Assert.Equal("""{"error":{"code":"Forbidden","message":"Operation get is not allowed on a disabled secret.","innererror":{"code":"SecretDisabled"}}}""",
            await raw.Content.ReadAsStringAsync());

        var versions = new List<SecretProperties>();
        await foreach (var p in client.GetPropertiesOfSecretVersionsAsync(name))
        {
            versions.Add(p);
        }
        Assert.False(Assert.Single(versions).Enabled);
    }

    [Fact]
    public async Task Soft_delete_cycle_delete_get_deleted_recover_delete_purge()
    {
        var client = emulator.CreateSecretClient("local");
        var name = EmulatorFixture.UniqueName("softdelete");
        KeyVaultSecret secret = await client.SetSecretAsync(new KeyVaultSecret(name, "s3cret") { Properties = { ContentType = "pw" } });

        DeleteSecretOperation delete = await client.StartDeleteSecretAsync(name);
        DeletedSecret deleted = delete.Value;
        Assert.Equal(new Uri($"{emulator.Info.VaultUriFor("local")}deletedsecrets/{name}"), deleted.RecoveryId);
        Assert.NotNull(deleted.DeletedOn);
        Assert.Equal(deleted.DeletedOn!.Value.AddDays(90), deleted.ScheduledPurgeDate);
        Assert.Null(deleted.Value);
        Assert.Equal(secret.Id, deleted.Id);
        Assert.Equal("pw", deleted.Properties.ContentType);
        await delete.WaitForCompletionAsync();

        var gone = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync(name));
        Assert.Equal(404, gone.Status);
        Assert.Equal("SecretNotFound", gone.ErrorCode);

        DeletedSecret fetched = await client.GetDeletedSecretAsync(name);
        Assert.Equal(deleted.DeletedOn, fetched.DeletedOn);
        Assert.Equal(deleted.ScheduledPurgeDate, fetched.ScheduledPurgeDate);

        var listed = new List<DeletedSecret>();
        await foreach (var d in client.GetDeletedSecretsAsync())
        {
            listed.Add(d);
        }
        var item = Assert.Single(listed, d => d.Name == name);
        Assert.Equal(new Uri($"{emulator.Info.VaultUriFor("local")}secrets/{name}"), item.Id);

        // Setting a deleted name is a conflict.
        var conflict = await Assert.ThrowsAsync<RequestFailedException>(() => client.SetSecretAsync(name, "again"));
        Assert.Equal(409, conflict.Status);
        Assert.Equal("Conflict", conflict.ErrorCode);
        using (var raw = await emulator.SendAsync(HttpMethod.Put, $"/secrets/{name}?api-version=7.6", "local", """{"value":"again"}"""))
        {
            Assert.Equal(
                "{\"error\":{\"code\":\"Conflict\",\"message\":\"Secret " + name + " is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.\",\"innererror\":{\"code\":\"ObjectIsDeletedButRecoverable\"}}}",
                await raw.Content.ReadAsStringAsync());
        }

        RecoverDeletedSecretOperation recover = await client.StartRecoverDeletedSecretAsync(name);
        await recover.WaitForCompletionAsync();
        Assert.Equal(secret.Id, recover.Value.Id);
        KeyVaultSecret back = await client.GetSecretAsync(name);
        Assert.Equal("s3cret", back.Value);

        await (await client.StartDeleteSecretAsync(name)).WaitForCompletionAsync();
        var purge = await client.PurgeDeletedSecretAsync(name);
        Assert.Equal(204, purge.Status);
        var purged = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetDeletedSecretAsync(name));
        Assert.Equal(404, purged.Status);
        Assert.Equal("SecretNotFound", purged.ErrorCode);
        Assert.Contains($"Deleted Secret not found: {name}", purged.Message);

        // The name is free again.
        KeyVaultSecret reborn = await client.SetSecretAsync(name, "new");
        Assert.NotEqual(secret.Properties.Version, reborn.Properties.Version);
    }

    [Fact]
    public async Task Purge_protected_vault_reports_its_recovery_level_and_refuses_purge()
    {
        var client = emulator.CreateSecretClient("protected");
        var name = EmulatorFixture.UniqueName("protected");
        KeyVaultSecret secret = await client.SetSecretAsync(name, "v");
        Assert.Equal("CustomizedRecoverable", secret.Properties.RecoveryLevel);
        Assert.Equal(7, secret.Properties.RecoverableDays);

        DeletedSecret deleted = (await client.StartDeleteSecretAsync(name)).Value;
        Assert.Equal(deleted.DeletedOn!.Value.AddDays(7), deleted.ScheduledPurgeDate);
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => client.PurgeDeletedSecretAsync(name));
        Assert.Equal(403, ex.Status);
        Assert.Equal("Forbidden", ex.ErrorCode);
    }

    [Fact]
    public async Task Backup_and_restore_keep_versions_and_work_across_vaults()
    {
        var client = emulator.CreateSecretClient();
        var name = EmulatorFixture.UniqueName("backup");
        KeyVaultSecret v1 = await client.SetSecretAsync(name, "one");
        KeyVaultSecret v2 = await client.SetSecretAsync(new KeyVaultSecret(name, "two") { Properties = { Tags = { ["t"] = "2" } } });

        byte[] blob = await client.BackupSecretAsync(name);
        Assert.StartsWith("VaultToolsEmulatorSecretBackupV1.", System.Text.Encoding.ASCII.GetString(blob, 0, 33));
        Assert.DoesNotContain("two", System.Text.Encoding.UTF8.GetString(blob), StringComparison.Ordinal);

        // Restoring over an existing name is a conflict.
        var conflict = await Assert.ThrowsAsync<RequestFailedException>(() => client.RestoreSecretBackupAsync(blob));
        Assert.Equal(409, conflict.Status);

        // Into another vault of the same emulator (same subscription): allowed, versions intact.
        var other = emulator.CreateSecretClient("second");
        SecretProperties restored = await other.RestoreSecretBackupAsync(blob);
        Assert.Equal(v2.Properties.Version, restored.Version);
        Assert.Equal(new Uri($"{emulator.Info.VaultUriFor("second")}secrets/{name}/{v2.Properties.Version}"), restored.Id);
        Assert.Equal(v2.Properties.CreatedOn, restored.CreatedOn);
        Assert.Equal("two", (await other.GetSecretAsync(name)).Value.Value);
        Assert.Equal("one", (await other.GetSecretAsync(name, v1.Properties.Version)).Value.Value);
        Assert.Equal("2", (await other.GetSecretAsync(name)).Value.Properties.Tags["t"]);

        // Delete + purge in the source, then restore there too.
        await (await client.StartDeleteSecretAsync(name)).WaitForCompletionAsync();
        await client.PurgeDeletedSecretAsync(name);
        SecretProperties again = await client.RestoreSecretBackupAsync(blob);
        Assert.Equal(v2.Id, again.Id);
    }

    [Fact]
    public async Task Tampered_backup_is_refused()
    {
        var client = emulator.CreateSecretClient();
        var name = EmulatorFixture.UniqueName("tamper");
        await client.SetSecretAsync(name, "x");
        byte[] blob = await client.BackupSecretAsync(name);
        blob[^5] ^= 0x01;
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => client.RestoreSecretBackupAsync(blob));
        Assert.Equal(400, ex.Status);
        Assert.Equal("BadParameter", ex.ErrorCode);
    }
}
