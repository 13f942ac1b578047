using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace VaultTools.Emulator.Tests.Infrastructure;

/// <summary>
/// Mints vault tokens as the emulator would, signed with its own key (jwt-signing-key.pem of the data folder) for the
/// built-in admin, so that a test changes exactly one claim (or the key) and sees that one fault refused.
/// </summary>
public static class TokenMinter
{
    public static string Mint(EmulatorInfo info, Action<Dictionary<string, object>>? change = null, RSA? signingKey = null)
    {
        using var own = RSA.Create();
        own.ImportFromPem(File.ReadAllText(info.JwtSigningKeyPath));
        var admin = info.Identity("admin");
        var now = DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["aud"] = "https://vault.azure.net",
            ["iss"] = $"https://sts.windows.net/{info.TenantId}/",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
            ["oid"] = admin.ObjectId,
            ["tid"] = info.TenantId,
            ["appid"] = admin.ClientId!,
        };
        change?.Invoke(claims);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey((signingKey ?? own).ExportParameters(true)), SecurityAlgorithms.RsaSha256),
        });
    }
}
