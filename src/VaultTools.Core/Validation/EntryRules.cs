using System;
using System.Collections.Generic;
using System.Linq;
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
        /// An entry's own URL (https://vault/secrets|keys|certificates/name[/version]) read for its kind, with its name
        /// and version checked: InvalidArgument naming the parameter. The one parser of -Id URLs (and of ids read back
        /// from the vault, through <see cref="TryParseEntryId"/>): a URL of another collection (keys given for a secret,
        /// deletedsecrets, certificates/issuers...), another scheme (http, ftp), a query or a relative URL is refused, never read as the wrong kind.
        /// </summary>
        public static (Uri VaultUri, string Name, string? Version) CheckEntryId(Uri? id, EntryKind kind, string parameterName)
        {
            string noun = kind.ToString().ToLowerInvariant();
            string expected = $"expected https://<vault>/{noun}s/<name>[/<version>]";
            if (id is null || !id.IsAbsoluteUri)
            {
                throw InvalidId(kind, parameterName, id, $"it is not an absolute URL; {expected}.");
            }

            if (id.Scheme != Uri.UriSchemeHttps)
            {
                throw InvalidId(kind, parameterName, id, $"a vault is reached over https only, not {id.Scheme}; {expected}.");
            }

            string[] segments = Segments(id);
            string collection = segments.Length > 0 ? segments[0] : "";
            if (!string.Equals(collection, noun + "s", StringComparison.OrdinalIgnoreCase))
            {
                string seen = collection.Length == 0 ? "no collection" : $"the '{collection}' collection";
                throw InvalidId(kind, parameterName, id, $"it names {seen}, not {noun}s; {expected}.");
            }

            if (segments.Length < 2 || segments.Length > 3 || id.Query.Length > 0 || id.Fragment.Length > 0
                || (kind == EntryKind.Certificate && (segments[1].Equals("issuers", StringComparison.OrdinalIgnoreCase) || segments[1].Equals("contacts", StringComparison.OrdinalIgnoreCase))))
            {
                throw InvalidId(kind, parameterName, id, $"its path is not a {noun}'s; {expected}.");
            }

            string name = Uri.UnescapeDataString(segments[1]);
            string? version = segments.Length == 3 && segments[2].Length > 0 ? Uri.UnescapeDataString(segments[2]) : null;
            CheckEntryName(name, kind, parameterName);
            CheckVersion(version, parameterName);
            return (new Uri(id.GetLeftPart(UriPartial.Authority) + "/"), name, version);
        }

        /// <summary>The vault, name and version of an entry URL of that kind, or null when it is not one (ids read back from tags or the vault).</summary>
        public static (Uri VaultUri, string Name, string? Version)? TryParseEntryId(string? id, EntryKind kind)
        {
            if (!Uri.TryCreate(id, UriKind.Absolute, out Uri? uri))
            {
                return null;
            }

            try
            {
                return CheckEntryId(uri, kind, "Id");
            }
            catch (VaultException)
            {
                return null;
            }
        }

        /// <summary>The kind of entry an -Id URL names (secrets, keys or certificates), read by <see cref="CheckEntryId"/>.</summary>
        public static (EntryKind Kind, Uri VaultUri, string Name, string? Version) CheckAnyEntryId(Uri? id, string parameterName)
        {
            string collection = id is { IsAbsoluteUri: true } ? (Segments(id).FirstOrDefault() ?? "").ToLowerInvariant() : "";
            EntryKind? kind = collection switch
            {
                "secrets" => EntryKind.Secret,
                "keys" => EntryKind.Key,
                "certificates" => EntryKind.Certificate,
                _ => null,
            };
            if (kind is null)
            {
                throw VaultException.InvalidArgument("InvalidEntryId", parameterName,
                    $"-{parameterName} '{id}' is not the URL of a secret, key or certificate: expected https://<vault>/secrets|keys|certificates/<name>[/<version>].", id);
            }

            var (vaultUri, name, version) = CheckEntryId(id, kind.Value, parameterName);
            return (kind.Value, vaultUri, name, version);
        }

        private static readonly char[] Slash = { '/' };

        private static string[] Segments(Uri id) => id.AbsolutePath.Trim('/').Split(Slash, StringSplitOptions.None);

        private static VaultException InvalidId(EntryKind kind, string parameterName, Uri? id, string why)
        {
            string noun = kind.ToString().ToLowerInvariant();
            return VaultException.InvalidArgument($"Invalid{kind}Id", parameterName, $"-{parameterName} '{id}' is not a {noun} URL: {why}", id);
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
