using System;
using System.Management.Automation;
using VaultTools.Connection;

namespace VaultTools.Commands
{
    /// <summary>
    /// Backup-VaultSecret, Backup-VaultKey and Backup-VaultCertificate: one entry (every version, protected
    /// by Key Vault) to one file. Without -OutputFile the file is &lt;vault&gt;-&lt;name&gt;-&lt;yyyyMMddHHmmss&gt;.blob in
    /// the current folder, so a piped batch writes one file per entry. Core refuses an existing file unless
    /// -Force (before any request) and writes atomically, owner-only on Unix.
    /// </summary>
    /// <remarks>
    /// Each cmdlet declares -Name itself (its completer differs) and names its Core service, which does the rest
    /// through Core's IEntryBackup (kind, URL, the backup itself). As for the Remove-/Undo- bases, Core types appear
    /// only in method bodies and non-generic method signatures, so that PowerShell does not load Core while it
    /// scans the cmdlet's parameters.
    /// </remarks>
    public abstract class BackupEntryCmdlet : VaultFirstCmdlet
    {
        private IEntryBackup? _service;

        /// <summary>The backup file; by default &lt;vault&gt;-&lt;name&gt;-&lt;yyyyMMddHHmmss&gt;.blob in the current folder.</summary>
        [Parameter(Position = 2)]
        public string? OutputFile { get; set; }

        /// <summary>Replace an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The -Name of the entry to back up.</summary>
        protected abstract string EntryName { get; }

        /// <summary>The Core service of the entry kind.</summary>
        private protected abstract IEntryBackup CreateService();

        private IEntryBackup Service => _service ??= CreateService();

        protected override void ProcessRecord()
        {
            Run(EntryName, () =>
            {
                var vault = ResolveVault();
                var service = Service;
                Validation.EntryRules.CheckEntryName(EntryName, service.Kind, "Name");
                string url = service.EntryUrl(vault, EntryName);
                string path = GetUnresolvedProviderPathFromPSPath(OutputFile ?? $"{vault.Name}-{EntryName}-{DateTime.Now:yyyyMMddHHmmss}.blob");
                if (!ShouldProcess(path, $"Back up {service.Kind.ToString().ToLowerInvariant()} '{url}' to file"))
                {
                    return;
                }

                // Core checks the file before the request.
                WriteFileItem(service.Backup(vault, EntryName, path, Force, CancelToken));
            });
        }
    }

    /// <summary>
    /// Restore-VaultSecret, Restore-VaultKey and Restore-VaultCertificate: an entry (every version, its
    /// name) from a file made by the matching Backup cmdlet. -InputFile binds from FullName, so the output of
    /// Backup-* and Get-ChildItem pipes in.
    /// </summary>
    public abstract class RestoreEntryCmdlet : VaultFirstCmdlet
    {
        /// <summary>The backup file; binds from FullName, so Backup-* output pipes straight in.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        public string InputFile { get; set; } = "";

        /// <summary>secret, key or certificate (for messages).</summary>
        protected abstract string Noun { get; }

        /// <summary>Restores the entry from the file and returns it.</summary>
        protected abstract object Restore(VaultAddress vault, string path);

        protected override void ProcessRecord()
        {
            Run(InputFile, () =>
            {
                var vault = ResolveVault();
                string path = GetUnresolvedProviderPathFromPSPath(InputFile);
                if (!ShouldProcess(vault.Uri.ToString(), $"Restore {Noun} from backup file '{path}'"))
                {
                    return;
                }

                WriteObject(Restore(vault, path));
            });
        }
    }
}
