using System.Management.Automation;
using VaultTools.Access;

namespace VaultTools.Commands.Access
{
    /// <summary>
    /// Lists role assignments: at the vault, at one entry or at any ARM scope; for one principal; with
    /// -IncludeInherited also those at enclosing scopes (resource group, subscription, the vault for an entry).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "VaultRoleAssignment", DefaultParameterSetName = ByVault)]
    [OutputType(typeof(RoleAssignment))]
    public sealed class GetVaultRoleAssignmentCommand : RoleTargetCmdlet
    {

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("PrincipalId")]
        public string? ObjectId { get; set; }

        /// <summary>Only assignments of this role (name or id).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completers.RoleNameCompleter))]
        [Alias("RoleDefinitionName", "RoleDefinitionId")]
        public string? Role { get; set; }

        [Parameter]
        public SwitchParameter IncludeInherited { get; set; }

        protected override void ProcessRecord()
        {
            Run((object?)ObjectId ?? VaultName, () =>
            {
                var roles = new RoleService(Connection);
                var target = ResolveRoleTarget(roles, forGrant: false);
                var role = Role is null ? null : roles.ResolveRole(Role, target.SubscriptionId, CancelToken);
                WriteObject(roles.List(target.Scope, ObjectId, IncludeInherited, role, CancelToken), enumerateCollection: true);
            });
        }
    }
}
