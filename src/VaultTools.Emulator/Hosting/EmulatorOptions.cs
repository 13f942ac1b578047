using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace VaultTools.Emulator.Hosting;

/// <summary>
/// The command line (a public contract, documented in docs/emulator.md), parsed with System.CommandLine, which
/// gives <c>--help</c>, error messages for unknown or invalid options, and completions.
/// </summary>
public sealed record EmulatorOptions
{
    public int Port { get; init; }
    public int IdentityPort { get; init; }
    /// <summary>The --data-dir (or --data-path) given, or null: then everything is in memory (see <see cref="IsTemporary"/>).</summary>
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

    /// <summary>
    /// True without --data-dir: the data folder is a new temporary folder of this run only, holding just what clients need
    /// to find and trust the emulator (emulator.json, the CA, the keys), removed at a normal stop; entries are in memory.
    /// </summary>
    public bool IsTemporary { get; init; }

    /// <summary>The data folder actually used.</summary>
    public string DataPath => Path.GetFullPath(DataDir ?? throw new InvalidOperationException("No data folder yet: call WithDataFolder."));

    /// <summary>Entries are durable only with --data-dir and without --in-memory.</summary>
    public bool Persistent => !IsTemporary && !InMemory;

    /// <summary>Without --data-dir: a new private temporary folder for this run only.</summary>
    public EmulatorOptions WithDataFolder() => DataDir is not null
        ? this
        : this with { DataDir = Path.Combine(Path.GetTempPath(), "vaulttools-emulator-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]), IsTemporary = true };

    // Options with a value take ArgumentArity.OneOrMore and read their last token: an option given twice
    // (--parent-pid 1 --parent-pid 2) means the last one, as before System.CommandLine, instead of an error.
    private static readonly Option<int> PortOption = new("--port")
    {
        Arity = ArgumentArity.OneOrMore,
        Description = "HTTPS port on 127.0.0.1 for vaults, Entra token endpoints and the ARM subset (0: a free port).",
        HelpName = "N",
        CustomParser = r => ParsePort("--port", r),
    };
    private static readonly Option<int> IdentityPortOption = new("--identity-port")
    {
        Arity = ArgumentArity.OneOrMore,
        Description = "Plain-HTTP port on 127.0.0.1 for the managed-identity endpoints (0: a free port).",
        HelpName = "N",
        CustomParser = r => ParsePort("--identity-port", r),
    };
    private static readonly Option<string?> DataDirOption = new("--data-dir", "--data-path")
    {
        Arity = ArgumentArity.OneOrMore,
        Description = "Data folder: entries, identities, keys and the CA are kept there across runs. Without it everything is in memory.",
        HelpName = "DIR",
        CustomParser = Token,
        Validators = { r => { if (r.Tokens.Count == 0 || string.IsNullOrWhiteSpace(r.Tokens[^1].Value)) { r.AddError("--data-dir needs a folder (leave it out to keep everything in memory)."); } } },
    };
    private static readonly Option<bool> InMemoryOption = new("--in-memory")
    {
        Description = "Keep entries in memory even with --data-dir (identities, keys and the CA stay in the folder).",
    };
    private static readonly Option<string?> ConfigOption = new("--config")
    {
        Arity = ArgumentArity.OneOrMore,
        Description = "JSON file of identities, vaults, role assignments and event subscriptions to add.",
        HelpName = "FILE",
        CustomParser = Token,
    };
    private static readonly Option<int?> ParentPidOption = new("--parent-pid")
    {
        Arity = ArgumentArity.OneOrMore,
        Description = "Exit when that process exits.",
        HelpName = "PID",
        CustomParser = r => ParseInt("--parent-pid", r, 1, int.MaxValue),
    };
    private static readonly Option<double> FaultRateOption = new("--fault-rate")
    {
        Arity = ArgumentArity.OneOrMore,
        Description = "Share (0..1) of data-plane requests that fail on purpose.",
        HelpName = "R",
        CustomParser = ParseRate,
    };
    private static readonly Option<IReadOnlyList<FaultKind>?> FaultKindsOption = new("--fault-kinds")
    {
        Description = "Comma-separated kinds of injected faults: 429, 503, drop (default all three).",
        HelpName = "KINDS",
        CustomParser = ParseKinds,
    };
    private static readonly Option<int> FaultRetryAfterOption = new("--fault-retry-after")
    {
        Arity = ArgumentArity.OneOrMore,
        Description = "Retry-After seconds sent with injected 429s (default 1).",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => 1,
        CustomParser = r => ParseInt("--fault-retry-after", r, 0, 3600) ?? 1,
    };
    private static readonly Option<int?> FaultSeedOption = new("--fault-seed")
    {
        Arity = ArgumentArity.OneOrMore,
        Description = "Seed of the fault choice, for a repeatable sequence.",
        HelpName = "N",
        CustomParser = r => ParseInt("--fault-seed", r, int.MinValue, int.MaxValue),
    };
    private static readonly Option<TimeSpan> ConsistencyDelayOption = new("--consistency-delay")
    {
        Arity = ArgumentArity.OneOrMore,
        Description = "Seconds (0..600) for which a delete or recover stays invisible to readers.",
        HelpName = "SECONDS",
        CustomParser = r => ParseSeconds("--consistency-delay", r, 600),
    };
    private static readonly Option<TimeSpan> ClockOffsetOption = new("--clock-offset")
    {
        Arity = ArgumentArity.OneOrMore,
        Description = "Start the emulator's clock this far from the system's: ISO 8601 duration (P31D, PT1H30M, -P1D) or seconds.",
        HelpName = "DURATION",
        CustomParser = ParseClockOffset,
    };

    /// <summary>The emulator's command: its options, described for --help.</summary>
    public static RootCommand Command { get; } = new("VaultTools local Azure Key Vault emulator (see docs/emulator.md).")
    {
        PortOption, IdentityPortOption, DataDirOption, InMemoryOption, ConfigOption, ParentPidOption, FaultRateOption, FaultKindsOption,
        FaultRetryAfterOption, FaultSeedOption, ConsistencyDelayOption, ClockOffsetOption,
    };

    /// <summary>Parses the command line; <see cref="ParseResult.Errors"/> holds what was wrong, and --help is an action of the result.</summary>
    public static ParseResult ParseCommandLine(IReadOnlyList<string> args) => Command.Parse(args);

    /// <summary>The options of a parse result without errors.</summary>
    public static EmulatorOptions From(ParseResult result) => new()
    {
        Port = result.GetValue(PortOption),
        IdentityPort = result.GetValue(IdentityPortOption),
        DataDir = result.GetValue(DataDirOption),
        InMemory = result.GetValue(InMemoryOption),
        ConfigFile = result.GetValue(ConfigOption) is { } config ? Path.GetFullPath(config) : null,
        ParentPid = result.GetValue(ParentPidOption),
        FaultRate = result.GetValue(FaultRateOption),
        FaultKinds = result.GetValue(FaultKindsOption) ?? [FaultKind.Throttle429, FaultKind.Unavailable503, FaultKind.Drop],
        FaultRetryAfterSeconds = result.GetValue(FaultRetryAfterOption),
        FaultSeed = result.GetValue(FaultSeedOption),
        ConsistencyDelay = result.GetValue(ConsistencyDelayOption),
        ClockOffset = result.GetValue(ClockOffsetOption),
    };

    /// <summary>Parses a command line that must be valid (tests, tools): an <see cref="ArgumentException"/> names the first error.</summary>
    public static EmulatorOptions Parse(IReadOnlyList<string> args)
    {
        var result = ParseCommandLine(args);
        return result.Errors.Count == 0 ? From(result) : throw new ArgumentException(result.Errors[0].Message);
    }

    // The parsers report a bad value as a parse error (shown with the option's name), never as an exception.
    private static int ParsePort(string name, ArgumentResult r) => ParseInt(name, r, 0, 65535) ?? 0;

    private static int? ParseInt(string name, ArgumentResult r, int min, int max)
    {
        var value = Token(r);
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }
        r.AddError($"{name} must be an integer from {min} to {max}, not '{value}'.");
        return null;
    }

    private static TimeSpan ParseSeconds(string name, ArgumentResult r, double max)
    {
        var value = Token(r);
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds <= max)
        {
            return TimeSpan.FromSeconds(seconds);
        }
        r.AddError($"{name} must be a number of seconds from 0 to {max.ToString(CultureInfo.InvariantCulture)}, not '{value}'.");
        return TimeSpan.Zero;
    }

    private static TimeSpan ParseClockOffset(ArgumentResult r)
    {
        var value = Token(r);
        if (EmulatorClock.TryParseDuration(value) is { } offset)
        {
            return offset;
        }
        r.AddError($"--clock-offset must be an ISO 8601 duration (P31D, PT1H, -P1D) or a number of seconds within 36500 days, not '{value}'.");
        return TimeSpan.Zero;
    }

    private static double ParseRate(ArgumentResult r)
    {
        var value = Token(r);
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate >= 0 && rate <= 1)
        {
            return rate;
        }
        r.AddError($"--fault-rate must be a number from 0 to 1, not '{value}'.");
        return 0;
    }

    private static List<FaultKind>? ParseKinds(ArgumentResult r)
    {
        var kinds = new List<FaultKind>();
        foreach (var k in Token(r).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            FaultKind? kind = k.ToLowerInvariant() switch
            {
                "429" => FaultKind.Throttle429,
                "503" => FaultKind.Unavailable503,
                "drop" => FaultKind.Drop,
                _ => null,
            };
            if (kind is null)
            {
                r.AddError($"--fault-kinds: unknown kind '{k}' (use 429, 503, drop).");
                return null;
            }
            if (!kinds.Contains(kind.Value))
            {
                kinds.Add(kind.Value);
            }
        }
        if (kinds.Count == 0)
        {
            r.AddError("--fault-kinds needs at least one kind.");
            return null;
        }
        return kinds;
    }

    private static string Token(ArgumentResult r) => r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
}

public enum FaultKind
{
    Throttle429,
    Unavailable503,
    Drop,
}
