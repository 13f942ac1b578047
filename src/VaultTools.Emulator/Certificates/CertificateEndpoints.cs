using VaultTools.Emulator.Authorization;
using VaultTools.Emulator.Hosting;
using VaultTools.Emulator.Secrets;

namespace VaultTools.Emulator.Certificates;

/// <summary>
/// The certificates routes of the certificates REST API, each with the permission it needs. Contacts,
/// issuers and merge are not implemented: <see cref="NotImplementedRoutes"/> answers them with 501
/// (their literal segments win over <c>{name}</c>, so no certificate is ever called "contacts").
/// </summary>
public static class CertificateEndpoints
{
    private const string Collection = "certificates";
    private const string Name = "name";

    public static RouteGroupBuilder MapCertificates(this RouteGroupBuilder dataPlane)
    {
        dataPlane.MapGet("/certificates", (HttpContext http, CertificateService certificates) =>
                JsonResults.Ok(certificates.List(http.DataPlane(), PageRequest.From(http.Request))))
            .RequirePermission(KeyVaultPermissions.Certificates.List)
            .WithName("GetCertificates");

        dataPlane.MapPost("/certificates/restore", async (HttpContext http, CertificateService certificates) =>
                JsonResults.Ok(certificates.Restore(http.DataPlane(), await SecretEndpoints.ReadBody(http))))
            .RequirePermission(KeyVaultPermissions.Certificates.Restore)
            .WithName("RestoreCertificate");

        dataPlane.MapPost("/certificates/{name}/create", async (HttpContext http, string name, CertificateService certificates) =>
            {
                var dp = http.DataPlane();
                var operation = certificates.Create(dp, name, await SecretEndpoints.ReadBody(http));
                // Recorded: 202 with Location (the operation, with api-version and request_id) and Retry-After.
                http.Response.Headers.Location =
                    $"{dp.BaseUri}/certificates/{name}/pending?api-version={Uri.EscapeDataString(dp.ApiVersion)}&request_id={operation["request_id"]}";
                http.Response.Headers.RetryAfter = "10";
                return Results.Content(JsonResults.Serialize(operation), "application/json; charset=utf-8", null, StatusCodes.Status202Accepted);
            })
            .RequirePermission(KeyVaultPermissions.Certificates.Create, Collection, Name)
            .WithName("CreateCertificate");

        dataPlane.MapPost("/certificates/{name}/import", async (HttpContext http, string name, CertificateService certificates) =>
                JsonResults.Ok(certificates.Import(http.DataPlane(), name, await SecretEndpoints.ReadBody(http))))
            .RequirePermission(KeyVaultPermissions.Certificates.Import, Collection, Name)
            .WithName("ImportCertificate");

        dataPlane.MapGet("/certificates/{name}/versions", (HttpContext http, string name, CertificateService certificates) =>
                JsonResults.Ok(certificates.ListVersions(http.DataPlane(), name, PageRequest.From(http.Request))))
            .RequirePermission(KeyVaultPermissions.Certificates.List, Collection, Name)
            .WithName("GetCertificateVersions");

        dataPlane.MapPost("/certificates/{name}/backup", (HttpContext http, string name, CertificateService certificates) =>
                JsonResults.Ok(certificates.Backup(http.DataPlane(), name)))
            .RequirePermission(KeyVaultPermissions.Certificates.Backup, Collection, Name)
            .WithName("BackupCertificate");

        dataPlane.MapGet("/certificates/{name}/policy", (HttpContext http, string name, CertificateService certificates) =>
                JsonResults.Ok(certificates.GetPolicy(http.DataPlane(), name)))
            .RequirePermission(KeyVaultPermissions.Certificates.GetPolicy, Collection, Name)
            .WithName("GetCertificatePolicy");

        dataPlane.MapPatch("/certificates/{name}/policy", async (HttpContext http, string name, CertificateService certificates) =>
                JsonResults.Ok(certificates.UpdatePolicy(http.DataPlane(), name, await SecretEndpoints.ReadBody(http))))
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
                JsonResults.Ok(certificates.UpdateOperation(http.DataPlane(), name, await SecretEndpoints.ReadBody(http))))
            .RequirePermission(KeyVaultPermissions.Certificates.Update, Collection, Name)
            .WithName("UpdateCertificateOperation");

        dataPlane.MapDelete("/certificates/{name}/pending", (HttpContext http, string name, CertificateService certificates) =>
                JsonResults.Ok(certificates.DeleteOperation(http.DataPlane(), name)))
            .RequirePermission(KeyVaultPermissions.Certificates.Delete, Collection, Name)
            .WithName("DeleteCertificateOperation");

        // GET /certificates/{name} and GET /certificates/{name}/ are the latest version (with the policy).
        dataPlane.MapGet("/certificates/{name}/{version?}", (HttpContext http, string name, string? version, CertificateService certificates) =>
                JsonResults.Ok(certificates.Get(http.DataPlane(), name, version)))
            .RequirePermission(KeyVaultPermissions.Certificates.Get, Collection, Name)
            .WithName("GetCertificate");

        dataPlane.MapPatch("/certificates/{name}/{version?}", async (HttpContext http, string name, string? version, CertificateService certificates) =>
                JsonResults.Ok(certificates.Update(http.DataPlane(), name, version, await SecretEndpoints.ReadBody(http))))
            .RequirePermission(KeyVaultPermissions.Certificates.Update, Collection, Name)
            .WithName("UpdateCertificate");

        dataPlane.MapDelete("/certificates/{name}", (HttpContext http, string name, CertificateService certificates) =>
                JsonResults.Ok(certificates.Delete(http.DataPlane(), name)))
            .RequirePermission(KeyVaultPermissions.Certificates.Delete, Collection, Name)
            .WithName("DeleteCertificate");

        dataPlane.MapGet("/deletedcertificates", (HttpContext http, CertificateService certificates) =>
                JsonResults.Ok(certificates.ListDeleted(http.DataPlane(), PageRequest.From(http.Request))))
            .RequirePermission(KeyVaultPermissions.Certificates.ListDeleted)
            .WithName("GetDeletedCertificates");

        dataPlane.MapGet("/deletedcertificates/{name}", (HttpContext http, string name, CertificateService certificates) =>
                JsonResults.Ok(certificates.GetDeleted(http.DataPlane(), name)))
            .RequirePermission(KeyVaultPermissions.Certificates.GetDeleted, Collection, Name)
            .WithName("GetDeletedCertificate");

        dataPlane.MapDelete("/deletedcertificates/{name}", (HttpContext http, string name, CertificateService certificates) =>
            {
                certificates.Purge(http.DataPlane(), name);
                return Results.StatusCode(StatusCodes.Status204NoContent);
            })
            .RequirePermission(KeyVaultPermissions.Certificates.Purge, Collection, Name)
            .WithName("PurgeDeletedCertificate");

        dataPlane.MapPost("/deletedcertificates/{name}/recover", (HttpContext http, string name, CertificateService certificates) =>
                JsonResults.Ok(certificates.Recover(http.DataPlane(), name)))
            .RequirePermission(KeyVaultPermissions.Certificates.Recover, Collection, Name)
            .WithName("RecoverDeletedCertificate");

        return dataPlane;
    }
}
