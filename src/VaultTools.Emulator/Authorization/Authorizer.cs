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
/// validated and before the handler runs. The registered implementation is <see cref="KeyVaultAuthorizer"/>.
/// </summary>
public interface IAuthorizer
{
    ValueTask<AuthorizationDecision> AuthorizeAsync(AuthorizationRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// Key Vault's data-plane decision, as the service takes it. On a vault with
/// <c>enableRbacAuthorization</c>: the caller's object id needs a role assignment, at the entry, the vault
/// or an enclosing scope (resource group, subscription), whose role's data actions (minus its
/// notDataActions, with Azure's wildcards) cover the operation's data action; denial is 403
/// <c>ForbiddenByRbac</c>. Otherwise the vault's access policies decide: a policy for the caller's object
/// id (and, when the policy names one, the caller's application id) must hold the operation's permission
/// in its category (or <c>all</c>); denial is 403 <c>AccessDenied</c>. Access policies are ignored on RBAC
/// vaults and role assignments on access-policy vaults, as in Azure. Evaluated on every call from storage,
/// so a grant or revoke takes effect with the next request.
/// </summary>
public sealed class KeyVaultAuthorizer(RoleAssignmentEvaluator roles) : IAuthorizer
{
    public ValueTask<AuthorizationDecision> AuthorizeAsync(AuthorizationRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(request.Vault.EnableRbacAuthorization ? ByRoleAssignment(request) : ByAccessPolicy(request));

    private AuthorizationDecision ByRoleAssignment(AuthorizationRequest request)
    {
        var caller = request.Caller;
        var grant = roles.FindGrant(caller.ObjectId, request.ResourceId, request.Permission.DataAction, dataAction: true);
        if (grant is not null)
        {
            // The service names the deciding assignment in x-ms-keyvault-rbac-assignment-id (32 hex digits).
            return new AuthorizationDecision(true, RoleAssignmentId: grant.Id.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant());
        }
        return AuthorizationDecision.Deny(KeyVaultErrors.ForbiddenByRbac(caller.AppId ?? "", caller.ObjectId, caller.Issuer,
            request.Permission.DataAction, request.ResourceId, request.Vault.Name, request.Vault.Location));
    }

    private static AuthorizationDecision ByAccessPolicy(AuthorizationRequest request)
    {
        var caller = request.Caller;
        var permission = request.Permission;
        var allowed = AccessPolicyEvaluator.Permits(request.Vault.AccessPolicies, caller, permission.PolicyCategory, permission.PolicyPermission);
        return allowed
            ? AuthorizationDecision.Allow
            : AuthorizationDecision.Deny(KeyVaultErrors.AccessDenied(caller.AppId ?? "", caller.ObjectId, caller.Issuer,
                permission.PolicyCategory, permission.PolicyPermission, request.Vault.Name, request.Vault.Location));
    }
}

/// <summary>Access-policy evaluation (vaults with <c>enableRbacAuthorization: false</c>).</summary>
public static class AccessPolicyEvaluator
{
    /// <summary>
    /// True when a policy of the caller grants <paramref name="permission"/> in <paramref name="category"/>.
    /// A policy applies when its objectId is the caller's oid, its tenantId (when given) the caller's tenant,
    /// and its applicationId, when set (a compound identity: "this user through this application"), the
    /// caller's appid. Permissions of all applicable policies add up; <c>all</c> grants the whole category.
    /// </summary>
    public static bool Permits(IEnumerable<AccessPolicyEntry> policies, CallerIdentity caller, string category, string permission) =>
        policies.Where(p => AppliesTo(p, caller)).Any(p => Category(p.Permissions, category)
            .Any(granted => string.Equals(granted, permission, StringComparison.OrdinalIgnoreCase) || string.Equals(granted, "all", StringComparison.OrdinalIgnoreCase)
                || (string.Equals(granted, "manageissuers", StringComparison.OrdinalIgnoreCase) && IssuerPermissions.Contains(permission))));

    /// <summary>What the access-policy word manageissuers stands for (the REST reference writes "certificates/manageissuers/getissuers").</summary>
    private static readonly HashSet<string> IssuerPermissions = new(StringComparer.OrdinalIgnoreCase) { "getissuers", "listissuers", "setissuers", "deleteissuers" };

    public static bool AppliesTo(AccessPolicyEntry policy, CallerIdentity caller) =>
        string.Equals(policy.ObjectId, caller.ObjectId, StringComparison.OrdinalIgnoreCase)
        && (string.IsNullOrEmpty(policy.TenantId) || string.Equals(policy.TenantId, caller.TenantId, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(policy.ApplicationId) || string.Equals(policy.ApplicationId, caller.AppId, StringComparison.OrdinalIgnoreCase));

    public static IReadOnlyList<string> Category(AccessPolicyPermissions permissions, string category) => category switch
    {
        "secrets" => permissions.Secrets,
        "keys" => permissions.Keys,
        "certificates" => permissions.Certificates,
        "storage" => permissions.Storage,
        _ => [],
    };
}

/// <summary>Finds the role assignment that lets a principal perform an action on a resource.</summary>
public sealed class RoleAssignmentEvaluator(EmulatorDatabase database)
{
    /// <summary>
    /// The assignment of <paramref name="principalId"/> at <paramref name="resourceId"/> or an enclosing
    /// scope whose role permits <paramref name="action"/> (a data action or an ARM action), the most
    /// specific first; null when there is none. Roles that are not built in grant nothing.
    /// </summary>
    public RoleAssignmentRecord? FindGrant(string principalId, string resourceId, string action, bool dataAction) =>
        database.ReadAccessData("roles:" + principalId, s => s.ListRoleAssignments(principalId).ToArray()) // an array: the cached copy is shared by every request
            .Where(a => ResourceScope.Encloses(a.Scope, resourceId))
            .OrderByDescending(a => a.Scope.Length)
            .FirstOrDefault(a => BuiltInRoles.FindById(a.RoleDefinitionId) is { } role && role.Permits(action, dataAction));
}
