using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

/// <summary>
/// Hostile and careless requests (part of the bad-input corpus: each theory row is one case): malformed and
/// foreign-tenant bearer tokens, oversized bodies on every plane, and names or versions with a trailing line
/// feed. Each must get the plane's error shape with a 4xx status, never a 500, and must change nothing.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class HostileRequestTests(EmulatorFixture emulator)
{
    private const int TenMegabytes = 10 * 1024 * 1024;

    public static TheoryData<string> MalformedTokens => new()
    {
        "not.a.jwt",
        "a.b",
        "%%%.###.$$$",
        "eyJhbGciOiJSUzI1NiJ9.!!!!.sig",
        "eyJhbGciOiJSUzI1NiJ9." + Base64UrlEncoder.Encode("not json") + ".c2ln",
        Base64UrlEncoder.Encode("{\"alg\":") + "." + Base64UrlEncoder.Encode("{}") + ".c2ln",
        "....",
        new string('A', 5000) + "." + new string('B', 5000) + "." + new string('C', 100),
    };

    [Theory]
    [MemberData(nameof(MalformedTokens))]
    public async Task Malformed_bearer_token_is_401_with_the_vault_error_body(string token)
    {
        var answer = await emulator.VaultAsync(HttpMethod.Get, "local", "/secrets?api-version=7.6", token);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("Unauthorized", answer.ErrorCode);
        Assert.StartsWith("AKV100", answer.ErrorMessage);
    }

    [Theory]
    [MemberData(nameof(MalformedTokens))]
    public async Task Malformed_bearer_token_is_401_with_the_arm_error_body(string token)
    {
        var answer = await emulator.ArmAsync(HttpMethod.Get, $"{emulator.VaultId("local")}?api-version=2022-07-01", token: token);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("InvalidAuthenticationToken", answer.ErrorCode);
    }

    [Theory]
    [InlineData("other-tenant")]
    [InlineData("missing")]
    [InlineData("empty")]
    public async Task Token_whose_tid_is_not_its_issuers_tenant_is_401(string tid)
    {
        var token = TokenMinter.Mint(emulator.Info, claims =>
        {
            if (tid == "missing")
            {
                claims.Remove("tid");
            }
            else
            {
                claims["tid"] = tid == "empty" ? "" : Guid.NewGuid().ToString();
            }
        });
        var answer = await emulator.VaultAsync(HttpMethod.Get, "local", "/secrets?api-version=7.6", token);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("Unauthorized", answer.ErrorCode);
        Assert.StartsWith("AKV10032: Invalid issuer.", answer.ErrorMessage);

        var arm = await emulator.ArmAsync(HttpMethod.Get, $"{emulator.VaultId("local")}?api-version=2022-07-01", token: token);
        Assert.Equal(HttpStatusCode.Unauthorized, arm.Status);
        Assert.Equal("InvalidAuthenticationTokenTenant", arm.ErrorCode);
    }

    [Fact]
    public async Task Token_with_its_own_tenant_minted_the_same_way_is_accepted()
    {
        var answer = await emulator.VaultAsync(HttpMethod.Get, "local", "/secrets?api-version=7.6", TokenMinter.Mint(emulator.Info));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task Ten_megabyte_form_at_the_token_endpoint_is_413_with_the_entra_error_body()
    {
        var admin = emulator.Info.Identity("admin");
        var form = $"grant_type=client_credentials&client_id={admin.ClientId}&client_secret={Uri.EscapeDataString(admin.ClientSecret!)}&scope=https%3A%2F%2Fvault.azure.net%2F.default&pad=" + new string('x', TenMegabytes);
        using var content = new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded");
        using var response = await emulator.Http.PostAsync($"{emulator.Info.AuthorityHost}{emulator.Info.TenantId}/oauth2/v2.0/token", content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("invalid_request", json["error"]!.GetValue<string>());
        Assert.Contains("larger than the emulator's limit", json["error_description"]!.GetValue<string>());
        Assert.NotNull(json["error_codes"]);
    }

    [Fact]
    public async Task Form_with_too_many_fields_at_the_token_endpoint_is_400_not_500()
    {
        var form = string.Join('&', Enumerable.Range(0, 5000).Select(i => $"f{i}=v"));
        using var content = new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded");
        using var response = await emulator.Http.PostAsync($"{emulator.Info.AuthorityHost}{emulator.Info.TenantId}/oauth2/v2.0/token", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    public static TheoryData<string, bool> OversizedBodyTargets => new()
    {
        { "secret", false },
        { "secret", true },
        { "key-import", false },
        { "restore", true },
        { "arm-vault", false },
        { "arm-vault", true },
        { "clock", false },
    };

    [Theory]
    [MemberData(nameof(OversizedBodyTargets))]
    public async Task Oversized_body_is_413_with_the_planes_error_body_and_nothing_is_written(string target, bool chunked)
    {
        var name = EmulatorFixture.UniqueName("huge");
        var body = "{\"value\":\"" + new string('x', TenMegabytes) + "\"}";
        var (uri, token) = target switch
        {
            "secret" => ($"{emulator.Info.VaultUri}secrets/{name}?api-version=7.6", await emulator.GetTokenAsync()),
            "key-import" => ($"{emulator.Info.VaultUri}keys/{name}?api-version=7.6", await emulator.GetTokenAsync()),
            "restore" => ($"{emulator.Info.VaultUri}secrets/restore?api-version=7.6", await emulator.GetTokenAsync()),
            "clock" => ($"{emulator.Info.VaultUri}.emulator/clock", await emulator.GetTokenAsync()),
            _ => (new Uri(new Uri(emulator.Info.ManagementEndpoint), $"{emulator.VaultId(name)}?api-version=2022-07-01").ToString(),
                await emulator.GetTokenAsync(EmulatorFixture.ArmScope)),
        };
        using var request = new HttpRequestMessage(target == "restore" || target == "clock" ? HttpMethod.Post : HttpMethod.Put, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
            await request.Content.LoadIntoBufferAsync();
            request.Content.Headers.ContentLength = null;
        }
        using var response = await emulator.Http.SendAsync(request);
        var answer = await HttpAnswer.ReadAsync(response);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Equal("RequestEntityTooLarge", answer.ErrorCode);
        Assert.Contains("larger than the emulator's limit", answer.ErrorMessage);

        if (target == "secret")
        {
            var get = await emulator.VaultAsync(HttpMethod.Get, "local", $"/secrets/{name}?api-version=7.6", await emulator.GetTokenAsync());
            Assert.Equal(HttpStatusCode.NotFound, get.Status);
        }
    }

    [Fact]
    public async Task Oversized_body_at_the_managed_identity_endpoint_is_413_with_its_error_body()
    {
        using var content = new StringContent(new string('x', TenMegabytes), Encoding.ASCII, "application/x-www-form-urlencoded");
        using var response = await emulator.Http.PostAsync(emulator.Info.ImdsEndpoint + "?api-version=2018-02-01&resource=https://vault.azure.net", content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("invalid_request", json["error"]!.GetValue<string>());
        Assert.Contains("larger than the emulator's limit", json["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Oversized_body_at_graph_is_413_with_graphs_error_body()
    {
        var admin = emulator.Info.Identity("admin");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{emulator.Info.GraphEndpoint}v1.0/applications/{admin.ApplicationObjectId}/addPassword");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await emulator.GetTokenAsync("https://graph.microsoft.com/.default"));
        request.Content = new StringContent("{\"passwordCredential\":{\"displayName\":\"" + new string('x', TenMegabytes) + "\"}}", Encoding.UTF8, "application/json");
        using var response = await emulator.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("Request_EntityTooLarge", error["code"]!.GetValue<string>());
        Assert.NotNull(error["innerError"]);
    }

    public static TheoryData<string, string> NamesWithATrailingLineFeed => new()
    {
        { "PUT", "/secrets/{name}%0A" },
        { "PUT", "/secrets/{name}%0D%0A" },
        { "PUT", "/secrets/%0A{name}" },
        { "POST", "/keys/{name}%0A/create" },
        { "POST", "/certificates/{name}%0A/create" },
        { "POST", "/certificates/{name}%0A/import" },
        { "PUT", "/certificates/issuers/{name}%0A" },
    };

    [Theory]
    [MemberData(nameof(NamesWithATrailingLineFeed))]
    public async Task Name_with_a_line_feed_or_control_character_is_refused_and_not_stored(string method, string pathTemplate)
    {
        var name = EmulatorFixture.UniqueName("lf");
        var token = await emulator.GetTokenAsync();
        var body = pathTemplate.StartsWith("/keys", StringComparison.Ordinal) ? """{"kty":"EC","crv":"P-256"}"""
            : pathTemplate.Contains("/issuers/", StringComparison.Ordinal) ? """{"provider":"Test"}"""
            : pathTemplate.StartsWith("/certificates", StringComparison.Ordinal) ? """{"policy":{"x509_props":{"subject":"CN=x"},"issuer":{"name":"Self"}}}"""
            : """{"value":"v"}""";
        var answer = await emulator.VaultAsync(new HttpMethod(method), "local", pathTemplate.Replace("{name}", name, StringComparison.Ordinal) + "?api-version=7.6", token, body);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("BadParameter", answer.ErrorCode);

        foreach (var collection in new[] { "secrets", "keys", "certificates" })
        {
            var list = await emulator.VaultAsync(HttpMethod.Get, "local", $"/{collection}?api-version=7.6&maxresults=25", token);
            Assert.DoesNotContain(name, list.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Version_with_a_trailing_line_feed_is_not_found()
    {
        var name = EmulatorFixture.UniqueName("lfv");
        var token = await emulator.GetTokenAsync();
        var set = await emulator.VaultAsync(HttpMethod.Put, "local", $"/secrets/{name}?api-version=7.6", token, """{"value":"v"}""");
        Assert.Equal(HttpStatusCode.OK, set.Status);
        var version = set.Json!["id"]!.GetValue<string>().Split('/')[^1];

        Assert.Equal(HttpStatusCode.OK, (await emulator.VaultAsync(HttpMethod.Get, "local", $"/secrets/{name}/{version}?api-version=7.6", token)).Status);
        var withLineFeed = await emulator.VaultAsync(HttpMethod.Get, "local", $"/secrets/{name}/{version}%0A?api-version=7.6", token);
        Assert.Equal(HttpStatusCode.NotFound, withLineFeed.Status);
        Assert.Equal("SecretNotFound", withLineFeed.ErrorCode);
    }

    public static TheoryData<string> ArmScopesWithATrailingLineFeed => new()
    {
        "{vault}/secrets/app%0A",
        "/subscriptions/{subscription}%0A",
    };

    [Theory]
    [MemberData(nameof(ArmScopesWithATrailingLineFeed))]
    public async Task Arm_scope_with_a_trailing_line_feed_is_refused(string scopeTemplate)
    {
        var scope = scopeTemplate.Replace("{vault}", emulator.VaultId("local"), StringComparison.Ordinal)
            .Replace("/subscriptions/{subscription}", "/subscriptions/" + emulator.Info.SubscriptionId, StringComparison.Ordinal);
        var answer = await emulator.ArmAsync(HttpMethod.Get, $"{scope}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01");
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.True(answer.ErrorCode is "InvalidScope" or "InvalidSubscriptionId", answer.ToString());
    }

    [Fact]
    public async Task Arm_vault_name_with_a_trailing_line_feed_is_refused_and_not_created()
    {
        var name = EmulatorFixture.UniqueName("lf");
        var answer = await emulator.ArmAsync(HttpMethod.Put, $"{emulator.VaultId(name)}%0A?api-version=2022-07-01",
            """{"location":"westeurope","properties":{"tenantId":"00000000-0000-0000-0000-000000000000","sku":{"family":"A","name":"standard"}}}""");
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("VaultNameNotValid", answer.ErrorCode);
        var get = await emulator.ArmAsync(HttpMethod.Get, $"{emulator.VaultId(name)}?api-version=2022-07-01");
        Assert.Equal(HttpStatusCode.NotFound, get.Status);
    }

    [Theory]
    [InlineData("westeurope\n")]
    [InlineData("west\u0000europe")]
    [InlineData(" westeurope")]
    public async Task Arm_vault_location_with_a_control_character_is_refused_and_not_created(string location)
    {
        var name = EmulatorFixture.UniqueName("loc");
        var body = new JsonObject
        {
            ["location"] = location,
            ["properties"] = new JsonObject { ["tenantId"] = emulator.Info.TenantId, ["sku"] = new JsonObject { ["family"] = "A", ["name"] = "standard" } },
        };
        var answer = await emulator.ArmAsync(HttpMethod.Put, $"{emulator.VaultId(name)}?api-version=2022-07-01", body.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("LocationNotAvailableForResourceType", answer.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.ArmAsync(HttpMethod.Get, $"{emulator.VaultId(name)}?api-version=2022-07-01")).Status);
    }

    [Theory]
    [InlineData("GET", "0.1")]
    [InlineData("PUT", "0.1")]
    [InlineData("PUT", "7.6\n")]
    [InlineData("PUT", "latest")]
    public async Task Unknown_api_version_is_400_and_nothing_is_written(string method, string apiVersion)
    {
        var name = EmulatorFixture.UniqueName("apiv");
        var token = await emulator.GetTokenAsync();
        var answer = await emulator.VaultAsync(new HttpMethod(method), "local", $"/secrets/{name}?api-version={Uri.EscapeDataString(apiVersion)}", token,
            method == "PUT" ? """{"value":"v"}""" : null);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("BadParameter", answer.ErrorCode);
        Assert.Contains("is not recognized", answer.Text, StringComparison.Ordinal);
        var get = await emulator.VaultAsync(HttpMethod.Get, "local", $"/secrets/{name}?api-version=7.6", token);
        Assert.Equal(HttpStatusCode.NotFound, get.Status);
    }
}
