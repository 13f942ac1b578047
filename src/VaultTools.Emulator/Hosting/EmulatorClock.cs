using System.Globalization;
using System.Xml;

namespace VaultTools.Emulator.Hosting;

/// <summary>
/// The emulator's one clock: the system's time plus an offset that can only be set by --clock-offset and
/// <c>POST /.emulator/clock</c>, so that "due next month" can be tested today. Registered as the
/// <see cref="TimeProvider"/> every service takes: created/updated dates, expiry and not-before, purge dates,
/// token lifetimes, rotation policies, certificate validity and lifetime actions, the consistency delay and the
/// <c>Date</c> header all read it. Timers and delays (GetTimestamp, CreateTimer) stay on real time: moving the
/// clock does not make the emulator wait any longer or shorter, it makes time pass at once.
/// </summary>
public sealed class EmulatorClock(TimeSpan offset) : TimeProvider
{
    private long _offsetTicks = offset.Ticks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>Moves the clock forward (never back: <paramref name="by"/> is checked by the caller).</summary>
    public void Advance(TimeSpan by)
    {
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    public void SetOffset(TimeSpan value)
    {
        Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    /// <summary>The largest offset either way (about 100 years), so that dates stay far inside DateTimeOffset's range.</summary>
    public static readonly TimeSpan MaxOffset = TimeSpan.FromDays(36500);

    /// <summary>
    /// An ISO 8601 duration (<c>P31D</c>, <c>PT1H30M</c>, <c>-P1D</c>; a month counts 30 days and a year 365, as
    /// XmlConvert reads them) or a number of seconds; null if it is neither or out of range.
    /// </summary>
    public static TimeSpan? TryParseDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        text = text.Trim();
        TimeSpan value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            if (double.IsNaN(seconds) || Math.Abs(seconds) > MaxOffset.TotalSeconds)
            {
                return null;
            }
            value = TimeSpan.FromSeconds(seconds);
        }
        else
        {
            try
            {
                value = XmlConvert.ToTimeSpan(text);
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                return null;
            }
        }
        return value.Duration() <= MaxOffset ? value : null;
    }

    /// <summary>The offset as an ISO 8601 duration (<c>P31D</c>, <c>PT0S</c>, <c>-PT1H</c>).</summary>
    public static string Format(TimeSpan duration) => XmlConvert.ToString(duration);
}
