using System.Management.Automation;
using VaultTools.Certificates;

namespace VaultTools.Commands.Certificates
{
    /// <summary>
    /// Reads a certificate (its public X.509 certificate, key and secret ids), lists certificates
    /// matching a wildcard, lists a certificate's versions, reads one by its own URL (-Id), or with
    /// -InRemovedState reads or lists soft-deleted certificates.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "VaultCertificate", DefaultParameterSetName = ByName)]
    [OutputType(typeof(VaultCertificate), typeof(VaultCertificateProperties), typeof(DeletedVaultCertificate))]
    public sealed class GetVaultCertificateCommand : GetEntryCmdlet<VaultCertificate, VaultCertificateProperties, DeletedVaultCertificate>
    {
        [Parameter(ParameterSetName = ByName, Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completers.CertificateNameCompleter))]
        public string? Name { get; set; }

        protected override string? EntryName => Name;

        private protected override IEntryLifecycle CreateService() => new CertificateService(Connection);
    }
}
