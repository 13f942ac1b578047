using System;

namespace VaultTools
{
    /// <summary>
    /// One report while Core waits for a long-running operation (soft delete, recovery, certificate
    /// creation). The cmdlets turn it into a progress bar (Write-Progress); nothing secret is in it.
    /// </summary>
    public sealed class OperationProgress
    {
        public OperationProgress(string status, TimeSpan elapsed, TimeSpan timeout)
        {
            Status = status;
            Elapsed = elapsed;
            Timeout = timeout;
        }

        /// <summary>What is being waited for and its current state, e.g. "certificate 'web': inProgress".</summary>
        public string Status { get; }

        public TimeSpan Elapsed { get; }

        /// <summary>When the wait gives up.</summary>
        public TimeSpan Timeout { get; }

        /// <summary>Elapsed time as a share of the bounded wait, 0 to 99.</summary>
        public int PercentOfTimeout => Timeout <= TimeSpan.Zero ? 0 : (int)Math.Min(99, Elapsed.TotalMilliseconds * 100 / Timeout.TotalMilliseconds);
    }
}
