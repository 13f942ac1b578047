using System.Net;
using Azure.Security.KeyVault.Secrets;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

[CollectionDefinition(Name)]
public sealed class DurabilityCollection
{
    public const string Name = "Durability";
}

/// <summary>--data-dir without --in-memory: an acknowledged write survives kill -9 and a restart.</summary>
[Collection(DurabilityCollection.Name)]
public sealed class DurabilityTests
{
    [Fact]
    public async Task Acknowledged_writes_survive_kill_9_and_restart_with_the_same_identity_and_ca()
    {
        var dataPath = EmulatorProcess.NewDataDirectory();
        try
        {
            string version;
            EmulatorInfo firstInfo;
            string caPem;
            using (var first = await EmulatorProcess.StartAsync(dataPath))
            {
                firstInfo = first.Info;
                Assert.True(firstInfo.Persistent);
                Assert.True(File.Exists(Path.Combine(dataPath, "vault.db")));
                caPem = await File.ReadAllTextAsync(firstInfo.CaCertificatePath);
                var client = Client(first.Info);
                await client.SetSecretAsync("durable", "v1");
                version = (await client.SetSecretAsync(new KeyVaultSecret("durable", "v2") { Properties = { Tags = { ["k"] = "v" } } })).Value.Properties.Version;
                await (await client.StartDeleteSecretAsync("durable")).WaitForCompletionAsync();
                await (await client.StartRecoverDeletedSecretAsync("durable")).WaitForCompletionAsync();
                await client.SetSecretAsync("deleted-one", "x");
                await client.StartDeleteSecretAsync("deleted-one");

                // ARM changes are durable too: a vault created, a role granted, a default role revoked.
                using var arm = new ArmCaller(first.Info);
                Assert.Equal(HttpStatusCode.Created, await arm.SendAsync(HttpMethod.Put, $"{VaultId(first.Info, "armvault")}?api-version=2023-07-01",
                    $$$"""{"location":"emulator","properties":{"tenantId":"{{{first.Info.TenantId}}}","sku":{"family":"A","name":"standard"},"enableRbacAuthorization":true}}"""));
                Assert.Equal(HttpStatusCode.Created, await arm.SendAsync(HttpMethod.Put,
                    $"{VaultId(first.Info, "armvault")}/providers/Microsoft.Authorization/roleAssignments/{GrantName}?api-version=2022-04-01",
                    $$$"""{"properties":{"roleDefinitionId":"/subscriptions/{{{first.Info.SubscriptionId}}}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6","principalId":"{{{first.Info.Identity("system").ObjectId}}}"}}"""));
                var systemDefault = await arm.FindAsync(first.Info, first.Info.Identity("system").ObjectId, "00482a5a-887f-4fb3-b363-3b7fe8e74483");
                Assert.NotNull(systemDefault);
                Assert.Equal(HttpStatusCode.OK, await arm.SendAsync(HttpMethod.Delete, $"/subscriptions/{first.Info.SubscriptionId}/providers/Microsoft.Authorization/roleAssignments/{systemDefault}?api-version=2022-04-01"));
                first.KillHard();
                Assert.True(first.HasExited);
            }

            using var second = await EmulatorProcess.StartAsync(dataPath);
            Assert.Equal(firstInfo.TenantId, second.Info.TenantId);
            Assert.Equal(firstInfo.SubscriptionId, second.Info.SubscriptionId);
            Assert.Equal(firstInfo.Identity("admin").ClientSecret, second.Info.Identity("admin").ClientSecret);
            Assert.Equal(firstInfo.Identity("system").ObjectId, second.Info.Identity("system").ObjectId);
            Assert.Equal(caPem, await File.ReadAllTextAsync(second.Info.CaCertificatePath));

            var again = Client(second.Info);
            KeyVaultSecret read = await again.GetSecretAsync("durable");
            Assert.Equal("v2", read.Value);
            Assert.Equal(version, read.Properties.Version);
            Assert.Equal("v", read.Properties.Tags["k"]);
            var versions = 0;
            await foreach (var _ in again.GetPropertiesOfSecretVersionsAsync("durable"))
            {
                versions++;
            }
            Assert.Equal(2, versions);
            DeletedSecret stillDeleted = await again.GetDeletedSecretAsync("deleted-one");
            Assert.Equal("deleted-one", stillDeleted.Name);

            using var armAgain = new ArmCaller(second.Info);
            Assert.Equal(HttpStatusCode.OK, await armAgain.SendAsync(HttpMethod.Get, $"{VaultId(second.Info, "armvault")}?api-version=2023-07-01"));
            Assert.Equal(HttpStatusCode.OK, await armAgain.SendAsync(HttpMethod.Get,
                $"{VaultId(second.Info, "armvault")}/providers/Microsoft.Authorization/roleAssignments/{GrantName}?api-version=2022-04-01"));
            // The revoked default stays revoked: the defaults are seeded once per database, not at every start.
            Assert.Null(await armAgain.FindAsync(second.Info, second.Info.Identity("system").ObjectId, "00482a5a-887f-4fb3-b363-3b7fe8e74483"));
            Assert.NotNull(await armAgain.FindAsync(second.Info, second.Info.Identity("admin").ObjectId, "00482a5a-887f-4fb3-b363-3b7fe8e74483"));
        }
        finally
        {
            try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task In_memory_entries_are_gone_after_a_restart_but_identities_stay()
    {
        var dataPath = EmulatorProcess.NewDataDirectory();
        try
        {
            EmulatorInfo firstInfo;
            using (var first = await EmulatorProcess.StartAsync(dataPath, "--in-memory"))
            {
                firstInfo = first.Info;
                Assert.False(firstInfo.Persistent);
                await Client(first.Info).SetSecretAsync("ephemeral", "x");
            }
            Assert.False(File.Exists(Path.Combine(dataPath, "vault.db")));
            using var second = await EmulatorProcess.StartAsync(dataPath, "--in-memory");
            Assert.Equal(firstInfo.Identity("admin").ClientId, second.Info.Identity("admin").ClientId);
            var ex = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => Client(second.Info).GetSecretAsync("ephemeral"));
            Assert.Equal(404, ex.Status);
        }
        finally
        {
            try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { }
        }
    }

    private const string GrantName = "5c6a3d1e-7d2b-4c61-9a55-0b1f3e2d4c5a";

    private static string VaultId(EmulatorInfo info, string vault) =>
        $"/subscriptions/{info.SubscriptionId}/resourceGroups/{info.ResourceGroupName}/providers/Microsoft.KeyVault/vaults/{vault}";

    /// <summary>Raw ARM calls as the administrator, on the pinned transport.</summary>
    private sealed class ArmCaller(EmulatorInfo info) : IDisposable
    {
        private readonly HttpClient _http = EmulatorTransport.CreateHttpClient(EmulatorTransport.LoadCa(info.CaCertificatePath));
        private string? _token;

        public async Task<HttpStatusCode> SendAsync(HttpMethod method, string pathAndQuery, string? body = null) =>
            (await SendForBodyAsync(method, pathAndQuery, body)).Status;

        /// <summary>The name of the principal's assignment of a role at subscription scope, or null.</summary>
        public async Task<string?> FindAsync(EmulatorInfo emulator, string principalId, string roleGuid)
        {
            var (_, text) = await SendForBodyAsync(HttpMethod.Get,
                $"/subscriptions/{emulator.SubscriptionId}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=atScope()");
            var value = System.Text.Json.Nodes.JsonNode.Parse(text)!["value"]!.AsArray();
            return value.FirstOrDefault(a => a!["properties"]!["principalId"]!.GetValue<string>() == principalId
                && a["properties"]!["roleDefinitionId"]!.GetValue<string>().EndsWith(roleGuid, StringComparison.Ordinal))?["name"]!.GetValue<string>();
        }

        private async Task<(HttpStatusCode Status, string Text)> SendForBodyAsync(HttpMethod method, string pathAndQuery, string? body = null)
        {
            if (_token is null)
            {
                var admin = info.Identity("admin");
                using var form = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = admin.ClientId!,
                    ["client_secret"] = admin.ClientSecret!,
                    ["scope"] = "https://management.azure.com/.default",
                });
                using var tokenResponse = await _http.PostAsync($"{info.AuthorityHost}{info.TenantId}/oauth2/v2.0/token", form);
                _token = System.Text.Json.Nodes.JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
            }
            using var request = new HttpRequestMessage(method, new Uri(new Uri(info.ManagementEndpoint), pathAndQuery));
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _token);
            if (body is not null)
            {
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            }
            using var response = await _http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        public void Dispose() => _http.Dispose();
    }

    private static SecretClient Client(EmulatorInfo info)
    {
        var ca = EmulatorTransport.LoadCa(info.CaCertificatePath);
        var transport = EmulatorTransport.CreateTransport(ca);
        var admin = info.Identity("admin");
        var credential = new Azure.Identity.ClientSecretCredential(info.TenantId, admin.ClientId, admin.ClientSecret,
            new Azure.Identity.ClientSecretCredentialOptions { AuthorityHost = new Uri(info.AuthorityHost), DisableInstanceDiscovery = true, Transport = transport });
        return new SecretClient(new Uri(info.VaultUri), credential,
            new SecretClientOptions { Transport = transport, DisableChallengeResourceVerification = true });
    }
}
