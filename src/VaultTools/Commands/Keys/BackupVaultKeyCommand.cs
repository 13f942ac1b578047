using System.IO;
using System.Management.Automation;
using VaultTools.Keys;

namespace VaultTools.Commands.Keys
{
    /// <summary>
    /// Writes a key's protected backup (all versions) to a file. The blob can only be restored into a
    /// vault of the same Azure geography and subscription. An existing file is kept unless -Force.
    /// </summary>
    [Cmdlet(VerbsData.Backup, "VaultKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(FileInfo))]
    public sealed class BackupVaultKeyCommand : KeyCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.KeyNameCompleter))]
        public string Name { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1)]
        public string OutputFile { get; set; } = "";

        /// <summary>Overwrite an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            Run(Name, () =>
            {
                var vault = ResolveVault();
                string path = GetUnresolvedProviderPathFromPSPath(OutputFile);
                Validation.EntryRules.CheckEntryName(Name, Errors.EntryKind.Key, "Name");
                KeyService.CheckOutputFile(path, Force);
                if (ShouldProcess(path, $"Back up key '{Name}' to file"))
                {
                    WriteObject(Keys.Backup(vault, Name, path, Force, CancelToken));
                }
            });
        }
    }
}
