using System.Text.Json.Nodes;

namespace VaultTools.Emulator.Errors;

/// <summary>
/// A Key Vault error response: the HTTP status plus the service's body
/// <c>{"error":{"code":...,"message":...,"innererror":{"code":...}}}</c>.
/// Domain code throws <see cref="KeyVaultErrorException"/> carrying one of these, or returns
/// <see cref="ToResult"/>; <see cref="ErrorHandlingMiddleware"/> turns exceptions into responses.
/// Build instances only through <see cref="KeyVaultErrors"/>, the one error-body factory.
/// </summary>
public sealed record KeyVaultError(int Status, string Code, string Message, string? InnerCode = null)
{
    /// <summary>Extra response headers (e.g. WWW-Authenticate, Retry-After).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public JsonObject ToJson()
    {
        var error = new JsonObject
        {
            ["code"] = Code,
            ["message"] = Message,
        };
        if (InnerCode is not null)
        {
            error["innererror"] = new JsonObject { ["code"] = InnerCode };
        }
        return new JsonObject { ["error"] = error };
    }

    public IResult ToResult() => new KeyVaultErrorResult(this);

    public KeyVaultErrorException ToException() => new(this);

    public Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = Status;
        if (Headers is not null)
        {
            foreach (var (name, value) in Headers)
            {
                response.Headers[name] = value;
            }
        }
        response.ContentType = "application/json; charset=utf-8";
        return response.WriteAsync(Hosting.JsonResults.Serialize(ToJson()), context.RequestAborted);
    }
}

/// <summary>Thrown by domain code; converted to the service's error body by the middleware.</summary>
public sealed class KeyVaultErrorException(KeyVaultError error) : Exception(error.Code + ": " + error.Message)
{
    public KeyVaultError Error { get; } = error;
}

internal sealed class KeyVaultErrorResult(KeyVaultError error) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => error.WriteAsync(httpContext);
}
