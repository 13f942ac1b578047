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
        private readonly Iso8601Duration _parsed;

        private IsoDuration(Iso8601Duration parsed)
        {
            _parsed = parsed;
            Text = parsed.Text;
            ApproximateDays = parsed.ApproximateDays;
        }

        /// <summary>The duration as written (upper-cased), e.g. P90D.</summary>
        public string Text { get; }

        /// <summary>The length in days, months as 30 days and years as 365.</summary>
        public double ApproximateDays { get; }

        public override string ToString() => Text;

        /// <summary>Parses an ISO 8601 duration (the parser shared with the emulator), or throws InvalidArgument naming the parameter.</summary>
        public static IsoDuration Parse(string? text, string parameterName)
        {
            var parsed = Iso8601Duration.TryParse(text);
            if (parsed is null && text != null && Iso8601Duration.TryParse(Regex.Replace(text, "[0-9]{10,}", "1")) != null)
            {
                // A part too big for a number (P99999999999D) is a duration far too long, not a malformed one.
                throw TooLong(text, parameterName);
            }

            if (parsed is null)
            {
                throw VaultException.InvalidArgument("InvalidDuration", parameterName,
                    $"-{parameterName} '{text}' is not an ISO 8601 duration: write it like P90D (90 days), P3M (3 months), P1Y10D or PT48H, or give a TimeSpan.", text);
            }

            if (parsed.ApproximateDays > MaxDays)
            {
                throw TooLong(parsed.Text, parameterName);
            }

            return new IsoDuration(parsed);
        }

        /// <summary>The longest duration accepted, in days (100 years): see Iso8601Duration.MaxApproximateDays.</summary>
        public const int MaxDays = Iso8601Duration.MaxApproximateDays;

        private static VaultException TooLong(string text, string parameterName)
            => VaultException.InvalidArgument("DurationTooLong", parameterName,
                $"-{parameterName} '{text}' is longer than 100 years, the longest duration accepted (36500 days, counting a month as 30 days and a year as 365).", text);

        /// <summary>
        /// The instant this long after <paramref name="start"/>, by the calendar: P1M after 31 January is
        /// 28/29 February, P1Y after a date is the same date next year (not 30 or 365 days).
        /// </summary>
        public DateTimeOffset AddTo(DateTimeOffset start) => _parsed.AddTo(start);

        /// <summary>The instant this long before <paramref name="end"/>, by the calendar.</summary>
        public DateTimeOffset SubtractFrom(DateTimeOffset end) =>
            end.AddYears(-_parsed.Years).AddMonths(-_parsed.Months).AddDays(-((_parsed.Weeks * 7) + _parsed.Days))
                .AddHours(-_parsed.Hours).AddMinutes(-_parsed.Minutes).AddSeconds(-_parsed.Seconds);

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
