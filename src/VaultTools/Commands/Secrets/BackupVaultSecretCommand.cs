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
    public sealed class BackupVaultSecretCommand : BackupEntryCmdlet
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.SecretNameCompleter))]
        [Alias("SecretName")]
        public string[] Name { get; set; } = System.Array.Empty<string>();

        protected override string[] EntryNames => Name;

        private protected override IEntryBackup CreateService() => new SecretService(Connection);
    }
}
