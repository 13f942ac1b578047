using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;

namespace VaultTools.Emulator.Identity;

/// <summary>
/// The Microsoft Graph subset that rotating an app registration's client secret needs, on the HTTPS port at
/// the root host (as https://graph.microsoft.com/): <c>GET /v1.0/applications/{id}</c>,
/// <c>POST /v1.0/applications/{id}/addPassword</c>, <c>POST /v1.0/applications/{id}/removePassword</c>, for the
/// app registrations of the emulator's service principals. Callers need a token for https://graph.microsoft.com
/// and must own the application (<see cref="ApplicationRegistry.IsOwner"/>).
/// </summary>
public static class GraphEndpoints
{
    public static IEndpointRouteBuilder MapGraph(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1.0/applications/{id}", GetApplication);
        app.MapPost("/v1.0/applications/{id}/addPassword", AddPassword);
        app.MapPost("/v1.0/applications/{id}/removePassword", RemovePassword);
        app.Map("/v1.0/{**rest}", (HttpContext http) => GraphErrors.NotImplemented(http.Request.Method, http.Request.Path));
        return app;
    }

    private static async Task<IResult> GetApplication(HttpContext http, string id)
    {
        var (application, error) = await Authorize(http, id);
        if (error is not null)
        {
            return error;
        }
        var registry = http.RequestServices.GetRequiredService<ApplicationRegistry>();
        var body = new JsonObject
        {
            ["@odata.context"] = $"{Root(http)}v1.0/$metadata#applications/$entity",
            ["id"] = application!.ApplicationObjectId,
            ["deletedDateTime"] = null,
            ["appId"] = application.ClientId,
            ["displayName"] = application.Name,
            ["signInAudience"] = "AzureADMyOrg",
            ["keyCredentials"] = KeyCredentials(application),
            ["passwordCredentials"] = new JsonArray([.. registry.Passwords(application).Select(p => (JsonNode)Password(p, includeSecret: false))]),
        };
        return JsonResults.Ok(body);
    }

    private static async Task<IResult> AddPassword(HttpContext http, string id)
    {
        var (application, error) = await Authorize(http, id);
        if (error is not null)
        {
            return error;
        }
        var body = await ReadBody(http);
        if (body is null)
        {
            return GraphErrors.BadRequest("The request body must be a JSON object such as {\"passwordCredential\":{\"displayName\":\"...\"}}.");
        }
        var credential = body["passwordCredential"] as JsonObject ?? (body.ContainsKey("passwordCredential") ? null : new JsonObject());
        if (credential is null)
        {
            return GraphErrors.BadRequest("'passwordCredential' must be an object.");
        }
        if (!TryDate(credential, "startDateTime", out var start) || !TryDate(credential, "endDateTime", out var end))
        {
            return GraphErrors.BadRequest("startDateTime and endDateTime must be ISO 8601 date-times, such as 2026-12-31T00:00:00Z.");
        }
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        if (end is { } e && e <= (start ?? time.GetUtcNow()))
        {
            return GraphErrors.BadRequest("Invalid value specified for property 'endDateTime' of resource 'PasswordCredential': it must be after startDateTime.");
        }
        string? displayName;
        try
        {
            displayName = credential["displayName"]?.GetValue<string>();
        }
        catch (InvalidOperationException)
        {
            return GraphErrors.BadRequest("'displayName' must be a string.");
        }
        var added = http.RequestServices.GetRequiredService<ApplicationRegistry>().AddPassword(application!, displayName, start, end);
        var answer = Password(added, includeSecret: true);
        answer.Insert(0, "@odata.context", $"{Root(http)}v1.0/$metadata#microsoft.graph.passwordCredential");
        return JsonResults.Ok(answer);
    }

    private static async Task<IResult> RemovePassword(HttpContext http, string id)
    {
        var (application, error) = await Authorize(http, id);
        if (error is not null)
        {
            return error;
        }
        var body = await ReadBody(http);
        string? keyId = null;
        try
        {
            keyId = body?["keyId"]?.GetValue<string>();
        }
        catch (InvalidOperationException)
        {
            // not a string: refused below
        }
        if (keyId is null || !Arm.ArmScope.IsGuid(keyId))
        {
            return GraphErrors.BadRequest("The request body must be {\"keyId\":\"<the password credential's keyId, a GUID>\"}.");
        }
        return http.RequestServices.GetRequiredService<ApplicationRegistry>().RemovePassword(application!, keyId)
            ? Results.NoContent()
            : GraphErrors.NoSuchPassword(keyId);
    }

    /// <summary>Token for Graph, a well-formed id, an application of the emulator's, owned by the caller: in Graph's order.</summary>
    private static async Task<(IdentityRecord? Application, GraphError? Error)> Authorize(HttpContext http, string id)
    {
        string? header = http.Request.Headers.Authorization;
        if (string.IsNullOrWhiteSpace(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= "Bearer ".Length)
        {
            return (null, GraphErrors.EmptyToken());
        }
        var tokens = http.RequestServices.GetRequiredService<TokenService>();
        var identities = http.RequestServices.GetRequiredService<IdentityDirectory>();
        var validation = await tokens.ValidateAsync(header["Bearer ".Length..].Trim(), TokenService.GraphAudiences, identities.FindByObjectId);
        if (validation.Caller is not { } caller)
        {
            return (null, validation.Failure switch
            {
                TokenFailure.Audience => GraphErrors.InvalidAudience(),
                TokenFailure.Lifetime => GraphErrors.TokenExpired(),
                _ => GraphErrors.InvalidToken(),
            });
        }
        if (!Arm.ArmScope.IsGuid(id))
        {
            return (null, GraphErrors.InvalidObjectId(id));
        }
        var registry = http.RequestServices.GetRequiredService<ApplicationRegistry>();
        var application = registry.FindApplication(id);
        if (application is null)
        {
            return (null, GraphErrors.NotFound(id));
        }
        return registry.IsOwner(application, caller.ObjectId) ? (application, null) : (null, GraphErrors.RequestDenied());
    }

    private static async Task<JsonObject?> ReadBody(HttpContext http)
    {
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryDate(JsonObject credential, string name, out DateTimeOffset? value)
    {
        value = null;
        var node = credential[name];
        if (node is null)
        {
            return true;
        }
        if (node.GetValueKind() == JsonValueKind.String
            && DateTimeOffset.TryParse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed.ToUniversalTime();
            return true;
        }
        return false;
    }

    private static string Root(HttpContext http) => $"https://{http.Request.Host.Value}/";

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Graph's passwordCredential; secretText only in addPassword's answer (null elsewhere, as Graph does).</summary>
    private static JsonObject Password(PasswordCredential p, bool includeSecret) => new()
    {
        ["customKeyIdentifier"] = null,
        ["displayName"] = p.DisplayName,
        ["endDateTime"] = Iso(p.EndDateTime),
        ["hint"] = p.Hint,
        ["keyId"] = p.KeyId,
        ["secretText"] = includeSecret ? p.SecretText : null,
        ["startDateTime"] = Iso(p.StartDateTime),
    };

    private static JsonArray KeyCredentials(IdentityRecord application)
    {
        if (application.Certificate is null)
        {
            return [];
        }
        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(Convert.FromBase64String(application.Certificate));
        return
        [
            new JsonObject
            {
                ["customKeyIdentifier"] = certificate.Thumbprint,
                ["displayName"] = certificate.Subject,
                ["endDateTime"] = Iso(certificate.NotAfter.ToUniversalTime()),
                ["key"] = null,
                ["keyId"] = new Guid(System.Security.Cryptography.SHA256.HashData(certificate.RawData)[..16]).ToString(),
                ["startDateTime"] = Iso(certificate.NotBefore.ToUniversalTime()),
                ["type"] = "AsymmetricX509Cert",
                ["usage"] = "Verify",
            },
        ];
    }
}
