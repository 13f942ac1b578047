using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Azure.Security.KeyVault.Secrets;
using VaultTools.Connection;
using VaultTools.Errors;
using VaultTools.Internal;
using VaultTools.Validation;

namespace VaultTools.Secrets
{
    /// <summary>
    /// The lifecycle of secrets: soft delete, the deleted state (list, read), recover, purge,
    /// backup/restore to files, and property updates that write no new value.
    ///
    /// Key Vault's delete and recover are long-running: the vault answers at once but makes the change
    /// visible later (the recordings show about a minute on Azure). <see cref="Remove"/> and
    /// <see cref="StartRecover"/> return a <see cref="PendingEntryOperation{T}"/>; <see cref="WaitFor{T}"/>
    /// polls it with the official SDK operation (DeleteSecretOperation, RecoverDeletedSecretOperation)
    /// within <see cref="Polling"/>'s bounds.
    /// </summary>
    public sealed partial class SecretService : IEntryRemoval<DeletedVaultSecret>, IEntryRecovery<VaultSecretProperties>, IEntryBackup,
        IEntryReading<VaultSecret, VaultSecretProperties, DeletedVaultSecret>
    {
        /// <summary>The largest backup file Restore accepts (Key Vault's backups of secrets are a few KB).</summary>
        internal const long MaxBackupBytes = 4 * 1024 * 1024;

        /// <summary>Bounds of the waits for soft delete and recovery.</summary>
        public PollSettings Polling { get; set; } = new PollSettings();

        public DeletedVaultSecret GetDeleted(VaultAddress vault, string name, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Secret, "Name");
            var client = _connection.Secrets(vault);
            var deleted = Translate.Call(EntryKind.Secret, DeletedUrl(vault, name), () => client.GetDeletedSecret(name, cancellationToken).Value);
            return ToDeleted(vault, deleted);
        }

        /// <summary>Lists the secrets in the deleted state, optionally filtered by name.</summary>
        public IEnumerable<DeletedVaultSecret> ListDeleted(VaultAddress vault, Func<string, bool>? nameFilter = null, CancellationToken cancellationToken = default)
        {
            var client = _connection.Secrets(vault);
            return Translate.Enumerate(EntryKind.Secret, vault.Uri.ToString(), () => client.GetDeletedSecrets(cancellationToken))
                .Where(d => nameFilter is null || nameFilter(d.Name))
                .Select(d => ToDeleted(vault, d));
        }

        /// <summary>
        /// Soft-deletes a secret (every version). Returns at once with the deleted entry as the vault
        /// answered; call <see cref="WaitFor{T}"/> before purging or recovering it.
        /// </summary>
        public PendingEntryOperation<DeletedVaultSecret> Remove(VaultAddress vault, string name, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Secret, "Name");
            var client = _connection.Secrets(vault);
            var operation = Translate.Call(EntryKind.Secret, EntryUrl(vault, name, null), () => client.StartDeleteSecret(name, cancellationToken));
            return new PendingEntryOperation<DeletedVaultSecret>(vault.Name, vault.Uri, name, ToDeleted(vault, operation.Value), operation);
        }

        /// <summary>Permanently deletes a secret that is in the deleted state. It cannot be recovered afterwards.</summary>
        public void Purge(VaultAddress vault, string name, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Secret, "Name");
            var client = _connection.Secrets(vault);
            Translate.Call(EntryKind.Secret, DeletedUrl(vault, name), () => client.PurgeDeletedSecret(name, cancellationToken));
        }

        /// <summary>Starts recovering a deleted secret (with all its versions); see <see cref="WaitFor{T}"/>.</summary>
        public PendingEntryOperation<VaultSecretProperties> StartRecover(VaultAddress vault, string name, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Secret, "Name");
            var client = _connection.Secrets(vault);
            var operation = Translate.Call(EntryKind.Secret, DeletedUrl(vault, name), () => client.StartRecoverDeletedSecret(name, cancellationToken));
            return new PendingEntryOperation<VaultSecretProperties>(vault.Name, vault.Uri, name, ToProperties(vault, operation.Value), operation);
        }

        /// <summary>
        /// Waits (bounded by <see cref="Polling"/>) until a soft delete or recovery is visible. Returns
        /// false when the vault has accepted it but it is still not visible at the end of the wait.
        /// </summary>
        public bool WaitFor<T>(PendingEntryOperation<T> pending, Action<OperationProgress>? progress = null, CancellationToken cancellationToken = default)
            where T : class
            => pending.Wait(this, progress, cancellationToken);

        /// <summary>Backs up a secret (all versions, encrypted by the vault) to a file; refuses to replace a file unless <paramref name="overwrite"/>.</summary>
        public FileInfo Backup(VaultAddress vault, string name, string path, bool overwrite, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Secret, "Name");
            AtomicFile.CheckTarget(path, overwrite, "OutputFile");
            var client = _connection.Secrets(vault);
            byte[] backup = Translate.Call(EntryKind.Secret, EntryUrl(vault, name, null), () => client.BackupSecret(name, cancellationToken).Value);
            return AtomicFile.Write(path, backup, overwrite, privateFile: true, "OutputFile");
        }

        /// <summary>Restores a secret from a backup file made by <see cref="Backup"/> (same subscription and geography as the service requires).</summary>
        public VaultSecretProperties Restore(VaultAddress vault, string path, CancellationToken cancellationToken = default)
        {
            byte[] backup = AtomicFile.Read(path, "InputFile", MaxBackupBytes);
            var client = _connection.Secrets(vault);
            var restored = Translate.Call(EntryKind.Secret, vault.Uri.ToString(), () => client.RestoreSecretBackup(backup, cancellationToken).Value);
            return ToProperties(vault, restored);
        }

        /// <summary>
        /// Changes the properties of an existing version (the latest when no version is given) without
        /// writing a new value. Only what is set in <paramref name="update"/> is sent.
        /// </summary>
        public VaultSecretProperties Update(VaultAddress vault, SecretUpdate update, CancellationToken cancellationToken = default)
        {
            Validate(update);
            var client = _connection.Secrets(vault);
            string version = update.Version ?? LatestVersion(vault, update.Name, cancellationToken);
            var properties = new SecretProperties(new Uri(EntryUrl(vault, update.Name, version)))
            {
                Enabled = update.Enabled,
                NotBefore = update.NotBefore,
                ExpiresOn = update.Expires,
                ContentType = update.ContentType,
            };
            if (update.Tags != null)
            {
                foreach (var tag in update.Tags)
                {
                    properties.Tags[tag.Key] = tag.Value;
                }
            }

            // An empty -Tag clears the tags, as Update-VaultKey -Tag @{} does (and Az's Update-AzKeyVaultSecret).
            using var clearTags = update.Tags is { Count: 0 } ? ClearTagsPolicy.Scope() : null;
            var result = Translate.Call(EntryKind.Secret, EntryUrl(vault, update.Name, version), () => client.UpdateSecretProperties(properties, cancellationToken).Value);
            return ToProperties(vault, result);
        }

        /// <summary>Checks an update against Key Vault's rules before any request.</summary>
        public static void Validate(SecretUpdate update)
        {
            EntryRules.CheckEntryName(update.Name, EntryKind.Secret, "Name");
            EntryRules.CheckVersion(update.Version, "Version");
            if (update.ChangesNothing)
            {
                throw VaultException.InvalidArgument("NothingToUpdate", "Enable",
                    "Nothing to update: give -Enable, -Expires, -NotBefore, -ContentType or -Tag.");
            }

            EntryRules.CheckContentType(update.ContentType, "ContentType");
            EntryRules.CheckTags(update.Tags, "Tag");
            EntryRules.CheckDates(update.NotBefore, update.Expires);
        }

        public static string DeletedUrl(VaultAddress vault, string name)
            => new Uri(vault.Uri, "deletedsecrets/" + name).ToString();

        EntryKind IEntryLifecycle.Kind => EntryKind.Secret;

        string IEntryLifecycle.EntryUrl(VaultAddress vault, string name) => EntryUrl(vault, name, null);

        string IEntryLifecycle.DeletedUrl(VaultAddress vault, string name) => DeletedUrl(vault, name);

        /// <summary>
        /// The latest version of a secret. Reading the secret is the only way the service names it; the
        /// value that comes with it is dropped at once. A disabled latest version cannot be read, so
        /// then the newest of the listed versions is taken, when it is unambiguous.
        /// </summary>
        private string LatestVersion(VaultAddress vault, string name, CancellationToken cancellationToken)
        {
            var client = _connection.Secrets(vault);
            try
            {
                return Translate.Call(EntryKind.Secret, EntryUrl(vault, name, null), () => client.GetSecret(name, null, cancellationToken).Value.Properties.Version);
            }
            catch (VaultException ex) when (ex.Kind == VaultErrorKind.OperationNotAllowed)
            {
                var (newest, tied) = this.FromVersionList(vault, name, cancellationToken);
                if (tied)
                {
                    throw VaultException.InvalidArgument("LatestVersionAmbiguous", "Version",
                        $"The latest version of secret '{name}' is disabled and two versions share its creation time; give -Version.", name);
                }

                return newest.Version!;
            }
        }

        internal static DeletedVaultSecret ToDeleted(VaultAddress vault, DeletedSecret deleted)
        {
            var result = new DeletedVaultSecret
            {
                RecoveryId = deleted.RecoveryId?.ToString(),
                DeletedOn = deleted.DeletedOn,
                ScheduledPurgeDate = deleted.ScheduledPurgeDate,
            };
            Fill(result, vault, deleted.Properties);
            return result;
        }
    }
}
