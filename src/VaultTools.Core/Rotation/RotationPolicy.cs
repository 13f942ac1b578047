using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using VaultTools.Errors;
using VaultTools.Keys;

namespace VaultTools.Rotation
{
    /// <summary>
    /// The tags an entry carries to say how it rotates. Their names are part of the module's contract
    /// (README, help); values are checked before anything changes.
    /// </summary>
    public static class RotationTags
    {
        /// <summary>ISO 8601 duration (P1M, P30D): a version older than this is due.</summary>
        public const string Interval = "RotationInterval";
        /// <summary>ISO 8601 duration: a version that expires within this is due.</summary>
        public const string Notice = "RotationNotice";
        /// <summary>ISO 8601 duration: how much longer than the interval an app registration password stays valid (default P7D).</summary>
        public const string Overlap = "RotationOverlap";
        /// <summary>The object id of the Entra ID app registration whose client secret this secret holds.</summary>
        public const string ApplicationObjectId = "ApplicationObjectId";
        /// <summary>Which credential the current version is: the app password's keyId, or key1/key2 of a dual-credential target.</summary>
        public const string CredentialId = "CredentialId";
        /// <summary>A dual-credential target's credential names, comma-separated (key1,key2): rotation alternates between them.</summary>
        public const string Credentials = "RotationCredentials";

        public static bool HasPolicy(IReadOnlyDictionary<string, string> tags)
            => tags.ContainsKey(Interval) || tags.ContainsKey(Notice);
    }

    /// <summary>
    /// One entry's rotation policy: the interval and notice from its tags (or the call's -Interval/-Notice)
    /// and the due decision. Only listed properties are needed: no value is read to decide.
    /// </summary>
    public sealed class RotationPolicy
    {
        public static readonly IsoDuration DefaultOverlap = IsoDuration.Parse("P7D", RotationTags.Overlap);

        private RotationPolicy(IsoDuration? interval, IsoDuration? notice, IsoDuration overlap, IReadOnlyList<string> credentials)
        {
            Interval = interval;
            Notice = notice;
            Overlap = overlap;
            Credentials = credentials;
        }

        public IsoDuration? Interval { get; }

        public IsoDuration? Notice { get; }

        public IsoDuration Overlap { get; }

        /// <summary>The RotationCredentials tag's names (empty when not a dual-credential target).</summary>
        public IReadOnlyList<string> Credentials { get; }

        /// <summary>
        /// Reads the policy from an entry's tags; the call's interval and notice apply where the entry has
        /// no tag of its own. A malformed tag value fails with InvalidRotationTag naming the entry and the tag.
        /// </summary>
        public static RotationPolicy From(IReadOnlyDictionary<string, string> tags, string entry, IsoDuration? interval, IsoDuration? notice)
        {
            IsoDuration? Tag(string name)
            {
                if (!tags.TryGetValue(name, out var text))
                {
                    return null;
                }

                try
                {
                    return IsoDuration.Parse(text, name);
                }
                catch (VaultException)
                {
                    throw new VaultException(VaultErrorKind.InvalidArgument, "InvalidRotationTag",
                        $"The tag {name}='{text}' of {entry} is not an ISO 8601 duration (write P1M, P30D, PT12H): fix the tag; nothing was changed.", null, entry);
                }
            }

            var credentials = tags.TryGetValue(RotationTags.Credentials, out var list)
                ? list.Split(',').Select(c => c.Trim()).Where(c => c.Length > 0).ToArray()
                : Array.Empty<string>();
            if (list != null && (credentials.Length < 2 || credentials.Distinct(StringComparer.Ordinal).Count() != credentials.Length))
            {
                throw new VaultException(VaultErrorKind.InvalidArgument, "InvalidRotationTag",
                    $"The tag {RotationTags.Credentials}='{list}' of {entry} must name two or more distinct credentials, comma-separated (key1,key2); nothing was changed.", null, entry);
            }

            return new RotationPolicy(Tag(RotationTags.Interval) ?? interval, Tag(RotationTags.Notice) ?? notice, Tag(RotationTags.Overlap) ?? DefaultOverlap, credentials);
        }

        /// <summary>When a version created (and expiring) at these dates is due: the earlier of created + interval and expires - notice.</summary>
        public DateTimeOffset? NextDue(DateTimeOffset? created, DateTimeOffset? expires)
        {
            DateTimeOffset? byAge = Interval != null && created != null ? Interval.AddTo(created.Value) : (DateTimeOffset?)null;
            DateTimeOffset? byExpiry = expires != null ? (Notice?.SubtractFrom(expires.Value) ?? expires) : null;
            if (byAge is null)
            {
                return byExpiry;
            }

            return byExpiry is null || byAge <= byExpiry ? byAge : byExpiry;
        }

        /// <summary>Whether a version is due at <paramref name="now"/>, and why (in words for the result's Reason).</summary>
        public (bool Due, string Reason) Decide(DateTimeOffset? created, DateTimeOffset? expires, DateTimeOffset now)
        {
            if (Interval != null && created != null && Interval.AddTo(created.Value) <= now)
            {
                return (true, $"current version created {Format(created.Value)} is older than {Interval}");
            }

            if (expires != null && expires <= now)
            {
                return (true, $"current version expired {Format(expires.Value)}");
            }

            if (expires != null && Notice != null && Notice.SubtractFrom(expires.Value) <= now)
            {
                return (true, $"current version expires {Format(expires.Value)}, within {Notice}");
            }

            var next = NextDue(created, expires);
            return (false, next is null ? "no interval and no expiry: never due" : $"not due until {Format(next.Value)}");
        }

        /// <summary>The credential after <paramref name="current"/> in the RotationCredentials list (the first when current is not set).</summary>
        public string? NextCredential(string? current, string entry)
        {
            if (Credentials.Count == 0)
            {
                return null;
            }

            if (current is null)
            {
                return Credentials[0];
            }

            int index = Credentials.ToList().IndexOf(current);
            if (index < 0)
            {
                throw new VaultException(VaultErrorKind.InvalidArgument, "InvalidRotationTag",
                    $"The tag {RotationTags.CredentialId}='{current}' of {entry} is not one of {RotationTags.Credentials} ({string.Join(",", Credentials)}); nothing was changed.", null, entry);
            }

            return Credentials[(index + 1) % Credentials.Count];
        }

        internal static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
