// One source file compiled into both VaultTools.Core (netstandard2.0, net8.0) and VaultTools.Emulator
// (net10.0), which must not reference each other: the one ISO 8601 duration parser of the repository.
// Hand-written because .NET's XmlConvert.ToTimeSpan turns months and years into fixed days, and rotation
// policies need them as calendar units (P48M is 48 calendar months after creation on the service).
using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace VaultTools
{
    /// <summary>
    /// An ISO 8601 duration as Key Vault's rotation policies use them (P90D, P3M, PT48H, P1Y10D, P2W).
    /// Applied to a date with calendar arithmetic; compared against the service's minimums in days, with a
    /// month as 30 days and a year as 365.
    /// </summary>
    internal sealed class Iso8601Duration
    {
        private static readonly Regex Pattern = new Regex(
            @"^P(?!\z)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?\z",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private Iso8601Duration(string text, int[] parts)
        {
            Text = text;
            Years = parts[0];
            Months = parts[1];
            Weeks = parts[2];
            Days = parts[3];
            Hours = parts[4];
            Minutes = parts[5];
            Seconds = parts[6];
        }

        /// <summary>
        /// The longest duration either side accepts: 100 years (P100Y, P1200M, P36500D), the longest lifetime Key Vault
        /// gives an entry (a certificate's validity is at most 1200 months). Longer ones would put dates past what .NET
        /// represents (P9000Y after today) and every rotation would fail.
        /// </summary>
        public const int MaxApproximateDays = 36500;

        /// <summary>The duration as written, upper-cased (p18m is P18M).</summary>
        public string Text { get; }
        public int Years { get; }
        public int Months { get; }
        public int Weeks { get; }
        public int Days { get; }
        public int Hours { get; }
        public int Minutes { get; }
        public int Seconds { get; }

        /// <summary>Length in days for the minimum checks (month = 30 days, year = 365).</summary>
        public double ApproximateDays =>
            (Years * 365.0) + (Months * 30.0) + (Weeks * 7.0) + Days + (Hours / 24.0) + (Minutes / 1440.0) + (Seconds / 86400.0);

        public DateTimeOffset AddTo(DateTimeOffset start) =>
            start.AddYears(Years).AddMonths(Months).AddDays((Weeks * 7) + Days).AddHours(Hours).AddMinutes(Minutes).AddSeconds(Seconds);

        public override string ToString() => Text;

        /// <summary>The duration, or null when the text is not one (or a part does not fit an int).</summary>
        public static Iso8601Duration? TryParse(string? text)
        {
            if (text is null || text.Trim().Length == 0)
            {
                return null;
            }

            string value = text.Trim().ToUpperInvariant();
            var match = Pattern.Match(value);
            if (!match.Success)
            {
                return null;
            }

            var parts = new int[7];
            for (int i = 0; i < parts.Length; i++)
            {
                var group = match.Groups[i + 1];
                if (group.Success && !int.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out parts[i]))
                {
                    return null;
                }
            }

            return new Iso8601Duration(value, parts);
        }
    }
}
