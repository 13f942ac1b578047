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
    public sealed class RemoveVaultCertificateCommand : RemoveEntryCmdlet<DeletedVaultCertificate>
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.CertificateNameCompleter))]
        [Alias("CertificateName")]
        public string[] Name { get; set; } = System.Array.Empty<string>();

        protected override string[] EntryNames => Name;

        protected override string What => "certificate with its key and secret";

        private protected override IEntryLifecycle CreateService() => new CertificateService(Connection);
    }
}
