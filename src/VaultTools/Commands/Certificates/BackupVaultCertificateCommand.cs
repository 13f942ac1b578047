using System.IO;
using System.Management.Automation;
using VaultTools.Certificates;

namespace VaultTools.Commands.Certificates
{
    /// <summary>
    /// Backs up certificates (every version, with policy, key and secret, encrypted by Key Vault) to
    /// files. Refuses to replace an existing file unless -Force; writes atomically.
    /// </summary>
    [Cmdlet(VerbsData.Backup, "VaultCertificate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(FileInfo))]
    public sealed class BackupVaultCertificateCommand : BackupEntryCmdlet
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.CertificateNameCompleter))]
        [Alias("CertificateName")]
        public string[] Name { get; set; } = System.Array.Empty<string>();

        protected override string[] EntryNames => Name;

        private protected override IEntryBackup CreateService() => new CertificateService(Connection);
    }
}
