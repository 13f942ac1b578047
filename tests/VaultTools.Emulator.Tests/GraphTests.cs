using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

/// <summary>
/// The emulator of the Graph tests: applications whose passwords are rotated ("rotated", "selfrotated"),
/// an owner that is not the admin ("rotator"), and a service principal that owns nothing ("stranger").
/// </summary>
public sealed class GraphFixture : EmulatorFixture
{
    protected override string Config => """
        {
          "identities": [
            { "name": "rotator", "type": "ServicePrincipal" },
            { "name": "stranger", "type": "ServicePrincipal" },
            { "name": "rotated", "type": "ServicePrincipal", "owners": ["rotator"] },
            { "name": "selfrotated", "type": "ServicePrincipal", "owners": ["selfrotated"] },
            { "name": "fixedapp", "type": "ServicePrincipal", "applicationObjectId": "a0000000-0000-4000-8000-00000000000a" },
            { "name": "mi", "type": "UserAssignedManagedIdentity" }
          ],
          "roleAssignments": [
            { "principal": "rotated", "roleDefinitionName": "Key Vault Secrets Officer", "scope": "/vaults/local" },
            { "principal": "selfrotated", "roleDefinitionName": "Key Vault Secrets Officer", "scope": "/vaults/local" }
          ]
        }
        """;
}

[CollectionDefinition(Name)]
public sealed class GraphCollection : ICollectionFixture<GraphFixture>
{
    public const string Name = "Graph";
}

/// <summary>
/// The Microsoft Graph subset: app registrations of the emulator's service principals, their passwords added
/// and removed, each proved by signing in with Azure.Identity's ClientSecretCredential over HTTPS.
/// </summary>
[Collection(GraphCollection.Name)]
public sealed class GraphTests(GraphFixture emulator)
{
    private const string GraphScope = "https://graph.microsoft.com/.default";

    private async Task<HttpAnswer> GraphAsync(HttpMethod method, string path, string? token, string? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(new Uri(emulator.Info.GraphEndpoint), path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        using var response = await emulator.Http.SendAsync(request);
        return await HttpAnswer.ReadAsync(response);
    }

    private ClientSecretCredential Credential(string identity, string secret) =>
        new(emulator.Info.TenantId, emulator.Info.Identity(identity).ClientId, secret, new ClientSecretCredentialOptions
        {
            AuthorityHost = new Uri(emulator.Info.AuthorityHost),
            DisableInstanceDiscovery = true,
            Transport = emulator.Transport,
        });

    private async Task<JsonNode> AddPassword(string application, string token, string displayName, string? endDateTime = null)
    {
        var end = endDateTime is null ? "" : $",\"endDateTime\":\"{endDateTime}\"";
        var answer = await GraphAsync(HttpMethod.Post, $"v1.0/applications/{application}/addPassword", token,
            $"{{\"passwordCredential\":{{\"displayName\":\"{displayName}\"{end}}}}}");
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        return answer.Json!;
    }

    private async Task<HttpAnswer> RemovePassword(string application, string token, string keyId) =>
        await GraphAsync(HttpMethod.Post, $"v1.0/applications/{application}/removePassword", token, $"{{\"keyId\":\"{keyId}\"}}");

    /// <summary>Signs in with the secret and reads a secret of the vault with the official SecretClient.</summary>
    private async Task SignInAndUseVault(string identity, string secret, string secretName)
    {
        var client = emulator.CreateSecretClient(credential: Credential(identity, secret));
        await client.SetSecretAsync(secretName, "v");
        Assert.Equal("v", (await client.GetSecretAsync(secretName)).Value.Value);
    }

    private static async Task AssertSignInRefused(ClientSecretCredential credential, string aadsts)
    {
        var ex = await Assert.ThrowsAsync<AuthenticationFailedException>(async () =>
            await credential.GetTokenAsync(new TokenRequestContext([EmulatorFixture.VaultScope]), default));
        Assert.Contains(aadsts, ex.ToString(), StringComparison.Ordinal); // MSAL's exception (inner) carries the AADSTS code
    }

    [Fact]
    public void Emulator_json_gives_the_graph_endpoint_and_each_service_principal_an_application_object_id()
    {
        Assert.Equal($"https://localhost:{emulator.Info.HttpsPort}/", emulator.Info.GraphEndpoint);
        foreach (var identity in emulator.Info.Identities)
        {
            if (identity.Type == "ServicePrincipal")
            {
                Assert.True(Guid.TryParse(identity.ApplicationObjectId, out _), identity.Name);
                Assert.NotEqual(identity.ObjectId, identity.ApplicationObjectId);
                Assert.NotEqual(identity.ClientId, identity.ApplicationObjectId);
            }
            else
            {
                Assert.Null(identity.ApplicationObjectId);
            }
        }
        Assert.Equal("a0000000-0000-4000-8000-00000000000a", emulator.Info.Identity("fixedapp").ApplicationObjectId);
        var ids = emulator.Info.Identities.Where(i => i.ApplicationObjectId is not null).Select(i => i.ApplicationObjectId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task The_admin_reads_an_application_whose_first_password_is_its_client_secret()
    {
        var app = emulator.Info.Identity("stranger");
        var answer = await GraphAsync(HttpMethod.Get, $"v1.0/applications/{app.ApplicationObjectId}", await emulator.TokenForAsync("admin", GraphScope));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var json = answer.Json!;
        Assert.Equal(app.ApplicationObjectId, json["id"]!.GetValue<string>());
        Assert.Equal(app.ClientId, json["appId"]!.GetValue<string>());
        Assert.Equal("stranger", json["displayName"]!.GetValue<string>());
        Assert.EndsWith("/v1.0/$metadata#applications/$entity", json["@odata.context"]!.GetValue<string>(), StringComparison.Ordinal);
        var first = json["passwordCredentials"]!.AsArray()[0]!;
        Assert.Equal(app.ClientSecret![..3], first["hint"]!.GetValue<string>());
        Assert.Null(first["secretText"]);
        Assert.True(Guid.TryParse(first["keyId"]!.GetValue<string>(), out _));
        Assert.DoesNotContain(app.ClientSecret, answer.Text, StringComparison.Ordinal);
        Assert.NotNull(answer.Headers.GetValues("request-id").Single());
    }

    [Fact]
    public async Task An_added_password_signs_in_at_once_the_old_one_until_removed_and_a_removed_one_never_again()
    {
        var app = emulator.Info.Identity("rotated");
        var token = await emulator.TokenForAsync("rotator", GraphScope);
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var added = await AddPassword(app.ApplicationObjectId!, token, "rotation 1");

        var secretText = added["secretText"]!.GetValue<string>();
        var keyId = added["keyId"]!.GetValue<string>();
        Assert.Equal("rotation 1", added["displayName"]!.GetValue<string>());
        Assert.Equal(secretText[..3], added["hint"]!.GetValue<string>());
        Assert.True(secretText.Length >= 32);
        var start = DateTimeOffset.Parse(added["startDateTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var end = DateTimeOffset.Parse(added["endDateTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(start, before, DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.InRange((end - start).TotalDays, 729, 731); // Graph's default: two years

        // The new password works at once; the original still does.
        await SignInAndUseVault("rotated", secretText, EmulatorFixture.UniqueName("graph-new"));
        await SignInAndUseVault("rotated", app.ClientSecret!, EmulatorFixture.UniqueName("graph-old"));

        // Listed without its text.
        var read = await GraphAsync(HttpMethod.Get, $"v1.0/applications/{app.ApplicationObjectId}", token);
        var listed = read.Json!["passwordCredentials"]!.AsArray().Single(p => p!["keyId"]!.GetValue<string>() == keyId)!;
        Assert.Null(listed["secretText"]);
        Assert.DoesNotContain(secretText, read.Text, StringComparison.Ordinal);

        // Removed: 204, and the secret no longer signs in (a fresh credential, so no cached token helps).
        var removed = await RemovePassword(app.ApplicationObjectId!, token, keyId);
        Assert.Equal(HttpStatusCode.NoContent, removed.Status);
        await AssertSignInRefused(Credential("rotated", secretText), "AADSTS7000215");
        await SignInAndUseVault("rotated", app.ClientSecret!, EmulatorFixture.UniqueName("graph-old"));

        // state.json (what a restart reads) forgets it at once.
        var state = await File.ReadAllTextAsync(Path.Combine(emulator.Info.DataPath, "state.json"));
        Assert.DoesNotContain(keyId, state, StringComparison.Ordinal);

        // Removing it again: the application has no such password.
        var again = await RemovePassword(app.ApplicationObjectId!, token, keyId);
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal("Request_BadRequest", again.ErrorCode);
    }

    [Fact]
    public async Task An_application_may_own_itself_and_replace_its_original_client_secret()
    {
        var app = emulator.Info.Identity("selfrotated");
        var original = Credential("selfrotated", app.ClientSecret!);
        var token = (await original.GetTokenAsync(new TokenRequestContext([GraphScope]), default)).Token;
        var added = await AddPassword(app.ApplicationObjectId!, token, "next");
        var listed = (await GraphAsync(HttpMethod.Get, $"v1.0/applications/{app.ApplicationObjectId}", token)).Json!["passwordCredentials"]!.AsArray();
        var originalKeyId = listed.First(p => p!["hint"]!.GetValue<string>() == app.ClientSecret![..3] && p["keyId"]!.GetValue<string>() != added["keyId"]!.GetValue<string>())!["keyId"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NoContent, (await RemovePassword(app.ApplicationObjectId!, token, originalKeyId)).Status);

        await AssertSignInRefused(Credential("selfrotated", app.ClientSecret!), "AADSTS7000215");
        await SignInAndUseVault("selfrotated", added["secretText"]!.GetValue<string>(), EmulatorFixture.UniqueName("graph-self"));
        var state = await File.ReadAllTextAsync(Path.Combine(emulator.Info.DataPath, "state.json"));
        Assert.Contains(added["keyId"]!.GetValue<string>(), state, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_past_its_end_date_is_refused_as_expired()
    {
        var app = emulator.Info.Identity("rotated");
        var token = await emulator.TokenForAsync("admin", GraphScope);
        var added = await AddPassword(app.ApplicationObjectId!, token, "short", DateTimeOffset.UtcNow.AddSeconds(2).ToString("o"));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await AssertSignInRefused(Credential("rotated", added["secretText"]!.GetValue<string>()), "AADSTS7000222");
    }

    [Fact]
    public async Task A_caller_who_does_not_own_the_application_is_refused_with_graphs_403()
    {
        var app = emulator.Info.Identity("rotated");
        var token = await emulator.TokenForAsync("stranger", GraphScope);
        foreach (var (method, path, body) in new[]
        {
            (HttpMethod.Get, $"v1.0/applications/{app.ApplicationObjectId}", (string?)null),
            (HttpMethod.Post, $"v1.0/applications/{app.ApplicationObjectId}/addPassword", "{\"passwordCredential\":{}}"),
            (HttpMethod.Post, $"v1.0/applications/{app.ApplicationObjectId}/removePassword", $"{{\"keyId\":\"{Guid.NewGuid()}\"}}"),
        })
        {
            var answer = await GraphAsync(method, path, token, body);
            Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
            Assert.Equal("Authorization_RequestDenied", answer.ErrorCode);
            Assert.Equal("Insufficient privileges to complete the operation.", answer.ErrorMessage);
            Assert.NotNull(answer.Json!["error"]!["innerError"]!["request-id"]);
        }
        // Ownership is per application: the rotator owns "rotated", not "stranger".
        var other = await GraphAsync(HttpMethod.Get, $"v1.0/applications/{emulator.Info.Identity("stranger").ApplicationObjectId}",
            await emulator.TokenForAsync("rotator", GraphScope));
        Assert.Equal(HttpStatusCode.Forbidden, other.Status);
    }

    [Fact]
    public async Task Tokens_ids_and_bodies_are_checked_as_graph_does()
    {
        var app = emulator.Info.Identity("rotated");
        var admin = await emulator.TokenForAsync("admin", GraphScope);

        var none = await GraphAsync(HttpMethod.Get, $"v1.0/applications/{app.ApplicationObjectId}", null);
        Assert.Equal((HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", "Access token is empty."), (none.Status, none.ErrorCode, none.ErrorMessage));

        var vaultToken = await GraphAsync(HttpMethod.Get, $"v1.0/applications/{app.ApplicationObjectId}", await emulator.TokenForAsync("admin"));
        Assert.Equal((HttpStatusCode.Unauthorized, "InvalidAuthenticationToken"), (vaultToken.Status, vaultToken.ErrorCode));
        Assert.Contains("Invalid audience", vaultToken.ErrorMessage, StringComparison.Ordinal);

        var unknown = Guid.NewGuid().ToString();
        var missing = await GraphAsync(HttpMethod.Get, $"v1.0/applications/{unknown}", admin);
        Assert.Equal((HttpStatusCode.NotFound, "Request_ResourceNotFound"), (missing.Status, missing.ErrorCode));
        Assert.Contains(unknown, missing.ErrorMessage, StringComparison.Ordinal);

        // A service principal's object id and client id are not the application's object id.
        var byObjectId = await GraphAsync(HttpMethod.Get, $"v1.0/applications/{app.ObjectId}", admin);
        Assert.Equal(HttpStatusCode.NotFound, byObjectId.Status);

        var malformed = await GraphAsync(HttpMethod.Get, "v1.0/applications/not-a-guid", admin);
        Assert.Equal((HttpStatusCode.BadRequest, "Request_BadRequest", "Invalid object identifier 'not-a-guid'."), (malformed.Status, malformed.ErrorCode, malformed.ErrorMessage));

        foreach (var body in new[] { "not json", "{\"passwordCredential\":{\"endDateTime\":\"yesterday\"}}", "{\"passwordCredential\":{\"endDateTime\":\"2001-01-01T00:00:00Z\"}}", "{\"passwordCredential\":5}" })
        {
            var bad = await GraphAsync(HttpMethod.Post, $"v1.0/applications/{app.ApplicationObjectId}/addPassword", admin, body);
            Assert.True(bad.Status == HttpStatusCode.BadRequest && bad.ErrorCode == "Request_BadRequest", body + " -> " + bad.Text);
        }
        var badKey = await GraphAsync(HttpMethod.Post, $"v1.0/applications/{app.ApplicationObjectId}/removePassword", admin, "{\"keyId\":\"nope\"}");
        Assert.Equal((HttpStatusCode.BadRequest, "Request_BadRequest"), (badKey.Status, badKey.ErrorCode));

        var other = await GraphAsync(HttpMethod.Get, "v1.0/users", admin);
        Assert.Equal(HttpStatusCode.NotImplemented, other.Status);
    }

    [Fact]
    public async Task Passwords_added_and_removed_last_across_a_restart_and_a_managed_identity_owner_can_rotate()
    {
        var dataPath = EmulatorProcess.NewDataDirectory();
        var configPath = dataPath + "-config.json";
        await File.WriteAllTextAsync(configPath, """
            { "identities": [ { "name": "app", "type": "ServicePrincipal", "owners": ["runbook"] },
                              { "name": "runbook", "type": "UserAssignedManagedIdentity" } ] }
            """);
        string added, original, originalKeyId;
        var first = await EmulatorProcess.StartAsync(dataPath, "--in-memory", "--config", configPath);
        // Its own data folder, so its own CA (kept across the restart): clients pinned to it.
        using var ca = EmulatorTransport.LoadCa(first.Info.CaCertificatePath);
        using var http = EmulatorTransport.CreateHttpClient(ca);
        var transport = EmulatorTransport.CreateTransport(ca);
        using (first)
        {
            var app = first.Info.Identity("app");
            original = app.ClientSecret!;
            // The managed identity's token for Graph, from the emulator's IMDS endpoint.
            using var imds = new HttpRequestMessage(HttpMethod.Get,
                $"http://127.0.0.1:{first.Info.IdentityPort}/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://graph.microsoft.com&client_id={first.Info.Identity("runbook").ClientId}");
            imds.Headers.Add("Metadata", "true");
            using var plain = new HttpClient();
            using var tokenResponse = await plain.SendAsync(imds);
            var token = JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();

            async Task<HttpAnswer> Graph(HttpMethod method, string path, string? body)
            {
                using var request = new HttpRequestMessage(method, new Uri(new Uri(first.Info.GraphEndpoint), path));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                }
                using var response = await http.SendAsync(request);
                return await HttpAnswer.ReadAsync(response);
            }

            var answer = await Graph(HttpMethod.Post, $"v1.0/applications/{app.ApplicationObjectId}/addPassword", "{\"passwordCredential\":{\"displayName\":\"monthly\"}}");
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            added = answer.Json!["secretText"]!.GetValue<string>();
            var listed = (await Graph(HttpMethod.Get, $"v1.0/applications/{app.ApplicationObjectId}", null)).Json!["passwordCredentials"]!.AsArray();
            originalKeyId = listed.First(p => p!["displayName"]!.GetValue<string>() == "clientSecret")!["keyId"]!.GetValue<string>();
            Assert.Equal(HttpStatusCode.NoContent, (await Graph(HttpMethod.Post, $"v1.0/applications/{app.ApplicationObjectId}/removePassword", $"{{\"keyId\":\"{originalKeyId}\"}}")).Status);
            first.KillHard();
        }

        var second = await EmulatorProcess.StartAsync(dataPath, "--in-memory", "--config", configPath);
        try
        {
            Assert.Null(second.Info.Identity("app").ClientSecret); // the removed original is not offered again
            var credential = new ClientSecretCredential(second.Info.TenantId, second.Info.Identity("app").ClientId, added,
                new ClientSecretCredentialOptions { AuthorityHost = new Uri(second.Info.AuthorityHost), DisableInstanceDiscovery = true, Transport = transport });
            var token = await credential.GetTokenAsync(new TokenRequestContext([EmulatorFixture.VaultScope]), default);
            Assert.False(string.IsNullOrEmpty(token.Token));
            await AssertSignInRefused(new ClientSecretCredential(second.Info.TenantId, second.Info.Identity("app").ClientId, original,
                new ClientSecretCredentialOptions { AuthorityHost = new Uri(second.Info.AuthorityHost), DisableInstanceDiscovery = true, Transport = transport }), "AADSTS7000215");
        }
        finally
        {
            second.Dispose();
            Directory.Delete(dataPath, recursive: true);
            File.Delete(configPath);
        }
    }
}
