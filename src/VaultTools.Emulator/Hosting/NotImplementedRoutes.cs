using VaultTools.Emulator.Authorization;
using VaultTools.Emulator.Errors;

namespace VaultTools.Emulator.Hosting;

/// <summary>
/// Known Key Vault paths that the emulator does not implement yet answer 501 with a clear
/// message (never a silent 404/400 or a fake success). Routes that are implemented are more
/// specific than these catch-alls and win; remove a line here when its area is done. (ARM paths the
/// emulator does not implement answer 501 from Arm/ArmEndpoints.)
/// </summary>
public static class NotImplementedRoutes
{
    private static readonly string[] DataPlanePrefixes =
    [
        "rng",
        "storage",
        "deletedstorage",
        "securitydomain",
        "providers",            // Managed HSM data-plane RBAC
        "settings",
    ];

    /// <summary>
    /// Key and certificate operations that the emulator does not implement (Keys/ and Certificates/
    /// implement the rest). Their literal segments win over Certificates/' <c>{name}</c> routes.
    /// </summary>
    private static readonly (string Method, string Pattern)[] DataPlaneOperations =
    [
        ("GET", "/keys/{name}/{version}/attestation"),   // key attestation (Managed HSM / premium HSM keys)
        ("POST", "/keys/{name}/{version}/release"),      // secure key release
        ("POST", "/certificates/{name}/pending/merge"),  // merge (certificates from an Unknown issuer)
    ];

    public static RouteGroupBuilder MapNotImplementedDataPlane(this RouteGroupBuilder dataPlane)
    {
        foreach (var (method, pattern) in DataPlaneOperations)
        {
            dataPlane.MapMethods(pattern, [method], NotImplemented).WithMetadata(new NoPermissionRequired("501 placeholder"));
        }
        foreach (var prefix in DataPlanePrefixes)
        {
            dataPlane.Map("/" + prefix, NotImplemented).WithMetadata(new NoPermissionRequired("501 placeholder"));
            dataPlane.Map("/" + prefix + "/{**rest}", NotImplemented).WithMetadata(new NoPermissionRequired("501 placeholder"));
        }
        return dataPlane;
    }

    private static IResult NotImplemented(HttpContext http) =>
        KeyVaultErrors.NotImplemented(http.Request.Method, http.Request.Path).ToResult();

    /// <summary>Anything else: 404 in the service's error shape.</summary>
    public static IResult UnknownPath(HttpContext http) =>
        KeyVaultErrors.UnknownPath(http.Request.Method, http.Request.Path).ToResult();
}
