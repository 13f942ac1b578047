using System;
using System.Management.Automation;
using System.Threading;

namespace VaultTools.Commands
{
    /// <summary>
    /// Base of every cmdlet that waits on something: a token cancelled by Ctrl+C (StopProcessing). PowerShell
    /// disposes an IDisposable cmdlet when its pipeline ends, which releases the token source.
    /// </summary>
    public abstract class StoppableCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        /// <summary>Cancelled when the user presses Ctrl+C.</summary>
        protected CancellationToken CancelToken => _stopping.Token;

        protected override void StopProcessing() => _stopping.Cancel();

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            if (disposing)
            {
                _stopping.Dispose();
            }
        }
    }
}
