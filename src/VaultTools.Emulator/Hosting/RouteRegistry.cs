using VaultTools.Emulator.Certificates;
using VaultTools.Emulator.Arm;
using VaultTools.Emulator.Identity;
using VaultTools.Emulator.Keys;
using VaultTools.Emulator.Secrets;

namespace VaultTools.Emulator.Hosting;

/// <summary>
/// THE place where every route group is registered. To add an area (Keys/, Certificates/, Arm/):
/// write a <c>MapXxx</c> extension in its folder and call it here; data-plane areas map into the
/// <c>dataPlane</c> group (faults, vault, token, api-version and authorization come for free).
/// </summary>
public static class RouteRegistry
{
    public static void MapEmulatorRoutes(this WebApplication app)
    {
        // Plumbing, no auth.
        app.MapGet("/.emulator/health", () => Results.Json(new { status = "ok" }));
        app.MapGet("/.emulator/stats", (TokenService tokens) => Results.Json(new { tokensIssued = tokens.TokensIssued }));
        app.MapClock();
        // Every route with its methods, so a test can hold them against the REST specification's operations.
        app.MapGet("/.emulator/routes", (IEnumerable<EndpointDataSource> sources) => Results.Json(
            sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
                .Select(e => new { pattern = "/" + e.RoutePattern.RawText?.TrimStart('/'), methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [] })));

        // Identity: Entra on the HTTPS port, managed identity on the identity port.
        app.MapEntraEndpoints();
        app.MapManagedIdentityEndpoints();

        // Microsoft Graph subset (app registrations' passwords), at the root host like graph.microsoft.com.
        app.MapGraph();

        // Key Vault data plane.
        var dataPlane = app.MapDataPlane();
        dataPlane.MapSecrets();
        dataPlane.MapKeys();
        dataPlane.MapCertificates();
        dataPlane.MapCertificateIssuers();
        dataPlane.MapNotImplementedDataPlane();

        // ARM subset: vaults, access policies, role definitions and assignments (501 for the rest of ARM).
        app.MapArm();

        app.MapFallback("{**path}", NotImplementedRoutes.UnknownPath);
    }
}
