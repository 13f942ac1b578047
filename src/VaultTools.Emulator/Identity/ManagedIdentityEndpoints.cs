using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using VaultTools.Emulator.Hosting;

namespace VaultTools.Emulator.Identity;

/// <summary>
/// Managed identity on the plain-HTTP identity port, shaped as on Azure:
/// <list type="bullet">
/// <item>IMDS (VMs): <c>GET /metadata/identity/oauth2/token?api-version=2018-02-01&amp;resource=...[&amp;client_id=|&amp;object_id=|&amp;msi_res_id=]</c>,
/// header <c>Metadata: true</c>. Azure.Identity/MSAL reach it through AZURE_POD_IDENTITY_AUTHORITY_HOST=http://127.0.0.1:{port}.</item>
/// <item>App Service / Automation: <c>GET /msi/token?api-version=2019-08-01&amp;resource=...[&amp;client_id=|&amp;principal_id=|&amp;object_id=|&amp;mi_res_id=]</c>,
/// header <c>X-IDENTITY-HEADER</c>; clients read IDENTITY_ENDPOINT and IDENTITY_HEADER.</item>
/// </list>
/// No id: the system-assigned identity; a user-assigned identity by client id or object id.
/// </summary>
public static class ManagedIdentityEndpoints
{
    public const string ImdsPath = "/metadata/identity/oauth2/token";
    public const string AppServicePath = "/msi/token";

    public static IEndpointRouteBuilder MapManagedIdentityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ImdsPath, Imds);
        app.MapGet(AppServicePath, AppService);
        return app;
    }

    private static IResult Imds(HttpContext http, IdentityDirectory identities, TokenService tokens)
    {
        var query = http.Request.Query;
        if (!string.Equals(http.Request.Headers["Metadata"], "true", StringComparison.OrdinalIgnoreCase))
        {
            return ImdsError(400, "invalid_request", "Required metadata header not specified");
        }
        if (string.IsNullOrEmpty(query["api-version"]))
        {
            return ImdsError(400, "invalid_request", "Required query variable 'api-version' is missing");
        }
        string? resource = query["resource"];
        if (string.IsNullOrEmpty(resource))
        {
            return ImdsError(400, "invalid_request", "Required query variable 'resource' is missing");
        }
        var identity = Select(identities, query["client_id"], query["object_id"], query["msi_res_id"]);
        if (identity is null)
        {
            return ImdsError(400, "invalid_request", "Identity not found");
        }
        var audience = TokenService.AudienceFromScopeOrResource(resource);
        var issued = tokens.Issue(identity, audience);
        var expiresIn = ((long)(issued.ExpiresOn - issued.IssuedAt).TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return Results.Json(new JsonObject
        {
            ["access_token"] = issued.AccessToken,
            ["client_id"] = identity.ClientId,
            ["expires_in"] = expiresIn,
            ["expires_on"] = issued.ExpiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["ext_expires_in"] = expiresIn,
            ["not_before"] = issued.IssuedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["resource"] = resource,
            ["token_type"] = "Bearer",
        });
    }

    private static IResult AppService(HttpContext http, IdentityDirectory identities, TokenService tokens, EmulatorRuntime runtime)
    {
        var query = http.Request.Query;
        string? header = http.Request.Headers["X-IDENTITY-HEADER"];
        if (string.IsNullOrEmpty(header))
        {
            return AppServiceError(401, "The request did not contain the X-IDENTITY-HEADER header.");
        }
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header), Encoding.UTF8.GetBytes(runtime.IdentityHeader)))
        {
            return AppServiceError(403, "The X-IDENTITY-HEADER value is not this emulator's identityHeader.");
        }
        if (string.IsNullOrEmpty(query["api-version"]))
        {
            return AppServiceError(400, "The api-version query parameter is required (2019-08-01).");
        }
        string? resource = query["resource"];
        if (string.IsNullOrEmpty(resource))
        {
            return AppServiceError(400, "The resource query parameter is required.");
        }
        string? objectId = query["object_id"];
        if (string.IsNullOrEmpty(objectId))
        {
            objectId = query["principal_id"];
        }
        var identity = Select(identities, query["client_id"], objectId, query["mi_res_id"]);
        if (identity is null)
        {
            return AppServiceError(400, "Identity not found: no managed identity of this emulator has the client id, object id or resource id asked for.");
        }
        var issued = tokens.Issue(identity, TokenService.AudienceFromScopeOrResource(resource));
        return Results.Json(new JsonObject
        {
            ["access_token"] = issued.AccessToken,
            ["expires_on"] = issued.ExpiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["resource"] = resource,
            ["token_type"] = "Bearer",
            ["client_id"] = identity.ClientId,
        });
    }

    /// <summary>No id → system-assigned; else a managed identity by client id, object id or resource id (its last segment is the identity name).</summary>
    private static IdentityRecord? Select(IdentityDirectory identities, string? clientId, string? objectId, string? resourceId)
    {
        IdentityRecord? found;
        if (!string.IsNullOrEmpty(clientId))
        {
            found = identities.FindByClientId(clientId);
        }
        else if (!string.IsNullOrEmpty(objectId))
        {
            found = identities.FindByObjectId(objectId);
        }
        else if (!string.IsNullOrEmpty(resourceId))
        {
            found = identities.FindByName(resourceId.TrimEnd('/').Split('/')[^1]);
        }
        else
        {
            return identities.SystemAssigned;
        }
        return found is { IsManagedIdentity: true } ? found : null;
    }

    private static IResult ImdsError(int status, string error, string description) =>
        Results.Json(new JsonObject { ["error"] = error, ["error_description"] = description }, statusCode: status);

    private static IResult AppServiceError(int status, string message) =>
        Results.Json(new JsonObject
        {
            ["statusCode"] = status,
            ["message"] = message,
            ["correlationId"] = Guid.NewGuid().ToString(),
        }, statusCode: status);
}
