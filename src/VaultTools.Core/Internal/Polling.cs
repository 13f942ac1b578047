using System;
using System.Diagnostics;
using System.Threading;
using Azure;

namespace VaultTools.Internal
{
    /// <summary>
    /// Bounded waiting for Key Vault's long-running operations (soft delete, recovery, certificate
    /// creation). Polls immediately, then every <see cref="PollSettings.Interval"/> (longer when the
    /// service asks for it with Retry-After, up to <see cref="PollSettings.MaxInterval"/>), and gives up
    /// after <see cref="PollSettings.Timeout"/>. Never waits forever: a script or runbook always gets
    /// control back.
    /// </summary>
    internal static class Polling
    {
        /// <summary>Returns true when <paramref name="isDone"/> became true, false on timeout.</summary>
        public static bool Until(
            Func<bool> isDone,
            Func<Response?> poll,
            PollSettings settings,
            Func<string> describe,
            Action<OperationProgress>? progress,
            CancellationToken cancellationToken)
        {
            var watch = Stopwatch.StartNew();
            while (true)
            {
                if (isDone())
                {
                    return true;
                }

                cancellationToken.ThrowIfCancellationRequested();
                Response? response = poll();
                if (isDone())
                {
                    return true;
                }

                TimeSpan elapsed = watch.Elapsed;
                if (elapsed >= settings.Timeout)
                {
                    return false;
                }

                progress?.Invoke(new OperationProgress(describe(), elapsed, settings.Timeout));
                TimeSpan delay = NextDelay(response, settings);
                TimeSpan remaining = settings.Timeout - elapsed;
                if (delay > remaining)
                {
                    delay = remaining;
                }

                if (delay > TimeSpan.Zero && cancellationToken.WaitHandle.WaitOne(delay))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }

        internal static TimeSpan NextDelay(Response? response, PollSettings settings)
        {
            TimeSpan delay = settings.Interval;
            if (response != null && response.Headers.TryGetValue("Retry-After", out string? value)
                && int.TryParse(value, out int seconds) && seconds > 0)
            {
                var asked = TimeSpan.FromSeconds(seconds);
                if (asked > delay)
                {
                    delay = asked;
                }
            }

            return delay > settings.MaxInterval ? settings.MaxInterval : delay;
        }
    }

    /// <summary>How long and how often to poll a long-running operation.</summary>
    public sealed class PollSettings
    {
        /// <summary>The longest wait before giving control back.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(3);

        /// <summary>The pause between two polls (the SDK's own default is 2 s).</summary>
        public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>The longest pause between two polls, whatever Retry-After says.</summary>
        public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(10);
    }
}
