using VaultTools.Emulator.Authorization;
using VaultTools.Emulator.Entries;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;

namespace VaultTools.Emulator.Certificates;

/// <summary>
/// The certificates routes of the certificates REST API, each with the permission it needs: create,
/// import, policy and pending operation here, the others are the routes every entry kind has
/// (<see cref="EntryEndpoints.MapEntryLifecycle"/>). Contacts and issuers are <see cref="CertificateIssuerEndpoints"/>';
/// merge is not implemented: <see cref="NotImplementedRoutes"/> answers it with 501.
/// </summary>
public static class CertificateEndpoints
{
    private const string Collection = "certificates";
    private const string Name = "name";

    public static RouteGroupBuilder MapCertificates(this RouteGroupBuilder dataPlane)
    {
        dataPlane.MapPost("/certificates/{name}/create", async (HttpContext http, string name, CertificateService certificates) =>
            {
                var dp = http.DataPlane();
                var operation = certificates.Create(dp, name, await EntryEndpoints.ReadBody(http));
                // Recorded: 202 with Location (the operation, with api-version and request_id) and Retry-After.
                http.Response.Headers.Location =
                    $"{dp.BaseUri}/certificates/{name}/pending?api-version={Uri.EscapeDataString(dp.ApiVersion)}&request_id={operation["request_id"]}";
                http.Response.Headers.RetryAfter = "10";
                return Results.Content(JsonResults.Serialize(operation), "application/json; charset=utf-8", null, StatusCodes.Status202Accepted);
            })
            .RequirePermission(KeyVaultPermissions.Certificates.Create, Collection, Name)
            .WithName("CreateCertificate");

        dataPlane.MapPost("/certificates/{name}/import", async (HttpContext http, string name, CertificateService certificates) =>
                JsonResults.Ok(certificates.Import(http.DataPlane(), name, await EntryEndpoints.ReadBody(http))))
            .RequirePermission(KeyVaultPermissions.Certificates.Import, Collection, Name)
            .WithName("ImportCertificate");

        dataPlane.MapGet("/certificates/{name}/policy", (HttpContext http, string name, CertificateService certificates) =>
                JsonResults.Ok(certificates.GetPolicy(http.DataPlane(), name)))
            .RequirePermission(KeyVaultPermissions.Certificates.GetPolicy, Collection, Name)
            .WithName("GetCertificatePolicy");

        dataPlane.MapPatch("/certificates/{name}/policy", async (HttpContext http, string name, CertificateService certificates) =>
                JsonResults.Ok(certificates.UpdatePolicy(http.DataPlane(), name, await EntryEndpoints.ReadBody(http))))
            .RequirePermission(KeyVaultPermissions.Certificates.Update, Collection, Name)
            .WithName("UpdateCertificatePolicy");

        dataPlane.MapGet("/certificates/{name}/pending", (HttpContext http, string name, CertificateService certificates) =>
            {
                var operation = certificates.GetOperation(http.DataPlane(), name);
                if (operation["status"]?.GetValue<string>() == CertificateOperationStatus.InProgress)
                {
                    http.Response.Headers.RetryAfter = "10";
                }
                return JsonResults.Ok(operation);
            })
            .RequirePermission(KeyVaultPermissions.Certificates.GetPolicy, Collection, Name)
            .WithName("GetCertificateOperation");

        dataPlane.MapPatch("/certificates/{name}/pending", async (HttpContext http, string name, CertificateService certificates) =>
                JsonResults.Ok(certificates.UpdateOperation(http.DataPlane(), name, await EntryEndpoints.ReadBody(http))))
            .RequirePermission(KeyVaultPermissions.Certificates.Update, Collection, Name)
            .WithName("UpdateCertificateOperation");

        dataPlane.MapDelete("/certificates/{name}/pending", (HttpContext http, string name, CertificateService certificates) =>
                JsonResults.Ok(certificates.DeleteOperation(http.DataPlane(), name)))
            .RequirePermission(KeyVaultPermissions.Certificates.Delete, Collection, Name)
            .WithName("DeleteCertificateOperation");

        return dataPlane.MapEntryLifecycle<CertificateService>(ObjectKind.Certificate, KeyVaultPermissions.Certificates.Lifecycle);
    }
}
