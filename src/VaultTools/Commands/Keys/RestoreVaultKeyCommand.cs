using System.Management.Automation;

namespace VaultTools.Commands.Keys
{
    /// <summary>Restores a key (all versions, same name) from a file made by Backup-VaultKey.</summary>
    [Cmdlet(VerbsData.Restore, "VaultKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(VaultKey))]
    public sealed class RestoreVaultKeyCommand : KeyCmdlet
    {
        /// <summary>The backup file; binds from a FileInfo's FullName (e.g. Backup-VaultKey's output).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        public string InputFile { get; set; } = "";

        protected override void ProcessRecord()
        {
            Run(InputFile, () =>
            {
                var vault = ResolveVault();
                string path = GetUnresolvedProviderPathFromPSPath(InputFile);
                if (ShouldProcess(vault.Uri.ToString(), $"Restore key from '{path}'"))
                {
                    WriteObject(Keys.Restore(vault, path, CancelToken));
                }
            });
        }
    }
}
