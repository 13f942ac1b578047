using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Azure;
using Azure.Security.KeyVault.Certificates;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests.Time;

/// <summary>Everything time-dependent follows the emulator's clock, and what the service does by itself happens when it moves.</summary>
[Collection(ClockCollection.Name)]
public sealed class TimeBehaviourTests(ClockFixture emulator)
{
    [Fact]
    public async Task Encrypt_sign_and_wrap_are_refused_outside_a_key_s_nbf_exp_window_while_decrypt_and_verify_keep_working()
    {
        var keys = emulator.FreshKeys();
        var now = (await emulator.GetClockAsync()).Now;
        var name = EmulatorFixture.UniqueName("expiring");
        var bundle = await keys.CreateAsync(name, new JsonObject { ["kty"] = "RSA", ["attributes"] = new JsonObject { ["exp"] = now.AddDays(1).ToUnixTimeSeconds() } });
        var kid = KeyApi.Kid(bundle);
        var secret = RandomNumberGenerator.GetBytes(32);
        var ciphertext = await keys.OperateAsync(kid, "encrypt", "RSA-OAEP-256", secret);
        var digest = SHA256.HashData(secret);
        var signature = await keys.OperateAsync(kid, "sign", "RS256", digest);

        await emulator.AdvanceAsync(TimeSpan.FromDays(2));
        keys = emulator.FreshKeys();
        foreach (var (operation, alg, value) in new[] { ("encrypt", "RSA-OAEP-256", secret), ("wrapKey", "RSA-OAEP-256", secret), ("sign", "RS256", digest) })
        {
            var refused = (await keys.Post($"{KeyApi.PathOf(kid)}/{operation}", new JsonObject { ["alg"] = alg, ["value"] = KeyApi.B64(value) })).Error(HttpStatusCode.Forbidden);
            Assert.Equal(("Forbidden", "KeyExpired"), (refused.Code, refused.Inner));
            Assert.Contains($"Operation {operation} is not allowed on an expired key", refused.Message, StringComparison.Ordinal);
        }
        Assert.Equal(secret, await keys.OperateAsync(kid, "decrypt", "RSA-OAEP-256", ciphertext));
        Assert.True(await keys.VerifyAsync(kid, "RS256", digest, signature));

        var later = EmulatorFixture.UniqueName("notyet");
        var now2 = (await emulator.GetClockAsync()).Now;
        var laterKid = KeyApi.Kid(await keys.CreateAsync(later, new JsonObject { ["kty"] = "EC", ["attributes"] = new JsonObject { ["nbf"] = now2.AddDays(1).ToUnixTimeSeconds() } }));
        var early = (await keys.Post($"{KeyApi.PathOf(laterKid)}/sign", new JsonObject { ["alg"] = "ES256", ["value"] = KeyApi.B64(digest) })).Error(HttpStatusCode.Forbidden);
        Assert.Equal("KeyNotYetValid", early.Inner);
        await emulator.AdvanceAsync(TimeSpan.FromDays(2));
        Assert.NotEmpty(await emulator.FreshKeys().OperateAsync(laterKid, "sign", "ES256", digest));
    }

    [Fact]
    public async Task A_deleted_secret_is_dated_on_the_clock_and_purged_when_the_clock_passes_its_scheduled_purge_date()
    {
        var secrets = emulator.CreateSecretClient("protected", emulator.FreshCredential()); // 7 days retention
        var name = EmulatorFixture.UniqueName("purge-date");
        await secrets.SetSecretAsync(name, "v");
        var now = (await emulator.GetClockAsync()).Now;
        await (await secrets.StartDeleteSecretAsync(name)).WaitForCompletionAsync();
        var deleted = (await secrets.GetDeletedSecretAsync(name)).Value;
        Assert.InRange(deleted.DeletedOn!.Value, now.AddMinutes(-1), now.AddMinutes(1));
        Assert.Equal(deleted.DeletedOn!.Value.AddDays(7), deleted.ScheduledPurgeDate);

        await emulator.AdvanceAsync(TimeSpan.FromDays(6));
        Assert.Equal(name, (await emulator.CreateSecretClient("protected", emulator.FreshCredential()).GetDeletedSecretAsync(name)).Value.Name);
        await emulator.AdvanceAsync(TimeSpan.FromDays(2));
        var gone = await Assert.ThrowsAsync<RequestFailedException>(() => emulator.CreateSecretClient("protected", emulator.FreshCredential()).GetDeletedSecretAsync(name));
        Assert.Equal(404, gone.Status);
    }

    [Fact]
    public async Task An_expired_secret_can_still_be_read_as_on_the_service_and_its_dates_are_the_clock_s()
    {
        var secrets = emulator.FreshSecretClient();
        var now = (await emulator.GetClockAsync()).Now;
        var name = EmulatorFixture.UniqueName("expired-read");
        var set = await secrets.SetSecretAsync(new Azure.Security.KeyVault.Secrets.KeyVaultSecret(name, "v") { Properties = { ExpiresOn = now.AddHours(1) } });
        Assert.InRange(set.Value.Properties.CreatedOn!.Value, now.AddMinutes(-1), now.AddMinutes(1));
        await emulator.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Equal("v", (await emulator.FreshSecretClient().GetSecretAsync(name)).Value.Value);
    }

    [Fact]
    public async Task A_recovered_key_keeps_every_attribute_exportable_included()
    {
        var keys = emulator.FreshKeys();
        var name = EmulatorFixture.UniqueName("recover-attrs");
        var created = await keys.CreateAsync(name, new JsonObject { ["kty"] = "EC", ["attributes"] = new JsonObject { ["exportable"] = false } });
        Assert.False(created["attributes"]!["exportable"]!.GetValue<bool>());
        (await keys.Delete($"/keys/{name}")).Expect(HttpStatusCode.OK);
        var recovered = (await keys.Post($"/deletedkeys/{name}/recover")).Ok();
        var read = (await keys.Get($"/keys/{name}")).Ok();
        Assert.Equal(created["attributes"]!.ToJsonString(), recovered["attributes"]!.ToJsonString());
        Assert.Equal(created["attributes"]!.ToJsonString(), read["attributes"]!.ToJsonString());
    }

    [Fact]
    public async Task A_key_whose_rotation_policy_is_due_is_rotated_when_the_clock_passes_it()
    {
        var keys = emulator.FreshKeys();
        var byAge = EmulatorFixture.UniqueName("rotate-age");
        var byExpiry = EmulatorFixture.UniqueName("rotate-exp");
        var notDue = EmulatorFixture.UniqueName("rotate-later");
        var now = (await emulator.GetClockAsync()).Now;
        await keys.CreateEcAsync(byAge);
        await keys.CreateAsync(byExpiry, new JsonObject { ["kty"] = "EC", ["attributes"] = new JsonObject { ["exp"] = now.AddDays(45).ToUnixTimeSeconds() } });
        await keys.CreateEcAsync(notDue);
        (await keys.Put($"/keys/{byAge}/rotationpolicy", JsonNode.Parse("""{"lifetimeActions":[{"trigger":{"timeAfterCreate":"P30D"},"action":{"type":"Rotate"}}],"attributes":{"expiryTime":"P90D"}}""")!)).Ok();
        (await keys.Put($"/keys/{byExpiry}/rotationpolicy", JsonNode.Parse("""{"lifetimeActions":[{"trigger":{"timeBeforeExpiry":"P20D"},"action":{"type":"Rotate"}}],"attributes":{"expiryTime":"P60D"}}""")!)).Ok();
        (await keys.Put($"/keys/{notDue}/rotationpolicy", JsonNode.Parse("""{"lifetimeActions":[{"trigger":{"timeAfterCreate":"P60D"},"action":{"type":"Rotate"}}],"attributes":{"expiryTime":"P90D"}}""")!)).Ok();

        var after = await emulator.AdvanceAsync(TimeSpan.FromDays(31));
        keys = emulator.FreshKeys();
        async Task<JsonArray> Versions(string name) => (await keys.Get($"/keys/{name}/versions")).Ok()["value"]!.AsArray();
        Assert.Equal(2, (await Versions(byAge)).Count);
        Assert.Equal(2, (await Versions(byExpiry)).Count);
        Assert.Single(await Versions(notDue));

        var latest = (await keys.Get($"/keys/{byAge}")).Ok()["attributes"]!;
        Assert.InRange(latest["created"]!.GetValue<long>(), after.AddMinutes(-1).ToUnixTimeSeconds(), after.AddMinutes(1).ToUnixTimeSeconds());
        Assert.Equal(after.AddDays(90).ToUnixTimeSeconds(), latest["exp"]!.GetValue<long>(), 60.0);

        // The new version is not due again at once: moving on a little rotates nothing more.
        await emulator.AdvanceAsync(TimeSpan.FromDays(1));
        keys = emulator.FreshKeys();
        Assert.Equal(2, (await Versions(byAge)).Count);
    }

    [Fact]
    public async Task A_certificate_whose_AutoRenew_lifetime_action_is_due_is_renewed_when_the_clock_passes_it()
    {
        var certificates = emulator.FreshCertificateClient();
        var name = EmulatorFixture.UniqueName("autorenew");
        var policy = new CertificatePolicy("Self", "CN=autorenew.test")
        {
            KeyType = CertificateKeyType.Ec,
            KeyCurveName = CertificateKeyCurveName.P256,
            ValidityInMonths = 12,
            LifetimeActions = { new LifetimeAction(CertificatePolicyAction.AutoRenew) { DaysBeforeExpiry = 30 } },
        };
        var first = (await (await certificates.StartCreateCertificateAsync(name, policy)).WaitForCompletionAsync()).Value;
        var due = first.Properties.ExpiresOn!.Value.AddDays(-29);
        var now = (await emulator.GetClockAsync()).Now;

        await emulator.AdvanceAsync(due - now - TimeSpan.FromDays(3)); // not due yet
        certificates = emulator.FreshCertificateClient();
        Assert.Equal(first.Properties.Version, (await certificates.GetCertificateAsync(name)).Value.Properties.Version);

        var after = await emulator.AdvanceAsync(TimeSpan.FromDays(3));
        certificates = emulator.FreshCertificateClient();
        var renewed = (await certificates.GetCertificateAsync(name)).Value;
        Assert.NotEqual(first.Properties.Version, renewed.Properties.Version);
        Assert.Equal(2, certificates.GetPropertiesOfCertificateVersionsAsync(name).ToBlockingEnumerable().Count());
        using var x509 = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(renewed.Cer);
        Assert.InRange(new DateTimeOffset(x509.NotBefore.ToUniversalTime()), after.AddDays(-1), after.AddMinutes(1));
        Assert.Equal("CN=autorenew.test", x509.Subject);
    }
}
