using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

/// <summary>emulator.json, host names and TLS, routing, response headers.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class HostingTests(EmulatorFixture emulator)
{
    [Fact]
    public void Emulator_json_has_the_contract_properties()
    {
        var info = emulator.Info;
        var https = info.HttpsPort;
        var id = info.IdentityPort;
        Assert.NotEqual(0, https);
        Assert.NotEqual(0, id);
        Assert.Equal($"https://localhost:{https}/", info.VaultUri);
        Assert.Equal($"https://{{vault}}.localhost:{https}/", info.VaultUriTemplate);
        Assert.Equal("local", info.DefaultVaultName);
        Assert.Equal($"https://localhost:{https}/", info.AuthorityHost);
        Assert.Equal($"https://localhost:{https}/", info.ManagementEndpoint);
        Assert.Equal("emulator", info.ResourceGroupName);
        Assert.Equal($"http://127.0.0.1:{id}/metadata/identity/oauth2/token", info.ImdsEndpoint);
        Assert.Equal($"http://127.0.0.1:{id}/msi/token", info.IdentityEndpoint);
        Assert.Matches("^[0-9a-f]{32}$", info.IdentityHeader);
        Assert.Equal(Path.Combine(emulator.Process.DataPath, "ca.pem"), info.CaCertificatePath);
        Assert.Equal(emulator.Process.DataPath, info.DataPath);
        Assert.True(Guid.TryParse(info.TenantId, out _));
        Assert.True(Guid.TryParse(info.SubscriptionId, out _));
        Assert.False(info.Persistent);
        Assert.Equal(["apvault", "local", "paging", "protected", "second"], info.Vaults.Order());

        var admin = info.Identity("admin");
        Assert.Equal("ServicePrincipal", admin.Type);
        Assert.True(Guid.TryParse(admin.ClientId, out _));
        Assert.True(Guid.TryParse(admin.ObjectId, out _));
        Assert.False(string.IsNullOrEmpty(admin.ClientSecret));
        var system = info.Identity("system");
        Assert.Equal("SystemAssignedManagedIdentity", system.Type);
        Assert.Null(system.ClientSecret);
        var reader = info.Identity("reader");
        Assert.Equal("UserAssignedManagedIdentity", reader.Type);
        Assert.Equal("11111111-1111-1111-1111-111111111111", reader.ClientId);
        Assert.Equal("22222222-2222-2222-2222-222222222222", reader.ObjectId);
        Assert.True(Guid.TryParse(info.Identity("ops").ClientId, out _)); // generated
        Assert.Equal("User", info.Identity("alice").Type);
        Assert.Null(info.Identity("alice").ClientId);
    }

    [Fact]
    public async Task Health_answers_without_auth_on_both_ports()
    {
        using var https = await emulator.Http.GetAsync($"{emulator.Info.VaultUri}.emulator/health");
        Assert.Equal(HttpStatusCode.OK, https.StatusCode);
        Assert.Equal("""{"status":"ok"}""", await https.Content.ReadAsStringAsync());
        using var plain = await emulator.Http.GetAsync($"http://127.0.0.1:{emulator.Info.IdentityPort}/.emulator/health");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("local.localhost")]
    [InlineData("paging.localhost")]
    public async Task Each_host_name_gets_its_own_leaf_certificate_from_the_emulator_ca(string host)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, emulator.Info.HttpsPort);
        X509Certificate2? served = null;
#pragma warning disable CA5359 // inspect only: the served certificate's chain and host name are checked below
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
        {
            served = new X509Certificate2(certificate!);
            return true;
        });
#pragma warning restore CA5359
        await ssl.AuthenticateAsClientAsync(host);
        Assert.NotNull(served);
        Assert.Equal(emulator.Ca.Subject, served!.Issuer);
        var san = served.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal([host], san.EnumerateDnsNames());
        Assert.Equal(host == "localhost" ? [IPAddress.Loopback] : Array.Empty<IPAddress>(), san.EnumerateIPAddresses());

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(emulator.Ca);
        Assert.True(chain.Build(served));
        Assert.True(served.MatchesHostname(host));
    }

    [Fact]
    public async Task Named_vault_passes_the_normal_tls_name_check_and_unpinned_clients_are_refused()
    {
        using var ok = await emulator.Http.GetAsync($"{emulator.Info.VaultUriFor("local")}.emulator/health");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        // Same connection trick, but the system trust store: the emulator's CA is not trusted there.
        using var unpinned = new HttpClient(new SocketsHttpHandler { ConnectCallback = EmulatorTransport.ConnectToLoopbackAsync });
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => unpinned.GetAsync($"{emulator.Info.VaultUriFor("local")}.emulator/health"));
        Assert.IsType<AuthenticationException>(ex.InnerException);
    }

    [Fact]
    public async Task Unknown_vault_is_VaultNotFound()
    {
        using var response = await emulator.SendAsync(HttpMethod.Get, "/secrets?api-version=7.6", vault: "nosuchvault");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("VaultNotFound", json.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("nosuchvault", json.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Vaults_are_separate()
    {
        var name = EmulatorFixture.UniqueName("separate");
        await emulator.CreateSecretClient("second").SetSecretAsync(name, "only-in-second");
        using var response = await emulator.SendAsync(HttpMethod.Get, $"/secrets/{name}?api-version=7.6", vault: "local");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var viaLocalhost = await emulator.SendAsync(HttpMethod.Get, $"/secrets/{name}?api-version=7.6");
        Assert.Equal(HttpStatusCode.NotFound, viaLocalhost.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/keys/k1/0123456789abcdef0123456789abcdef/attestation?api-version=7.6")]
    [InlineData("POST", "/rng?api-version=7.6")]
    [InlineData("POST", "/certificates/any/pending/merge?api-version=7.6")]
    public async Task Known_but_unimplemented_paths_are_501(string method, string path)
    {
        using var response = await emulator.SendAsync(new HttpMethod(method), path, jsonBody: method == "POST" ? "{}" : null);
        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("NotImplemented", json.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("does not implement", json.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Unimplemented_arm_paths_are_501_and_unknown_paths_are_404()
    {
        var arm = await emulator.ArmAsync(HttpMethod.Get, $"/subscriptions/{emulator.Info.SubscriptionId}/providers/Microsoft.KeyVault/deletedVaults?api-version=2023-07-01");
        Assert.Equal(HttpStatusCode.NotImplemented, arm.Status);
        Assert.Equal("NotImplemented", arm.ErrorCode);
        Assert.Contains("does not implement", arm.ErrorMessage);
        using var unknown = await emulator.SendAsync(HttpMethod.Get, "/nothing/here?api-version=7.6");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("\"code\":\"BadParameter\"", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Responses_carry_the_service_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{emulator.Info.VaultUri}secrets?api-version=7.6");
        request.Headers.Authorization = new("Bearer", await emulator.GetTokenAsync());
        request.Headers.Add("x-ms-client-request-id", "abc-123");
        using var response = await emulator.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(Guid.TryParse(response.Headers.GetValues("x-ms-request-id").Single(), out _));
        Assert.Equal("abc-123", response.Headers.GetValues("x-ms-client-request-id").Single());
        Assert.False(string.IsNullOrEmpty(response.Headers.GetValues("x-ms-keyvault-service-version").Single()));
        Assert.False(string.IsNullOrEmpty(response.Headers.GetValues("x-ms-keyvault-region").Single()));
        Assert.True(response.Headers.CacheControl!.NoCache);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Identity_port_serves_only_identity_endpoints()
    {
        using var response = await emulator.Http.GetAsync($"http://127.0.0.1:{emulator.Info.IdentityPort}/secrets?api-version=7.6");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var imdsOnHttps = await emulator.Http.GetAsync($"{emulator.Info.VaultUri}metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://vault.azure.net");
        Assert.Equal(HttpStatusCode.NotFound, imdsOnHttps.StatusCode);
    }
}
