using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using VaultTools.Connection;
using VaultTools.Errors;
using VaultTools.Internal;
using VaultTools.Keys.Client;
using VaultTools.Validation;

namespace VaultTools.Keys
{
    /// <summary>Keys: the soft-delete cycle (delete, the deleted state, recover, purge) and backup/restore to files.</summary>
    public sealed partial class KeyService
    {
        // ---- soft delete ----

        /// <summary>Bounds of the waits for soft delete and recovery.</summary>
        public PollSettings Polling { get; set; } = new PollSettings();

        /// <summary>
        /// Soft-deletes a key (every version); it stays recoverable until its scheduled purge date. Returns at
        /// once with the deleted key as the vault answered; call <see cref="WaitFor{T}"/> before purging or
        /// recovering it.
        /// </summary>
        public PendingEntryOperation<DeletedVaultKey> Remove(VaultAddress vault, string name, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Key, "Name");
            var client = _connection.Keys(vault);
            var operation = Call(vault, name, null, () => client.StartDeleteKey(name, cancellationToken));
            return new PendingEntryOperation<DeletedVaultKey>(vault.Name, vault.Uri, name, ToDeleted(vault, operation.Value), operation);
        }

        public DeletedVaultKey GetDeleted(VaultAddress vault, string name, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Key, "Name");
            var client = _connection.Keys(vault);
            var deleted = Translate.Call(EntryKind.Key, DeletedUrl(vault, name), () => client.GetDeletedKey(name, cancellationToken));
            return ToDeleted(vault, deleted);
        }

        public IEnumerable<DeletedVaultKey> ListDeleted(VaultAddress vault, Func<string, bool>? nameFilter = null, CancellationToken cancellationToken = default)
        {
            var client = _connection.Keys(vault);
            return Translate.Enumerate(EntryKind.Key, vault.Uri.ToString(), () => client.GetDeletedKeys(cancellationToken))
                .Where(d => nameFilter is null || nameFilter(d.Name))
                .Select(d => ToDeleted(vault, d));
        }

        /// <summary>Starts recovering a soft-deleted key with all its versions; see <see cref="WaitFor{T}"/>.</summary>
        public PendingEntryOperation<VaultKey> StartRecover(VaultAddress vault, string name, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Key, "Name");
            var client = _connection.Keys(vault);
            var operation = Translate.Call(EntryKind.Key, DeletedUrl(vault, name), () => client.StartRecoverDeletedKey(name, cancellationToken));
            return new PendingEntryOperation<VaultKey>(vault.Name, vault.Uri, name, ToKey(new VaultKey(), vault, operation.Value), operation);
        }

        /// <summary>
        /// Waits (bounded by <see cref="Polling"/>) until a soft delete or recovery is visible. Returns false when
        /// the vault has accepted it but it is still not visible at the end of the wait.
        /// </summary>
        public bool WaitFor<T>(PendingEntryOperation<T> pending, Action<OperationProgress>? progress = null, CancellationToken cancellationToken = default)
            where T : class
            => pending.Wait(this, progress, cancellationToken);

        /// <summary>Deletes a soft-deleted key for good.</summary>
        public void Purge(VaultAddress vault, string name, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Key, "Name");
            var client = _connection.Keys(vault);
            Translate.Call(EntryKind.Key, DeletedUrl(vault, name), () => client.PurgeDeletedKey(name, cancellationToken));
        }

        // ---- backup / restore ----

        /// <summary>The largest backup file Restore accepts (a key's backup is a few KB per version).</summary>
        internal const long MaxBackupBytes = 4 * 1024 * 1024;

        /// <summary>
        /// Writes the key's protected backup blob (every version; usable only in a vault of the same
        /// geography and subscription) to a file, as the secret and certificate backups are written: the
        /// target is checked before the request, the file is written atomically and readable by its owner
        /// only (on Unix), and an existing file is replaced only when overwrite is true.
        /// </summary>
        public FileInfo Backup(VaultAddress vault, string name, string path, bool overwrite, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Key, "Name");
            AtomicFile.CheckTarget(path, overwrite, "OutputFile");
            var client = _connection.Keys(vault);
            byte[] blob = Call(vault, name, null, () => client.BackupKey(name, cancellationToken));
            return AtomicFile.Write(path, blob, overwrite, privateFile: true, "OutputFile");
        }

        /// <summary>Restores a key (all versions) from a backup file made by Backup-VaultKey.</summary>
        public VaultKey Restore(VaultAddress vault, string inputFile, CancellationToken cancellationToken = default)
        {
            byte[] blob = AtomicFile.Read(inputFile, "InputFile", MaxBackupBytes);
            var client = _connection.Keys(vault);
            var key = Translate.Call(EntryKind.Key, vault.Uri.ToString(), () => client.RestoreKeyBackup(blob, cancellationToken));
            return ToKey(new VaultKey(), vault, key);
        }
    }
}
