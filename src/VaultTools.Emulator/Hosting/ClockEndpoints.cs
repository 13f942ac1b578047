using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VaultTools.Emulator.Errors;

namespace VaultTools.Emulator.Hosting;

/// <summary>
/// <c>GET /.emulator/clock</c> and <c>POST /.emulator/clock</c> (<c>{"advanceBy":"P31D"}</c> or <c>{"offset":"P10D"}</c>):
/// a test endpoint like /.emulator/health, on the HTTPS port only, without authentication (the emulator listens on
/// 127.0.0.1 only). Both answer <c>{"now":"...","offset":"P31D"}</c>. After a move, what the service does by itself
/// when time passes (<see cref="ITimeDrivenWork"/>) runs before the answer, so a test sees its effects at once.
/// </summary>
public static class ClockEndpoints
{
    public const string Path = "/.emulator/clock";

    public static void MapClock(this WebApplication app)
    {
        app.MapGet(Path, (EmulatorClock clock) => Body(clock));
        app.MapPost(Path, MoveAsync);
    }

    private static async Task<IResult> MoveAsync(HttpContext context, EmulatorClock clock, TimeDrivenRunner runner)
    {
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }
        var advance = body?["advanceBy"];
        var offset = body?["offset"];
        if (body is null || (advance is null) == (offset is null) || body.Count != 1)
        {
            return BadRequest("The body must be a JSON object with exactly one of \"advanceBy\" or \"offset\" (an ISO 8601 duration such as \"P31D\", or seconds).");
        }
        var name = advance is null ? "offset" : "advanceBy";
        var node = advance ?? offset!;
        var text = node.GetValueKind() switch
        {
            JsonValueKind.String => node.GetValue<string>(),
            JsonValueKind.Number => node.GetValue<double>().ToString("R", CultureInfo.InvariantCulture),
            _ => null,
        };
        if (EmulatorClock.TryParseDuration(text) is not { } duration)
        {
            return BadRequest($"\"{name}\" must be an ISO 8601 duration (\"P31D\", \"PT1H\") or a number of seconds within 36500 days, not '{text}'.");
        }
        if (advance is not null)
        {
            if (duration < TimeSpan.Zero)
            {
                return BadRequest("\"advanceBy\" must not be negative: the clock only moves forward by advancing (set \"offset\" to go back).");
            }
            if ((clock.Offset + duration).Duration() > EmulatorClock.MaxOffset)
            {
                return BadRequest("The clock's offset would exceed 36500 days.");
            }
            clock.Advance(duration);
        }
        else
        {
            clock.SetOffset(duration);
        }
        await runner.RunAllAsync(CancellationToken.None).ConfigureAwait(false);
        return Body(clock);
    }

    private static IResult Body(EmulatorClock clock) => JsonResults.Ok(new JsonObject
    {
        ["now"] = clock.GetUtcNow().ToString("o", CultureInfo.InvariantCulture),
        ["offset"] = EmulatorClock.Format(clock.Offset),
    });

    private static IResult BadRequest(string message) => throw KeyVaultErrors.BadParameter(message).ToException();
}

/// <summary>
/// Something the service does by itself as time passes (scheduled purge, key auto-rotation, certificate
/// auto-renewal, near-expiry and expiry events). <see cref="TimeDrivenRunner"/> runs every one of them
/// periodically and at once after the clock moved.
/// </summary>
public interface ITimeDrivenWork
{
    /// <summary>Does what is due at <paramref name="now"/> (the emulator clock's time).</summary>
    Task RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>
/// Runs every <see cref="ITimeDrivenWork"/>, one run at a time: at start, every <see cref="Period"/> of real time,
/// and when the clock endpoint asks (after a move, before it answers).
/// </summary>
public sealed partial class TimeDrivenRunner(IEnumerable<ITimeDrivenWork> work, TimeProvider time, ILogger<TimeDrivenRunner> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task RunAllAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var w in work)
            {
                try
                {
                    await w.RunDueAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // one failing job must not stop the others, nor the loop
                    LogFailure(logger, ex, w.GetType().Name);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        do
        {
            await RunAllAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Time-driven work {Work} failed.")]
    private static partial void LogFailure(ILogger logger, Exception exception, string work);

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }
}
