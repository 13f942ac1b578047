using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using VaultTools.Errors;

namespace VaultTools.Emulator
{
    /// <summary>What Start-VaultEmulator asks for.</summary>
    public sealed class EmulatorStartOptions
    {
        /// <summary>Path of VaultTools.Emulator.dll (the module's emulator/ folder by default).</summary>
        public string EmulatorPath { get; set; } = "";
        /// <summary>Data folder; when given, entries are durable there (unless InMemory).</summary>
        public string? DataPath { get; set; }
        public bool InMemory { get; set; }
        public int Port { get; set; }
        public int IdentityPort { get; set; }
        public string? ConfigPath { get; set; }
        public double FaultRate { get; set; }
        public string[]? FaultKinds { get; set; }
        /// <summary>How long deletes and recoveries stay invisible to readers, as on Azure (about a minute there). Zero: at once.</summary>
        public TimeSpan ConsistencyDelay { get; set; }
        /// <summary>How far the emulator's clock starts ahead of the system's (negative: behind). Zero: real time.</summary>
        public TimeSpan ClockOffset { get; set; }
        /// <summary>When true the emulator exits with this process (the default for emulators started from PowerShell).</summary>
        public bool TieToThisProcess { get; set; } = true;
        public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);
    }

    /// <summary>
    /// Starts the emulator as a child process and waits until it has written emulator.json (which it
    /// does only once both listeners accept connections); stops it again.
    /// </summary>
    public static class EmulatorProcess
    {
        /// <summary>The emulator's own bound for --consistency-delay.</summary>
        public static readonly TimeSpan MaxConsistencyDelay = TimeSpan.FromSeconds(600);

        private static readonly object Gate = new object();
        private static readonly List<VaultEmulator> Started = new List<VaultEmulator>();

        /// <summary>Emulators started by this process that are still running.</summary>
        public static IReadOnlyList<VaultEmulator> Running
        {
            get
            {
                lock (Gate)
                {
                    Started.RemoveAll(e => !IsAlive(e.ProcessId));
                    return Started.ToArray();
                }
            }
        }

        public static VaultEmulator Start(EmulatorStartOptions options, CancellationToken cancellationToken = default)
        {
            if (!File.Exists(options.EmulatorPath))
            {
                throw new VaultException(VaultErrorKind.InvalidArgument, "EmulatorNotInstalled",
                    $"The emulator was not found at '{options.EmulatorPath}'. Build the module (./build.ps1 Build) or pass -EmulatorPath.", null, options.EmulatorPath)
                {
                    ParameterName = "EmulatorPath",
                };
            }

            if (options.ConfigPath != null && !File.Exists(options.ConfigPath))
            {
                throw VaultException.InvalidArgument("EmulatorConfigNotFound", "ConfigPath", $"The configuration file '{options.ConfigPath}' given to -ConfigPath does not exist.", options.ConfigPath);
            }

            if (options.FaultRate < 0 || options.FaultRate > 1)
            {
                throw VaultException.InvalidArgument("InvalidFaultRate", "FaultRate", $"-FaultRate must be between 0 and 1; got {options.FaultRate.ToString(CultureInfo.InvariantCulture)}.");
            }

            if (options.ConsistencyDelay < TimeSpan.Zero || options.ConsistencyDelay > MaxConsistencyDelay)
            {
                throw VaultException.InvalidArgument("InvalidConsistencyDelay", "ConsistencyDelaySeconds",
                    $"-ConsistencyDelaySeconds must be between 0 and {MaxConsistencyDelay.TotalSeconds.ToString(CultureInfo.InvariantCulture)}; got {options.ConsistencyDelay.TotalSeconds.ToString(CultureInfo.InvariantCulture)}.");
            }

            if (options.ClockOffset.Duration() > EmulatorClockClient.MaxOffset)
            {
                throw VaultException.InvalidArgument("InvalidClockOffset", "ClockOffset",
                    $"-ClockOffset must be within {EmulatorClockClient.MaxOffset.TotalDays.ToString(CultureInfo.InvariantCulture)} days either way; got {options.ClockOffset}.", options.ClockOffset);
            }

            // The emulator creates the data folder itself, readable by its owner only. Without one it keeps everything
            // in memory and names the temporary folder of its run (emulator.json, its CA) in its ready line.
            string? dataPath = options.DataPath;

            var start = new ProcessStartInfo
            {
                FileName = DotNetHost(),
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            var args = new List<string> { "exec", options.EmulatorPath, "--port", options.Port.ToString(CultureInfo.InvariantCulture), "--identity-port", options.IdentityPort.ToString(CultureInfo.InvariantCulture) };
            if (options.DataPath != null)
            {
                args.Add("--data-dir");
                args.Add(options.DataPath);
            }

            if (options.InMemory)
            {
                args.Add("--in-memory");
            }

            if (options.ConfigPath != null)
            {
                args.Add("--config");
                args.Add(Path.GetFullPath(options.ConfigPath));
            }

            if (options.FaultRate > 0)
            {
                args.Add("--fault-rate");
                args.Add(options.FaultRate.ToString(CultureInfo.InvariantCulture));
                if (options.FaultKinds?.Length > 0)
                {
                    args.Add("--fault-kinds");
                    args.Add(string.Join(",", options.FaultKinds));
                }
            }

            if (options.ConsistencyDelay > TimeSpan.Zero)
            {
                args.Add("--consistency-delay");
                args.Add(options.ConsistencyDelay.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));
            }

            if (options.ClockOffset != TimeSpan.Zero)
            {
                args.Add("--clock-offset");
                args.Add(System.Xml.XmlConvert.ToString(options.ClockOffset));
            }

            if (options.TieToThisProcess)
            {
                args.Add("--parent-pid");
                args.Add(Process.GetCurrentProcess().Id.ToString(CultureInfo.InvariantCulture));
            }

            start.Arguments = string.Join(" ", args.Select(Quote));

            // The output is kept only until the emulator is ready (for the error message of a failed start); after
            // that it is still read, so that the emulator never blocks on a full pipe, but dropped.
            var output = new System.Text.StringBuilder();
            bool ready = false;
            string? announcedDataPath = null;
            void Keep(string? line)
            {
                if (line != null)
                {
                    lock (output)
                    {
                        if (!ready)
                        {
                            output.AppendLine(line);
                            announcedDataPath ??= ReadyLineDataPath(line);
                        }
                    }
                }
            }

            var process = new Process { StartInfo = start, EnableRaisingEvents = true };
            process.OutputDataReceived += (_, e) => Keep(e.Data);
            process.ErrorDataReceived += (_, e) => Keep(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var deadline = DateTime.UtcNow + options.StartTimeout;
            while (true)
            {
                string? folder;
                lock (output)
                {
                    folder = dataPath ?? announcedDataPath;
                }

                var info = folder == null ? null : EmulatorFile.TryReadFrom(folder, process.Id);
                if (info != null)
                {
                    lock (output)
                    {
                        ready = true;
                        output.Clear();
                    }

                    lock (Gate)
                    {
                        Started.Add(info);
                    }

                    return info;
                }

                if (process.HasExited || DateTime.UtcNow > deadline || cancellationToken.IsCancellationRequested)
                {
                    bool exited = process.HasExited;
                    if (!exited)
                    {
                        TryKill(process);
                    }

                    string log;
                    lock (output)
                    {
                        log = output.ToString().Trim();
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    throw new VaultException(VaultErrorKind.ServiceError, "EmulatorStartFailed",
                        (exited ? $"The emulator exited with code {process.ExitCode} before it was ready." : $"The emulator was not ready after {options.StartTimeout.TotalSeconds:0} s.")
                        + (log.Length > 0 ? " Its output: " + log : ""), null, options.EmulatorPath);
                }

                cancellationToken.WaitHandle.WaitOne(50);
            }
        }

        private const string ReadyLinePrefix = "VaultTools emulator ready: ";

        /// <summary>The data folder named by the emulator's ready line ("VaultTools emulator ready: URI (data: FOLDER)"), else null.</summary>
        internal static string? ReadyLineDataPath(string line)
        {
            const string marker = " (data: ";
            int at = line.IndexOf(marker, StringComparison.Ordinal);
            return line.StartsWith(ReadyLinePrefix, StringComparison.Ordinal) && at > 0 && line.EndsWith(")", StringComparison.Ordinal)
                ? line.Substring(at + marker.Length, line.Length - at - marker.Length - 1)
                : null;
        }

        /// <summary>
        /// Stops the emulator with this process id; true if it was running, false if no such process runs. A
        /// process that is not known to be a VaultTools emulator is refused (NotAVaultEmulator), so that a
        /// mistyped id never kills another program. Known means: started by this process, named by the
        /// emulator.json of <paramref name="dataPath"/> or of VAULTTOOLS_EMULATOR,
        /// or (on Linux) running VaultTools.Emulator.dll. After it is stopped its emulator.json is removed
        /// when it still names it, as the emulator does on a normal stop.
        /// </summary>
        public static bool Stop(int processId, string? dataPath = null, TimeSpan? wait = null)
        {
            Process process;
            try
            {
                process = Process.GetProcessById(processId);
            }
            catch (ArgumentException)
            {
                Forget(processId);
                return false;
            }

            using (process)
            {
                string? knownData = KnownDataPath(processId, dataPath, out bool known);
                if (!known)
                {
                    throw new VaultException(VaultErrorKind.InvalidArgument, "NotAVaultEmulator",
                        $"Process {processId} is not a VaultTools emulator known to this session (it was not started here and no emulator.json names it); nothing was stopped. Pipe the object from Start-VaultEmulator into Stop-VaultEmulator instead.",
                        null, processId.ToString(CultureInfo.InvariantCulture))
                    {
                        ParameterName = "ProcessId",
                    };
                }

                Forget(processId);
                StopCleanly(process, wait ?? TimeSpan.FromSeconds(10));
                if (knownData != null)
                {
                    RemoveEmulatorFile(knownData, processId);
                }

                return true;
            }
        }

        private static void Forget(int processId)
        {
            lock (Gate)
            {
                Started.RemoveAll(e => e.ProcessId == processId);
            }
        }

        /// <summary>Whether the process is a known emulator, and the data folder whose emulator.json names it (if any).</summary>
        private static string? KnownDataPath(int processId, string? dataPath, out bool known)
        {
            VaultEmulator? started;
            lock (Gate)
            {
                started = Started.FirstOrDefault(e => e.ProcessId == processId);
            }

            var candidates = new List<string?> { started?.DataPath, dataPath };
            string? fromEnv = System.Environment.GetEnvironmentVariable(EmulatorFile.EnvironmentVariable);
            if (!string.IsNullOrEmpty(fromEnv))
            {
                candidates.Add(File.Exists(fromEnv) ? Path.GetDirectoryName(Path.GetFullPath(fromEnv!)) : fromEnv);
            }

            foreach (string? folder in candidates)
            {
                if (!string.IsNullOrEmpty(folder) && EmulatorFile.TryReadFrom(folder!, processId) != null)
                {
                    known = true;
                    return folder;
                }
            }

            known = started != null || RunsEmulatorDll(processId);
            return started?.DataPath;
        }

        private static bool RunsEmulatorDll(int processId)
        {
            try
            {
                string cmdline = "/proc/" + processId.ToString(CultureInfo.InvariantCulture) + "/cmdline";
                return File.Exists(cmdline) && File.ReadAllText(cmdline).IndexOf("VaultTools.Emulator", StringComparison.Ordinal) >= 0;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return false;
            }
        }

        private static void RemoveEmulatorFile(string dataPath, int processId)
        {
            try
            {
                if (EmulatorFile.TryReadFrom(dataPath, processId) != null)
                {
                    File.Delete(Path.Combine(dataPath, EmulatorFile.FileName));
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // someone else's file now, or already gone
            }
        }

        /// <summary>
        /// A clean stop where the OS has one: SIGTERM on Linux and macOS, so that the emulator checkpoints and closes its
        /// database (the data folder can then be copied) and removes its emulator.json; killed when it has not exited
        /// within <paramref name="wait"/>, and on Windows, which has no such signal for a process without a console.
        /// </summary>
        private static void StopCleanly(Process process, TimeSpan wait)
        {
            if (!IsWindows && SendSignal(process.Id, SigTerm) == 0 && process.WaitForExit((int)wait.TotalMilliseconds))
            {
                return;
            }

            TryKill(process);
            process.WaitForExit((int)wait.TotalMilliseconds);
        }

        private const int SigTerm = 15;

        // .NET has no API that sends SIGTERM to another process (Process.Kill sends SIGKILL).
        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int SendSignal(int pid, int signal);

        private static void TryKill(Process process)
        {
            try
            {
#if NET8_0_OR_GREATER
                process.Kill(entireProcessTree: true);
#else
                process.Kill();
#endif
            }
            catch (InvalidOperationException)
            {
                // already exited
            }
        }

        private static bool IsAlive(int processId)
        {
            try
            {
                using var p = Process.GetProcessById(processId);
                return !p.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        /// <summary>
        /// The dotnet host that runs the emulator: DOTNET_HOST_PATH (set by the SDK and by dotnet tools),
        /// this process when it is dotnet itself (pwsh as a dotnet tool), or dotnet on PATH.
        /// </summary>
        private static string DotNetHost()
        {
            string? fromEnv = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv))
            {
                return fromEnv!;
            }

            try
            {
                string? self = Process.GetCurrentProcess().MainModule?.FileName;
                if (self != null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
                {
                    return self;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // no access to our own module: fall through
            }

            string? root = System.Environment.GetEnvironmentVariable("DOTNET_ROOT");
            if (!string.IsNullOrEmpty(root))
            {
                string candidate = Path.Combine(root!, IsWindows ? "dotnet.exe" : "dotnet");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return "dotnet";
        }

        private static bool IsWindows => System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows);

        private static readonly char[] CharsNeedingQuotes = { ' ', '"', '\t' };

        private static string Quote(string arg)
            => arg.Length > 0 && arg.IndexOfAny(CharsNeedingQuotes) < 0 ? arg : "\"" + arg.Replace("\"", "\\\"") + "\"";
    }
}
