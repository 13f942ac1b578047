using VaultTools.Access;
using VaultTools.Errors;
using VaultTools.Internal;
using Xunit;

namespace VaultTools.Core.Tests;

public class AccessTokenTests
{
    [Fact]
    public void A_token_for_a_managed_identity_shows_its_tenant_object_id_and_app_id_and_keeps_the_token_secure()
    {
        string jwt = Jwt.Make(new
        {
            aud = "https://vault.azure.net", iss = $"https://sts.windows.net/{Arm.Tenant}/", tid = Arm.Tenant,
            oid = Arm.Principal, appid = "11111111-1111-1111-1111-111111111111", exp = 1900000000,
        });
        var token = AccessTokenService.FromToken(jwt, DateTimeOffset.FromUnixTimeSeconds(1900000000), "https://vault.azure.net", "https://vault.azure.net/.default", null);

        Assert.Equal(Arm.Tenant, token.TenantId);
        Assert.Equal(Arm.Principal, token.ObjectId);
        Assert.Equal("11111111-1111-1111-1111-111111111111", token.UserId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1900000000), token.ExpiresOn);
        Assert.Equal("Bearer", token.Type);
        Assert.Equal(jwt, SecureStrings.ToPlainText(token.Token));
        Assert.DoesNotContain(jwt.Split('.')[1], token.ToString());
    }

    [Fact]
    public void A_user_token_prefers_the_user_principal_name()
    {
        string jwt = Jwt.Make(new { tid = Arm.Tenant, oid = Arm.Principal, upn = "alice@contoso.com", appid = "04b07795-8ddb-461a-bbee-02f9e1bf7b46" });
        Assert.Equal("alice@contoso.com", AccessTokenService.FromToken(jwt, DateTimeOffset.UtcNow, "r", "s", null).UserId);
    }

    [Fact]
    public void A_token_that_is_not_a_JWT_still_works_with_the_session_tenant()
    {
        var token = AccessTokenService.FromToken("opaque-token", DateTimeOffset.UtcNow, "r", "s", "t-fallback");
        Assert.Equal("t-fallback", token.TenantId);
        Assert.Null(token.ObjectId);
        Assert.Null(token.UserId);
    }

    [Fact]
    public void Claims_are_read_from_base64url_without_padding()
    {
        // "~" and "?" in a claim make '-' and '_' appear in base64url.
        var claims = JwtClaims.Read(Jwt.Make(new { name = "a~b?c>>", oid = "x" }));
        Assert.Equal("a~b?c>>", claims["name"]);
        Assert.Empty(JwtClaims.Read("a.%%%.c"));
    }

    [Fact]
    public void Resources_map_to_the_cloud_s_audiences_and_default_scopes()
    {
        var tokens = new AccessTokenService(new FakeArm().Connect());
        Assert.Equal(("https://vault.azure.net", "https://vault.azure.net/.default"), tokens.ResourceAndScope(AccessTokenResource.KeyVault, null));
        Assert.Equal(("https://management.azure.com/", "https://management.azure.com/.default"), tokens.ResourceAndScope(AccessTokenResource.Arm, null));
        Assert.Equal(("https://storage.azure.com", "https://storage.azure.com/.default"), tokens.ResourceAndScope(AccessTokenResource.KeyVault, "https://storage.azure.com"));
        Assert.Equal(("https://vault.azure.net", "https://vault.azure.net/.default"), tokens.ResourceAndScope(AccessTokenResource.Arm, "https://vault.azure.net/.default"));
    }

    [Fact]
    public void A_resource_url_that_is_not_one_is_refused()
    {
        var ex = Assert.Throws<VaultException>(() => new AccessTokenService(new FakeArm().Connect()).ResourceAndScope(AccessTokenResource.KeyVault, "vault.azure.net"));
        Assert.Equal("InvalidResourceUrl", ex.ErrorId);
        Assert.Equal("ResourceUrl", ex.ParameterName);
    }

    [Fact]
    public void The_session_credential_provides_the_token()
    {
        var connection = new FakeArm().Connect();
        var token = new AccessTokenService(connection).Get(AccessTokenResource.KeyVault);
        Assert.Equal(Arm.Tenant, token.TenantId);
        Assert.Equal("00000000-0000-0000-0000-00000000aaaa", token.ObjectId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(4102444800), token.ExpiresOn);
    }
}
