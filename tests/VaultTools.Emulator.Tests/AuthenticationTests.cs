using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

/// <summary>The Entra token endpoint, the tokens it issues, and the vault's 401 answers.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class AuthenticationTests(EmulatorFixture emulator)
{
    private string Challenge => $"Bearer authorization=\"https://localhost:{emulator.Info.HttpsPort}/{emulator.Info.TenantId}\", resource=\"https://vault.azure.net\"";

    [Theory]
    [InlineData(null)]
    [InlineData("local")]
    public async Task Missing_token_gets_the_service_challenge(string? vault)
    {
        var baseUri = vault is null ? new Uri(emulator.Info.VaultUri) : emulator.Info.VaultUriFor(vault);
        using var response = await emulator.Http.PutAsync(new Uri(baseUri, "/secrets/x?api-version=7.6"),
            new StringContent("""{"value":"x"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Challenge, response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("""{"error":{"code":"Unauthorized","message":"AKV10000: Request is missing a Bearer or PoP token."}}""",
            await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Issued_token_has_the_entra_v1_claims()
    {
        var token = new JsonWebToken(await emulator.GetTokenAsync());
        var admin = emulator.Info.Identity("admin");
        Assert.Equal("RS256", token.Alg);
        Assert.Equal(["https://vault.azure.net"], token.Audiences);
        Assert.Equal($"https://sts.windows.net/{emulator.Info.TenantId}/", token.Issuer);
        Assert.Equal(admin.ObjectId, token.GetClaim("oid").Value);
        Assert.Equal(admin.ObjectId, token.Subject);
        Assert.Equal(admin.ClientId, token.GetClaim("appid").Value);
        Assert.Equal(emulator.Info.TenantId, token.GetClaim("tid").Value);
        Assert.Equal("app", token.GetClaim("idtyp").Value);
        Assert.InRange((token.ValidTo - token.ValidFrom).TotalMinutes, 59, 61);
    }

    [Fact]
    public async Task Token_is_signed_by_the_key_in_the_jwks()
    {
        using var jwks = JsonDocument.Parse(await emulator.Http.GetStringAsync($"{emulator.Info.AuthorityHost}{emulator.Info.TenantId}/discovery/v2.0/keys"));
        var key = jwks.RootElement.GetProperty("keys")[0];
        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters
        {
            Modulus = Base64UrlEncoder.DecodeBytes(key.GetProperty("n").GetString()),
            Exponent = Base64UrlEncoder.DecodeBytes(key.GetProperty("e").GetString()),
        });
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(await emulator.GetTokenAsync(), new TokenValidationParameters
        {
            IssuerSigningKey = new RsaSecurityKey(rsa) { KeyId = key.GetProperty("kid").GetString() },
            ValidIssuer = $"https://sts.windows.net/{emulator.Info.TenantId}/",
            ValidAudience = "https://vault.azure.net",
        });
        Assert.True(result.IsValid, result.Exception?.Message);

        using var config = JsonDocument.Parse(await emulator.Http.GetStringAsync($"{emulator.Info.AuthorityHost}{emulator.Info.TenantId}/v2.0/.well-known/openid-configuration"));
        Assert.Equal($"{emulator.Info.AuthorityHost}{emulator.Info.TenantId}/oauth2/v2.0/token", config.RootElement.GetProperty("token_endpoint").GetString());
        Assert.Equal($"{emulator.Info.AuthorityHost}{emulator.Info.TenantId}/discovery/v2.0/keys", config.RootElement.GetProperty("jwks_uri").GetString());
    }

    public static TheoryData<string, string> RejectedTokens => new()
    {
        { "expired", "AKV10013" },
        { "wrong-audience", "AKV10022: Invalid audience. Expected https://vault.azure.net, found: https://management.azure.com/." },
        { "wrong-issuer", "AKV10032: Invalid issuer." },
        { "foreign-key", "AKV10031" },
        { "tampered", "AKV10031" },
    };

    [Theory]
    [MemberData(nameof(RejectedTokens))]
    public async Task Unacceptable_tokens_get_401_with_the_challenge(string kind, string expectedMessageStart)
    {
        var token = kind == "tampered" ? Tamper(await emulator.GetTokenAsync()) : MintToken(kind);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{emulator.Info.VaultUri}secrets?api-version=7.6");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await emulator.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Challenge, response.Headers.WwwAuthenticate.ToString());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Unauthorized", json.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.StartsWith(expectedMessageStart, json.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_token_minted_with_the_emulator_key_and_valid_claims_is_accepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{emulator.Info.VaultUri}secrets?api-version=7.6");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MintToken("valid"));
        using var response = await emulator.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_client_secret_is_invalid_client_AADSTS7000215()
    {
        var admin = emulator.Info.Identity("admin");
        var credential = new ClientSecretCredential(emulator.Info.TenantId, admin.ClientId, "not-the-secret", new ClientSecretCredentialOptions
        {
            AuthorityHost = new Uri(emulator.Info.AuthorityHost),
            DisableInstanceDiscovery = true,
            Transport = emulator.Transport,
        });
        var ex = await Assert.ThrowsAsync<AuthenticationFailedException>(() =>
            credential.GetTokenAsync(new TokenRequestContext(["https://vault.azure.net/.default"]), default).AsTask());
        Assert.Contains("AADSTS7000215", ex.ToString());

        using var raw = await PostToken(admin.ClientId!, "not-the-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, raw.StatusCode);
        using var json = JsonDocument.Parse(await raw.Content.ReadAsStringAsync());
        Assert.Equal("invalid_client", json.RootElement.GetProperty("error").GetString());
        Assert.StartsWith("AADSTS7000215: Invalid client secret provided.", json.RootElement.GetProperty("error_description").GetString());
        Assert.Equal(7000215, json.RootElement.GetProperty("error_codes")[0].GetInt32());
    }

    [Fact]
    public async Task Unknown_client_is_unauthorized_client_AADSTS700016()
    {
        using var raw = await PostToken(Guid.NewGuid().ToString(), "whatever");
        Assert.Equal(HttpStatusCode.BadRequest, raw.StatusCode);
        using var json = JsonDocument.Parse(await raw.Content.ReadAsStringAsync());
        Assert.Equal("unauthorized_client", json.RootElement.GetProperty("error").GetString());
        Assert.StartsWith("AADSTS700016:", json.RootElement.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Second_service_principal_from_config_gets_its_own_token()
    {
        var token = await emulator.CreateCredential("ops").GetTokenAsync(new TokenRequestContext(["https://management.azure.com/.default"]), default);
        var jwt = new JsonWebToken(token.Token);
        Assert.Equal(emulator.Info.Identity("ops").ObjectId, jwt.GetClaim("oid").Value);
        Assert.Equal(["https://management.azure.com"], jwt.Audiences);
    }

    [Fact]
    public async Task Certificate_credential_with_the_registered_certificate_works()
    {
        var app = emulator.Info.Identity("certapp");
        Assert.Equal(EmulatorFixture.ClientCertificate.Thumbprint, app.CertificateThumbprint);
        var credential = new ClientCertificateCredential(emulator.Info.TenantId, app.ClientId, EmulatorFixture.ClientCertificate, new ClientCertificateCredentialOptions
        {
            AuthorityHost = new Uri(emulator.Info.AuthorityHost),
            DisableInstanceDiscovery = true,
            Transport = emulator.Transport,
        });
        var token = new JsonWebToken((await credential.GetTokenAsync(new TokenRequestContext(["https://vault.azure.net/.default"]), default)).Token);
        Assert.Equal(app.ObjectId, token.GetClaim("oid").Value);
        Assert.Equal("2", token.GetClaim("appidacr").Value);

        var client = emulator.CreateSecretClient(credential: credential);
        var name = EmulatorFixture.UniqueName("certcred");
        await client.SetSecretAsync(name, "by-certificate");
        Assert.Equal("by-certificate", (await client.GetSecretAsync(name)).Value.Value);
    }

    [Fact]
    public async Task Certificate_credential_with_another_certificate_is_AADSTS700027()
    {
        using var rsa = RSA.Create(2048);
        using var other = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=impostor", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var credential = new ClientCertificateCredential(emulator.Info.TenantId, emulator.Info.Identity("certapp").ClientId, other, new ClientCertificateCredentialOptions
        {
            AuthorityHost = new Uri(emulator.Info.AuthorityHost),
            DisableInstanceDiscovery = true,
            Transport = emulator.Transport,
        });
        var ex = await Assert.ThrowsAsync<AuthenticationFailedException>(() =>
            credential.GetTokenAsync(new TokenRequestContext(["https://vault.azure.net/.default"]), default).AsTask());
        Assert.Contains("AADSTS700027", ex.ToString());
    }

    private Task<HttpResponseMessage> PostToken(string clientId, string secret) =>
        emulator.Http.PostAsync($"{emulator.Info.AuthorityHost}{emulator.Info.TenantId}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = "https://vault.azure.net/.default",
        }));

    /// <summary>Mints tokens with the emulator's own signing key (from the data folder), so each case fails for exactly one reason.</summary>
    private string MintToken(string kind)
    {
        using var foreign = RSA.Create(2048);
        var now = DateTimeOffset.UtcNow;
        return TokenMinter.Mint(emulator.Info, claims =>
        {
            if (kind == "expired")
            {
                claims["iat"] = claims["nbf"] = now.AddHours(-2).ToUnixTimeSeconds();
                claims["exp"] = now.AddHours(-1).ToUnixTimeSeconds();
            }
            if (kind == "wrong-audience")
            {
                claims["aud"] = "https://management.azure.com/";
            }
            if (kind == "wrong-issuer")
            {
                claims["iss"] = $"https://sts.windows.net/{Guid.NewGuid()}/";
            }
        }, kind == "foreign-key" ? foreign : null);
    }

    /// <summary>Changes the oid in the payload of a genuine token, keeping its signature.</summary>
    private string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        var admin = emulator.Info.Identity("admin");
        payload = payload.Replace(admin.ObjectId, Guid.NewGuid().ToString(), StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
    }
}
