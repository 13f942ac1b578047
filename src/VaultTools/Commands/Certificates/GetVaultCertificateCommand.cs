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
        [Parameter(ParameterSetName = ByName, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completers.CertificateNameCompleter))]
        [Alias("CertificateName")]
        public string? Name { get; set; }

        /// <summary>The version (declared here for Az.KeyVault's alias -CertificateVersion; the reading is GetEntryCmdlet's).</summary>
        [Parameter(ParameterSetName = ByName, Position = 2, ValueFromPipelineByPropertyName = true)]
        [Alias("CertificateVersion")]
        public new string? Version { get => base.Version; set => base.Version = value; }

        protected override string? EntryName => Name;

        private protected override IEntryLifecycle CreateService() => new CertificateService(Connection);
    }
}
