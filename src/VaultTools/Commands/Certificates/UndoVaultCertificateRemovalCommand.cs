using System.Collections.Generic;
using System.Management.Automation;
using VaultTools.Certificates;

namespace VaultTools.Commands.Certificates
{
    /// <summary>
    /// Recovers soft-deleted certificates (with their backing keys and secrets) and waits (bounded)
    /// until each can be read again before returning it.
    /// </summary>
    [Cmdlet(VerbsCommon.Undo, "VaultCertificateRemoval", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(VaultCertificate))]
    public sealed class UndoVaultCertificateRemovalCommand : VaultCmdlet
    {
        private readonly List<PendingEntryOperation<VaultCertificate>> _recoveries = new List<PendingEntryOperation<VaultCertificate>>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.DeletedCertificateNameCompleter))]
        public string Name { get; set; } = "";

        protected override void ProcessRecord()
        {
            Run(Name, () =>
            {
                var vault = ResolveVault();
                Validation.EntryRules.CheckEntryName(Name, Errors.EntryKind.Certificate, "Name");
                if (!ShouldProcess(CertificateService.DeletedUrl(vault, Name), "Recover deleted certificate"))
                {
                    return;
                }

                _recoveries.Add(new CertificateService(Connection).StartRecover(vault, Name, CancelToken));
            });
        }

        protected override void EndProcessing()
        {
            var service = new CertificateService(Connection);
            var progress = new ProgressWriter(this, 1, "Undo-VaultCertificateRemoval");
            foreach (var recovery in _recoveries)
            {
                Run(recovery.Name, () =>
                {
                    if (!service.WaitFor(recovery, progress.Report, CancelToken))
                    {
                        WriteWarning($"The vault accepted the recovery of certificate '{recovery.Name}', but it was not readable yet after {service.Polling.Timeout.TotalSeconds:0} s; it will finish on its own.");
                    }

                    WriteObject(recovery.Result);
                });
            }

            progress.Complete();
        }
    }
}
