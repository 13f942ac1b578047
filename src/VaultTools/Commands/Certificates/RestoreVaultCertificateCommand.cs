using System.Management.Automation;
using VaultTools.Certificates;
using VaultTools.Connection;

namespace VaultTools.Commands.Certificates
{
    /// <summary>Restores certificates (every version, with policy, key and secret) from backup files made by Backup-VaultCertificate.</summary>
    [Cmdlet(VerbsData.Restore, "VaultCertificate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(VaultCertificate))]
    public sealed class RestoreVaultCertificateCommand : RestoreEntryCmdlet
    {
        protected override string Noun => "certificate";

        protected override object Restore(VaultAddress vault, string path) => new CertificateService(Connection).Restore(vault, path, CancelToken);
    }
}
