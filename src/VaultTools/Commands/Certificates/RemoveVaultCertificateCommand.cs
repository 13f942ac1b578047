using System.Management.Automation;
using VaultTools.Certificates;
using VaultTools.Connection;

namespace VaultTools.Commands.Certificates
{
    /// <summary>
    /// Soft-deletes certificates (with their backing keys and secrets), or with -InRemovedState purges
    /// certificates that are already deleted. -Purge deletes, waits (bounded) until the deletion is
    /// visible, then purges; for a batch the waits overlap.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "VaultCertificate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByName)]
    [OutputType(typeof(DeletedVaultCertificate))]
    public sealed class RemoveVaultCertificateCommand : RemoveEntryCmdlet<DeletedVaultCertificate>
    {
        private CertificateService? _service;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.CertificateNameCompleter))]
        public string Name { get; set; } = "";

        protected override string EntryName => Name;

        protected override string Kind => "Certificate";

        protected override string What => "certificate with its key and secret";

        private CertificateService Service => _service ??= new CertificateService(Connection);

        protected override void CheckName(string name) => Validation.EntryRules.CheckEntryName(name, Errors.EntryKind.Certificate, "Name");

        protected override string EntryUrl(VaultAddress vault, string name) => CertificateService.EntryUrl(vault, name, null);

        protected override string DeletedUrl(VaultAddress vault, string name) => CertificateService.DeletedUrl(vault, name);

        protected override object Delete(VaultAddress vault, string name) => Service.Remove(vault, name, CancelToken);

        protected override void PurgeDeleted(VaultAddress vault, string name) => Service.Purge(vault, name, CancelToken);

        private protected override bool WaitFor(object removal, ProgressWriter progress, out double timeoutSeconds)
        {
            timeoutSeconds = Service.Polling.Timeout.TotalSeconds;
            return Service.WaitFor((PendingEntryOperation<DeletedVaultCertificate>)removal, progress.Report, CancelToken);
        }
    }
}
