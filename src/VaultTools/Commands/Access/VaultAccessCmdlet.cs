using System.Management.Automation;

namespace VaultTools.Commands.Access
{
    /// <summary>
    /// Base of the access cmdlets that work on one vault through ARM: the vault (-VaultName/-VaultUri or
    /// the session's default) plus where ARM finds it (-ResourceGroupName, -SubscriptionId; both bind from
    /// the pipeline, so Get-Vault output flows in). Without a resource group the vault is looked up by name.
    /// </summary>
    public abstract class VaultAccessCmdlet : VaultCmdlet
    {
        // The vaults read through ARM during this call: piping many principals into one vault costs one GET.
        private readonly System.Collections.Generic.Dictionary<string, Vault> _vaults = new System.Collections.Generic.Dictionary<string, Vault>(System.StringComparer.OrdinalIgnoreCase);

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ResourceGroupName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? SubscriptionId { get; set; }

        /// <summary>The ARM description of the vault this call works on (-VaultName/-VaultUri or the session's default), read once per call.</summary>
        protected Vault ArmVault()
        {
            var address = ResolveVault();
            string key = address.Name + "|" + ResourceGroupName + "|" + SubscriptionId;
            if (!_vaults.TryGetValue(key, out var vault))
            {
                vault = new VaultTools.Access.VaultService(Connection).Get(address, ResourceGroupName, SubscriptionId, CancelToken);
                _vaults[key] = vault;
            }

            return vault;
        }
    }
}
