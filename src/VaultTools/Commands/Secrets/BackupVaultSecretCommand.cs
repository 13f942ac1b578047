using System.IO;
using System.Management.Automation;
using VaultTools.Connection;
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
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.SecretNameCompleter))]
        public string Name { get; set; } = "";

        protected override string EntryName => Name;

        protected override string Noun => "secret";

        protected override string CheckName(VaultAddress vault, string name)
        {
            Validation.EntryRules.CheckEntryName(name, Errors.EntryKind.Secret, "Name");
            return SecretService.EntryUrl(vault, name, null);
        }

        protected override FileInfo Backup(VaultAddress vault, string name, string path)
            => new SecretService(Connection).Backup(vault, name, path, Force, CancelToken);
    }
}
