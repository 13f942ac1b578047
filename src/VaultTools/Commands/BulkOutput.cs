using System.Management.Automation;
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
