using System;
using System.IO;
using System.Management.Automation;
using VaultTools.Secrets;

namespace VaultTools.Commands.Secrets
{
    /// <summary>
    /// Backs up secrets (every version, encrypted by Key Vault) to files. Refuses to replace an existing
    /// file unless -Force, and writes atomically: a file is either the old one or the whole new backup.
    /// </summary>
    [Cmdlet(VerbsData.Backup, "VaultSecret", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(FileInfo))]
    public sealed class BackupVaultSecretCommand : VaultCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.SecretNameCompleter))]
        public string Name { get; set; } = "";

        /// <summary>The backup file; by default &lt;vault&gt;-&lt;name&gt;-&lt;yyyyMMddHHmmss&gt;.blob in the current folder.</summary>
        [Parameter(Position = 1)]
        public string? OutputFile { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            Run(Name, () =>
            {
                var vault = ResolveVault();
                Validation.EntryRules.CheckEntryName(Name, Errors.EntryKind.Secret, "Name");
                string path = GetUnresolvedProviderPathFromPSPath(OutputFile ?? $"{vault.Name}-{Name}-{DateTime.Now:yyyyMMddHHmmss}.blob");
                if (!ShouldProcess(path, $"Back up secret '{SecretService.EntryUrl(vault, Name, null)}' to file"))
                {
                    return;
                }

                WriteObject(new SecretService(Connection).Backup(vault, Name, path, Force, CancelToken));
            });
        }
    }
}
