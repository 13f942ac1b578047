using System;

namespace VaultTools
{
    /// <summary>
    /// The clock of a running emulator (output of Set-VaultEmulatorClock): its "now" and how far it is moved
    /// from the system's time. Every date the emulator writes and checks, and its Date header, follow it.
    /// </summary>
    public sealed class VaultEmulatorClock
    {
        /// <summary>The emulator's current time.</summary>
        public DateTimeOffset Now { get; set; }

        /// <summary>How far the emulator's clock is ahead of the system's (negative: behind).</summary>
        public TimeSpan Offset { get; set; }

        /// <summary>The emulator's process id.</summary>
        public int ProcessId { get; set; }

        /// <summary>The emulator's default vault URI (its HTTPS endpoint).</summary>
        public Uri VaultUri { get; set; } = null!;

        public override string ToString() => Now.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
    }
}
