using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;

namespace VaultTools.Emulator.Authorization;

/// <summary>Endpoint metadata: the permission an endpoint needs and where its entry name comes from.</summary>
/// <param name="Permission">The data action and access-policy permission.</param>
/// <param name="CollectionSegment">The entry collection (<c>secrets</c>, <c>keys</c>, ...) for entry-scoped operations; null for vault-wide ones.</param>
/// <param name="NameRouteValue">The route value holding the entry name (e.g. <c>name</c>).</param>
public sealed record RequiredPermission(DataPlanePermission Permission, string? CollectionSegment, string? NameRouteValue);

/// <summary>Endpoint metadata for placeholders that need no permission (e.g. the 501 answers).</summary>
public sealed record NoPermissionRequired(string Reason);

public static class AuthorizationEndpointExtensions
{
    /// <summary>
    /// Declares what an endpoint needs. Vault-wide: <c>.RequirePermission(p)</c>. Entry-scoped:
    /// <c>.RequirePermission(p, "secrets", "name")</c> (scope <c>/secrets/{name}</c>).
    /// </summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, DataPlanePermission permission,
        string? collectionSegment = null, string? nameRouteValue = null) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredPermission(permission, collectionSegment, nameRouteValue));
}

/// <summary>
/// Calls <see cref="IAuthorizer"/> for every data-plane endpoint with the permission it declared.
/// An endpoint that declares nothing fails closed (500), so no operation can skip authorization.
/// </summary>
public sealed class AuthorizationFilter(IAuthorizer authorizer, EmulatorRuntime runtime) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var endpoint = http.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<NoPermissionRequired>() is not null)
        {
            return await next(context);
        }
        var required = endpoint?.Metadata.GetMetadata<RequiredPermission>();
        if (required is null)
        {
            return KeyVaultErrors.InternalError(
                $"Endpoint '{endpoint?.DisplayName}' declares no permission (RequirePermission); refusing to run it.").ToResult();
        }

        var dataPlane = http.DataPlane();
        var entryScope = "";
        if (required.CollectionSegment is not null && required.NameRouteValue is not null
            && http.Request.RouteValues.TryGetValue(required.NameRouteValue, out var name) && name is string n && n.Length > 0)
        {
            entryScope = $"/{required.CollectionSegment}/{n}";
        }
        var request = new AuthorizationRequest(
            dataPlane.Caller!,
            dataPlane.Vault,
            required.Permission,
            entryScope,
            runtime.VaultResourceId(dataPlane.Vault.Name) + entryScope);

        var decision = await authorizer.AuthorizeAsync(request, http.RequestAborted);
        if (!decision.Allowed)
        {
            return (decision.Denial ?? KeyVaultErrors.Forbidden("The caller is not authorized to perform this operation.")).ToResult();
        }
        if (decision.RoleAssignmentId is not null)
        {
            http.Response.Headers["x-ms-keyvault-rbac-assignment-id"] = decision.RoleAssignmentId;
        }
        return await next(context);
    }
}
