using System.Globalization;
using System.Text.RegularExpressions;

namespace VaultTools.Emulator.Keys;

/// <summary>
/// An ISO 8601 duration as rotation policies use them (P90D, P3M, PT48H, P1Y10D, P2W). Applied to a
/// date with calendar arithmetic (the service's exp for a P48M policy is exactly 48 calendar months
/// after creation: recordings KeyVaultKeyClient.RotateKey / GetKeyRotationPolicy); compared against
/// the policy minimums in days with a month as 30 days and a year as 365.
/// </summary>
public sealed partial record IsoDuration(int Years, int Months, int Weeks, int Days, int Hours, int Minutes, int Seconds)
{
    [GeneratedRegex(@"^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static IsoDuration? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }
        int Part(int i)
        {
            var group = match.Groups[i];
            return group.Success && int.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        }
        try
        {
            return new IsoDuration(Part(1), Part(2), Part(3), Part(4), Part(5), Part(6), Part(7));
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>Length in days for the minimum checks (month = 30 days, year = 365).</summary>
    public double ApproximateDays =>
        Years * 365.0 + Months * 30.0 + Weeks * 7.0 + Days + Hours / 24.0 + Minutes / 1440.0 + Seconds / 86400.0;

    public DateTimeOffset AddTo(DateTimeOffset start) =>
        start.AddYears(Years).AddMonths(Months).AddDays(Weeks * 7 + Days).AddHours(Hours).AddMinutes(Minutes).AddSeconds(Seconds);
}
