using System.Management.Automation;
using VaultTools.Keys;

namespace VaultTools.Commands.Keys
{
    /// <summary>
    /// Soft-deletes a key with all its versions (recoverable with Undo-VaultKeyRemoval until its purge
    /// date), or with -InRemovedState purges a soft-deleted key for good. ConfirmImpact High: it asks
    /// unless -Force (or -Confirm:$false) is given.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "VaultKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(DeletedVaultKey))]
    public sealed class RemoveVaultKeyCommand : KeyCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.KeyNameCompleter))]
        public string Name { get; set; } = "";

        /// <summary>Purge a soft-deleted key: it cannot be recovered afterwards.</summary>
        [Parameter]
        public SwitchParameter InRemovedState { get; set; }

        /// <summary>Do not ask for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Return the deleted key (not with -InRemovedState).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            Run(Name, () =>
            {
                var vault = ResolveVault();
                Validation.EntryRules.CheckEntryName(Name, Errors.EntryKind.Key, "Name");
                string target = KeyService.EntryUrl(vault, Name, null);
                string action = InRemovedState ? "Purge deleted key (permanent, cannot be undone)" : "Delete key (soft delete, recoverable)";
                if (!this.ShouldProcessOrForce(Force, target, action))
                {
                    return;
                }

                if (InRemovedState)
                {
                    Keys.Purge(vault, Name, CancelToken);
                    WriteVerbose($"Key '{Name}' purged from {vault.Uri}.");
                    return;
                }

                var deleted = Keys.Remove(vault, Name, CancelToken);
                WriteVerbose($"Key '{Name}' deleted; recoverable until {deleted.ScheduledPurgeDate:u}.");
                if (PassThru)
                {
                    WriteObject(deleted);
                }
            });
        }
    }
}
