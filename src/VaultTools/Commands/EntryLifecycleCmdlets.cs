using System.Collections.Generic;
using System.Management.Automation;
using VaultTools.Connection;
using VaultTools.Errors;

namespace VaultTools.Commands
{
    /// <summary>
    /// Remove-VaultSecret, Remove-VaultKey and Remove-VaultCertificate: soft delete, purge of an entry already deleted
    /// (-InRemovedState), or both in one call (-Purge), which waits (bounded) until the deletion is visible, as
    /// Key Vault needs before a purge. Each entry is confirmed on the pipeline thread as it comes; the agreed ones
    /// are sent -ThrottleLimit at a time through BulkRunner (in input order, each failure its own error), and with
    /// -Purge the waits and purges follow in EndProcessing, also overlapped. ConfirmImpact High: -Force skips the
    /// question, never -WhatIf.
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

        /// <summary>Entries agreed to wait here and are sent together; a chunk this big is sent before more is taken.</summary>
        private const int BulkChunk = 256;

        private readonly List<object> _toPurge = new List<object>();
        private readonly List<(VaultAddress Vault, string Name)> _pending = new List<(VaultAddress, string)>();
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

        /// <summary>How many removals (and with -Purge, waits and purges) are in flight at once for many entries.</summary>
        [Parameter]
        [ValidateRange(1, Bulk.BulkRunner.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = Bulk.BulkRunner.DefaultThrottleLimit;

        /// <summary>The -Name of the entries (one or many).</summary>
        protected abstract string[] EntryNames { get; }

        /// <summary>What a removal takes away, for the confirmation (e.g. "certificate with its key and secret").</summary>
        protected abstract string What { get; }

        /// <summary>The Core service of the entry kind; it must implement IEntryRemoval of TDeleted.</summary>
        private protected abstract IEntryLifecycle CreateService();

        private IEntryLifecycle Service => _service ??= CreateService();

        /// <summary>Secret, Key or Certificate (ErrorIds, messages).</summary>
        private string Kind => Service.Kind.ToString();

        protected override void ProcessRecord()
        {
            // Asked here, on the pipeline thread, one entry at a time (-WhatIf, -Confirm); what is agreed waits in
            // _pending and is sent -ThrottleLimit at a time (Flush), in input order.
            foreach (string name in EntryNames)
            {
                Run(name, () =>
                {
                    var vault = ResolveVault();
                    var service = (IEntryRemoval<TDeleted>)Service;
                    Validation.EntryRules.CheckEntryName(name, service.Kind, "Name");
                    bool agreed = InRemovedState
                        ? this.ShouldProcessOrForce(Force, service.DeletedUrl(vault, name), $"Purge deleted {What} (permanent, cannot be undone)")
                        : this.ShouldProcessOrForce(Force, service.EntryUrl(vault, name),
                            Purge ? $"Remove {What} and purge it (permanent, cannot be undone)" : $"Remove {What} (soft delete, recoverable)");
                    if (agreed)
                    {
                        _pending.Add((vault, name));
                    }
                });
            }

            if (_pending.Count >= BulkChunk)
            {
                Flush();
            }
        }

        /// <summary>Sends the removals (or purges) agreed so far, -ThrottleLimit at a time; results and errors in input order.</summary>
        private void Flush()
        {
            if (_pending.Count == 0)
            {
                return;
            }

            var service = (IEntryRemoval<TDeleted>)Service;
            string noun = Kind.ToLowerInvariant();
            if (InRemovedState)
            {
                BulkOutput.Drain(this, $"Purging deleted {noun}s", _pending, (item, token) =>
                    {
                        service.Purge(item.Vault, item.Name, token);
                        return true;
                    },
                    ThrottleLimit, item => item.Name, (item, _) => WriteVerbose($"Deleted {noun} '{item.Name}' purged from {item.Vault.Uri}."), null, CancelToken);
                return;
            }

            BulkOutput.Drain(this, $"Removing {noun}s", _pending, (item, token) => service.Remove(item.Vault, item.Name, token),
                ThrottleLimit, item => item.Name, (item, removal) =>
                {
                    WriteVerbose($"{Kind} '{item.Name}' deleted from {item.Vault.Uri}; recoverable until {removal.Result.ScheduledPurgeDate:u}.");
                    if (Purge)
                    {
                        _toPurge.Add(removal);
                    }
                    else if (PassThru)
                    {
                        WriteObject(removal.Result);
                    }
                },
                null, CancelToken);
        }

        protected override void EndProcessing()
        {
            Flush();
            if (_toPurge.Count == 0)
            {
                return;
            }

            // Every deletion was sent first; now each is awaited (bounded) and purged, -ThrottleLimit at a time.
            var service = (IEntryRemoval<TDeleted>)Service;
            var removals = new List<PendingEntryOperation<TDeleted>>();
            foreach (PendingEntryOperation<TDeleted> removal in _toPurge)
            {
                removals.Add(removal);
            }

            _toPurge.Clear();
            string noun = Kind.ToLowerInvariant();
            string command = MyInvocation.MyCommand.Name;
            BulkOutput.Drain(this, $"Purging {noun}s", removals, (removal, token) =>
                {
                    var vault = new VaultAddress(removal.VaultName, removal.VaultUri);
                    if (removal.Result.RecoveryId is null)
                    {
                        return $"Vault {vault.Uri} has no soft delete: {noun} '{removal.Name}' is already gone.";
                    }

                    if (!service.WaitFor(removal, null, token))
                    {
                        throw new VaultException(VaultErrorKind.ServiceError, $"Vault{Kind}DeletionPending",
                            $"{Kind} '{removal.Name}' was deleted but the deletion was not visible after {service.Polling.Timeout.TotalSeconds:0} s, so it was not purged. Purge it later with {command} -InRemovedState.",
                            null, service.EntryUrl(vault, removal.Name));
                    }

                    service.Purge(vault, removal.Name, token);
                    return $"{Kind} '{removal.Name}' purged from {vault.Uri}.";
                },
                ThrottleLimit, removal => removal.Name, (removal, message) =>
                {
                    WriteVerbose(message);
                    if (PassThru)
                    {
                        WriteObject(removal.Result);
                    }
                },
                null, CancelToken);
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
