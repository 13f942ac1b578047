using System;
using System.Collections.Generic;
using System.Threading;
using VaultTools.Errors;

namespace VaultTools.Bulk
{
    /// <summary>The outcome of one item of a bulk operation: its result, or the failure that was its alone.</summary>
    public sealed class BulkResult<TIn, TOut>
    {
        internal BulkResult(int index, TIn input, TOut? value, VaultException? error)
        {
            Index = index;
            Input = input;
            Value = value;
            Error = error;
        }

        /// <summary>Position of the item in the input (results come back in this order).</summary>
        public int Index { get; }

        public TIn Input { get; }

        /// <summary>The result; default when <see cref="Error"/> is set.</summary>
        public TOut? Value { get; }

        /// <summary>Why this item failed, or null.</summary>
        public VaultException? Error { get; }

        public bool Succeeded => Error is null;
    }

    /// <summary>
    /// Runs one operation over many items with at most <c>throttleLimit</c> in flight, and hands the results back
    /// in input order on the caller's thread (so a cmdlet writes output and errors from the pipeline thread only).
    /// A VaultException fails its item only; the others go on. Cancellation stops starting new items.
    /// </summary>
    /// <remarks>
    /// Hand-written on dedicated threads rather than Parallel.ForEach: the SDK calls block, and the thread pool
    /// (2 threads minimum on a 2-core machine) adds threads for blocked work only every half second or so, which
    /// would hold the first seconds of a bulk read to 2 requests in flight whatever the limit.
    /// </remarks>
    public static class BulkRunner
    {
        /// <summary>What -ThrottleLimit is when not given: enough requests in flight to hide the round trip, few enough for the service's throttling.</summary>
        public const int DefaultThrottleLimit = 8;

        /// <summary>The largest -ThrottleLimit accepted (Key Vault throttles a vault at a few hundred requests per 10 seconds per operation kind).</summary>
        public const int MaxThrottleLimit = 64;

        /// <summary>Checks a throttle limit; InvalidArgument naming the parameter otherwise.</summary>
        public static void CheckThrottleLimit(int throttleLimit, string parameterName)
        {
            if (throttleLimit < 1 || throttleLimit > MaxThrottleLimit)
            {
                throw VaultException.InvalidArgument("InvalidThrottleLimit", parameterName,
                    $"-{parameterName} must be between 1 and {MaxThrottleLimit} (requests in flight at once); it was {throttleLimit}.", throttleLimit);
            }
        }

        /// <summary>
        /// Runs <paramref name="operation"/> on every item, at most <paramref name="throttleLimit"/> at once, and yields
        /// the results in input order as soon as each one and all before it are done. <paramref name="progress"/> is
        /// called on the caller's thread with the number of items yielded so far.
        /// </summary>
        public static IEnumerable<BulkResult<TIn, TOut>> Run<TIn, TOut>(
            IReadOnlyList<TIn> items,
            Func<TIn, CancellationToken, TOut> operation,
            int throttleLimit,
            CancellationToken cancellationToken = default)
        {
            if (items is null)
            {
                throw new ArgumentNullException(nameof(items));
            }

            if (operation is null)
            {
                throw new ArgumentNullException(nameof(operation));
            }

            CheckThrottleLimit(throttleLimit, "ThrottleLimit");
            return RunIterator(items, operation, Math.Min(throttleLimit, Math.Max(1, items.Count)), cancellationToken);
        }

        private static IEnumerable<BulkResult<TIn, TOut>> RunIterator<TIn, TOut>(
            IReadOnlyList<TIn> items,
            Func<TIn, CancellationToken, TOut> operation,
            int workers,
            CancellationToken cancellationToken)
        {
            if (items.Count == 0)
            {
                yield break;
            }

            if (workers == 1)
            {
                // One at a time: on the caller's thread, no worker to start.
                for (int i = 0; i < items.Count; i++)
                {
                    yield return RunOne(i, items[i], operation, cancellationToken);
                }

                yield break;
            }

            var results = new BulkResult<TIn, TOut>?[items.Count];
            var done = new ManualResetEventSlim[items.Count];
            for (int i = 0; i < done.Length; i++)
            {
                done[i] = new ManualResetEventSlim(false);
            }

            int next = -1;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            void Work()
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < items.Count)
                {
                    results[index] = RunOne(index, items[index], operation, stop.Token);
                    done[index].Set();
                }
            }

            var threads = new Thread[workers];
            for (int w = 0; w < workers; w++)
            {
                threads[w] = new Thread(Work) { IsBackground = true, Name = "VaultTools bulk " + w };
                threads[w].Start();
            }

            try
            {
                for (int i = 0; i < items.Count; i++)
                {
                    done[i].Wait(CancellationToken.None);
                    yield return results[i]!;
                }
            }
            finally
            {
                // The caller stopped early (an error that ends the command, Ctrl+C, Select-Object -First):
                // start nothing more and let the requests in flight finish before the events are released.
                stop.Cancel();
                Interlocked.Exchange(ref next, items.Count);
                foreach (var thread in threads)
                {
                    thread.Join();
                }

                foreach (var signal in done)
                {
                    signal.Dispose();
                }
            }
        }

        private static BulkResult<TIn, TOut> RunOne<TIn, TOut>(int index, TIn item, Func<TIn, CancellationToken, TOut> operation, CancellationToken cancellationToken)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return new BulkResult<TIn, TOut>(index, item, default, Cancelled());
            }

            try
            {
                return new BulkResult<TIn, TOut>(index, item, operation(item, cancellationToken), null);
            }
            catch (VaultException ex)
            {
                return new BulkResult<TIn, TOut>(index, item, default, ex);
            }
            catch (OperationCanceledException)
            {
                return new BulkResult<TIn, TOut>(index, item, default, Cancelled());
            }
#pragma warning disable CA1031 // an exception escaping a worker thread would end the whole process: it fails its item instead
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // Only the type's name: the message of an unexpected exception could carry anything.
                return new BulkResult<TIn, TOut>(index, item, default, new VaultException(VaultErrorKind.ServiceError, "VaultBulkItemFailed",
                    $"This item failed unexpectedly ({ex.GetType().Name}); the other items were not affected.", ex));
            }
        }

        private static VaultException Cancelled()
            => new VaultException(VaultErrorKind.Cancelled, "VaultOperationCancelled", "The bulk operation was stopped before this item was done.");
    }
}
