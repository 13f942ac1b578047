using System.Linq;
using System.Management.Automation;
using VaultTools.Connection;
using VaultTools.Emulator;

namespace VaultTools.Commands.Emulator
{
    /// <summary>Stops an emulator (from the pipeline or by process id), or every emulator this session started.</summary>
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
                    Stop(InputObject.ProcessId);
                    break;
                case ById:
                    Stop(ProcessId);
                    break;
                default:
                    foreach (var emulator in EmulatorProcess.Running.ToArray())
                    {
                        Stop(emulator.ProcessId);
                    }

                    break;
            }
        }

        private void Stop(int processId)
        {
            if (!ShouldProcess($"emulator process {processId}", "Stop the VaultTools emulator"))
            {
                return;
            }

            var current = VaultSession.Current;
            if (current?.Emulator?.ProcessId == processId)
            {
                VaultSession.Clear(); // its endpoints are about to disappear
            }

            if (!EmulatorProcess.Stop(processId))
            {
                WriteVerbose($"Emulator process {processId} was not running.");
            }
        }
    }
}
