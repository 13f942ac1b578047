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
    public sealed class UndoVaultCertificateRemovalCommand : UndoEntryRemovalCmdlet<VaultCertificate>
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.DeletedCertificateNameCompleter))]
        [Alias("CertificateName")]
        public string Name { get; set; } = "";

        protected override string EntryName => Name;

        private protected override IEntryLifecycle CreateService() => new CertificateService(Connection);
    }
}
