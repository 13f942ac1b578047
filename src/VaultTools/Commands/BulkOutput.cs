using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using VaultTools.Errors;

namespace VaultTools.Commands
{
    /// <summary>
    /// What the cmdlets of a bulk operation (many names or pipeline rows at once) share: one progress bar for more
    /// than a few items, and each item's failure written as its own error, from the pipeline thread only.
    /// </summary>
    internal sealed class BulkOutput
    {
        /// <summary>Fewer items than this get no progress bar.</summary>
        public const int ProgressThreshold = 10;

        private readonly Cmdlet _cmdlet;
        private readonly string _activity;
        private readonly int _total;
        private int _done;
        private int _shownPercent = -1;

        public BulkOutput(Cmdlet cmdlet, string activity, int total)
        {
            _cmdlet = cmdlet;
            _activity = activity;
            _total = total;
        }

        public int Failed { get; private set; }

        /// <summary>
        /// Runs <paramref name="operation"/> over the items waiting in <paramref name="pending"/> (and empties it),
        /// -ThrottleLimit at a time through Core's BulkRunner, and hands each result or error back in input order
        /// on the pipeline thread, with the progress bar.
        /// </summary>
        public static void Drain<TIn, TOut>(Cmdlet cmdlet, string activity, List<TIn> pending, Func<TIn, CancellationToken, TOut> operation,
            int throttleLimit, Func<TIn, string> target, Action<TIn, TOut> succeeded, Action<TIn>? failed, CancellationToken cancellationToken)
        {
            if (pending.Count == 0)
            {
                return;
            }

            var items = pending.ToArray();
            pending.Clear();
            var output = new BulkOutput(cmdlet, activity, items.Length);
            foreach (var result in Bulk.BulkRunner.Run(items, operation, throttleLimit, cancellationToken))
            {
                if (result.Error != null)
                {
                    failed?.Invoke(result.Input);
                    output.WriteItemError(result.Error, target(result.Input));
                }
                else
                {
                    succeeded(result.Input, result.Value!);
                }

                output.Step();
            }

            output.Complete();
        }

        /// <summary>
        /// Writes an item's failure: a non-terminating error, unless it dooms every item (not connected, sign-in
        /// failed, vault unreachable, Ctrl+C), which ends the command.
        /// </summary>
        public void WriteItemError(VaultException error, object? target)
        {
            Failed++;
            var record = SessionCmdlet.ToErrorRecord(error, target);
            if (SessionCmdlet.IsTerminating(error.Kind))
            {
                Complete();
                _cmdlet.ThrowTerminatingError(record);
            }

            _cmdlet.WriteError(record);
        }

        /// <summary>Counts one item done and moves the bar (at most once per percent).</summary>
        public void Step()
        {
            _done++;
            if (_total < ProgressThreshold)
            {
                return;
            }

            int percent = (int)((long)_done * 100 / _total);
            if (percent != _shownPercent)
            {
                _shownPercent = percent;
                _cmdlet.WriteProgress(new ProgressRecord(ActivityId, _activity, $"{_done} of {_total}") { PercentComplete = percent });
            }
        }

        public void Complete()
        {
            if (_shownPercent >= 0)
            {
                _cmdlet.WriteProgress(new ProgressRecord(ActivityId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
                _shownPercent = -1;
            }
        }

        private const int ActivityId = 0x6B75; // one bar per bulk cmdlet call; distinct from the waits' bars
    }
}
