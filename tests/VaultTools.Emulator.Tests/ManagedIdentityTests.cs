using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.IdentityModel.JsonWebTokens;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

/// <summary>
/// Managed identity through the two paths Azure.Identity uses. The variables it reads are
/// process-wide, so these tests run in their own collection with parallelization disabled and
/// restore the environment afterwards.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ManagedIdentityCollection : ICollectionFixture<EmulatorFixture>
{
    public const string Name = "ManagedIdentity";
}

[Collection(ManagedIdentityCollection.Name)]
public sealed class ManagedIdentityTests(EmulatorFixture emulator)
{
    private static readonly string[] Variables = ["IDENTITY_ENDPOINT", "IDENTITY_HEADER", "AZURE_POD_IDENTITY_AUTHORITY_HOST", "MSI_ENDPOINT", "IMDS_ENDPOINT", "IDENTITY_SERVER_THUMBPRINT", "MSI_SECRET"];

    private static async Task WithEnvironment(Dictionary<string, string> values, Func<Task> body)
    {
        var saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var v in Variables)
            {
                Environment.SetEnvironmentVariable(v, values.GetValueOrDefault(v));
            }
            await body();
        }
        finally
        {
            foreach (var (k, v) in saved)
            {
                Environment.SetEnvironmentVariable(k, v);
            }
        }
    }

    private ManagedIdentityCredential Credential(ManagedIdentityId id) =>
        new(new ManagedIdentityCredentialOptions(id) { Transport = emulator.Transport });

    [Fact]
    public Task App_service_endpoint_gives_the_system_identity_a_working_vault_token() =>
        WithEnvironment(new()
        {
            ["IDENTITY_ENDPOINT"] = emulator.Info.IdentityEndpoint,
            ["IDENTITY_HEADER"] = emulator.Info.IdentityHeader,
        }, async () =>
        {
            var credential = Credential(ManagedIdentityId.SystemAssigned);
            var token = await credential.GetTokenAsync(new TokenRequestContext(["https://vault.azure.net/.default"]), default);
            var jwt = new JsonWebToken(token.Token);
            Assert.Equal(emulator.Info.Identity("system").ObjectId, jwt.GetClaim("oid").Value);
            Assert.Equal(["https://vault.azure.net"], jwt.Audiences);

            var client = emulator.CreateSecretClient("local", credential);
            var name = EmulatorFixture.UniqueName("mi-appservice");
            await client.SetSecretAsync(name, "via-app-service");
            Assert.Equal("via-app-service", (await client.GetSecretAsync(name)).Value.Value);
        });

    [Fact]
    public Task Imds_endpoint_gives_a_user_assigned_identity_by_client_id() =>
        WithEnvironment(new()
        {
            ["AZURE_POD_IDENTITY_AUTHORITY_HOST"] = emulator.Info.ImdsAuthorityHost,
        }, async () =>
        {
            var reader = emulator.Info.Identity("reader");
            var credential = Credential(ManagedIdentityId.FromUserAssignedClientId(reader.ClientId!));
            var token = await credential.GetTokenAsync(new TokenRequestContext(["https://vault.azure.net/.default"]), default);
            var jwt = new JsonWebToken(token.Token);
            Assert.Equal(reader.ObjectId, jwt.GetClaim("oid").Value);
            Assert.Equal(reader.ClientId, jwt.GetClaim("appid").Value);

            var client = emulator.CreateSecretClient(null, credential);
            var name = EmulatorFixture.UniqueName("mi-imds");
            await client.SetSecretAsync(name, "via-imds");
            Assert.Equal("via-imds", (await client.GetSecretAsync(name)).Value.Value);
        });

    [Fact]
    public async Task Both_sources_work_in_one_process_one_after_the_other()
    {
        // Guards against a per-process cache of the detected managed-identity source.
        var scope = new TokenRequestContext(["https://vault.azure.net/.default"]);
        string Oid(AccessToken t) => new JsonWebToken(t.Token).GetClaim("oid").Value;
        var appService = new Dictionary<string, string> { ["IDENTITY_ENDPOINT"] = emulator.Info.IdentityEndpoint, ["IDENTITY_HEADER"] = emulator.Info.IdentityHeader };
        var imds = new Dictionary<string, string> { ["AZURE_POD_IDENTITY_AUTHORITY_HOST"] = emulator.Info.ImdsAuthorityHost };
        var reader = emulator.Info.Identity("reader");
        await WithEnvironment(imds, async () =>
            Assert.Equal(reader.ObjectId, Oid(await Credential(ManagedIdentityId.FromUserAssignedObjectId(reader.ObjectId)).GetTokenAsync(scope, default))));
        await WithEnvironment(appService, async () =>
            Assert.Equal(reader.ObjectId, Oid(await Credential(ManagedIdentityId.FromUserAssignedClientId(reader.ClientId!)).GetTokenAsync(scope, default))));
        await WithEnvironment(imds, async () =>
            Assert.Equal(emulator.Info.Identity("system").ObjectId, Oid(await Credential(ManagedIdentityId.SystemAssigned).GetTokenAsync(scope, default))));
    }

    [Fact]
    public async Task Imds_wire_shape_and_errors()
    {
        var url = $"{emulator.Info.ImdsEndpoint}?api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net";

        using (var noHeader = await emulator.Http.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noHeader.StatusCode);
            Assert.Equal("""{"error":"invalid_request","error_description":"Required metadata header not specified"}""", await noHeader.Content.ReadAsStringAsync());
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, url))
        {
            request.Headers.Add("Metadata", "true");
            using var ok = await emulator.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            using var json = JsonDocument.Parse(await ok.Content.ReadAsStringAsync());
            var root = json.RootElement;
            Assert.Equal(["access_token", "client_id", "expires_in", "expires_on", "ext_expires_in", "not_before", "resource", "token_type"],
                root.EnumerateObject().Select(p => p.Name));
            Assert.Equal("Bearer", root.GetProperty("token_type").GetString());
            Assert.Equal("https://vault.azure.net", root.GetProperty("resource").GetString());
            Assert.Equal(emulator.Info.Identity("system").ClientId, root.GetProperty("client_id").GetString());
            Assert.Equal("3600", root.GetProperty("expires_in").GetString());
            var expiresOn = long.Parse(root.GetProperty("expires_on").GetString()!, CultureInfo.InvariantCulture);
            Assert.InRange(expiresOn - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 3590, 3610);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, url + "&object_id=" + emulator.Info.Identity("reader").ObjectId))
        {
            request.Headers.Add("Metadata", "true");
            using var byObjectId = await emulator.Http.SendAsync(request);
            using var json = JsonDocument.Parse(await byObjectId.Content.ReadAsStringAsync());
            Assert.Equal(emulator.Info.Identity("reader").ClientId, json.RootElement.GetProperty("client_id").GetString());
        }

        foreach (var unknown in new[] { "&client_id=" + Guid.NewGuid(), "&client_id=" + emulator.Info.Identity("admin").ClientId })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url + unknown);
            request.Headers.Add("Metadata", "true");
            using var response = await emulator.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("""{"error":"invalid_request","error_description":"Identity not found"}""", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task App_service_wire_shape_and_header_check()
    {
        var url = $"{emulator.Info.IdentityEndpoint}?api-version=2019-08-01&resource=https://vault.azure.net";
        using (var missing = await emulator.Http.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        }
        using (var wrong = new HttpRequestMessage(HttpMethod.Get, url))
        {
            wrong.Headers.Add("X-IDENTITY-HEADER", "not-the-header");
            using var response = await emulator.Http.SendAsync(wrong);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, url + "&principal_id=" + emulator.Info.Identity("reader").ObjectId);
        request.Headers.Add("X-IDENTITY-HEADER", emulator.Info.IdentityHeader);
        using var ok = await emulator.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var json = JsonDocument.Parse(await ok.Content.ReadAsStringAsync());
        Assert.Equal(["access_token", "expires_on", "resource", "token_type", "client_id"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(emulator.Info.Identity("reader").ClientId, json.RootElement.GetProperty("client_id").GetString());
    }
}
