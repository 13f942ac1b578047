using System.Collections.Generic;
using System.Management.Automation;
using VaultTools.Certificates;

namespace VaultTools.Commands.Certificates
{
    /// <summary>
    /// Soft-deletes certificates (with their backing keys and secrets), or with -InRemovedState purges
    /// certificates that are already deleted. -Purge deletes, waits (bounded) until the deletion is
    /// visible, then purges; for a batch the waits overlap.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "VaultCertificate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByName)]
    [OutputType(typeof(DeletedVaultCertificate))]
    public sealed class RemoveVaultCertificateCommand : VaultCmdlet
    {
        private const string ByName = "ByName";
        private const string InRemovedStateSet = "InRemovedState";

        private readonly List<PendingEntryOperation<DeletedVaultCertificate>> _toPurge = new List<PendingEntryOperation<DeletedVaultCertificate>>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.CertificateNameCompleter))]
        public string Name { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = InRemovedStateSet)]
        public SwitchParameter InRemovedState { get; set; }

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
                Validation.EntryRules.CheckEntryName(Name, Errors.EntryKind.Certificate, "Name");
                var service = new CertificateService(Connection);
                if (InRemovedState)
                {
                    if (this.ShouldProcessOrForce(Force, CertificateService.DeletedUrl(vault, Name), "Purge deleted certificate with its key and secret (permanent, cannot be undone)"))
                    {
                        service.Purge(vault, Name, CancelToken);
                        WriteVerbose($"Deleted certificate '{Name}' purged from {vault.Uri}.");
                    }

                    return;
                }

                string action = Purge ? "Remove certificate with its key and secret, and purge it (permanent, cannot be undone)" : "Remove certificate with its key and secret (soft delete, recoverable)";
                if (!this.ShouldProcessOrForce(Force, CertificateService.EntryUrl(vault, Name, null), action))
                {
                    return;
                }

                var removal = service.Remove(vault, Name, CancelToken);
                WriteVerbose($"Certificate '{Name}' deleted from {vault.Uri}; recoverable until {removal.Result.ScheduledPurgeDate:u}.");
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

            var service = new CertificateService(Connection);
            var progress = new ProgressWriter(this, 1, "Remove-VaultCertificate -Purge");
            foreach (var removal in _toPurge)
            {
                Run(removal.Name, () =>
                {
                    var vault = new VaultTools.Connection.VaultAddress(removal.VaultName, removal.VaultUri);
                    if (removal.Result.RecoveryId is null)
                    {
                        WriteVerbose($"Vault {vault.Uri} has no soft delete: certificate '{removal.Name}' is already gone.");
                    }
                    else if (!service.WaitFor(removal, progress.Report, CancelToken))
                    {
                        throw new Errors.VaultException(Errors.VaultErrorKind.ServiceError, "VaultCertificateDeletionPending",
                            $"Certificate '{removal.Name}' was deleted but the deletion was not visible after {service.Polling.Timeout.TotalSeconds:0} s, so it was not purged. Purge it later with Remove-VaultCertificate -InRemovedState.",
                            null, CertificateService.EntryUrl(vault, removal.Name, null));
                    }
                    else
                    {
                        service.Purge(vault, removal.Name, CancelToken);
                        WriteVerbose($"Certificate '{removal.Name}' purged from {vault.Uri}.");
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
