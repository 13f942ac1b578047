using System.Management.Automation;
using VaultTools.Access;

namespace VaultTools.Commands.Vaults
{
    /// <summary>Deletes a vault (in Azure it stays recoverable for its soft-delete retention period).</summary>
    [Cmdlet(VerbsCommon.Remove, "Vault", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveVaultCommand : ArmCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("VaultName")]
        [ArgumentCompleter(typeof(Completers.VaultNameCompleter))]
        public string Name { get; set; } = "";

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        public string? ResourceGroupName { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            Run(Name, () =>
            {
                var service = new VaultService(Connection);
                var vault = service.Get(Name, ResourceGroupName, SubscriptionId, "Name", CancelToken);
                if (!this.ShouldProcessOrForce(Force, vault.ResourceId, "Delete the vault and everything in it"))
                {
                    return;
                }

                service.Delete(vault, CancelToken);
                Completers.NameCache.ForgetAll(); // tab completion no longer offers the vault or its names
                WriteVerbose($"Deleted {vault.ResourceId}.");
            });
        }
    }
}
