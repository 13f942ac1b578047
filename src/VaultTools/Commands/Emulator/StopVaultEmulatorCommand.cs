using System.Linq;
using System.Management.Automation;
using VaultTools.Connection;
using VaultTools.Emulator;
using VaultTools.Errors;

namespace VaultTools.Commands.Emulator
{
    /// <summary>
    /// Stops an emulator (from the pipeline or by process id), or every emulator this session started. A
    /// process id that is not a VaultTools emulator is refused (NotAVaultEmulator), never killed.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "VaultEmulator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = All)]
    [OutputType(typeof(void))]
    public sealed class StopVaultEmulatorCommand : PSCmdlet
    {
        private const string All = "All";
        private const string ByInputObject = "ByInputObject";
        private const string ById = "ById";

        [Parameter(ParameterSetName = ByInputObject, Mandatory = true, ValueFromPipeline = true, Position = 0)]
        public VaultEmulator InputObject { get; set; } = null!;

        [Parameter(ParameterSetName = ById, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        public int ProcessId { get; set; }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case ByInputObject:
                    Stop(InputObject.ProcessId, InputObject.DataPath);
                    break;
                case ById:
                    Stop(ProcessId, null);
                    break;
                default:
                    foreach (var emulator in SessionEmulators.Running())
                    {
                        Stop(emulator.ProcessId, emulator.DataPath);
                    }

                    break;
            }
        }

        private void Stop(int processId, string? dataPath)
        {
            if (!ShouldProcess($"emulator process {processId}", "Stop the VaultTools emulator"))
            {
                return;
            }

            try
            {
                var current = VaultSession.Current;
                bool wasRunning = EmulatorProcess.Stop(processId, string.IsNullOrEmpty(dataPath) ? null : dataPath);
                if (current?.Emulator?.ProcessId == processId)
                {
                    VaultSession.Clear(); // its endpoints are gone
                }

                if (!wasRunning)
                {
                    WriteVerbose($"Emulator process {processId} was not running.");
                }
            }
            catch (VaultException ex)
            {
                WriteError(VaultCmdlet.ToErrorRecord(ex, processId));
            }
        }
    }
}
