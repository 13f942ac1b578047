using Azure.Core;
using VaultTools.Errors;
using VaultTools.Keys.Client;
using Xunit;

namespace VaultTools.Core.Tests.Keys;

/// <summary>Key Vault's challenge flow through the keys client's pipeline.</summary>
public class ChallengeAuthenticationPolicyTests
{
    // Read per use, not in a static initializer: a missing reference folder must skip the test, not break the type.
    private static string Bundle => Recordings.Load("KeyVaultKeyClient.CreateRsaKey")[0].Body;

    private static KeyClient Client(FakeTransport transport, FakeCredential credential, string vault = Recordings.Vault, bool disableVerification = false)
    {
        var options = new KeyClientOptions { Transport = transport, DisableChallengeResourceVerification = disableVerification };
        options.Retry.MaxRetries = 0;
        return new KeyClient(new Uri(vault), credential, options);
    }

    [SkippableFact]
    public void First_request_gets_the_challenge_without_its_body_then_goes_with_a_token_for_the_challenges_tenant()
    {
        var transport = new FakeTransport(_ => FakeResponse.Json(200, Bundle));
        var credential = new FakeCredential();
        var client = Client(transport, credential);

        client.CreateRsaKey(new CreateRsaKeyOptions("CreateRsaKey") { KeySize = 2048 });

        Assert.Equal(2, transport.Requests.Count);
        var probe = transport.Requests[0];
        Assert.Null(probe.Authorization);
        Assert.Null(probe.Body);
        var real = transport.Requests[1];
        Assert.Equal("Bearer token-1", real.Authorization);
        Assert.Equal("RSA", real.Json.GetProperty("kty").GetString());
        var context = Assert.Single(credential.Requests);
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", context.TenantId);
        Assert.Equal(new[] { "https://vault.azure.net/.default" }, context.Scopes);
    }

    [SkippableFact]
    public void Later_requests_carry_the_cached_token_at_once()
    {
        var transport = new FakeTransport(_ => FakeResponse.Json(200, Bundle));
        var credential = new FakeCredential();
        var client = Client(transport, credential);

        client.GetKey("CreateRsaKey");
        client.GetKey("CreateRsaKey");
        client.GetKey("CreateRsaKey", "1e141cffaa43407b82179c2e2303dbc8");

        Assert.Equal(4, transport.Requests.Count); // one 401 probe, then three authorized calls
        Assert.All(transport.Requests.Skip(1), r => Assert.Equal("Bearer token-1", r.Authorization));
        Assert.Single(credential.Requests);
    }

    [Fact]
    public void A_challenge_for_another_resource_is_refused_and_no_token_is_requested()
    {
        var transport = new FakeTransport(_ => FakeResponse.Json(200, Bundle), "Bearer authorization=\"https://login.windows.net/tenant\", resource=\"https://vault.attacker.example\"");
        var credential = new FakeCredential();
        var client = Client(transport, credential);

        var ex = Assert.Throws<VaultException>(() => client.GetKey("CreateRsaKey"));

        Assert.Equal("VaultChallengeResourceMismatch", ex.ErrorId);
        Assert.Equal(VaultErrorKind.AuthenticationFailed, ex.Kind);
        Assert.Empty(credential.Requests);
        Assert.Single(transport.Requests);
    }

    [SkippableFact]
    public void Emulator_mode_accepts_the_emulators_resource()
    {
        var transport = new FakeTransport(_ => FakeResponse.Json(200, Bundle), "Bearer authorization=\"https://localhost:50123/emulator-tenant\", resource=\"https://vault.azure.net\"");
        var credential = new FakeCredential();
        var client = Client(transport, credential, "https://local.localhost:50123/", disableVerification: true);

        client.GetKey("CreateRsaKey");

        Assert.Equal("emulator-tenant", Assert.Single(credential.Requests).TenantId);
        Assert.Equal("Bearer token-1", transport.Requests.Last().Authorization);
    }

    [Fact]
    public void Without_verification_off_the_same_emulator_challenge_is_refused()
    {
        var transport = new FakeTransport(_ => FakeResponse.Json(200, Bundle), "Bearer authorization=\"https://localhost:50123/emulator-tenant\", resource=\"https://vault.azure.net\"");
        var client = Client(transport, new FakeCredential(), "https://local.localhost:50123/");
        Assert.Equal("VaultChallengeResourceMismatch", Assert.Throws<VaultException>(() => client.GetKey("CreateRsaKey")).ErrorId);
    }

    [Theory]
    [InlineData("Bearer authorization=\"https://login.windows.net/t1\", resource=\"https://vault.azure.net\"", "https://vault.azure.net/.default", "t1")]
    [InlineData("Bearer authorization_uri=\"https://login.microsoftonline.com/t2/\", scope=\"https://vault.azure.net/.default\"", "https://vault.azure.net/.default", "t2")]
    [InlineData("Bearer resource=\"https://vault.azure.net/\"", "https://vault.azure.net/.default", null)]
    public void Challenge_parameters_are_parsed(string header, string scope, string? tenant)
    {
        var challenge = VaultTools.Connection.ChallengeAuthenticationPolicy.Challenge.Parse(header)!;
        Assert.Equal(scope, challenge.Scope);
        Assert.Equal(tenant, challenge.TenantId);
        Assert.Equal("vault.azure.net", challenge.ResourceHost);
    }

    [Fact]
    public void Non_bearer_challenges_are_not_answered()
    {
        Assert.Null(VaultTools.Connection.ChallengeAuthenticationPolicy.Challenge.Parse("Basic realm=\"x\""));
        Assert.Null(VaultTools.Connection.ChallengeAuthenticationPolicy.Challenge.Parse("Bearer authorization=\"https://login.windows.net/t\""));
    }
}
