using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using VaultTools.Connection;
using VaultTools.Emulator;
using VaultTools.Errors;

namespace VaultTools.Commands.Emulator
{
    /// <summary>
    /// Moves a running emulator's clock forward (-Advance) or sets how far it is from the system's time
    /// (-Offset), and returns the clock. The emulator does at once what is due by then (purges, key rotations,
    /// certificate renewals, expiry events).
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "VaultEmulatorClock", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = AdvanceSet)]
    [OutputType(typeof(VaultEmulatorClock))]
    public sealed class SetVaultEmulatorClockCommand : PSCmdlet
    {
        private const string AdvanceSet = "Advance";
        private const string OffsetSet = "Offset";

        /// <summary>How far to move the clock forward.</summary>
        [Parameter(ParameterSetName = AdvanceSet, Mandatory = true, Position = 0)]
        [IsoTimeSpanTransformation]
        public TimeSpan Advance { get; set; }

        /// <summary>The clock's new distance from the system's time (zero: back to real time).</summary>
        [Parameter(ParameterSetName = OffsetSet, Mandatory = true)]
        [IsoTimeSpanTransformation]
        public TimeSpan Offset { get; set; }

        /// <summary>The emulator (from Start-VaultEmulator); by default the one the session is connected to.</summary>
        [Parameter(ValueFromPipeline = true)]
        public VaultEmulator? Emulator { get; set; }

        protected override void ProcessRecord()
        {
            var emulator = Emulator ?? VaultSession.Current?.Emulator ?? SingleStarted();
            if (emulator is null)
            {
                ThrowTerminatingError(VaultCmdlet.ToErrorRecord(VaultException.InvalidArgument("EmulatorNotSpecified", "Emulator",
                    "No emulator given: pass -Emulator (the object from Start-VaultEmulator), or connect with Start-VaultEmulator | Connect-Vault -Emulator."), null));
                return;
            }

            string action = ParameterSetName == AdvanceSet
                ? "Advance the clock by " + Advance.ToString("c", CultureInfo.InvariantCulture)
                : "Set the clock's offset to " + Offset.ToString("c", CultureInfo.InvariantCulture);
            if (!ShouldProcess($"emulator {emulator.VaultUri} (process {emulator.ProcessId})", action))
            {
                return;
            }

            try
            {
                var clock = ParameterSetName == AdvanceSet
                    ? EmulatorClockClient.Advance(emulator, Advance)
                    : EmulatorClockClient.SetOffset(emulator, Offset);
                WriteObject(clock);
            }
            catch (VaultException ex)
            {
                WriteError(VaultCmdlet.ToErrorRecord(ex, emulator));
            }
        }

        /// <summary>Without a session: the one emulator this process started, if there is exactly one.</summary>
        private static VaultEmulator? SingleStarted()
        {
            var running = EmulatorProcess.Running;
            return running.Count == 1 ? running[0] : null;
        }
    }

    /// <summary>Lets a TimeSpan parameter also take an ISO 8601 duration (P31D, PT12H, -P1D), as the emulator's own endpoint does.</summary>
    public sealed class IsoTimeSpanTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject ps ? ps.BaseObject : inputData;
            if (value is string text && text.TrimStart('-').StartsWith("P", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    return System.Xml.XmlConvert.ToTimeSpan(text.Trim());
                }
                catch (FormatException)
                {
                    // not a duration after all: PowerShell's own conversion reports it, naming the parameter
                }
            }

            return inputData;
        }
    }
}
