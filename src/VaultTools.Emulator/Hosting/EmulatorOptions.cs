using System.Globalization;

namespace VaultTools.Emulator.Hosting;

/// <summary>
/// The command line (a public contract, documented in docs/emulator.md):
/// <c>[--port N] [--identity-port N] [--data-dir DIR] [--in-memory] [--config FILE] [--parent-pid PID]
/// [--fault-rate R] [--fault-kinds 429,503,drop] [--fault-retry-after S] [--fault-seed N] [--consistency-delay S]
/// [--clock-offset DURATION]</c>.
/// </summary>
public sealed record EmulatorOptions
{
    public int Port { get; init; }
    public int IdentityPort { get; init; }
    /// <summary>The --data-dir given, or null (then the per-user default folder is used, entries in memory).</summary>
    public string? DataDir { get; init; }
    public bool InMemory { get; init; }
    public string? ConfigFile { get; init; }
    public int? ParentPid { get; init; }
    public double FaultRate { get; init; }
    public IReadOnlyList<FaultKind> FaultKinds { get; init; } = [FaultKind.Throttle429, FaultKind.Unavailable503, FaultKind.Drop];
    public int FaultRetryAfterSeconds { get; init; } = 1;
    public int? FaultSeed { get; init; }
    /// <summary>How long a delete or recover stays invisible to readers, as on the service (see Entries/EntryVisibility.cs). Default none.</summary>
    public TimeSpan ConsistencyDelay { get; init; }
    /// <summary>How far the emulator's clock is ahead of (or behind) the system's at start (see Hosting/EmulatorClock.cs).</summary>
    public TimeSpan ClockOffset { get; init; }

    /// <summary>The data folder actually used.</summary>
    public string DataPath => Path.GetFullPath(DataDir ?? DefaultDataPath);

    /// <summary>Entries are durable only with --data-dir and without --in-memory.</summary>
    public bool Persistent => DataDir is not null && !InMemory;

    public static string DefaultDataPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "VaultTools", "emulator");

    public const string Usage =
        "Usage: dotnet VaultTools.Emulator.dll [--port N] [--identity-port N] [--data-dir DIR] [--in-memory] [--config FILE]\n" +
        "                                     [--parent-pid PID] [--fault-rate R] [--fault-kinds 429,503,drop]\n" +
        "                                     [--fault-retry-after SECONDS] [--fault-seed N] [--consistency-delay SECONDS]\n" +
        "                                     [--clock-offset ISO8601-DURATION|SECONDS]\n" +
        "See docs/emulator.md.";

    public static EmulatorOptions Parse(IReadOnlyList<string> args)
    {
        var options = new EmulatorOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Count)
                {
                    throw new ArgumentException($"{arg} needs a value.");
                }
                return args[++i];
            }
            options = arg switch
            {
                "--port" => options with { Port = ParsePort(arg, Value()) },
                "--identity-port" => options with { IdentityPort = ParsePort(arg, Value()) },
                "--data-dir" => options with { DataDir = Value() },
                "--in-memory" => options with { InMemory = true },
                "--config" => options with { ConfigFile = Path.GetFullPath(Value()) },
                "--parent-pid" => options with { ParentPid = ParseInt(arg, Value(), 1, int.MaxValue) },
                "--fault-rate" => options with { FaultRate = ParseRate(Value()) },
                "--fault-kinds" => options with { FaultKinds = ParseKinds(Value()) },
                "--fault-retry-after" => options with { FaultRetryAfterSeconds = ParseInt(arg, Value(), 0, 3600) },
                "--fault-seed" => options with { FaultSeed = ParseInt(arg, Value(), int.MinValue, int.MaxValue) },
                "--consistency-delay" => options with { ConsistencyDelay = ParseSeconds(arg, Value(), 600) },
                "--clock-offset" => options with { ClockOffset = ParseClockOffset(Value()) },
                _ => throw new ArgumentException($"Unknown argument '{arg}'."),
            };
        }
        return options;
    }

    private static int ParsePort(string name, string value) => ParseInt(name, value, 0, 65535);

    private static int ParseInt(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be an integer from {min} to {max}, not '{value}'.");

    private static TimeSpan ParseSeconds(string name, string value, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds <= max
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"{name} must be a number of seconds from 0 to {max.ToString(CultureInfo.InvariantCulture)}, not '{value}'.");

    private static TimeSpan ParseClockOffset(string value) =>
        EmulatorClock.TryParseDuration(value)
            ?? throw new ArgumentException($"--clock-offset must be an ISO 8601 duration (P31D, PT1H, -P1D) or a number of seconds within 36500 days, not '{value}'.");

    private static double ParseRate(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r >= 0 && r <= 1
            ? r
            : throw new ArgumentException($"--fault-rate must be a number from 0 to 1, not '{value}'.");

    private static List<FaultKind> ParseKinds(string value)
    {
        var kinds = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => k.ToLowerInvariant() switch
            {
                "429" => FaultKind.Throttle429,
                "503" => FaultKind.Unavailable503,
                "drop" => FaultKind.Drop,
                _ => throw new ArgumentException($"--fault-kinds: unknown kind '{k}' (use 429, 503, drop)."),
            })
            .Distinct()
            .ToList();
        return kinds.Count > 0 ? kinds : throw new ArgumentException("--fault-kinds needs at least one kind.");
    }
}

public enum FaultKind
{
    Throttle429,
    Unavailable503,
    Drop,
}
