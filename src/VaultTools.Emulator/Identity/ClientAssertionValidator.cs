using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace VaultTools.Emulator.Identity;

/// <summary>
/// Certificate credentials: checks a <c>client_assertion</c> (RFC 7523 JWT bearer, as MSAL and
/// Azure.Identity's ClientCertificateCredential send it) against the certificate registered for the
/// service principal. Returns null when valid, else the Entra error (code, AADSTS text).
/// </summary>
public static class ClientAssertionValidator
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public static async Task<(int Code, string Message)?> ValidateAsync(IdentityRecord identity, string assertion, string assertionType,
        IReadOnlyList<string> validAudiences, DateTimeOffset now)
    {
        if (assertionType != AssertionType)
        {
            return (700003, $"AADSTS700003: The client_assertion_type must be '{AssertionType}'.");
        }
        if (identity.Certificate is null)
        {
            return (700027, $"AADSTS700027: Client assertion failed signature validation: no certificate is registered for app '{identity.ClientId}'. Add \"certificate\" to the identity in the emulator config.");
        }
        using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(identity.Certificate));
        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(assertion))
        {
            return (50027, "AADSTS50027: JWT token is invalid or malformed.");
        }
        var result = await handler.ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            IssuerSigningKey = new X509SecurityKey(certificate),
            TryAllIssuerSigningKeys = true,
            ValidIssuer = identity.ClientId,
            ValidAudiences = validAudiences,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(5),
            LifetimeValidator = (notBefore, expires, _, _) =>
                expires is { } e && e.ToUniversalTime() > now.UtcDateTime.AddMinutes(-5)
                && (notBefore is null || notBefore.Value.ToUniversalTime() <= now.UtcDateTime.AddMinutes(5)),
        });
        if (!result.IsValid)
        {
            return result.Exception switch
            {
                SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException =>
                    (700027, $"AADSTS700027: Client assertion failed signature validation. (The assertion was not signed with the certificate registered for app '{identity.ClientId}'.)"),
                SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException or SecurityTokenNotYetValidException =>
                    (700024, "AADSTS700024: Client assertion is not within its valid time range."),
                SecurityTokenInvalidIssuerException =>
                    (700021, $"AADSTS700021: Client assertion application identifier doesn't match 'client_id' parameter."),
                SecurityTokenInvalidAudienceException =>
                    (50012, $"AADSTS50012: Client assertion audience claim does not match Realm issuer. Expected one of: {string.Join(", ", validAudiences)}."),
                _ => (50027, "AADSTS50027: JWT token is invalid or malformed: " + result.Exception?.GetType().Name),
            };
        }
        var sub = ((JsonWebToken)result.SecurityToken).Subject;
        if (sub is not null && !string.Equals(sub, identity.ClientId, StringComparison.OrdinalIgnoreCase))
        {
            return (700021, "AADSTS700021: Client assertion application identifier doesn't match 'client_id' parameter.");
        }
        return null;
    }
}
