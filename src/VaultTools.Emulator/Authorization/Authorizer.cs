using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Identity;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Authorization;

/// <summary>One data-plane authorization question.</summary>
/// <param name="Caller">From the validated token.</param>
/// <param name="Vault">The vault addressed (its RBAC flag and access policies are in it).</param>
/// <param name="Permission">What the endpoint declared it needs.</param>
/// <param name="EntryScope">The entry path inside the vault (<c>/secrets/{name}</c>), or empty for vault-wide operations.</param>
/// <param name="ResourceId">Full ARM id of the vault or entry (<c>/subscriptions/.../vaults/{v}/secrets/{name}</c>), for role-assignment scope matching and messages.</param>
public sealed record AuthorizationRequest(
    CallerIdentity Caller,
    VaultRecord Vault,
    DataPlanePermission Permission,
    string EntryScope,
    string ResourceId);

/// <summary>Allowed, or denied with the service's 403 body (<see cref="KeyVaultErrors.ForbiddenByRbac"/> / <see cref="KeyVaultErrors.AccessDenied"/>).</summary>
public sealed record AuthorizationDecision(bool Allowed, KeyVaultError? Denial = null, string? RoleAssignmentId = null)
{
    public static readonly AuthorizationDecision Allow = new(true);
    public static AuthorizationDecision Deny(KeyVaultError denial) => new(false, denial);
}

/// <summary>
/// THE authorization hook: every data-plane endpoint goes through
/// <see cref="AuthorizeAsync"/> (see <see cref="AuthorizationFilter"/>), after the token was
/// validated and before the handler runs. Replace the registered implementation to enforce RBAC
/// and access policies.
/// </summary>
public interface IAuthorizer
{
    ValueTask<AuthorizationDecision> AuthorizeAsync(AuthorizationRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// Allows every caller that has a valid token.
/// TODO(issue 4: RBAC and access-policy enforcement): evaluate role assignments
/// (<see cref="StorageSession.ListRoleAssignments"/>, <see cref="BuiltInRoles"/>) on RBAC vaults and
/// <see cref="VaultRecord.AccessPolicies"/> otherwise; deny with
/// <see cref="KeyVaultErrors.ForbiddenByRbac"/> or <see cref="KeyVaultErrors.AccessDenied"/>; on
/// success set <see cref="AuthorizationDecision.RoleAssignmentId"/> (sent as x-ms-keyvault-rbac-assignment-id).
/// </summary>
public sealed class AllowAllAuthorizer : IAuthorizer
{
    public ValueTask<AuthorizationDecision> AuthorizeAsync(AuthorizationRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AuthorizationDecision.Allow);
}
