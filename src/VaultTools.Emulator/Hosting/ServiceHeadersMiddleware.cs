namespace VaultTools.Emulator.Hosting;

/// <summary>
/// Headers the service sends on every vault response (see the recordings): x-ms-request-id,
/// x-ms-keyvault-service-version, x-ms-keyvault-region, x-ms-keyvault-network-info, cache-control,
/// pragma, expires, and x-ms-client-request-id echoed back. Applied to HTTPS responses; ARM responses
/// (<c>/subscriptions/...</c>) carry ARM's request and correlation ids instead of the vault headers.
/// Every response of both ports carries a <c>Date</c> from the emulator's clock (Kestrel keeps a Date the app set),
/// so that a client can take "now" from the vault, as it would from the service.
/// </summary>
public sealed class ServiceHeadersMiddleware(RequestDelegate next, TimeProvider time)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.Headers.Date = time.GetUtcNow().ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        if (context.Request.IsHttps)
        {
            var headers = context.Response.Headers;
            var requestId = Guid.NewGuid().ToString();
            headers["x-ms-request-id"] = requestId;
            if (context.Request.Path.StartsWithSegments("/subscriptions"))
            {
                headers["x-ms-correlation-request-id"] = requestId;
            }
            else if (context.Request.Path.StartsWithSegments("/v1.0"))
            {
                headers["request-id"] = requestId; // Microsoft Graph's request id header
                headers["client-request-id"] = context.Request.Headers["client-request-id"].FirstOrDefault() ?? requestId;
            }
            else
            {
                headers["x-ms-keyvault-service-version"] = EmulatorRuntime.ServiceVersion;
                headers["x-ms-keyvault-region"] = EmulatorRuntime.Region;
                headers["x-ms-keyvault-network-info"] = "conn_type=Ipv4;addr=127.0.0.1;act_addr_fam=InterNetwork;";
            }
            headers.CacheControl = "no-cache";
            headers.Pragma = "no-cache";
            headers.Expires = "-1";
            headers["x-content-type-options"] = "nosniff";
            headers.StrictTransportSecurity = "max-age=31536000;includeSubDomains";
            if (context.Request.Headers.TryGetValue("x-ms-client-request-id", out var clientRequestId))
            {
                headers["x-ms-client-request-id"] = clientRequestId;
            }
        }
        return next(context);
    }
}

/// <summary>
/// Keeps the two listeners apart: the plain-HTTP identity port serves only the managed-identity
/// endpoints, the health probe and the stats; the HTTPS port serves everything else.
/// </summary>
public sealed class ListenerSeparationMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var identityPath = path.StartsWithSegments("/metadata/identity") || path.StartsWithSegments("/msi");
        var health = path.StartsWithSegments("/.emulator/health") || path.StartsWithSegments("/.emulator/stats"); // /.emulator/clock: HTTPS only
        if (!health && identityPath == context.Request.IsHttps)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "application/json; charset=utf-8";
            var identityPort = context.RequestServices.GetRequiredService<EmulatorRuntime>().IdentityPort;
            return context.Response.WriteAsync(context.Request.IsHttps
                ? $"{{\"error\":\"not_found\",\"error_description\":\"Managed identity endpoints are on the identity port: http://127.0.0.1:{identityPort}/\"}}"
                : "{\"error\":\"not_found\",\"error_description\":\"The identity port serves only /metadata/identity/oauth2/token, /msi/token and /.emulator/health.\"}");
        }
        return next(context);
    }
}
