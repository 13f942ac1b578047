using System.Linq;
using System.Management.Automation;
using VaultTools.Access;

namespace VaultTools.Commands.Vaults
{
    /// <summary>Gets a vault's ARM description (tier, permission model, access policies...), or lists the vaults of a resource group or subscription.</summary>
    [Cmdlet(VerbsCommon.Get, "Vault")]
    [OutputType(typeof(Vault))]
    public sealed class GetVaultCommand : ArmCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completers.VaultNameCompleter))]
        [Alias("VaultName")]
        public string? Name { get; set; }

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        public string? ResourceGroupName { get; set; }

        protected override void ProcessRecord()
        {
            Run(Name, () =>
            {
                var service = new VaultService(Connection);
                if (Name != null && !WildcardPattern.ContainsWildcardCharacters(Name))
                {
                    WriteObject(service.Get(Name, ResourceGroupName, SubscriptionId, "Name", CancelToken));
                    return;
                }

                var pattern = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
                WriteObject(service.List(ResourceGroupName, SubscriptionId, CancelToken).Where(v => pattern is null || pattern.IsMatch(v.Name)), enumerateCollection: true);
            });
        }
    }
}
