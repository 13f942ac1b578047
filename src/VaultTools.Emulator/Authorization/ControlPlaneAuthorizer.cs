using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Identity;

namespace VaultTools.Emulator.Authorization;

/// <summary>
/// Azure RBAC for the ARM subset: an ARM operation (e.g. <c>Microsoft.KeyVault/vaults/write</c>,
/// <c>Microsoft.Authorization/roleAssignments/write</c>) needs a role assignment at the target or an
/// enclosing scope whose role's actions (minus notActions) cover it. Denial is ARM's 403
/// <c>AuthorizationFailed</c>. Data actions never count here, as in Azure: Key Vault Administrator
/// reads and writes every secret of an RBAC vault but cannot create vaults or role assignments.
/// </summary>
public sealed class ControlPlaneAuthorizer(RoleAssignmentEvaluator roles)
{
    public bool Permits(CallerIdentity caller, string action, string scope) =>
        roles.FindGrant(caller.ObjectId, scope, action, dataAction: false) is not null;

    /// <summary>Throws ARM's 403 AuthorizationFailed unless the caller may perform <paramref name="action"/> over <paramref name="scope"/>.</summary>
    public void Demand(CallerIdentity caller, string action, string scope)
    {
        if (!Permits(caller, action, scope))
        {
            // ARM names an application by its object id, a user by its sign-in name.
            var client = caller.Identity is { Type: IdentityType.User } user ? user.Name : caller.ObjectId;
            throw ArmErrors.AuthorizationFailed(client, caller.ObjectId, action, scope).ToException();
        }
    }
}
