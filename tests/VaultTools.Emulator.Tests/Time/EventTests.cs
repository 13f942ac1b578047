using System.Net;
using System.Text.Json.Nodes;
using Azure.Messaging.EventGrid;
using Azure.Messaging.EventGrid.SystemEvents;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests.Time;

/// <summary>
/// Key Vault's Event Grid events delivered to webhooks on 127.0.0.1 after Event Grid's validation handshake, parsed with
/// the official Azure.Messaging.EventGrid client; subscriptions from the config file and from ARM.
/// </summary>
[Collection(ClockCollection.Name)]
public sealed class EventTests(ClockFixture emulator)
{
    private string SubscriptionPath(string name) =>
        $"{emulator.VaultId("local")}/providers/Microsoft.EventGrid/eventSubscriptions/{name}?api-version=2022-06-15";

    private async Task<HttpAnswer> SubscribeAsync(string name, string endpoint, params string[] types)
    {
        var properties = new JsonObject
        {
            ["destination"] = new JsonObject { ["endpointType"] = "WebHook", ["properties"] = new JsonObject { ["endpointUrl"] = endpoint } },
        };
        if (types.Length > 0)
        {
            properties["filter"] = new JsonObject { ["includedEventTypes"] = new JsonArray([.. types.Select(t => (JsonNode)JsonValue.Create(t))]) };
        }
        return await emulator.ArmAsync(HttpMethod.Put, SubscriptionPath(name), new JsonObject { ["properties"] = properties }.ToJsonString(), await emulator.FreshArmTokenAsync());
    }

    private static T Data<T>(JsonObject delivered) where T : class
    {
        var clean = delivered.DeepClone().AsObject();
        clean.Remove("_path");
        clean.Remove("_deliveryCount");
        clean.Remove("_subscription");
        var parsed = EventGridEvent.ParseMany(BinaryData.FromString(new JsonArray(clean).ToJsonString()));
        Assert.True(parsed[0].TryGetSystemEventData(out var data), "not a system event");
        return Assert.IsType<T>(data);
    }

    [Fact]
    public async Task An_ARM_subscription_passes_the_handshake_then_gets_new_version_near_expiry_and_expired_events_with_the_service_s_fields()
    {
        var subscription = EmulatorFixture.UniqueName("hook");
        var path = $"/{subscription}/";
        var put = await SubscribeAsync(subscription, emulator.Webhook.Url(path));
        Assert.True(put.Status == HttpStatusCode.Created, put.Text);
        Assert.Equal("Succeeded", put.Json!["properties"]!["provisioningState"]!.GetValue<string>());
        Assert.Equal(emulator.Webhook.Url(path), put.Json!["properties"]!["destination"]!["properties"]!["endpointBaseUrl"]!.GetValue<string>());
        // The handshake came before the answer.
        var validation = Assert.Single(emulator.Webhook.Validations, v => v["_path"]!.GetValue<string>() == path);
        Assert.Equal("Microsoft.EventGrid.SubscriptionValidationEvent", validation["eventType"]!.GetValue<string>());
        Assert.Equal(emulator.VaultId("local"), validation["topic"]!.GetValue<string>());
        var get = await emulator.ArmAsync(HttpMethod.Get, SubscriptionPath(subscription), token: await emulator.FreshArmTokenAsync());
        Assert.Equal(HttpStatusCode.OK, get.Status);
        Assert.Equal("Microsoft.EventGrid/eventSubscriptions", get.Json!["type"]!.GetValue<string>());

        var secrets = emulator.FreshSecretClient();
        var now = (await emulator.GetClockAsync()).Now;
        var name = EmulatorFixture.UniqueName("evented");
        var exp = now.AddDays(40);
        var set = (await secrets.SetSecretAsync(new Azure.Security.KeyVault.Secrets.KeyVaultSecret(name, "v") { Properties = { ExpiresOn = exp } })).Value;

        var created = await emulator.Webhook.WaitForAsync(e => TestWebhook.Is("Microsoft.KeyVault.SecretNewVersionCreated", name)(e) && e["_path"]!.GetValue<string>() == path);
        Assert.NotNull(created);
        Assert.Equal(emulator.VaultId("local"), created["topic"]!.GetValue<string>());
        Assert.Equal(subscription.ToUpperInvariant(), created["_subscription"]!.GetValue<string>());
        var data = Data<KeyVaultSecretNewVersionCreatedEventData>(created);
        Assert.Equal(("local", "Secret", name, set.Properties.Version), (data.VaultName, data.ObjectType, data.ObjectName, data.Version));
        Assert.Equal($"https://local.localhost:{emulator.Info.HttpsPort}/secrets/{name}/{set.Properties.Version}", data.Id);
        Assert.Equal(exp.ToUnixTimeSeconds(), (long)data.Exp!.Value, 200.0); // a float in the SDK's model

        Assert.Null(await NearExpiry(name, TimeSpan.Zero)); // 40 days ahead: not near yet
        await emulator.AdvanceAsync(TimeSpan.FromDays(11));
        var near = await emulator.Webhook.WaitForAsync(TestWebhook.Is("Microsoft.KeyVault.SecretNearExpiry", name));
        Assert.NotNull(near);
        Assert.Equal(name, Data<KeyVaultSecretNearExpiryEventData>(near).ObjectName);

        await emulator.AdvanceAsync(TimeSpan.FromDays(30));
        var expired = await emulator.Webhook.WaitForAsync(TestWebhook.Is("Microsoft.KeyVault.SecretExpired", name));
        Assert.NotNull(expired);
        Assert.Equal(set.Properties.Version, Data<KeyVaultSecretExpiredEventData>(expired).Version);
        Assert.Single(emulator.Webhook.Events, e => TestWebhook.Is("Microsoft.KeyVault.SecretNearExpiry", name)(e) && e["_path"]!.GetValue<string>() == path);

        var delete = await emulator.ArmAsync(HttpMethod.Delete, SubscriptionPath(subscription), token: await emulator.FreshArmTokenAsync());
        Assert.Equal(HttpStatusCode.OK, delete.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.ArmAsync(HttpMethod.Get, SubscriptionPath(subscription), token: await emulator.FreshArmTokenAsync())).Status);
    }

    private Task<JsonObject?> NearExpiry(string name, TimeSpan _) =>
        Task.FromResult(emulator.Webhook.Events.FirstOrDefault(TestWebhook.Is("Microsoft.KeyVault.SecretNearExpiry", name)));

    [Fact]
    public async Task The_config_s_subscription_gets_only_the_event_types_it_includes_and_keys_and_certificates_raise_their_own()
    {
        await emulator.AdvanceAsync(TimeSpan.Zero); // runs the time-driven work, which validates the config's subscriptions
        var subscription = EmulatorFixture.UniqueName("all");
        var path = $"/{subscription}/";
        Assert.Equal(HttpStatusCode.Created, (await SubscribeAsync(subscription, emulator.Webhook.Url(path),
            "Microsoft.KeyVault.KeyNewVersionCreated", "Microsoft.KeyVault.CertificateNewVersionCreated", "Microsoft.KeyVault.SecretNewVersionCreated")).Status);

        var secretName = EmulatorFixture.UniqueName("cfg");
        await emulator.FreshSecretClient().SetSecretAsync(secretName, "v");
        var fromConfig = await emulator.Webhook.WaitForAsync(e => TestWebhook.Is("Microsoft.KeyVault.SecretNewVersionCreated", secretName)(e) && e["_path"]!.GetValue<string>() == "/config/");
        Assert.NotNull(fromConfig);

        var keyName = EmulatorFixture.UniqueName("keyevt");
        var key = await emulator.FreshKeys().CreateEcAsync(keyName);
        var keyEvent = await emulator.Webhook.WaitForAsync(TestWebhook.Is("Microsoft.KeyVault.KeyNewVersionCreated", keyName));
        Assert.NotNull(keyEvent);
        Assert.Equal(KeyApi.VersionOf(key), Data<KeyVaultKeyNewVersionCreatedEventData>(keyEvent).Version);

        var certName = EmulatorFixture.UniqueName("certevt");
        var policy = new Azure.Security.KeyVault.Certificates.CertificatePolicy("Self", "CN=evt") { KeyType = Azure.Security.KeyVault.Certificates.CertificateKeyType.Ec };
        await (await emulator.FreshCertificateClient().StartCreateCertificateAsync(certName, policy)).WaitForCompletionAsync();
        var certEvent = await emulator.Webhook.WaitForAsync(TestWebhook.Is("Microsoft.KeyVault.CertificateNewVersionCreated", certName));
        Assert.NotNull(certEvent);
        Assert.Equal("Certificate", Data<KeyVaultCertificateNewVersionCreatedEventData>(certEvent).ObjectType);

        // The config's subscription wants secrets' new versions only; the certificate's backing secret raises no event of its own.
        Assert.DoesNotContain(emulator.Webhook.Events, e => e["_path"]!.GetValue<string>() == "/config/" && e["subject"]!.GetValue<string>() != secretName
            && (e["subject"]!.GetValue<string>() == keyName || e["subject"]!.GetValue<string>() == certName));
        Assert.DoesNotContain(emulator.Webhook.Events, e => TestWebhook.Is("Microsoft.KeyVault.SecretNewVersionCreated", certName)(e));
    }

    [Fact]
    public async Task A_key_s_near_expiry_follows_the_Notify_action_of_its_rotation_policy()
    {
        var subscription = EmulatorFixture.UniqueName("keys");
        var path = $"/{subscription}/";
        Assert.Equal(HttpStatusCode.Created, (await SubscribeAsync(subscription, emulator.Webhook.Url(path), "Microsoft.KeyVault.KeyNearExpiry")).Status);
        var keys = emulator.FreshKeys();
        var now = (await emulator.GetClockAsync()).Now;
        var notify10 = EmulatorFixture.UniqueName("notify10");
        var byDefault = EmulatorFixture.UniqueName("notify30");
        foreach (var name in new[] { notify10, byDefault })
        {
            await keys.CreateAsync(name, new JsonObject { ["kty"] = "EC", ["attributes"] = new JsonObject { ["exp"] = now.AddDays(40).ToUnixTimeSeconds() } });
        }
        (await keys.Put($"/keys/{notify10}/rotationpolicy", JsonNode.Parse("""{"lifetimeActions":[{"trigger":{"timeBeforeExpiry":"P10D"},"action":{"type":"Notify"}}],"attributes":{}}""")!)).Ok();

        await emulator.AdvanceAsync(TimeSpan.FromDays(11)); // 29 days before expiry: the default 30 days are reached, the 10 days are not
        Assert.NotNull(await emulator.Webhook.WaitForAsync(TestWebhook.Is("Microsoft.KeyVault.KeyNearExpiry", byDefault)));
        Assert.DoesNotContain(emulator.Webhook.Events, e => TestWebhook.Is("Microsoft.KeyVault.KeyNearExpiry", notify10)(e));

        await emulator.AdvanceAsync(TimeSpan.FromDays(20));
        var near = await emulator.Webhook.WaitForAsync(TestWebhook.Is("Microsoft.KeyVault.KeyNearExpiry", notify10));
        Assert.NotNull(near);
        Assert.Equal("Key", Data<KeyVaultKeyNearExpiryEventData>(near).ObjectType);
    }

    [Fact]
    public async Task A_delivery_that_fails_is_retried()
    {
        var path = $"{TestWebhook.FlakyPath}{Guid.NewGuid():N}/";
        Assert.Equal(HttpStatusCode.Created, (await SubscribeAsync(EmulatorFixture.UniqueName("flaky"), emulator.Webhook.Url(path), "Microsoft.KeyVault.SecretNewVersionCreated")).Status);
        var name = EmulatorFixture.UniqueName("retried");
        await emulator.FreshSecretClient().SetSecretAsync(name, "v"); // answers at once: delivery runs in the background
        var delivered = await emulator.Webhook.WaitForAsync(e => TestWebhook.Is("Microsoft.KeyVault.SecretNewVersionCreated", name)(e) && e["_path"]!.GetValue<string>() == path);
        Assert.NotNull(delivered);
        Assert.Equal("2", delivered["_deliveryCount"]!.GetValue<string>()); // the third attempt, after two 500s
        Assert.Single(emulator.Webhook.Events, e => e["_path"]!.GetValue<string>() == path);
    }

    [Fact]
    public async Task A_webhook_that_fails_the_handshake_or_is_not_on_this_machine_is_refused_and_nothing_is_stored()
    {
        var refused = EmulatorFixture.UniqueName("refused");
        var answer = await SubscribeAsync(refused, emulator.Webhook.Url(TestWebhook.RefusingPath));
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("Url validation", answer.ErrorCode);
        Assert.Contains("Webhook validation handshake failed", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.ArmAsync(HttpMethod.Get, SubscriptionPath(refused), token: await emulator.FreshArmTokenAsync())).Status);

        var remote = await SubscribeAsync(EmulatorFixture.UniqueName("remote"), "https://example.com/api/events");
        Assert.Equal(HttpStatusCode.BadRequest, remote.Status);
        Assert.Contains("loopback", remote.ErrorMessage, StringComparison.Ordinal);

        var badType = await SubscribeAsync(EmulatorFixture.UniqueName("badtype"), emulator.Webhook.Url("/x/"), "Microsoft.KeyVault.SecretRotated");
        Assert.Equal(HttpStatusCode.BadRequest, badType.Status);
    }
}
