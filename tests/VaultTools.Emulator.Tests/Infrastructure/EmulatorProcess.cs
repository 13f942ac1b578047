using System.Globalization;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VaultTools.Emulator.Tests.Infrastructure;

/// <summary>The properties of emulator.json the tests read (the public contract).</summary>
public sealed record EmulatorInfo
{
    public int ProcessId { get; init; }
    public string DataPath { get; init; } = "";
    public string VaultUri { get; init; } = "";
    public string VaultUriTemplate { get; init; } = "";
    public string DefaultVaultName { get; init; } = "";
    public string TenantId { get; init; } = "";
    public string AuthorityHost { get; init; } = "";
    public string ManagementEndpoint { get; init; } = "";
    public string SubscriptionId { get; init; } = "";
    public string ResourceGroupName { get; init; } = "";
    public string ImdsEndpoint { get; init; } = "";
    public string IdentityEndpoint { get; init; } = "";
    public string IdentityHeader { get; init; } = "";
    public string CaCertificatePath { get; init; } = "";
    public List<EmulatorIdentity> Identities { get; init; } = [];
    public int HttpsPort { get; init; }
    public int IdentityPort { get; init; }
    public bool Persistent { get; init; }
    public List<string> Vaults { get; init; } = [];
    public string ImdsAuthorityHost { get; init; } = "";
    public string JwtSigningKeyPath { get; init; } = "";
    public string GraphEndpoint { get; init; } = "";

    public EmulatorIdentity Identity(string name) => Identities.Single(i => i.Name == name);

    public Uri VaultUriFor(string vault) => new(VaultUriTemplate.Replace("{vault}", vault, StringComparison.Ordinal));
}

public sealed record EmulatorIdentity
{
    public string Name { get; init; } = "";
    public string Type { get; init; } = "";
    public string ObjectId { get; init; } = "";
    public string? ClientId { get; init; }
    public string? ClientSecret { get; init; }
    public string? CertificateThumbprint { get; init; }
    public string? ApplicationObjectId { get; init; }
}

/// <summary>
/// Starts <c>dotnet VaultTools.Emulator.dll</c> as a child process (with --parent-pid of the test
/// process, so it never outlives the test run) and waits for its emulator.json.
/// </summary>
public sealed class EmulatorProcess : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public EmulatorInfo Info { get; }
    public string DataPath { get; }
    public string Output { get { lock (_output) { return _output.ToString(); } } }

    private EmulatorProcess(Process process, EmulatorInfo info, string dataPath, StringBuilder output)
    {
        _process = process;
        Info = info;
        DataPath = dataPath;
        _output = output;
    }

    public static string EmulatorDll
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("VAULTTOOLS_EMULATOR_DLL");
            if (!string.IsNullOrEmpty(fromEnv))
            {
                return fromEnv;
            }
            return typeof(EmulatorProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "EmulatorAssemblyPath").Value!;
        }
    }

    public static string NewDataDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "vaulttools-emulator-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Starts the emulator on <paramref name="dataPath"/>, or without --data-dir when it is null (then the data folder is the one its ready line names).</summary>
    public static async Task<EmulatorProcess> StartAsync(string? dataPath, params string[] extraArgs)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(EmulatorDll);
        string[] dataArgs = dataPath is null ? [] : ["--data-dir", dataPath];
        foreach (var arg in new[] { "--port", "0", "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture) }.Concat(dataArgs).Concat(extraArgs))
        {
            start.ArgumentList.Add(arg);
        }
        // The child must not inherit managed-identity variables a test may have set.
        foreach (var name in new[] { "IDENTITY_ENDPOINT", "IDENTITY_HEADER", "AZURE_POD_IDENTITY_AUTHORITY_HOST", "MSI_ENDPOINT" })
        {
            start.Environment.Remove(name);
        }

        var output = new StringBuilder();
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            if (e.Data.StartsWith("VaultTools emulator ready: ", StringComparison.Ordinal)) ready.TrySetResult(e.Data);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("The emulator exited before it was ready."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        string readyLine;
        try
        {
            readyLine = await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (Exception ex)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            string log;
            lock (output) log = output.ToString();
            throw new InvalidOperationException($"Emulator did not start: {ex.Message}\n{log}", ex);
        }

        // "VaultTools emulator ready: https://localhost:N/ (data: FOLDER)"
        dataPath ??= readyLine[(readyLine.IndexOf("(data: ", StringComparison.Ordinal) + "(data: ".Length)..^1];
        var info = JsonSerializer.Deserialize<EmulatorInfo>(await File.ReadAllTextAsync(Path.Combine(dataPath, "emulator.json")), Json)!;
        if (info.ProcessId != process.Id)
        {
            throw new InvalidOperationException($"emulator.json names process {info.ProcessId}, expected {process.Id}.");
        }
        return new EmulatorProcess(process, info, dataPath, output);
    }

    /// <summary>kill -9: no chance to flush or clean up.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>A clean stop as a service manager or Ctrl+C asks for it (SIGTERM, Unix only); returns the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        if (!OperatingSystem.IsWindows() && !_process.HasExited)
        {
            _ = SendSignal(_process.Id, 15);
        }
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return _process.ExitCode;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>True when the process exited within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Runs the emulator to completion with arguments that should make it refuse to start.</summary>
    public static async Task<(int ExitCode, string StandardError)> RunToExitAsync(params string[] args)
    {
        var (exitCode, _, stderr) = await RunAsync(args);
        return (exitCode, stderr);
    }

    /// <summary>Runs the emulator to completion (e.g. --help) and returns its standard output.</summary>
    public static async Task<(int ExitCode, string StandardOutput)> RunToExitWithOutputAsync(params string[] args)
    {
        var (exitCode, stdout, _) = await RunAsync(args);
        return (exitCode, stdout);
    }

    private static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunAsync(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(EmulatorDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }
}
