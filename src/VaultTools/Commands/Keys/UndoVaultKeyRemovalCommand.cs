using System.Management.Automation;
using VaultTools.Keys;

namespace VaultTools.Commands.Keys
{
    /// <summary>Recovers a soft-deleted key with all its versions.</summary>
    [Cmdlet(VerbsCommon.Undo, "VaultKeyRemoval", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(VaultKey))]
    public sealed class UndoVaultKeyRemovalCommand : KeyCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.DeletedKeyNameCompleter))]
        public string Name { get; set; } = "";

        protected override void ProcessRecord()
        {
            Run(Name, () =>
            {
                var vault = ResolveVault();
                Validation.EntryRules.CheckEntryName(Name, Errors.EntryKind.Key, "Name");
                if (ShouldProcess(KeyService.EntryUrl(vault, Name, null), "Recover deleted key"))
                {
                    WriteObject(Keys.Recover(vault, Name, CancelToken));
                }
            });
        }
    }
}
