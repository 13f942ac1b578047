using System;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace VaultTools.Connection
{
    /// <summary>
    /// The time as the service says it: every answer's HTTP Date header is remembered, and Now is that
    /// date plus the local time elapsed since. Rotation decides what is due by this clock, so that a
    /// machine with a wrong clock (or an emulator whose clock was moved forward) is judged by the vault's time.
    /// </summary>
    public sealed class ServiceClock : HttpPipelineSynchronousPolicy
    {
        private readonly object _gate = new object();
        private DateTimeOffset? _serviceDate;
        private long _seenAt;

        /// <summary>The service's time now, or the local time when no answer with a Date header was seen yet.</summary>
        public DateTimeOffset Now
        {
            get
            {
                lock (_gate)
                {
                    if (_serviceDate is null)
                    {
                        return DateTimeOffset.UtcNow;
                    }

                    var elapsed = TimeSpan.FromSeconds((Stopwatch.GetTimestamp() - _seenAt) / (double)Stopwatch.Frequency);
                    return _serviceDate.Value + elapsed;
                }
            }
        }

        /// <summary>True once an answer carried a Date header.</summary>
        public bool FromService
        {
            get
            {
                lock (_gate)
                {
                    return _serviceDate != null;
                }
            }
        }

        public override void OnReceivedResponse(HttpMessage message)
        {
            if (message.HasResponse && message.Response.Headers.Date is DateTimeOffset date)
            {
                lock (_gate)
                {
                    _serviceDate = date;
                    _seenAt = Stopwatch.GetTimestamp();
                }
            }
        }
    }
}
