using System.Net;
using Azure;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

/// <summary>Error statuses, codes and bodies as the service sends them.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class SecretErrorTests(EmulatorFixture emulator)
{
    [Fact]
    public async Task Unknown_secret_is_404_with_the_service_message()
    {
        var client = emulator.CreateSecretClient();
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync("does-not-exist"));
        Assert.Equal(404, ex.Status);
        Assert.Equal("SecretNotFound", ex.ErrorCode);

        using var raw = await emulator.SendAsync(HttpMethod.Get, "/secrets/does-not-exist?api-version=7.6");
        Assert.Equal(
            """{"error":{"code":"SecretNotFound","message":"A secret with (name/id) does-not-exist was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182"}}""",
            await raw.Content.ReadAsStringAsync());
        Assert.Equal("application/json; charset=utf-8", raw.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Unknown_deleted_secret_and_unknown_version_are_404()
    {
        using var deleted = await emulator.SendAsync(HttpMethod.Get, "/deletedsecrets/never-deleted?api-version=7.6");
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
        Assert.Equal("""{"error":{"code":"SecretNotFound","message":"Deleted Secret not found: never-deleted"}}""", await deleted.Content.ReadAsStringAsync());

        var client = emulator.CreateSecretClient();
        var name = EmulatorFixture.UniqueName("version404");
        await client.SetSecretAsync(name, "x");
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync(name, "0123456789abcdef0123456789abcdef"));
        Assert.Equal(404, ex.Status);
        Assert.Equal("SecretNotFound", ex.ErrorCode);

        var recover = await Assert.ThrowsAsync<RequestFailedException>(() => client.StartRecoverDeletedSecretAsync(name));
        Assert.Equal(404, recover.Status);
        var purge = await Assert.ThrowsAsync<RequestFailedException>(() => client.PurgeDeletedSecretAsync(name));
        Assert.Equal(404, purge.Status);
        var delete = await Assert.ThrowsAsync<RequestFailedException>(() => client.StartDeleteSecretAsync("never-existed-x"));
        Assert.Equal(404, delete.Status);
        Assert.Equal("SecretNotFound", delete.ErrorCode);
    }

    [Theory]
    [InlineData("bad_name")]
    [InlineData("bad.name")]
    public async Task Bad_names_are_BadParameter(string name)
    {
        using var raw = await emulator.SendAsync(HttpMethod.Put, $"/secrets/{name}?api-version=7.6", jsonBody: """{"value":"x"}""");
        Assert.Equal(HttpStatusCode.BadRequest, raw.StatusCode);
        Assert.Equal("{\"error\":{\"code\":\"BadParameter\",\"message\":\"The request URI contains an invalid name: " + name + "\"}}", await raw.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_128_character_name_is_refused_and_127_is_accepted()
    {
        var client = emulator.CreateSecretClient();
        var ok = new string('a', 120) + Guid.NewGuid().ToString("N")[..7];
        Assert.Equal(127, ok.Length);
        Assert.Equal(ok, (await client.SetSecretAsync(ok, "x")).Value.Name);
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => client.SetSecretAsync(ok + "b", "x"));
        Assert.Equal(400, ex.Status);
        Assert.Equal("BadParameter", ex.ErrorCode);
    }

    [Fact]
    public async Task Value_limit_is_25k_bytes_of_utf8()
    {
        var client = emulator.CreateSecretClient();
        var name = EmulatorFixture.UniqueName("big");
        Assert.Equal(25 * 1024, (await client.SetSecretAsync(name, new string('x', 25 * 1024))).Value.Value.Length);
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => client.SetSecretAsync(name, new string('x', 25 * 1024 + 1)));
        Assert.Equal(400, ex.Status);
        Assert.Equal("BadParameter", ex.ErrorCode);
        // 'é' is two bytes in UTF-8: 12,801 of them exceed the limit though the string is shorter.
        var multiByte = await Assert.ThrowsAsync<RequestFailedException>(() => client.SetSecretAsync(name, new string('é', 12_801)));
        Assert.Equal(400, multiByte.Status);
    }

    [Fact]
    public async Task Tag_and_content_type_limits()
    {
        var name = EmulatorFixture.UniqueName("limits");
        var fifteen = string.Join(",", Enumerable.Range(0, 15).Select(i => $"\"t{i}\":\"v\""));
        using (var ok = await emulator.SendAsync(HttpMethod.Put, $"/secrets/{name}?api-version=7.6", jsonBody: "{\"value\":\"x\",\"tags\":{" + fifteen + "}}"))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        var sixteen = fifteen + ",\"t15\":\"v\"";
        foreach (var body in new[]
        {
            "{\"value\":\"x\",\"tags\":{" + sixteen + "}}",
            "{\"value\":\"x\",\"tags\":{\"" + new string('k', 513) + "\":\"v\"}}",
            "{\"value\":\"x\",\"tags\":{\"k\":\"" + new string('v', 513) + "\"}}",
            $$"""{"value":"x","contentType":"{{new string('c', 256)}}"}""",
            """{"tags":{}}""",
            """not json""",
        })
        {
            using var response = await emulator.SendAsync(HttpMethod.Put, $"/secrets/{name}?api-version=7.6", jsonBody: body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("\"code\":\"BadParameter\"", await response.Content.ReadAsStringAsync());
        }
        using var maxContentType = await emulator.SendAsync(HttpMethod.Put, $"/secrets/{name}?api-version=7.6", jsonBody: $$"""{"value":"x","contentType":"{{new string('c', 255)}}"}""");
        Assert.Equal(HttpStatusCode.OK, maxContentType.StatusCode);
    }

    [Fact]
    public async Task Missing_api_version_is_BadParameter()
    {
        using var response = await emulator.SendAsync(HttpMethod.Get, "/secrets");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"code\":\"BadParameter\"", await response.Content.ReadAsStringAsync());
        Assert.Contains("api-version", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("26")]
    [InlineData("abc")]
    public async Task Maxresults_outside_1_to_25_is_BadParameter(string maxresults)
    {
        using var response = await emulator.SendAsync(HttpMethod.Get, $"/secrets?api-version=7.6&maxresults={maxresults}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"code\":\"BadParameter\"", await response.Content.ReadAsStringAsync());
    }
}
