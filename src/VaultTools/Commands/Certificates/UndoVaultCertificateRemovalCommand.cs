using System.Management.Automation;
using VaultTools.Certificates;
using VaultTools.Connection;

namespace VaultTools.Commands.Certificates
{
    /// <summary>
    /// Recovers soft-deleted certificates (with their backing keys and secrets) and waits (bounded)
    /// until each can be read again before returning it.
    /// </summary>
    [Cmdlet(VerbsCommon.Undo, "VaultCertificateRemoval", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(VaultCertificate))]
    public sealed class UndoVaultCertificateRemovalCommand : UndoEntryRemovalCmdlet<VaultCertificate>
    {
        private CertificateService? _service;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.DeletedCertificateNameCompleter))]
        public string Name { get; set; } = "";

        protected override string EntryName => Name;

        protected override string Noun => "certificate";

        private CertificateService Service => _service ??= new CertificateService(Connection);

        protected override void CheckName(string name) => Validation.EntryRules.CheckEntryName(name, Errors.EntryKind.Certificate, "Name");

        protected override string DeletedUrl(VaultAddress vault, string name) => CertificateService.DeletedUrl(vault, name);

        protected override object StartRecover(VaultAddress vault, string name) => Service.StartRecover(vault, name, CancelToken);

        private protected override bool WaitFor(object recovery, ProgressWriter progress, out double timeoutSeconds)
        {
            timeoutSeconds = Service.Polling.Timeout.TotalSeconds;
            return Service.WaitFor((PendingEntryOperation<VaultCertificate>)recovery, progress.Report, CancelToken);
        }
    }
}
