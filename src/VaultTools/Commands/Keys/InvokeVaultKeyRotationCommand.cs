using System.Management.Automation;
using VaultTools.Keys;

namespace VaultTools.Commands.Keys
{
    /// <summary>Rotates a key now: the vault makes a new version (POST /keys/{name}/rotate), as its rotation policy says.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "VaultKeyRotation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(VaultKey))]
    public sealed class InvokeVaultKeyRotationCommand : KeyCmdlet
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.KeyNameCompleter))]
        [Alias("KeyName")]
        public string Name { get; set; } = "";

        protected override void ProcessRecord()
        {
            Run(Name, () =>
            {
                var vault = ResolveVault();
                Validation.EntryRules.CheckEntryName(Name, Errors.EntryKind.Key, "Name");
                if (ShouldProcess(KeyService.EntryUrl(vault, Name, null), "Rotate key (new version)"))
                {
                    WriteObject(Keys.Rotate(vault, Name, CancelToken));
                }
            });
        }
    }
}
