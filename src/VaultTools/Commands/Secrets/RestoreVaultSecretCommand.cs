using System.Management.Automation;
using VaultTools.Secrets;

namespace VaultTools.Commands.Secrets
{
    /// <summary>Restores secrets (with every version) from backup files made by Backup-VaultSecret.</summary>
    [Cmdlet(VerbsData.Restore, "VaultSecret", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(VaultSecretProperties))]
    public sealed class RestoreVaultSecretCommand : VaultCmdlet
    {
        /// <summary>The backup file; binds from FullName, so Backup-VaultSecret's output pipes straight in.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        public string InputFile { get; set; } = "";

        protected override void ProcessRecord()
        {
            Run(InputFile, () =>
            {
                var vault = ResolveVault();
                string path = GetUnresolvedProviderPathFromPSPath(InputFile);
                if (!ShouldProcess(vault.Uri.ToString(), $"Restore secret from backup file '{path}'"))
                {
                    return;
                }

                WriteObject(new SecretService(Connection).Restore(vault, path, CancelToken));
            });
        }
    }
}
