using System.Management.Automation;
using VaultTools.Access;

namespace VaultTools.Commands.Access
{
    /// <summary>
    /// Gives a principal (user, group, service principal, managed identity) an Azure role on a vault, on
    /// one of its secrets, keys or certificates, or at any ARM scope. Idempotent: granting what exists
    /// returns the existing assignment. Refused, with the reason, on a vault that uses access policies.
    /// ConfirmImpact Medium, as New-AzRoleAssignment: a runbook grants without a prompt; -Confirm asks, -WhatIf shows.
    /// </summary>
    [Cmdlet(VerbsSecurity.Grant, "VaultRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByVault)]
    [OutputType(typeof(RoleAssignment))]
    public sealed class GrantVaultRoleCommand : RoleTargetCmdlet
    {

        /// <summary>A role name (Key Vault Secrets User...) or role definition id.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ArgumentCompleter(typeof(Completers.RoleNameCompleter))]
        [Alias("RoleDefinitionName", "RoleDefinitionId")]
        public string Role { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("PrincipalId")]
        public string ObjectId { get; set; } = "";

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet("User", "Group", "ServicePrincipal")]
        public string? PrincipalType { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            Run(ObjectId, () =>
            {
                AccessScope.CheckObjectId(ObjectId, "ObjectId");
                var roles = new RoleService(Connection);
                var target = ResolveRoleTarget(roles, forGrant: true);
                var role = roles.ResolveRole(Role, target.SubscriptionId, CancelToken);
                if (roles.MissingEntryWarning(target, CancelToken) is string missing)
                {
                    WriteWarning(missing);
                }

                var existing = roles.Find(target.Scope, ObjectId, role, CancelToken);
                if (existing != null)
                {
                    WriteVerbose($"{ObjectId} already has '{role.RoleName}' at {target.Scope} (assignment {existing.Name}); nothing to change.");
                    WriteObject(existing);
                    return;
                }

                if (!this.ShouldProcessOrForce(Force, target.Scope, RoleService.GrantDescription(ObjectId, PrincipalType, role)))
                {
                    return;
                }

                var assignment = roles.Create(target, role, ObjectId, PrincipalType, CancelToken);
                WriteVerbose($"Granted '{role.RoleName}' to {ObjectId} at {assignment.Scope} (assignment {assignment.Name}).");
                WriteObject(assignment);
            });
        }
    }
}
