using System;
using System.Linq;
using System.Text.RegularExpressions;
using VaultTools.Errors;
using VaultTools.Validation;

namespace VaultTools.Access
{
    /// <summary>What an ARM scope designates.</summary>
    public enum ScopeKind
    {
        Other,
        Root,
        Subscription,
        ResourceGroup,
        Vault,
        Secret,
        Key,
        Certificate,
    }

    /// <summary>An ARM scope taken apart.</summary>
    public sealed class ScopeInfo
    {
        public ScopeKind Kind { get; set; }
        public string Scope { get; set; } = "";
        public string? SubscriptionId { get; set; }
        public string? ResourceGroupName { get; set; }
        public string? VaultName { get; set; }
        public string? EntryName { get; set; }
    }

    /// <summary>
    /// Builds and reads the ARM scopes of role assignments: subscription, resource group, vault
    /// (/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{v}) and single entry
    /// (that + /secrets/{name}, /keys/{name} or /certificates/{name}). Scopes compare case-insensitively,
    /// as ARM does.
    /// </summary>
    public static class AccessScope
    {
        private static readonly Regex Guid = new Regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\z", RegexOptions.CultureInvariant);
        private static readonly Regex ResourceGroup = new Regex(@"^[-\w\._\(\)]{1,90}\z", RegexOptions.CultureInvariant);

        private static readonly Regex Parser = new Regex(
            @"^/subscriptions/(?<s>[^/]+)(/resourceGroups/(?<rg>[^/]+)(/providers/Microsoft\.KeyVault/vaults/(?<v>[^/]+)(/(?<kind>secrets|keys|certificates)/(?<e>[^/]+))?)?)?\z",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public static string Subscription(string subscriptionId) => "/subscriptions/" + subscriptionId;

        public static string ResourceGroupScope(string subscriptionId, string resourceGroupName)
            => Subscription(subscriptionId) + "/resourceGroups/" + resourceGroupName;

        public static string Vault(string subscriptionId, string resourceGroupName, string vaultName)
            => ResourceGroupScope(subscriptionId, resourceGroupName) + "/providers/Microsoft.KeyVault/vaults/" + vaultName;

        /// <summary>The scope of one secret, key or certificate of a vault; checks the entry name first.</summary>
        public static string Entry(string vaultScope, EntryKind kind, string entryName, string parameterName)
        {
            EntryRules.CheckEntryName(entryName, kind, parameterName);
            return Normalize(vaultScope) + "/" + Segment(kind) + "/" + entryName;
        }

        public static string Segment(EntryKind kind) => kind switch
        {
            EntryKind.Secret => "secrets",
            EntryKind.Key => "keys",
            EntryKind.Certificate => "certificates",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only secrets, keys and certificates have single-entry scopes."),
        };

        /// <summary>A leading slash, no trailing slash: the form ARM returns.</summary>
        public static string Normalize(string scope)
        {
            string s = (scope ?? "").Trim();
            if (s.Length == 0 || s == "/")
            {
                return "/";
            }

            if (!s.StartsWith("/", StringComparison.Ordinal))
            {
                s = "/" + s;
            }

            return s.TrimEnd('/');
        }

        /// <summary>Checks a scope given by a user (-Scope): it must be an ARM path.</summary>
        public static string Check(string? scope, string parameterName)
        {
            // Whitespace or control characters anywhere (a trailing line feed included) are refused, not trimmed away:
            // the scope written must be the scope given.
            if (string.IsNullOrWhiteSpace(scope) || !scope!.StartsWith("/", StringComparison.Ordinal) || scope.Contains("?") || scope.Contains("//")
                || scope.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                throw VaultException.InvalidArgument("InvalidScope", parameterName,
                    $"-{parameterName} '{scope}' is not an ARM scope: give a path without spaces or line breaks, such as /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<vault>[/secrets/<name>].", scope);
            }

            // The parts of a Key Vault scope follow the rules of what they name.
            var info = Parse(scope);
            if (info.Kind != ScopeKind.Root && info.Kind != ScopeKind.Other)
            {
                CheckSubscriptionId(info.SubscriptionId, parameterName);
                CheckResourceGroupName(info.ResourceGroupName, parameterName);
                if (info.VaultName != null)
                {
                    EntryRules.CheckVaultName(info.VaultName, parameterName);
                }

                if (info.EntryName != null)
                {
                    EntryRules.CheckEntryName(info.EntryName, info.Kind switch { ScopeKind.Key => EntryKind.Key, ScopeKind.Certificate => EntryKind.Certificate, _ => EntryKind.Secret }, parameterName);
                }
            }

            return Normalize(scope);
        }

        public static ScopeInfo Parse(string scope)
        {
            string s = Normalize(scope);
            var info = new ScopeInfo { Scope = s, Kind = s == "/" ? ScopeKind.Root : ScopeKind.Other };
            var m = Parser.Match(s);
            if (!m.Success)
            {
                return info;
            }

            info.SubscriptionId = m.Groups["s"].Value;
            info.Kind = ScopeKind.Subscription;
            if (m.Groups["rg"].Success)
            {
                info.ResourceGroupName = m.Groups["rg"].Value;
                info.Kind = ScopeKind.ResourceGroup;
            }

            if (m.Groups["v"].Success)
            {
                info.VaultName = m.Groups["v"].Value;
                info.Kind = ScopeKind.Vault;
            }

            if (m.Groups["kind"].Success)
            {
                info.EntryName = m.Groups["e"].Value;
                info.Kind = m.Groups["kind"].Value.ToLowerInvariant() switch
                {
                    "secrets" => ScopeKind.Secret,
                    "keys" => ScopeKind.Key,
                    _ => ScopeKind.Certificate,
                };
            }

            return info;
        }

        public static bool SameScope(string a, string b) => string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);

        /// <summary>True when <paramref name="outer"/> is <paramref name="inner"/> or encloses it (a role at outer applies at inner).</summary>
        public static bool Encloses(string outer, string inner)
        {
            string o = Normalize(outer);
            string i = Normalize(inner);
            if (o == "/")
            {
                return true;
            }

            return i.Equals(o, StringComparison.OrdinalIgnoreCase)
                   || (i.Length > o.Length && i.StartsWith(o, StringComparison.OrdinalIgnoreCase) && i[o.Length] == '/');
        }

        public static bool IsGuid(string? value) => value != null && Guid.IsMatch(value);

        public static void CheckObjectId(string? objectId, string parameterName)
        {
            if (!IsGuid(objectId))
            {
                throw VaultException.InvalidArgument("InvalidObjectId", parameterName,
                    $"-{parameterName} '{objectId}' is not an object id: give the principal's object id (a GUID, e.g. from Get-AzADServicePrincipal or the identity's 'Object (principal) ID').", objectId);
            }
        }

        public static void CheckSubscriptionId(string? subscriptionId, string parameterName)
        {
            if (subscriptionId != null && !IsGuid(subscriptionId))
            {
                throw VaultException.InvalidArgument("InvalidSubscriptionId", parameterName,
                    $"-{parameterName} '{subscriptionId}' is not a subscription id (a GUID).", subscriptionId);
            }
        }

        public static void CheckResourceGroupName(string? resourceGroupName, string parameterName)
        {
            if (resourceGroupName != null && (!ResourceGroup.IsMatch(resourceGroupName) || resourceGroupName.EndsWith(".", StringComparison.Ordinal)))
            {
                throw VaultException.InvalidArgument("InvalidResourceGroupName", parameterName,
                    $"-{parameterName} '{resourceGroupName}' is not a resource group name: 1 to 90 letters, digits, underscores, hyphens, periods and parentheses, not ending with a period.", resourceGroupName);
            }
        }
    }
}
