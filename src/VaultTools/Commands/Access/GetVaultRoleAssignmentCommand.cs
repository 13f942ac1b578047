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
    public sealed class GetVaultRoleAssignmentCommand : VaultAccessCmdlet
    {
        private const string ByVault = "ByVault";
        private const string ByScope = "ByScope";

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("PrincipalId")]
        public string? ObjectId { get; set; }

        /// <summary>Only assignments of this role (name or id).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completers.RoleNameCompleter))]
        [Alias("RoleDefinitionName", "RoleDefinitionId")]
        public string? Role { get; set; }

        [Parameter(ParameterSetName = ByVault)]
        [ArgumentCompleter(typeof(Completers.SecretNameCompleter))]
        public string? SecretName { get; set; }

        [Parameter(ParameterSetName = ByVault)]
        public string? KeyName { get; set; }

        [Parameter(ParameterSetName = ByVault)]
        public string? CertificateName { get; set; }

        [Parameter(ParameterSetName = ByScope, Mandatory = true)]
        public string Scope { get; set; } = "";

        [Parameter]
        public SwitchParameter IncludeInherited { get; set; }

        protected override void ProcessRecord()
        {
            Run((object?)ObjectId ?? VaultName, () =>
            {
                var roles = new RoleService(Connection);
                var target = ResolveRoleTarget(roles, ParameterSetName == ByScope ? Scope : null, SecretName, KeyName, CertificateName, forGrant: false);
                var role = Role is null ? null : roles.ResolveRole(Role, target.SubscriptionId, CancelToken);
                WriteObject(roles.List(target.Scope, ObjectId, IncludeInherited, role, CancelToken), enumerateCollection: true);
            });
        }
    }
}
