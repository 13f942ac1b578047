using System.Collections.Generic;
using System.Management.Automation;
using VaultTools.Connection;
using VaultTools.Errors;

namespace VaultTools.Commands
{
    /// <summary>
    /// Remove-VaultSecret and Remove-VaultCertificate: soft delete, purge of an entry already deleted
    /// (-InRemovedState), or both in one call (-Purge), which waits (bounded) until the deletion is visible, as
    /// Key Vault needs before a purge. For a batch every deletion is sent in ProcessRecord and the waits happen
    /// in EndProcessing, so they overlap. ConfirmImpact High: -Force skips the question, never -WhatIf.
    /// </summary>
    /// <remarks>
    /// Each cmdlet declares -Name (its completer differs). The pending operations (Core's PendingEntryOperation)
    /// travel as object through the virtual methods: a generic Core type in a virtual signature makes the runtime
    /// load Core while PowerShell scans the cmdlets, before the module's load context exists.
    /// </remarks>
    public abstract class RemoveEntryCmdlet<TDeleted> : VaultCmdlet
        where TDeleted : class, IDeletedEntry
    {
        protected const string ByName = "ByName";
        protected const string InRemovedStateSet = "InRemovedState";

        private readonly List<object> _toPurge = new List<object>();

        /// <summary>Purge an entry that is already in the deleted state (permanent).</summary>
        [Parameter(Mandatory = true, ParameterSetName = InRemovedStateSet)]
        public SwitchParameter InRemovedState { get; set; }

        /// <summary>Delete, wait until the deletion is visible, then purge (permanent).</summary>
        [Parameter(ParameterSetName = ByName)]
        public SwitchParameter Purge { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter(ParameterSetName = ByName)]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The -Name of the entry.</summary>
        protected abstract string EntryName { get; }

        /// <summary>Secret or Certificate (ErrorIds, messages).</summary>
        protected abstract string Kind { get; }

        /// <summary>What a removal takes away, for the confirmation (e.g. "certificate with its key and secret").</summary>
        protected abstract string What { get; }

        protected abstract void CheckName(string name);

        protected abstract string EntryUrl(VaultAddress vault, string name);

        protected abstract string DeletedUrl(VaultAddress vault, string name);

        /// <summary>Sends the delete; returns the PendingEntryOperation of TDeleted.</summary>
        protected abstract object Delete(VaultAddress vault, string name);

        protected abstract void PurgeDeleted(VaultAddress vault, string name);

        /// <summary>Waits (bounded) until the deletion is visible; false at the end of the wait, with the bound in <paramref name="timeoutSeconds"/>.</summary>
        private protected abstract bool WaitFor(object removal, ProgressWriter progress, out double timeoutSeconds);

        protected override void ProcessRecord()
        {
            Run(EntryName, () =>
            {
                var vault = ResolveVault();
                CheckName(EntryName);
                string noun = Kind.ToLowerInvariant();
                if (InRemovedState)
                {
                    if (this.ShouldProcessOrForce(Force, DeletedUrl(vault, EntryName), $"Purge deleted {What} (permanent, cannot be undone)"))
                    {
                        PurgeDeleted(vault, EntryName);
                        WriteVerbose($"Deleted {noun} '{EntryName}' purged from {vault.Uri}.");
                    }

                    return;
                }

                string action = Purge ? $"Remove {What} and purge it (permanent, cannot be undone)" : $"Remove {What} (soft delete, recoverable)";
                if (!this.ShouldProcessOrForce(Force, EntryUrl(vault, EntryName), action))
                {
                    return;
                }

                var removal = (PendingEntryOperation<TDeleted>)Delete(vault, EntryName);
                WriteVerbose($"{Kind} '{EntryName}' deleted from {vault.Uri}; recoverable until {removal.Result.ScheduledPurgeDate:u}.");
                if (Purge)
                {
                    _toPurge.Add(removal);
                }
                else if (PassThru)
                {
                    WriteObject(removal.Result);
                }
            });
        }

        protected override void EndProcessing()
        {
            if (_toPurge.Count == 0)
            {
                return;
            }

            string noun = Kind.ToLowerInvariant();
            var progress = new ProgressWriter(this, 1, MyInvocation.MyCommand.Name + " -Purge");
            foreach (PendingEntryOperation<TDeleted> removal in _toPurge)
            {
                Run(removal.Name, () =>
                {
                    var vault = new VaultAddress(removal.VaultName, removal.VaultUri);
                    if (removal.Result.RecoveryId is null)
                    {
                        WriteVerbose($"Vault {vault.Uri} has no soft delete: {noun} '{removal.Name}' is already gone.");
                    }
                    else if (!WaitFor(removal, progress, out double timeoutSeconds))
                    {
                        throw new VaultException(VaultErrorKind.ServiceError, $"Vault{Kind}DeletionPending",
                            $"{Kind} '{removal.Name}' was deleted but the deletion was not visible after {timeoutSeconds:0} s, so it was not purged. Purge it later with {MyInvocation.MyCommand.Name} -InRemovedState.",
                            null, EntryUrl(vault, removal.Name));
                    }
                    else
                    {
                        PurgeDeleted(vault, removal.Name);
                        WriteVerbose($"{Kind} '{removal.Name}' purged from {vault.Uri}.");
                    }

                    if (PassThru)
                    {
                        WriteObject(removal.Result);
                    }
                });
            }

            progress.Complete();
        }
    }

    /// <summary>
    /// Undo-VaultSecretRemoval and Undo-VaultCertificateRemoval: recover soft-deleted entries with all their
    /// versions. Key Vault finishes a recovery after a delay, so each is awaited (bounded) until it can be read;
    /// for a batch every recovery is sent first (ProcessRecord), then each is awaited (EndProcessing).
    /// </summary>
    public abstract class UndoEntryRemovalCmdlet<TRecovered> : VaultCmdlet
        where TRecovered : class
    {
        private readonly List<object> _recoveries = new List<object>();

        /// <summary>The -Name of the entry.</summary>
        protected abstract string EntryName { get; }

        /// <summary>secret or certificate (messages).</summary>
        protected abstract string Noun { get; }

        protected abstract void CheckName(string name);

        protected abstract string DeletedUrl(VaultAddress vault, string name);

        /// <summary>Sends the recovery; returns the PendingEntryOperation of TRecovered.</summary>
        protected abstract object StartRecover(VaultAddress vault, string name);

        /// <summary>Waits (bounded) until the recovery is visible; false at the end of the wait, with the bound in <paramref name="timeoutSeconds"/>.</summary>
        private protected abstract bool WaitFor(object recovery, ProgressWriter progress, out double timeoutSeconds);

        protected override void ProcessRecord()
        {
            Run(EntryName, () =>
            {
                var vault = ResolveVault();
                CheckName(EntryName);
                if (!ShouldProcess(DeletedUrl(vault, EntryName), $"Recover deleted {Noun}"))
                {
                    return;
                }

                _recoveries.Add(StartRecover(vault, EntryName));
            });
        }

        protected override void EndProcessing()
        {
            var progress = new ProgressWriter(this, 1, MyInvocation.MyCommand.Name);
            foreach (PendingEntryOperation<TRecovered> recovery in _recoveries)
            {
                Run(recovery.Name, () =>
                {
                    if (!WaitFor(recovery, progress, out double timeoutSeconds))
                    {
                        WriteWarning($"The vault accepted the recovery of {Noun} '{recovery.Name}', but it was not readable yet after {timeoutSeconds:0} s; it will finish on its own.");
                    }

                    WriteObject(recovery.Result);
                });
            }

            progress.Complete();
        }
    }
}
