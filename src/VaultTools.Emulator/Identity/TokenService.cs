using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Identity;

/// <summary>
/// Issues and validates the emulator's access tokens: JWTs signed RS256 with a key kept in the
/// data folder (<c>jwt-signing-key.pem</c>), shaped like Entra ID v1 access tokens for Key Vault
/// (iss https://sts.windows.net/{tenant}/, aud https://vault.azure.net, oid, tid, appid, ...).
/// </summary>
public sealed class TokenService
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>Audiences a vault accepts (the service accepts both spellings).</summary>
    public static readonly IReadOnlyList<string> VaultAudiences = ["https://vault.azure.net", "https://vault.azure.net/"];

    /// <summary>Audiences the ARM subset (Arm/) accepts, in the order ARM names them.</summary>
    public static readonly IReadOnlyList<string> ManagementAudiences =
        ["https://management.azure.com/", "https://management.azure.com", "https://management.core.windows.net/", "https://management.core.windows.net"];

    /// <summary>Audiences the Microsoft Graph subset (Identity/GraphEndpoints) accepts: its URL and its well-known app id.</summary>
    public static readonly IReadOnlyList<string> GraphAudiences =
        ["https://graph.microsoft.com", "https://graph.microsoft.com/", "00000003-0000-0000-c000-000000000000"];

    private readonly RsaSecurityKey _signingKey;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly ConcurrentDictionary<string, CachedValidation> _cache = new();
    /// <summary>The clock's offset when each token was issued, by the token's SHA-256 (see <see cref="NowFor"/>).</summary>
    private readonly ConcurrentDictionary<string, TimeSpan> _issuedAtOffset = new();
    private readonly TimeProvider _time;

    public string TenantId { get; }
    public string Issuer { get; }
    public string KeyId { get; }
    public RSAParameters PublicKey { get; }

    public TokenService(RSA signingKey, string tenantId, TimeProvider time)
    {
        _time = time;
        TenantId = tenantId;
        Issuer = $"https://sts.windows.net/{tenantId}/";
        PublicKey = signingKey.ExportParameters(false);
        KeyId = Base64UrlEncoder.Encode(SHA256.HashData(PublicKey.Modulus!))[..27];
        _signingKey = new RsaSecurityKey(signingKey) { KeyId = KeyId };
    }

    /// <summary>Loads <c>jwt-signing-key.pem</c> from the data folder, creating it once.</summary>
    public static RSA LoadOrCreateSigningKey(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "jwt-signing-key.pem");
        var rsa = RSA.Create();
        if (File.Exists(path))
        {
            rsa.ImportFromPem(File.ReadAllText(path));
            return rsa;
        }
        rsa.KeySize = 2048;
        DataFiles.WriteSecretFileAtomically(path, rsa.ExportPkcs8PrivateKeyPem());
        return rsa;
    }

    /// <summary>Converts a scope (<c>https://vault.azure.net/.default</c>) or a resource to the token audience.</summary>
    public static string AudienceFromScopeOrResource(string scopeOrResource)
    {
        var value = scopeOrResource.Trim();
        return value.EndsWith("/.default", StringComparison.OrdinalIgnoreCase) ? value[..^"/.default".Length] : value;
    }

    private long _tokensIssued;

    /// <summary>Tokens issued since start, by every endpoint (served at /.emulator/stats): lets tests and
    /// benchmarks check that a client session reuses its token instead of asking for one per call.</summary>
    public long TokensIssued => Interlocked.Read(ref _tokensIssued);

    public IssuedToken Issue(IdentityRecord identity, string audience, string authMethod = "1")
    {
        Interlocked.Increment(ref _tokensIssued);
        var now = _time.GetUtcNow();
        var expires = now + Lifetime;
        var claims = new Dictionary<string, object>
        {
            ["aud"] = audience,
            ["iss"] = Issuer,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["oid"] = identity.ObjectId,
            ["sub"] = identity.ObjectId,
            ["tid"] = TenantId,
            ["idp"] = Issuer,
            ["uti"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
            ["ver"] = "1.0",
            ["name"] = identity.Name,
        };
        if (identity.Type == IdentityType.User)
        {
            claims["idtyp"] = "user";
            claims["upn"] = identity.Name;
        }
        else
        {
            claims["idtyp"] = "app";
            claims["appid"] = identity.ClientId ?? identity.ObjectId;
            claims["appidacr"] = identity.IsManagedIdentity ? "2" : authMethod;
        }
        if (identity.IsManagedIdentity)
        {
            claims["xms_mirid"] = $"/emulator/managedIdentities/{identity.Name}";
        }
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(_signingKey, SecurityAlgorithms.RsaSha256),
            TokenType = "JWT",
        });
        if (_issuedAtOffset.Count > 10_000)
        {
            _issuedAtOffset.Clear(); // those tokens are then checked against the clock as it is
        }
        _issuedAtOffset[Hash(token)] = ClockOffset;
        return new IssuedToken(token, expires, now);
    }

    /// <summary>
    /// Validates a bearer token for a plane that accepts <paramref name="audiences"/>: signature,
    /// issuer, audience, lifetime. Results are cached by the token's SHA-256 until it expires.
    /// </summary>
    public async ValueTask<TokenValidation> ValidateAsync(string token, IReadOnlyList<string> audiences, Func<string, IdentityRecord?> findByObjectId)
    {
        var hash = Hash(token);
        var now = NowFor(hash);
        if (_cache.TryGetValue(hash, out var cached) && cached.Audiences == audiences)
        {
            if (cached.Result.Caller is { } c && c.ExpiresOn <= now)
            {
                _cache.TryRemove(hash, out _);
                return TokenValidation.Fail(ExpiredMessage(c.ExpiresOn, now), TokenFailure.Lifetime, c.ExpiresOn.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
            }
            return cached.Result;
        }

        var result = await ValidateCoreAsync(token, audiences, findByObjectId, now);
        if (_cache.Count > 10_000)
        {
            _cache.Clear();
        }
        _cache[hash] = new CachedValidation(audiences, result);
        return result;
    }

    private async Task<TokenValidation> ValidateCoreAsync(string token, IReadOnlyList<string> audiences, Func<string, IdentityRecord?> findByObjectId, DateTimeOffset now)
    {
        if (!_handler.CanReadToken(token))
        {
            return TokenValidation.Fail("AKV10000: Request is missing a Bearer or PoP token.", TokenFailure.Malformed);
        }
        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException or FormatException or System.Text.Json.JsonException)
        {
            // Three dot-separated parts that are not base64url JSON ("not.a.jwt"): a bad token, not a failure of the emulator.
            return TokenValidation.Fail("AKV10000: Request is missing a Bearer or PoP token.", TokenFailure.Malformed);
        }

        // Check the claims first, in the order the service reports them, then the signature.
        if (!jwt.TryGetPayloadValue<string>("iss", out var issuer) || issuer != Issuer)
        {
            return TokenValidation.Fail($"AKV10032: Invalid issuer. Expected one of {Issuer}, found {issuer}.", TokenFailure.Issuer, issuer);
        }
        // The issuer names the tenant; a token whose tid claims another tenant was not issued by this one.
        if (!jwt.TryGetPayloadValue<string>("tid", out var tokenTenant) || !string.Equals(tokenTenant, TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return TokenValidation.Fail($"AKV10032: Invalid issuer. Expected one of https://sts.windows.net/{tokenTenant}/, found {issuer}.", TokenFailure.Issuer, issuer);
        }
        var tokenAudience = jwt.Audiences.FirstOrDefault();
        if (tokenAudience is null || !audiences.Contains(tokenAudience, StringComparer.OrdinalIgnoreCase))
        {
            return TokenValidation.Fail($"AKV10022: Invalid audience. Expected {audiences[0]}, found: {tokenAudience}.", TokenFailure.Audience, tokenAudience);
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudiences = audiences,
            IssuerSigningKey = _signingKey,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ClockSkew = TimeSpan.FromMinutes(5),
            RequireExpirationTime = true,
            LifetimeValidator = (notBefore, expires, _, _) =>
                expires is { } e && e.ToUniversalTime() > now.UtcDateTime.AddMinutes(-5)
                && (notBefore is null || notBefore.Value.ToUniversalTime() <= now.UtcDateTime.AddMinutes(5)),
        };
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            return result.Exception switch
            {
                SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException or SecurityTokenNotYetValidException =>
                    TokenValidation.Fail(ExpiredMessage(jwt.ValidTo, now), TokenFailure.Lifetime, jwt.ValidTo.ToString("o", System.Globalization.CultureInfo.InvariantCulture)),
                SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException =>
                    TokenValidation.Fail("AKV10031: Invalid token signature.", TokenFailure.Signature),
                _ => TokenValidation.Fail("AKV10001: Invalid token: " + result.Exception?.GetType().Name, TokenFailure.Malformed),
            };
        }

        var oid = jwt.TryGetPayloadValue<string>("oid", out var o) ? o : jwt.Subject;
        if (string.IsNullOrEmpty(oid))
        {
            return TokenValidation.Fail("AKV10009: Invalid token: the oid claim is missing.", TokenFailure.Malformed);
        }
        jwt.TryGetPayloadValue<string>("appid", out var appId);
        var caller = new CallerIdentity(oid, appId, TenantId, Issuer, tokenAudience, jwt.ValidTo, findByObjectId(oid));
        return TokenValidation.Ok(caller);
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private TimeSpan ClockOffset => _time is Hosting.EmulatorClock clock ? clock.Offset : TimeSpan.Zero;

    /// <summary>
    /// "Now" for checking a token's lifetime: the emulator's clock, except that moving the clock does not age the
    /// tokens this emulator issued before the move. Their clients cache them by the machine's clock, which did not
    /// move (Azure.Identity's managed identity cache is even shared by every credential of the process), so a jump
    /// would otherwise leave them sending a token the emulator calls expired until an hour of real time passed. Such a
    /// token lives its lifetime in real time; every other token (one from before a restart, or made elsewhere with the
    /// signing key) is checked against the clock as it is.
    /// </summary>
    private DateTimeOffset NowFor(string hash) =>
        _issuedAtOffset.TryGetValue(hash, out var issuedAt) ? _time.GetUtcNow() - (ClockOffset - issuedAt) : _time.GetUtcNow();

    private static string ExpiredMessage(DateTimeOffset validTo, DateTimeOffset now) =>
        $"AKV10013: Token is expired or not yet valid. ValidTo: '{validTo:u}', current time: '{now:u}'.";

    private sealed record CachedValidation(IReadOnlyList<string> Audiences, TokenValidation Result);
}

public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresOn, DateTimeOffset IssuedAt);

/// <summary>Why a token was refused, so that each plane can answer in its own words (Key Vault's AKV100xx, ARM's codes).</summary>
public enum TokenFailure
{
    None,
    Malformed,
    Issuer,
    Audience,
    Lifetime,
    Signature,
}

/// <param name="Error">The Key Vault (AKV100xx) message.</param>
/// <param name="Failure">Why it failed.</param>
/// <param name="Detail">The offending value: the token's issuer, audience or expiry (ISO 8601).</param>
public sealed record TokenValidation(CallerIdentity? Caller, string? Error, TokenFailure Failure = TokenFailure.None, string? Detail = null)
{
    public static TokenValidation Ok(CallerIdentity caller) => new(caller, null);
    public static TokenValidation Fail(string error, TokenFailure failure, string? detail = null) => new(null, error, failure, detail);
}
