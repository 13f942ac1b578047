using System;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using VaultTools.Errors;

namespace VaultTools.Keys
{
    /// <summary>
    /// An ISO 8601 duration as Key Vault's rotation policies use them (P90D, P3M, P1Y10D, PT48H).
    /// Only comparisons against the service's minimums need a length in days: a month counts as 30
    /// days and a year as 365, which is how the checks below are documented.
    /// </summary>
    public sealed class IsoDuration
    {
        private static readonly Regex Pattern = new Regex(
            @"^P(?:(?<y>\d+)Y)?(?:(?<mo>\d+)M)?(?:(?<w>\d+)W)?(?:(?<d>\d+)D)?(?:T(?:(?<h>\d+)H)?(?:(?<mi>\d+)M)?(?:(?<s>\d+)S)?)?$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private readonly int _years;
        private readonly int _months;
        private readonly TimeSpan _rest;

        private IsoDuration(string text, double days, int years = 0, int months = 0, TimeSpan rest = default)
        {
            Text = text;
            ApproximateDays = days;
            _years = years;
            _months = months;
            _rest = rest;
        }

        /// <summary>The duration as written (upper-cased), e.g. P90D.</summary>
        public string Text { get; }

        /// <summary>The length in days, months as 30 days and years as 365.</summary>
        public double ApproximateDays { get; }

        public override string ToString() => Text;

        /// <summary>Parses an ISO 8601 duration, or throws InvalidArgument naming the parameter.</summary>
        public static IsoDuration Parse(string? text, string parameterName)
        {
            string value = (text ?? "").Trim().ToUpperInvariant();
            var match = Pattern.Match(value);
            if (!match.Success || value == "P" || value.EndsWith("T", StringComparison.Ordinal))
            {
                throw VaultException.InvalidArgument("InvalidDuration", parameterName,
                    $"-{parameterName} '{text}' is not an ISO 8601 duration: write it like P90D (90 days), P3M (3 months), P1Y10D or PT48H, or give a TimeSpan.", text);
            }

            double Part(string group) => match.Groups[group].Success ? double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
            double days = (Part("y") * 365) + (Part("mo") * 30) + (Part("w") * 7) + Part("d") + (Part("h") / 24) + (Part("mi") / 1440) + (Part("s") / 86400);
            var rest = TimeSpan.FromDays((Part("w") * 7) + Part("d")) + TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("mi")) + TimeSpan.FromSeconds(Part("s"));
            return new IsoDuration(value, days, (int)Part("y"), (int)Part("mo"), rest);
        }

        /// <summary>
        /// The instant this long after <paramref name="start"/>, by the calendar: P1M after 31 January is
        /// 28/29 February, P1Y after a date is the same date next year (not 30 or 365 days).
        /// </summary>
        public DateTimeOffset AddTo(DateTimeOffset start) => start.AddYears(_years).AddMonths(_months) + _rest;

        /// <summary>The instant this long before <paramref name="end"/>, by the calendar.</summary>
        public DateTimeOffset SubtractFrom(DateTimeOffset end) => end.AddYears(-_years).AddMonths(-_months) - _rest;

        /// <summary>Writes a TimeSpan as an ISO 8601 duration: whole days as P{n}D, the rest as T..H..M..S.</summary>
        public static string FromTimeSpan(TimeSpan value)
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(value), "A duration must be positive.");
            }

            var text = new StringBuilder("P");
            if (value.Days > 0)
            {
                text.Append(value.Days.ToString(CultureInfo.InvariantCulture)).Append('D');
            }

            if (value.Hours > 0 || value.Minutes > 0 || value.Seconds > 0)
            {
                text.Append('T');
                if (value.Hours > 0) text.Append(value.Hours.ToString(CultureInfo.InvariantCulture)).Append('H');
                if (value.Minutes > 0) text.Append(value.Minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
                if (value.Seconds > 0) text.Append(value.Seconds.ToString(CultureInfo.InvariantCulture)).Append('S');
            }

            return text.ToString();
        }
    }
}
