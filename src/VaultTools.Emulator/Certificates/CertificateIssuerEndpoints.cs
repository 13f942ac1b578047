using VaultTools.Emulator.Authorization;
using VaultTools.Emulator.Entries;
using VaultTools.Emulator.Hosting;

namespace VaultTools.Emulator.Certificates;

/// <summary>
/// Certificate issuers and contacts, vault-wide settings (their permissions apply at the vault). Their literal
/// segments win over the certificates' <c>{name}</c> routes, so no certificate is ever called "issuers" or "contacts".
/// </summary>
public static class CertificateIssuerEndpoints
{
    public static RouteGroupBuilder MapCertificateIssuers(this RouteGroupBuilder dataPlane)
    {
        dataPlane.MapGet("/certificates/issuers", (HttpContext http, CertificateIssuerService issuers) =>
                JsonResults.Ok(issuers.List(http.DataPlane(), PageRequest.From(http.Request))))
            .RequirePermission(KeyVaultPermissions.Certificates.ListIssuers).WithName("GetCertificateIssuers");
        dataPlane.MapGet("/certificates/issuers/{issuer}", (HttpContext http, string issuer, CertificateIssuerService issuers) =>
                JsonResults.Ok(issuers.Get(http.DataPlane(), issuer)))
            .RequirePermission(KeyVaultPermissions.Certificates.GetIssuer).WithName("GetCertificateIssuer");
        dataPlane.MapPut("/certificates/issuers/{issuer}", async (HttpContext http, string issuer, CertificateIssuerService issuers) =>
                JsonResults.Ok(issuers.Set(http.DataPlane(), issuer, await EntryEndpoints.ReadBody(http))))
            .RequirePermission(KeyVaultPermissions.Certificates.SetIssuer).WithName("SetCertificateIssuer");
        dataPlane.MapPatch("/certificates/issuers/{issuer}", async (HttpContext http, string issuer, CertificateIssuerService issuers) =>
                JsonResults.Ok(issuers.Update(http.DataPlane(), issuer, await EntryEndpoints.ReadBody(http))))
            .RequirePermission(KeyVaultPermissions.Certificates.SetIssuer).WithName("UpdateCertificateIssuer");
        dataPlane.MapDelete("/certificates/issuers/{issuer}", (HttpContext http, string issuer, CertificateIssuerService issuers) =>
                JsonResults.Ok(issuers.Delete(http.DataPlane(), issuer)))
            .RequirePermission(KeyVaultPermissions.Certificates.DeleteIssuer).WithName("DeleteCertificateIssuer");

        dataPlane.MapGet("/certificates/contacts", (HttpContext http, CertificateIssuerService issuers) =>
                JsonResults.Ok(issuers.GetContacts(http.DataPlane())))
            .RequirePermission(KeyVaultPermissions.Certificates.ManageContacts).WithName("GetCertificateContacts");
        dataPlane.MapPut("/certificates/contacts", async (HttpContext http, CertificateIssuerService issuers) =>
                JsonResults.Ok(issuers.SetContacts(http.DataPlane(), await EntryEndpoints.ReadBody(http))))
            .RequirePermission(KeyVaultPermissions.Certificates.ManageContacts).WithName("SetCertificateContacts");
        dataPlane.MapDelete("/certificates/contacts", (HttpContext http, CertificateIssuerService issuers) =>
                JsonResults.Ok(issuers.DeleteContacts(http.DataPlane())))
            .RequirePermission(KeyVaultPermissions.Certificates.ManageContacts).WithName("DeleteCertificateContacts");
        return dataPlane;
    }
}
