using System.Collections.Generic;
using System.Management.Automation;
using VaultTools.Connection;
using VaultTools.Errors;

namespace VaultTools.Commands
{
    /// <summary>
    /// Remove-VaultSecret, Remove-VaultKey and Remove-VaultCertificate: soft delete, purge of an entry already deleted
    /// (-InRemovedState), or both in one call (-Purge), which waits (bounded) until the deletion is visible, as
    /// Key Vault needs before a purge. For a batch every deletion is sent in ProcessRecord and the waits happen
    /// in EndProcessing, so they overlap. ConfirmImpact High: -Force skips the question, never -WhatIf.
    /// </summary>
    /// <remarks>
    /// Each cmdlet declares -Name (its completer differs) and names its Core service, which does the rest through
    /// Core's IEntryRemoval. The service and the pending operations (Core's PendingEntryOperation) are typed only
    /// inside method bodies: a generic Core type in a virtual signature makes the runtime load Core while
    /// PowerShell scans the cmdlets, before the module's load context exists.
    /// </remarks>
    public abstract class RemoveEntryCmdlet<TDeleted> : VaultFirstCmdlet
        where TDeleted : class, IDeletedEntry
    {
        protected const string ByName = "ByName";
        protected const string InRemovedStateSet = "InRemovedState";

        private readonly List<object> _toPurge = new List<object>();
        private IEntryLifecycle? _service;

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

        /// <summary>What a removal takes away, for the confirmation (e.g. "certificate with its key and secret").</summary>
        protected abstract string What { get; }

        /// <summary>The Core service of the entry kind; it must implement IEntryRemoval of TDeleted.</summary>
        private protected abstract IEntryLifecycle CreateService();

        private IEntryLifecycle Service => _service ??= CreateService();

        /// <summary>Secret, Key or Certificate (ErrorIds, messages).</summary>
        private string Kind => Service.Kind.ToString();

        protected override void ProcessRecord()
        {
            Run(EntryName, () =>
            {
                var vault = ResolveVault();
                var service = (IEntryRemoval<TDeleted>)Service;
                Validation.EntryRules.CheckEntryName(EntryName, service.Kind, "Name");
                string noun = Kind.ToLowerInvariant();
                if (InRemovedState)
                {
                    if (this.ShouldProcessOrForce(Force, service.DeletedUrl(vault, EntryName), $"Purge deleted {What} (permanent, cannot be undone)"))
                    {
                        service.Purge(vault, EntryName, CancelToken);
                        WriteVerbose($"Deleted {noun} '{EntryName}' purged from {vault.Uri}.");
                    }

                    return;
                }

                string action = Purge ? $"Remove {What} and purge it (permanent, cannot be undone)" : $"Remove {What} (soft delete, recoverable)";
                if (!this.ShouldProcessOrForce(Force, service.EntryUrl(vault, EntryName), action))
                {
                    return;
                }

                var removal = service.Remove(vault, EntryName, CancelToken);
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

            var service = (IEntryRemoval<TDeleted>)Service;
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
                    else if (!service.WaitFor(removal, progress.Report, CancelToken))
                    {
                        throw new VaultException(VaultErrorKind.ServiceError, $"Vault{Kind}DeletionPending",
                            $"{Kind} '{removal.Name}' was deleted but the deletion was not visible after {service.Polling.Timeout.TotalSeconds:0} s, so it was not purged. Purge it later with {MyInvocation.MyCommand.Name} -InRemovedState.",
                            null, service.EntryUrl(vault, removal.Name));
                    }
                    else
                    {
                        service.Purge(vault, removal.Name, CancelToken);
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
    /// Undo-VaultSecretRemoval, Undo-VaultKeyRemoval and Undo-VaultCertificateRemoval: recover soft-deleted entries
    /// with all their versions. Key Vault finishes a recovery after a delay, so each is awaited (bounded) until it
    /// can be read; for a batch every recovery is sent first (ProcessRecord), then each is awaited (EndProcessing).
    /// </summary>
    public abstract class UndoEntryRemovalCmdlet<TRecovered> : VaultFirstCmdlet
        where TRecovered : class
    {
        private readonly List<object> _recoveries = new List<object>();
        private IEntryLifecycle? _service;

        /// <summary>The -Name of the entry.</summary>
        protected abstract string EntryName { get; }

        /// <summary>The Core service of the entry kind; it must implement IEntryRecovery of TRecovered.</summary>
        private protected abstract IEntryLifecycle CreateService();

        private IEntryLifecycle Service => _service ??= CreateService();

        /// <summary>secret, key or certificate (messages).</summary>
        private string Noun => Service.Kind.ToString().ToLowerInvariant();

        protected override void ProcessRecord()
        {
            Run(EntryName, () =>
            {
                var vault = ResolveVault();
                var service = (IEntryRecovery<TRecovered>)Service;
                Validation.EntryRules.CheckEntryName(EntryName, service.Kind, "Name");
                if (!ShouldProcess(service.DeletedUrl(vault, EntryName), $"Recover deleted {Noun}"))
                {
                    return;
                }

                _recoveries.Add(service.StartRecover(vault, EntryName, CancelToken));
            });
        }

        protected override void EndProcessing()
        {
            var progress = new ProgressWriter(this, 1, MyInvocation.MyCommand.Name);
            foreach (PendingEntryOperation<TRecovered> recovery in _recoveries)
            {
                Run(recovery.Name, () =>
                {
                    if (!Service.WaitFor(recovery, progress.Report, CancelToken))
                    {
                        WriteWarning($"The vault accepted the recovery of {Noun} '{recovery.Name}', but it was not readable yet after {Service.Polling.Timeout.TotalSeconds:0} s; it will finish on its own.");
                    }

                    WriteObject(recovery.Result);
                });
            }

            progress.Complete();
        }
    }
}
