using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using VaultTools.Emulator.Hosting;

namespace VaultTools.Emulator.Identity;

/// <summary>
/// The Entra ID subset that Azure.Identity/MSAL use for service principals, served on the HTTPS
/// port (the emulator is its own authority host): the v2.0 client-credentials token endpoint, the
/// OpenID discovery document, the JWKS, and a harmless instance-discovery answer.
/// </summary>
public static class EntraEndpoints
{
    public static IEndpointRouteBuilder MapEntraEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/{tenant}/oauth2/v2.0/token", Token).DisableAntiforgery();
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", OpenIdConfiguration);
        app.MapGet("/{tenant}/.well-known/openid-configuration", OpenIdConfiguration);
        app.MapGet("/{tenant}/discovery/v2.0/keys", Keys);
        app.MapGet("/{tenant}/discovery/keys", Keys);
        app.MapGet("/common/discovery/instance", InstanceDiscovery);
        return app;
    }

    private static string Authority(HttpContext http) => $"https://{http.Request.Host.Value}";

    private static async Task<IResult> Token(HttpContext http, string tenant, EmulatorRuntime runtime, IdentityDirectory identities, ApplicationRegistry applications, TokenService tokens)
    {
        if (!http.Request.HasFormContentType)
        {
            return EntraError(400, "invalid_request", 900144, "AADSTS900144: The request body must contain the following parameter: 'grant_type'.");
        }
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (InvalidDataException ex)
        {
            // Over the form reader's limits (too many fields, a field too long): a bad request, not a failure of the emulator.
            return EntraError(400, "invalid_request", 900144, "AADSTS900144: The request body could not be read as a form: " + ex.Message);
        }
        if (!string.Equals(tenant, runtime.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return EntraError(400, "invalid_request", 90002,
                $"AADSTS90002: Tenant '{tenant}' not found. This emulator's tenant is its tenantId in emulator.json.");
        }
        string? grantType = form["grant_type"];
        if (grantType != "client_credentials")
        {
            return EntraError(400, "unsupported_grant_type", 70003,
                $"AADSTS70003: The app requested an unsupported grant type '{grantType}'. The emulator supports client_credentials.");
        }
        string? clientId = form["client_id"];
        string? scope = form["scope"];
        if (string.IsNullOrEmpty(clientId))
        {
            return EntraError(400, "invalid_request", 900144, "AADSTS900144: The request body must contain the following parameter: 'client_id'.");
        }
        var identity = identities.FindByClientId(clientId);
        if (identity is null || identity.Type != IdentityType.ServicePrincipal)
        {
            return EntraError(400, "unauthorized_client", 700016,
                $"AADSTS700016: Application with identifier '{clientId}' was not found in the directory '{runtime.TenantId}'. " +
                "This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. " +
                "You may have sent your authentication request to the wrong tenant.");
        }
        string? secret = form["client_secret"];
        string? assertion = form["client_assertion"];
        var authMethod = "1";
        if (!string.IsNullOrEmpty(assertion))
        {
            var authority = Authority(http);
            var audiences = new[]
            {
                $"{authority}/{tenant}/oauth2/v2.0/token", $"{authority}/{tenant}/oauth2/token", $"{authority}/{tenant}/v2.0", $"{authority}/{tenant}",
            };
            // The client signs its assertion with its own (real) clock: it is checked against real time, not the
            // emulator's moved clock, which models time passing for the vault's data, not a skewed client.
            if (await ClientAssertionValidator.ValidateAsync(identity, assertion, form["client_assertion_type"].ToString(), audiences, DateTimeOffset.UtcNow) is { } failure)
            {
                return EntraError(401, "invalid_client", failure.Code, failure.Message);
            }
            authMethod = "2";
        }
        else if ((string.IsNullOrEmpty(secret) ? SecretCheck.Invalid : applications.CheckSecret(identity, secret)) is var check && check != SecretCheck.Valid)
        {
            if (check == SecretCheck.Expired)
            {
                return EntraError(401, "invalid_client", 7000222,
                    $"AADSTS7000222: The provided client secret keys for app '{clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.");
            }
            return EntraError(401, "invalid_client", 7000215,
                $"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'.");
        }
        var scopes = (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s is not ("openid" or "profile" or "offline_access")).ToList();
        if (scopes.Count != 1 || !scopes[0].EndsWith("/.default", StringComparison.OrdinalIgnoreCase))
        {
            return EntraError(400, "invalid_scope", 1002012,
                $"AADSTS1002012: The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");
        }
        var issued = tokens.Issue(identity, TokenService.AudienceFromScopeOrResource(scopes[0]), authMethod);
        var seconds = (long)TokenService.Lifetime.TotalSeconds - 1;
        return Results.Json(new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = seconds,
            ["ext_expires_in"] = seconds,
            ["access_token"] = issued.AccessToken,
        }, statusCode: 200);
    }

    internal static IResult EntraError(int status, string error, int code, string description)
    {
        var traceId = Guid.NewGuid().ToString();
        var correlationId = Guid.NewGuid().ToString();
        var timestamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return Results.Json(new JsonObject
        {
            ["error"] = error,
            ["error_description"] = $"{description}\r\nTrace ID: {traceId}\r\nCorrelation ID: {correlationId}\r\nTimestamp: {timestamp}",
            ["error_codes"] = new JsonArray(code),
            ["timestamp"] = timestamp,
            ["trace_id"] = traceId,
            ["correlation_id"] = correlationId,
            ["error_uri"] = $"https://login.microsoftonline.com/error?code={code}",
        }, statusCode: status);
    }

    private static IResult OpenIdConfiguration(HttpContext http, string tenant, EmulatorRuntime runtime)
    {
        var authority = Authority(http);
        var t = string.Equals(tenant, "common", StringComparison.OrdinalIgnoreCase) || string.Equals(tenant, "organizations", StringComparison.OrdinalIgnoreCase)
            ? runtime.TenantId
            : tenant;
        return Results.Json(new JsonObject
        {
            ["token_endpoint"] = $"{authority}/{t}/oauth2/v2.0/token",
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "private_key_jwt"),
            ["jwks_uri"] = $"{authority}/{t}/discovery/v2.0/keys",
            ["response_modes_supported"] = new JsonArray("query", "fragment", "form_post"),
            ["subject_types_supported"] = new JsonArray("pairwise"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["response_types_supported"] = new JsonArray("code", "id_token", "code id_token", "id_token token"),
            ["scopes_supported"] = new JsonArray("openid", "profile", "email", "offline_access"),
            ["issuer"] = $"{authority}/{t}/v2.0",
            ["request_uri_parameter_supported"] = false,
            ["authorization_endpoint"] = $"{authority}/{t}/oauth2/v2.0/authorize",
            ["device_authorization_endpoint"] = $"{authority}/{t}/oauth2/v2.0/devicecode",
            ["end_session_endpoint"] = $"{authority}/{t}/oauth2/v2.0/logout",
            ["http_logout_supported"] = true,
            ["frontchannel_logout_supported"] = true,
            ["claims_supported"] = new JsonArray("sub", "iss", "aud", "exp", "iat", "nbf", "oid", "tid", "appid", "idtyp"),
            ["tenant_region_scope"] = "EU",
            ["cloud_instance_name"] = "localhost",
            ["access_token_issuer"] = $"https://sts.windows.net/{t}/",
        });
    }

    private static IResult Keys(TokenService tokens)
    {
        var key = tokens.PublicKey;
        return Results.Json(new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = tokens.KeyId,
                ["n"] = Base64UrlEncoder.Encode(key.Modulus),
                ["e"] = Base64UrlEncoder.Encode(key.Exponent),
                ["issuer"] = tokens.Issuer,
            }),
        });
    }

    private static IResult InstanceDiscovery(HttpContext http, EmulatorRuntime runtime)
    {
        var host = http.Request.Host.Value;
        return Results.Json(new JsonObject
        {
            ["tenant_discovery_endpoint"] = $"https://{host}/{runtime.TenantId}/v2.0/.well-known/openid-configuration",
            ["api-version"] = "1.1",
            ["metadata"] = new JsonArray(new JsonObject
            {
                ["preferred_network"] = host,
                ["preferred_cache"] = host,
                ["aliases"] = new JsonArray(host),
            }),
        });
    }
}
