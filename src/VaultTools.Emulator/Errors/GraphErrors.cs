using System.Text.Json.Nodes;
using VaultTools.Emulator.Hosting;

namespace VaultTools.Emulator.Errors;

/// <summary>
/// A Microsoft Graph error: <c>{"error":{"code":...,"message":...,"innerError":{"date":...,"request-id":...,"client-request-id":...}}}</c>.
/// Build instances only through <see cref="GraphErrors"/>.
/// </summary>
public sealed record GraphError(int Status, string Code, string Message) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var requestId = httpContext.Response.Headers["request-id"].ToString();
        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = Code,
                ["message"] = Message,
                ["innerError"] = new JsonObject
                {
                    ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    ["request-id"] = requestId,
                    ["client-request-id"] = httpContext.Request.Headers["client-request-id"].FirstOrDefault() ?? requestId,
                },
            },
        };
        httpContext.Response.StatusCode = Status;
        httpContext.Response.ContentType = "application/json";
        return httpContext.Response.WriteAsync(JsonResults.Serialize(body), httpContext.RequestAborted);
    }
}

/// <summary>
/// The one place where Microsoft Graph error bodies are made. Codes are Graph's; texts marked "Graph's text"
/// follow what Graph sends, the others keep Graph's status and code with the emulator's wording.
/// </summary>
public static class GraphErrors
{
    /// <summary>Graph's text.</summary>
    public static GraphError EmptyToken() => new(401, "InvalidAuthenticationToken", "Access token is empty.");

    /// <summary>Graph's text for a token of another resource.</summary>
    public static GraphError InvalidAudience() => new(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.");

    /// <summary>Graph's text.</summary>
    public static GraphError TokenExpired() => new(401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.");

    /// <summary>Graph's text.</summary>
    public static GraphError InvalidToken() => new(401, "InvalidAuthenticationToken", "Access token validation failure.");

    /// <summary>Graph's text: the caller may not read or change the application.</summary>
    public static GraphError RequestDenied() => new(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");

    /// <summary>Graph's text.</summary>
    public static GraphError NotFound(string id) =>
        new(404, "Request_ResourceNotFound", $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");

    /// <summary>Graph's text.</summary>
    public static GraphError InvalidObjectId(string id) => new(400, "Request_BadRequest", $"Invalid object identifier '{id}'.");

    /// <summary>Approximation: a body that is not the JSON the action takes.</summary>
    public static GraphError BadRequest(string message) => new(400, "Request_BadRequest", message);

    /// <summary>Approximation: a request body over the emulator's limit.</summary>
    public static GraphError RequestTooLarge(string message) => new(413, "Request_EntityTooLarge", message);

    /// <summary>Approximation: removePassword with a keyId the application does not have.</summary>
    public static GraphError NoSuchPassword(string keyId) =>
        new(400, "Request_BadRequest", $"No password credential with keyId '{keyId}' exists on this application.");

    /// <summary>Graph's code for a path it does not serve; the emulator serves only applications' passwords.</summary>
    public static GraphError NotImplemented(string method, string path) =>
        new(501, "NotImplemented", $"The emulator's Microsoft Graph subset does not implement {method} {path}: it serves GET /v1.0/applications/{{id}}, addPassword and removePassword.");
}
