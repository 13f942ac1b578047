using System.Management.Automation;
using VaultTools.Certificates;

namespace VaultTools.Commands.Certificates
{
    /// <summary>Restores certificates (every version, with policy, key and secret) from backup files made by Backup-VaultCertificate.</summary>
    [Cmdlet(VerbsData.Restore, "VaultCertificate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(VaultCertificate))]
    public sealed class RestoreVaultCertificateCommand : VaultCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        public string InputFile { get; set; } = "";

        protected override void ProcessRecord()
        {
            Run(InputFile, () =>
            {
                var vault = ResolveVault();
                string path = GetUnresolvedProviderPathFromPSPath(InputFile);
                if (!ShouldProcess(vault.Uri.ToString(), $"Restore certificate from backup file '{path}'"))
                {
                    return;
                }

                WriteObject(new CertificateService(Connection).Restore(vault, path, CancelToken));
            });
        }
    }
}
