using System.Collections.Generic;
using System.Management.Automation;
using VaultTools.Secrets;

namespace VaultTools.Commands.Secrets
{
    /// <summary>
    /// Soft-deletes secrets (recoverable until their scheduled purge date), or with -InRemovedState
    /// purges secrets that are already deleted. -Purge does both in one call: it waits (bounded) until
    /// the deletion is visible, which Key Vault needs before a purge, then purges. For a batch the waits
    /// overlap: every deletion is sent first, then each is awaited and purged.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "VaultSecret", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByName)]
    [OutputType(typeof(DeletedVaultSecret))]
    public sealed class RemoveVaultSecretCommand : VaultCmdlet
    {
        private const string ByName = "ByName";
        private const string InRemovedStateSet = "InRemovedState";

        private readonly List<PendingEntryOperation<DeletedVaultSecret>> _toPurge = new List<PendingEntryOperation<DeletedVaultSecret>>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.SecretNameCompleter))]
        public string Name { get; set; } = "";

        /// <summary>Purge a secret that is already in the deleted state (permanent).</summary>
        [Parameter(Mandatory = true, ParameterSetName = InRemovedStateSet)]
        public SwitchParameter InRemovedState { get; set; }

        /// <summary>Delete, wait until the deletion is visible, then purge (permanent).</summary>
        [Parameter(ParameterSetName = ByName)]
        public SwitchParameter Purge { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter(ParameterSetName = ByName)]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            Run(Name, () =>
            {
                var vault = ResolveVault();
                Validation.EntryRules.CheckEntryName(Name, Errors.EntryKind.Secret, "Name");
                var service = new SecretService(Connection);
                if (InRemovedState)
                {
                    if (this.ShouldProcessOrForce(Force, SecretService.DeletedUrl(vault, Name), "Purge deleted secret (permanent, cannot be undone)"))
                    {
                        service.Purge(vault, Name, CancelToken);
                        WriteVerbose($"Deleted secret '{Name}' purged from {vault.Uri}.");
                    }

                    return;
                }

                string action = Purge ? "Remove secret and purge it (permanent, cannot be undone)" : "Remove secret (soft delete, recoverable)";
                if (!this.ShouldProcessOrForce(Force, SecretService.EntryUrl(vault, Name, null), action))
                {
                    return;
                }

                var removal = service.Remove(vault, Name, CancelToken);
                WriteVerbose($"Secret '{Name}' deleted from {vault.Uri}; recoverable until {removal.Result.ScheduledPurgeDate:u}.");
                if (Purge)
                {
                    _toPurge.Add(removal);
                }
                else if (PassThru)
                {
                    WriteObject(removal.Result);
                }
            });
        }

        protected override void EndProcessing()
        {
            if (_toPurge.Count == 0)
            {
                return;
            }

            var service = new SecretService(Connection);
            var progress = new ProgressWriter(this, 1, "Remove-VaultSecret -Purge");
            foreach (var removal in _toPurge)
            {
                Run(removal.Name, () =>
                {
                    var vault = new VaultTools.Connection.VaultAddress(removal.VaultName, removal.VaultUri);
                    if (removal.Result.RecoveryId is null)
                    {
                        WriteVerbose($"Vault {vault.Uri} has no soft delete: secret '{removal.Name}' is already gone.");
                    }
                    else if (!service.WaitFor(removal, progress.Report, CancelToken))
                    {
                        throw new Errors.VaultException(Errors.VaultErrorKind.ServiceError, "VaultSecretDeletionPending",
                            $"Secret '{removal.Name}' was deleted but the deletion was not visible after {service.Polling.Timeout.TotalSeconds:0} s, so it was not purged. Purge it later with Remove-VaultSecret -InRemovedState.",
                            null, SecretService.EntryUrl(vault, removal.Name, null));
                    }
                    else
                    {
                        service.Purge(vault, removal.Name, CancelToken);
                        WriteVerbose($"Secret '{removal.Name}' purged from {vault.Uri}.");
                    }

                    if (PassThru)
                    {
                        WriteObject(removal.Result);
                    }
                });
            }

            progress.Complete();
        }
    }
}
