using System.Net;
using System.Text.Json.Nodes;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

/// <summary>POST /keys/{name}/rotate and the rotation policy (GET/PUT /keys/{name}/rotationpolicy).</summary>
[Collection(EmulatorCollection.Name)]
public sealed class KeyRotationTests(EmulatorFixture emulator)
{
    private readonly KeyApi _keys = new(emulator);

    [Fact]
    public async Task A_key_without_a_policy_has_the_default_one()
    {
        var name = EmulatorFixture.UniqueName("defpol");
        await _keys.CreateEcAsync(name);
        var policy = await _keys.Get($"/keys/{name}/rotationpolicy");
        Assert.Equal("""{"lifetimeActions":[{"trigger":{"timeBeforeExpiry":"P30D"},"action":{"type":"Notify"}}],"attributes":{}}""", policy.Expect(HttpStatusCode.OK).Text);
    }

    [Fact]
    public async Task A_policy_is_stored_as_given_with_the_notify_action_added_and_created_kept()
    {
        var name = EmulatorFixture.UniqueName("pol");
        await _keys.CreateEcAsync(name);
        var set = (await _keys.Put($"/keys/{name}/rotationpolicy", JsonNode.Parse(
            """{"lifetimeActions":[{"trigger":{"timeBeforeExpiry":"P30D"},"action":{"type":"rotate"}}],"attributes":{"expiryTime":"P90D"}}""")!)).Ok();
        Assert.Equal(["id", "lifetimeActions", "attributes"], KeyApi.Names(set));
        Assert.Equal($"{emulator.Info.VaultUri}keys/{name}/rotationpolicy", set["id"]!.GetValue<string>());
        // As the service answered the azure-sdk-for-js recording: Rotate as given, Notify P30D added.
        Assert.Equal(
            """[{"trigger":{"timeBeforeExpiry":"P30D"},"action":{"type":"Rotate"}},{"trigger":{"timeBeforeExpiry":"P30D"},"action":{"type":"Notify"}}]""",
            set["lifetimeActions"]!.ToJsonString());
        Assert.Equal(["expiryTime", "created", "updated"], KeyApi.Names(set["attributes"]));
        Assert.Equal(set.ToJsonString(), (await _keys.Get($"/keys/{name}/rotationpolicy")).Ok().ToJsonString());

        var created = set["attributes"]!["created"]!.GetValue<long>();
        var replaced = (await _keys.Put($"/keys/{name}/rotationpolicy", JsonNode.Parse(
            """{"lifetimeActions":[{"trigger":{"timeAfterCreate":"P18M"},"action":{"type":"Rotate"}},{"trigger":{"timeBeforeExpiry":"P10D"},"action":{"type":"Notify"}}],"attributes":{"expiryTime":"P2Y"}}""")!)).Ok();
        Assert.Equal(created, replaced["attributes"]!["created"]!.GetValue<long>());
        Assert.Equal("P2Y", replaced["attributes"]!["expiryTime"]!.GetValue<string>());
        Assert.Equal("P10D", replaced["lifetimeActions"]![1]!["trigger"]!["timeBeforeExpiry"]!.GetValue<string>());

        var notifyOnly = (await _keys.Put($"/keys/{name}/rotationpolicy", JsonNode.Parse(
            """{"lifetimeActions":[{"trigger":{"timeBeforeExpiry":"P30D"},"action":{"type":"Notify"}}],"attributes":{}}""")!)).Ok();
        Assert.Equal(["created", "updated"], KeyApi.Names(notifyOnly["attributes"]));
    }

    public static TheoryData<string> BadPolicies => new()
    {
        """{"attributes":{"expiryTime":"P27D"}}""",
        """{"attributes":{"expiryTime":"ninety days"}}""",
        """{"lifetimeActions":[{"trigger":{"timeAfterCreate":"P6D"},"action":{"type":"Rotate"}}]}""",
        """{"lifetimeActions":[{"trigger":{"timeAfterCreate":"P85D"},"action":{"type":"Rotate"}}],"attributes":{"expiryTime":"P90D"}}""",
        """{"lifetimeActions":[{"trigger":{"timeAfterCreate":"P30D"},"action":{"type":"Notify"}}]}""",
        """{"lifetimeActions":[{"trigger":{"timeAfterCreate":"P30D","timeBeforeExpiry":"P30D"},"action":{"type":"Rotate"}}]}""",
        """{"lifetimeActions":[{"trigger":{},"action":{"type":"Rotate"}}]}""",
        """{"lifetimeActions":[{"trigger":{"timeAfterCreate":"P30D"},"action":{"type":"Explode"}}]}""",
        """{"lifetimeActions":[{"trigger":{"timeAfterCreate":"P30D"},"action":{"type":"Rotate"}},{"trigger":{"timeAfterCreate":"P60D"},"action":{"type":"Rotate"}}]}""",
        """{"lifetimeActions":{}}""",
    };

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public async Task Policies_the_service_refuses_are_BadParameter_and_change_nothing(string body)
    {
        var name = EmulatorFixture.UniqueName("badpol");
        await _keys.CreateEcAsync(name);
        Assert.Equal("BadParameter", (await _keys.Put($"/keys/{name}/rotationpolicy", JsonNode.Parse(body)!)).Error(HttpStatusCode.BadRequest).Code);
        Assert.Null((await _keys.Get($"/keys/{name}/rotationpolicy")).Ok()["id"]);
    }

    [Fact]
    public async Task Rotate_makes_a_new_version_of_the_same_kind_with_the_policy_expiry()
    {
        var name = EmulatorFixture.UniqueName("rot");
        var first = await _keys.CreateAsync(name, new JsonObject
        {
            ["kty"] = "RSA",
            ["key_size"] = 3072,
            ["key_ops"] = new JsonArray("wrapKey", "unwrapKey"),
            ["tags"] = new JsonObject { ["app"] = "a" },
        });
        // No policy: the new version has no expiry.
        var plain = (await _keys.Post($"/keys/{name}/rotate")).Ok();
        Assert.Null(plain["attributes"]!["exp"]);

        (await _keys.Put($"/keys/{name}/rotationpolicy", JsonNode.Parse("""{"attributes":{"expiryTime":"P48M"}}""")!)).Ok();
        var rotated = (await _keys.Post($"/keys/{name}/rotate")).Ok();
        Assert.NotEqual(KeyApi.VersionOf(first), KeyApi.VersionOf(rotated));
        Assert.Equal("RSA", rotated["key"]!["kty"]!.GetValue<string>());
        Assert.Equal(384, KeyApi.FromB64(rotated["key"]!["n"]!.GetValue<string>()).Length);
        Assert.NotEqual(first["key"]!["n"]!.GetValue<string>(), rotated["key"]!["n"]!.GetValue<string>());
        Assert.Equal(first["key"]!["key_ops"]!.ToJsonString(), rotated["key"]!["key_ops"]!.ToJsonString());
        Assert.Equal("a", rotated["tags"]!["app"]!.GetValue<string>());
        // 48 calendar months, as the service's exp for a P48M policy (recordings RotateKey, GetKeyRotationPolicy).
        var created = DateTimeOffset.FromUnixTimeSeconds(rotated["attributes"]!["created"]!.GetValue<long>());
        Assert.Equal(created.AddMonths(48).ToUnixTimeSeconds(), rotated["attributes"]!["exp"]!.GetValue<long>());
        Assert.Equal(KeyApi.Kid(rotated), KeyApi.Kid((await _keys.Get($"/keys/{name}")).Ok()));
        Assert.Equal(3, (await _keys.Get($"/keys/{name}/versions")).Ok()["value"]!.AsArray().Count);

        // A new version created under a policy with an expiry gets it too, unless it sets its own.
        var created2 = (await _keys.CreateRsaAsync(name))["attributes"]!;
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(created2["created"]!.GetValue<long>()).AddMonths(48).ToUnixTimeSeconds(), created2["exp"]!.GetValue<long>());
        var own = DateTimeOffset.UtcNow.AddDays(40).ToUnixTimeSeconds();
        Assert.Equal(own, (await _keys.CreateAsync(name, new JsonObject { ["kty"] = "RSA", ["attributes"] = new JsonObject { ["exp"] = own } }))["attributes"]!["exp"]!.GetValue<long>());
    }

    [Fact]
    public async Task Rotating_an_ec_key_keeps_its_curve_and_a_deleted_key_cannot_rotate()
    {
        var name = EmulatorFixture.UniqueName("rotec");
        var first = await _keys.CreateEcAsync(name, "P-521");
        var rotated = (await _keys.Post($"/keys/{name}/rotate")).Ok();
        Assert.Equal("P-521", rotated["key"]!["crv"]!.GetValue<string>());
        Assert.NotEqual(first["key"]!["x"]!.GetValue<string>(), rotated["key"]!["x"]!.GetValue<string>());
        (await _keys.Delete($"/keys/{name}")).Ok();
        Assert.Equal("KeyNotFound", (await _keys.Post($"/keys/{name}/rotate")).Error(HttpStatusCode.NotFound).Code);
        Assert.Equal("KeyNotFound", (await _keys.Put($"/keys/{name}/rotationpolicy", new JsonObject())).Error(HttpStatusCode.NotFound).Code);
    }
}
