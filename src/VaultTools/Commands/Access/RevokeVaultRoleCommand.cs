using System.Management.Automation;
using VaultTools.Access;
using VaultTools.Errors;

namespace VaultTools.Commands.Access
{
    /// <summary>
    /// Removes role assignments: the one of a role, a principal and a scope (the vault, one entry, or any
    /// ARM scope), or the assignments piped in from Get-VaultRoleAssignment.
    /// </summary>
    [Cmdlet(VerbsSecurity.Revoke, "VaultRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByVault)]
    [OutputType(typeof(RoleAssignment))]
    public sealed class RevokeVaultRoleCommand : RoleTargetCmdlet
    {
        private const string ByInputObject = "ByInputObject";

        [Parameter(ParameterSetName = ByVault, Mandatory = true, Position = 0)]
        [Parameter(ParameterSetName = ByScope, Mandatory = true, Position = 0)]
        [ArgumentCompleter(typeof(Completers.RoleNameCompleter))]
        [Alias("RoleDefinitionName", "RoleDefinitionId")]
        public string Role { get; set; } = "";

        [Parameter(ParameterSetName = ByVault, Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = ByScope, Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("PrincipalId")]
        public string ObjectId { get; set; } = "";

        /// <summary>Assignments from Get-VaultRoleAssignment (or Grant-VaultRole).</summary>
        [Parameter(ParameterSetName = ByInputObject, Mandatory = true, ValueFromPipeline = true)]
        public RoleAssignment InputObject { get; set; } = null!;

        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Return the removed assignments.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var roles = new RoleService(Connection);
            if (ParameterSetName == ByInputObject)
            {
                Run(InputObject, () => Remove(roles, InputObject));
                return;
            }

            Run(ObjectId, () =>
            {
                AccessScope.CheckObjectId(ObjectId, "ObjectId");
                var target = ResolveRoleTarget(roles, forGrant: false);
                var role = roles.ResolveRole(Role, target.SubscriptionId, CancelToken);
                var found = roles.FindForRevoke(target.Scope, ObjectId, role, CancelToken);
                if (found.Count == 0)
                {
                    throw new VaultException(VaultErrorKind.NotFound, "VaultRoleAssignmentNotFound",
                        $"{ObjectId} has no '{role.RoleName}' assignment at {target.Scope} to revoke (an assignment at an enclosing scope is revoked at that scope; see Get-VaultRoleAssignment -IncludeInherited).", null, target.Scope);
                }

                foreach (var assignment in found)
                {
                    Remove(roles, assignment);
                }
            });
        }

        private void Remove(RoleService roles, RoleAssignment assignment)
        {
            string role = assignment.RoleDefinitionName ?? assignment.RoleDefinitionGuid;
            if (!this.ShouldProcessOrForce(Force, assignment.Scope, $"Revoke role '{role}' from {assignment.PrincipalId}"))
            {
                return;
            }

            var removed = roles.Delete(assignment.Id, CancelToken);
            if (removed is null)
            {
                WriteVerbose($"The assignment {assignment.Id} was already removed.");
                removed = assignment;
            }
            else
            {
                WriteVerbose($"Revoked '{role}' from {assignment.PrincipalId} at {assignment.Scope}.");
            }

            if (PassThru)
            {
                WriteObject(removed);
            }
        }
    }
}
