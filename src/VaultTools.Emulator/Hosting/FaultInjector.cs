using VaultTools.Emulator.Errors;

namespace VaultTools.Emulator.Hosting;

/// <summary>
/// Faults on demand (--fault-rate, --fault-kinds): a share of data-plane requests answers 429 with
/// Retry-After and the service's Throttled body, 503, or has its connection dropped. Never applied
/// to token endpoints or the health probe (they are not in the data-plane group).
/// </summary>
public sealed class FaultInjector(EmulatorOptions options)
{
    private readonly Random _random = options.FaultSeed is { } seed ? new Random(seed) : Random.Shared;
    private readonly Lock _gate = new();

    public bool Enabled => options.FaultRate > 0;

    /// <summary>The fault to apply to this request, or null.</summary>
    public FaultKind? Next()
    {
        if (!Enabled)
        {
            return null;
        }
        lock (_gate)
        {
            if (_random.NextDouble() >= options.FaultRate)
            {
                return null;
            }
            return options.FaultKinds[_random.Next(options.FaultKinds.Count)];
        }
    }

    public KeyVaultError? ErrorFor(FaultKind kind) => kind switch
    {
        FaultKind.Throttle429 => KeyVaultErrors.Throttled(options.FaultRetryAfterSeconds),
        FaultKind.Unavailable503 => KeyVaultErrors.ServiceUnavailable(),
        _ => null,
    };
}
