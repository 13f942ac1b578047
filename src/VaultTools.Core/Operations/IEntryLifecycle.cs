using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using VaultTools.Connection;
using VaultTools.Errors;
using VaultTools.Internal;

namespace VaultTools
{
    /// <summary>
    /// The soft-delete cycle of one kind of entry, the same for secrets, keys and certificates: SecretService,
    /// KeyService and CertificateService implement it, and Remove-Vault* / Undo-Vault*Removal drive any of them
    /// through it (split by the type each cmdlet handles: <see cref="IEntryRemoval{TDeleted}"/>,
    /// <see cref="IEntryRecovery{TRecovered}"/>).
    /// </summary>
    public interface IEntryLifecycle
    {
        /// <summary>Secret, Key or Certificate: names errors (VaultKeyNotFound, VaultKeyDeletionPending...) and messages.</summary>
        EntryKind Kind { get; }

        /// <summary>Bounds of the waits for soft delete and recovery.</summary>
        PollSettings Polling { get; }

        /// <summary>The entry's URL (latest version): https://vault/keys/name.</summary>
        string EntryUrl(VaultAddress vault, string name);

        /// <summary>The deleted entry's URL: https://vault/deletedkeys/name.</summary>
        string DeletedUrl(VaultAddress vault, string name);

        /// <summary>
        /// Waits (bounded by <see cref="Polling"/>) until a soft delete or recovery is visible; false when the vault
        /// has accepted it but it is still not visible at the end of the wait.
        /// </summary>
        bool WaitFor<T>(PendingEntryOperation<T> pending, Action<OperationProgress>? progress = null, CancellationToken cancellationToken = default)
            where T : class;
    }

    /// <summary>Soft delete (returns at once, see <see cref="IEntryLifecycle.WaitFor{T}"/>) and purge of a deleted entry.</summary>
    public interface IEntryRemoval<TDeleted> : IEntryLifecycle
        where TDeleted : class, IDeletedEntry
    {
        PendingEntryOperation<TDeleted> Remove(VaultAddress vault, string name, CancellationToken cancellationToken = default);

        /// <summary>Permanently deletes an entry that is in the deleted state.</summary>
        void Purge(VaultAddress vault, string name, CancellationToken cancellationToken = default);
    }

    /// <summary>Recovery of a deleted entry with all its versions (returns at once, see <see cref="IEntryLifecycle.WaitFor{T}"/>).</summary>
    public interface IEntryRecovery<TRecovered> : IEntryLifecycle
        where TRecovered : class
    {
        PendingEntryOperation<TRecovered> StartRecover(VaultAddress vault, string name, CancellationToken cancellationToken = default);
    }

    /// <summary>Backup of one entry to a file; Backup-VaultSecret, Backup-VaultKey and Backup-VaultCertificate drive it through this.</summary>
    public interface IEntryBackup : IEntryLifecycle
    {
        /// <summary>
        /// Writes the entry's backup (every version, protected by Key Vault) to <paramref name="path"/>: the target is
        /// checked before any request, the file is written atomically and owner-only (Unix), and an existing file is
        /// replaced only when <paramref name="overwrite"/> is true.
        /// </summary>
        FileInfo Backup(VaultAddress vault, string name, string path, bool overwrite, CancellationToken cancellationToken = default);
    }

    /// <summary>
    /// Reading entries of one kind, live and deleted: Get-VaultSecret, Get-VaultKey and Get-VaultCertificate drive
    /// any of them through this. Every method checks names and versions before any request.
    /// </summary>
    public interface IEntryReading<TEntry, TProperties, TDeleted> : IEntryLifecycle
        where TEntry : class
        where TProperties : class, IVaultEntry
        where TDeleted : class
    {
        /// <summary>One version (the latest when <paramref name="version"/> is null), in full.</summary>
        TEntry Get(VaultAddress vault, string name, string? version, CancellationToken cancellationToken = default);

        /// <summary>The entry at its own URL (https://vault/secrets/name[/version]); fails naming -Id when it is not one.</summary>
        TEntry GetById(Uri id, CancellationToken cancellationToken = default);

        /// <summary>The latest versions (properties only), optionally filtered by name.</summary>
        IEnumerable<TProperties> List(VaultAddress vault, Func<string, bool>? nameFilter = null, CancellationToken cancellationToken = default);

        /// <summary>Every version of one entry, newest first; NotFound when there is none.</summary>
        IEnumerable<TProperties> ListVersions(VaultAddress vault, string name, CancellationToken cancellationToken = default);

        TDeleted GetDeleted(VaultAddress vault, string name, CancellationToken cancellationToken = default);

        /// <summary>The entries in the deleted state, optionally filtered by name.</summary>
        IEnumerable<TDeleted> ListDeleted(VaultAddress vault, Func<string, bool>? nameFilter = null, CancellationToken cancellationToken = default);
    }
}
