using System.IO;
using System.Management.Automation;
using VaultTools.Certificates;
using VaultTools.Connection;

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
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.CertificateNameCompleter))]
        public string Name { get; set; } = "";

        protected override string EntryName => Name;

        protected override string Noun => "certificate";

        protected override string CheckName(VaultAddress vault, string name)
        {
            Validation.EntryRules.CheckEntryName(name, Errors.EntryKind.Certificate, "Name");
            return CertificateService.EntryUrl(vault, name, null);
        }

        protected override FileInfo Backup(VaultAddress vault, string name, string path)
            => new CertificateService(Connection).Backup(vault, name, path, Force, CancelToken);
    }
}
