using System.Management.Automation;
using VaultTools.Access;

namespace VaultTools.Commands.Access
{
    /// <summary>Removes a principal's whole access policy from a vault (every permission it has there).</summary>
    [Cmdlet(VerbsCommon.Remove, "VaultAccessPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(VaultAccessPolicy))]
    public sealed class RemoveVaultAccessPolicyCommand : VaultAccessCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("PrincipalId")]
        public string ObjectId { get; set; } = "";

        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Return the policy that was removed.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            Run(ObjectId, () =>
            {
                AccessScope.CheckObjectId(ObjectId, "ObjectId");
                // Read fresh for every item: the removal sends the principal's current permissions.
                var vault = new VaultService(Connection).Get(ResolveVault(), ResourceGroupName, SubscriptionId, CancelToken);
                if (!this.ShouldProcessOrForce(Force, vault.ResourceId, $"Remove the access policy of {ObjectId}"))
                {
                    return;
                }

                var removed = new AccessPolicyService(Connection).Remove(vault, ObjectId, CancelToken);
                if (vault.EnableRbacAuthorization)
                {
                    WriteWarning($"The vault '{vault.Name}' uses Azure RBAC: its access policies were not in effect. Use Revoke-VaultRole to take access away.");
                }

                if (PassThru)
                {
                    WriteObject(removed);
                }
            });
        }
    }
}
