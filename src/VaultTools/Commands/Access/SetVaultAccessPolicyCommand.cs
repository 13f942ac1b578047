using System.Linq;
using System.Management.Automation;
using VaultTools.Access;

namespace VaultTools.Commands.Access
{
    /// <summary>
    /// Gives a principal access-policy permissions on a vault that uses the access-policy model: added to
    /// what it has (default), or, with -Replace, exactly the permissions given. Refused on RBAC vaults.
    /// ConfirmImpact Medium, as Set-AzKeyVaultAccessPolicy: a runbook grants without a prompt; -Confirm asks, -WhatIf shows.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "VaultAccessPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(VaultAccessPolicy))]
    public sealed class SetVaultAccessPolicyCommand : VaultAccessCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("PrincipalId")]
        public string ObjectId { get; set; } = "";

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.AccessPolicyPermissionCompleter))]
        public string[]? PermissionsToSecrets { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.AccessPolicyPermissionCompleter))]
        public string[]? PermissionsToKeys { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.AccessPolicyPermissionCompleter))]
        public string[]? PermissionsToCertificates { get; set; }

        /// <summary>Make the principal's permissions exactly those given, instead of adding to them.</summary>
        [Parameter]
        public SwitchParameter Replace { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            Run(ObjectId, () =>
            {
                var change = new AccessPolicyChange
                {
                    ObjectId = ObjectId,
                    PermissionsToSecrets = PermissionsToSecrets,
                    PermissionsToKeys = PermissionsToKeys,
                    PermissionsToCertificates = PermissionsToCertificates,
                    Replace = Replace,
                };
                var (secrets, keys, certificates) = AccessPolicyService.Validate(change);
                var vault = ArmVault();
                AccessPolicyService.CheckAccessPolicyModel(vault);

                string action = $"{(Replace ? "Set the access policy of" : "Add to the access policy of")} {ObjectId}: secrets [{string.Join(", ", secrets)}] keys [{string.Join(", ", keys)}] certificates [{string.Join(", ", certificates)}]";
                if (!this.ShouldProcessOrForce(Force, vault.ResourceId, action))
                {
                    return;
                }

                var policy = new AccessPolicyService(Connection).Set(vault, change, CancelToken);
                WriteVerbose($"The access policy of {ObjectId} on '{vault.Name}' is now: {policy}.");
                if (PassThru)
                {
                    WriteObject(policy);
                }
            });
        }
    }
}
