using System.Management.Automation;

namespace VaultTools.Commands.Keys
{
    /// <summary>Gets a key's rotation policy (when new versions are made, when Key Vault notifies, how long versions live).</summary>
    [Cmdlet(VerbsCommon.Get, "VaultKeyRotationPolicy")]
    [OutputType(typeof(KeyRotationPolicy))]
    public sealed class GetVaultKeyRotationPolicyCommand : KeyCmdlet
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("KeyName")]
        [ArgumentCompleter(typeof(Completers.KeyNameCompleter))]
        public string Name { get; set; } = "";

        protected override void ProcessRecord()
            => Run(Name, () => WriteObject(Keys.GetRotationPolicy(ResolveVault(), Name, CancelToken)));
    }
}
