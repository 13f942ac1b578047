using System.IO;
using System.Management.Automation;
using VaultTools.Keys;

namespace VaultTools.Commands.Keys
{
    /// <summary>
    /// Writes a key's protected backup (all versions) to a file. The blob can only be restored into a
    /// vault of the same Azure geography and subscription. An existing file is kept unless -Force; the
    /// file is written atomically and is readable by its owner only (on Unix).
    /// </summary>
    [Cmdlet(VerbsData.Backup, "VaultKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(FileInfo))]
    public sealed class BackupVaultKeyCommand : BackupEntryCmdlet
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.KeyNameCompleter))]
        [Alias("KeyName")]
        public string[] Name { get; set; } = System.Array.Empty<string>();

        protected override string[] EntryNames => Name;

        private protected override IEntryBackup CreateService() => new KeyService(Connection);
    }
}
