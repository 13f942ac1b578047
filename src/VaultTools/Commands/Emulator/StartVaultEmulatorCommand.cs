using System;
using System.IO;
using System.Management.Automation;
using VaultTools.Emulator;
using VaultTools.Errors;

namespace VaultTools.Commands.Emulator
{
    /// <summary>
    /// Starts the local Key Vault emulator as a child process, waits until it answers, and returns its
    /// endpoints, CA certificate path, identities and process id (pipe it into Connect-Vault).
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "VaultEmulator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(VaultEmulator))]
    public sealed class StartVaultEmulatorCommand : StoppableCmdlet
    {
        /// <summary>
        /// Data folder: entries, identities, keys and the CA are kept there across runs (entries in memory with -InMemory).
        /// Not given: everything is in memory and nothing is kept between runs.
        /// </summary>
        [Parameter(Position = 0)]
        [Alias("DataDir")]
        public string? DataPath { get; set; }

        [Parameter]
        public SwitchParameter InMemory { get; set; }

        [Parameter]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        [Parameter]
        [ValidateRange(0, 65535)]
        public int IdentityPort { get; set; }

        /// <summary>JSON file with identities, vaults and role assignments to add to the defaults.</summary>
        [Parameter]
        public string? ConfigPath { get; set; }

        /// <summary>Fraction (0..1) of data-plane requests that fail on purpose, to test retries.</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double FaultRate { get; set; }

        [Parameter]
        [ValidateSet("429", "503", "drop")]
        public string[]? FaultKind { get; set; }

        /// <summary>
        /// Seconds for which a deletion or recovery stays invisible to readers, as on Azure (about a minute
        /// there), to test scripts that wait for them. Default 0: visible at once.
        /// </summary>
        [Parameter]
        [ValidateRange(0.0, 600.0)]
        public double ConsistencyDelaySeconds { get; set; }

        /// <summary>
        /// How far the emulator's clock starts ahead of the system's (negative: behind), so that dates due next
        /// month can be tested today. Move it later with Set-VaultEmulatorClock.
        /// </summary>
        [Parameter]
        public TimeSpan ClockOffset { get; set; }

        /// <summary>Keep the emulator running after this PowerShell process exits.</summary>
        [Parameter]
        public SwitchParameter Detached { get; set; }

        /// <summary>VaultTools.Emulator.dll to run (default: the one shipped in the module's emulator folder).</summary>
        [Parameter]
        public string? EmulatorPath { get; set; }

        protected override void ProcessRecord()
        {
            var options = new EmulatorStartOptions
            {
                EmulatorPath = ResolveEmulatorPath(),
                DataPath = DataPath is null ? null : GetUnresolvedProviderPathFromPSPath(DataPath),
                InMemory = InMemory,
                Port = Port,
                IdentityPort = IdentityPort,
                ConfigPath = ConfigPath is null ? null : GetUnresolvedProviderPathFromPSPath(ConfigPath),
                FaultRate = FaultRate,
                FaultKinds = FaultKind,
                ConsistencyDelay = TimeSpan.FromSeconds(ConsistencyDelaySeconds),
                ClockOffset = ClockOffset,
                TieToThisProcess = !Detached,
            };

            if (!ShouldProcess(options.DataPath ?? "in memory", "Start the VaultTools emulator"))
            {
                return;
            }

            try
            {
                var emulator = EmulatorProcess.Start(options, CancelToken);
                SessionEmulators.Add(emulator);
                WriteVerbose($"Emulator {emulator.ProcessId} ready at {emulator.VaultUri} (data: {emulator.DataPath}).");
                WriteObject(emulator);
            }
            catch (VaultException ex)
            {
                ThrowTerminatingError(VaultCmdlet.ToErrorRecord(ex, options.EmulatorPath));
            }
        }

        private string ResolveEmulatorPath()
        {
            if (EmulatorPath != null)
            {
                return GetUnresolvedProviderPathFromPSPath(EmulatorPath);
            }

            string? fromEnv = Environment.GetEnvironmentVariable("VAULTTOOLS_EMULATOR_PATH");
            if (!string.IsNullOrEmpty(fromEnv))
            {
                return fromEnv!;
            }

            string moduleBase = MyInvocation.MyCommand.Module?.ModuleBase ?? Path.GetDirectoryName(typeof(StartVaultEmulatorCommand).Assembly.Location)!;
            return Path.Combine(moduleBase, "emulator", "VaultTools.Emulator.dll");
        }
    }
}
