using System;
using System.Management.Automation;
using VaultTools.Connection;

namespace VaultTools.Commands
{
    /// <summary>
    /// Backup-VaultSecret, Backup-VaultKey and Backup-VaultCertificate: one entry (every version, protected
    /// by Key Vault) to one file. Without -OutputFile the file is &lt;vault&gt;-&lt;name&gt;-&lt;yyyyMMddHHmmss&gt;.blob in
    /// the current folder, so a piped batch writes one file per entry. Core refuses an existing file unless
    /// -Force (before any request) and writes atomically, owner-only on Unix. Many names (an array or the
    /// pipeline) are confirmed one by one on the pipeline thread, then backed up -ThrottleLimit at a time.
    /// </summary>
    /// <remarks>
    /// Each cmdlet declares -Name itself (its completer differs) and names its Core service, which does the rest
    /// through Core's IEntryBackup (kind, URL, the backup itself). As for the Remove-/Undo- bases, Core types appear
    /// only in method bodies and non-generic method signatures, so that PowerShell does not load Core while it
    /// scans the cmdlet's parameters.
    /// </remarks>
    public abstract class BackupEntryCmdlet : VaultFirstCmdlet
    {
        /// <summary>Backups agreed to wait here; a chunk this big is made before more is taken.</summary>
        private const int BulkChunk = 256;

        private readonly System.Collections.Generic.List<(VaultAddress Vault, string Name, string Path)> _pending = new System.Collections.Generic.List<(VaultAddress, string, string)>();
        private IEntryBackup? _service;

        /// <summary>The backup file; by default &lt;vault&gt;-&lt;name&gt;-&lt;yyyyMMddHHmmss&gt;.blob in the current folder.</summary>
        [Parameter(Position = 2)]
        public string? OutputFile { get; set; }

        /// <summary>Replace an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>How many backups are read at once for many entries.</summary>
        [Parameter]
        [ValidateRange(1, Bulk.BulkRunner.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = Bulk.BulkRunner.DefaultThrottleLimit;

        /// <summary>The -Name of the entries to back up (one or many).</summary>
        protected abstract string[] EntryNames { get; }

        /// <summary>The Core service of the entry kind.</summary>
        private protected abstract IEntryBackup CreateService();

        private IEntryBackup Service => _service ??= CreateService();

        protected override void ProcessRecord()
        {
            // Asked here, on the pipeline thread (-WhatIf, -Confirm); the agreed backups are made -ThrottleLimit at a
            // time (Flush), in input order.
            foreach (string name in EntryNames)
            {
                Run(name, () =>
                {
                    var vault = ResolveVault();
                    var service = Service;
                    Validation.EntryRules.CheckEntryName(name, service.Kind, "Name");
                    string url = service.EntryUrl(vault, name);
                    string path = GetUnresolvedProviderPathFromPSPath(OutputFile ?? $"{vault.Name}-{name}-{DateTime.Now:yyyyMMddHHmmss}.blob");
                    if (!ShouldProcess(path, $"Back up {service.Kind.ToString().ToLowerInvariant()} '{url}' to file"))
                    {
                        return;
                    }

                    if (_pending.Exists(p => string.Equals(p.Path, path, StringComparison.Ordinal)))
                    {
                        Flush(); // the same file twice: one after the other, so that the second meets the first as one backup meets another
                    }

                    _pending.Add((vault, name, path));
                });
            }

            if (_pending.Count >= BulkChunk)
            {
                Flush();
            }
        }

        protected override void EndProcessing() => Flush();

        /// <summary>Makes the agreed backups -ThrottleLimit at a time; Core checks each file before its request.</summary>
        private void Flush()
        {
            if (_pending.Count == 0)
            {
                return;
            }

            var service = Service;
            BulkOutput.Drain(this, $"Backing up {service.Kind.ToString().ToLowerInvariant()}s", _pending,
                (item, token) => service.Backup(item.Vault, item.Name, item.Path, Force, token), ThrottleLimit,
                item => item.Name, (_, file) => WriteFileItem(file), null, CancelToken);
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
