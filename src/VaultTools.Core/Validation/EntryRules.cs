using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using VaultTools.Errors;

namespace VaultTools.Validation
{
    /// <summary>
    /// Key Vault's limits, checked before any request so that bad input changes nothing and the
    /// error names the parameter and the rule. Numbers are the service's documented limits.
    /// </summary>
    public static class EntryRules
    {
        public const int MaxNameLength = 127;
        /// <summary>Key Vault accepts secret values up to 25 KB, counted as UTF-8 bytes (25 * 1024).</summary>
        public const int MaxSecretValueBytes = 25 * 1024;
        public const int MaxContentTypeLength = 255;
        public const int MaxTags = 15;
        public const int MaxTagLength = 512;

        // \z, not $: $ also matches before a final line feed, which would let "name\n" through.
        private static readonly Regex ObjectName = new Regex("^[0-9a-zA-Z-]{1,127}\\z", RegexOptions.CultureInvariant);
        private static readonly Regex VaultName = new Regex("^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]\\z", RegexOptions.CultureInvariant);
        private static readonly Regex Version = new Regex("^[0-9a-fA-F]{32}\\z", RegexOptions.CultureInvariant);

        /// <summary>Secret, key and certificate names: 1-127 letters, digits and hyphens.</summary>
        public static void CheckEntryName(string? name, EntryKind kind, string parameterName)
        {
            if (string.IsNullOrEmpty(name) || !ObjectName.IsMatch(name))
            {
                throw VaultException.InvalidArgument($"Invalid{kind}Name", parameterName,
                    $"The {kind.ToString().ToLowerInvariant()} name '{name}' given to -{parameterName} is not valid: names are 1 to {MaxNameLength} characters, letters, digits and hyphens only (^[0-9a-zA-Z-]{{1,127}}$).",
                    name);
            }
        }

        /// <summary>
        /// An entry's own URL (https://vault/secrets|keys|certificates/name[/version]) as <paramref name="parse"/> reads it
        /// for its kind (null: not a URL of that kind), with its name and version checked: InvalidArgument naming the parameter.
        /// </summary>
        public static (Uri VaultUri, string Name, string? Version) CheckEntryId(Uri? id, EntryKind kind, string parameterName,
            Func<Uri, (Uri VaultUri, string Name, string? Version)?> parse)
        {
            var parsed = id is null || !id.IsAbsoluteUri ? null : parse(id);
            if (parsed is null)
            {
                string noun = kind.ToString().ToLowerInvariant();
                throw VaultException.InvalidArgument($"Invalid{kind}Id", parameterName,
                    $"-{parameterName} '{id}' is not a {noun} URL: expected https://<vault>/{noun}s/<name>[/<version>].", id);
            }

            CheckEntryName(parsed.Value.Name, kind, parameterName);
            CheckVersion(parsed.Value.Version, parameterName);
            return parsed.Value;
        }

        /// <summary>Vault names: 3-24 characters, letters, digits and hyphens, starting with a letter, ending with a letter or digit, no consecutive hyphens.</summary>
        public static void CheckVaultName(string? name, string parameterName)
        {
            if (string.IsNullOrEmpty(name) || !VaultName.IsMatch(name))
            {
                throw VaultException.InvalidArgument("InvalidVaultName", parameterName,
                    $"The vault name '{name}' given to -{parameterName} is not valid: vault names are 3 to 24 characters, letters, digits and hyphens, start with a letter, end with a letter or digit, and have no consecutive hyphens.",
                    name);
            }
        }

        /// <summary>Versions are 32 hexadecimal characters.</summary>
        public static void CheckVersion(string? version, string parameterName)
        {
            if (version is null)
            {
                return;
            }

            if (!Version.IsMatch(version))
            {
                throw VaultException.InvalidArgument("InvalidVersion", parameterName,
                    $"The version '{version}' given to -{parameterName} is not valid: a version is 32 hexadecimal characters.", version);
            }
        }

        /// <summary>Checks the size of a secret value without ever putting the value into the message.</summary>
        public static void CheckSecretValue(string value, string parameterName)
        {
            int bytes = Encoding.UTF8.GetByteCount(value);
            if (bytes > MaxSecretValueBytes)
            {
                throw VaultException.InvalidArgument("SecretValueTooLarge", parameterName,
                    $"The value given to -{parameterName} is {bytes} bytes; Key Vault accepts secret values up to {MaxSecretValueBytes} bytes (25 KB).");
            }
        }

        public static void CheckContentType(string? contentType, string parameterName)
        {
            if (contentType != null && contentType.Length > MaxContentTypeLength)
            {
                throw VaultException.InvalidArgument("ContentTypeTooLong", parameterName,
                    $"The content type given to -{parameterName} is {contentType.Length} characters; at most {MaxContentTypeLength} are allowed.");
            }
        }

        public static void CheckTags(IDictionary<string, string>? tags, string parameterName)
        {
            if (tags is null)
            {
                return;
            }

            if (tags.Count > MaxTags)
            {
                throw VaultException.InvalidArgument("TooManyTags", parameterName,
                    $"-{parameterName} has {tags.Count} tags; Key Vault allows at most {MaxTags} per entry.");
            }

            foreach (var pair in tags)
            {
                if (string.IsNullOrEmpty(pair.Key) || pair.Key.Length > MaxTagLength)
                {
                    throw VaultException.InvalidArgument("InvalidTagName", parameterName,
                        $"A tag name in -{parameterName} is empty or longer than {MaxTagLength} characters.", pair.Key);
                }

                if (pair.Value != null && pair.Value.Length > MaxTagLength)
                {
                    throw VaultException.InvalidArgument("InvalidTagValue", parameterName,
                        $"The value of tag '{pair.Key}' in -{parameterName} is longer than {MaxTagLength} characters.", pair.Key);
                }
            }
        }

        public static void CheckDates(DateTimeOffset? notBefore, DateTimeOffset? expires)
        {
            if (notBefore.HasValue && expires.HasValue && expires.Value <= notBefore.Value)
            {
                throw VaultException.InvalidArgument("ExpiresBeforeNotBefore", "Expires",
                    $"-Expires ({expires.Value:u}) must be later than -NotBefore ({notBefore.Value:u}).");
            }
        }
    }
}
