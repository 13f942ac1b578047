using System;
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
    public sealed class BackupVaultCertificateCommand : VaultCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.CertificateNameCompleter))]
        public string Name { get; set; } = "";

        [Parameter(Position = 1)]
        public string? OutputFile { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            Run(Name, () =>
            {
                var vault = ResolveVault();
                Validation.EntryRules.CheckEntryName(Name, Errors.EntryKind.Certificate, "Name");
                string path = GetUnresolvedProviderPathFromPSPath(OutputFile ?? $"{vault.Name}-{Name}-{DateTime.Now:yyyyMMddHHmmss}.blob");
                if (!ShouldProcess(path, $"Back up certificate '{CertificateService.EntryUrl(vault, Name, null)}' to file"))
                {
                    return;
                }

                WriteObject(new CertificateService(Connection).Backup(vault, Name, path, Force, CancelToken));
            });
        }
    }
}
