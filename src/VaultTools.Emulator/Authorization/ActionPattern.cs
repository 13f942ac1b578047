using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace VaultTools.Emulator.Authorization;

/// <summary>
/// Azure RBAC's action wildcards: a permission such as <c>Microsoft.KeyVault/vaults/secrets/*</c> or
/// <c>Microsoft.KeyVault/vaults/*/read</c> matches an operation when it is equal to it ignoring case,
/// with <c>*</c> standing for any run of characters (slashes included). There is no other magic: the
/// <c>*</c> does not swallow the slashes around it, so <c>Microsoft.KeyVault/vaults/*/read</c> matches
/// <c>Microsoft.KeyVault/vaults/keys/read</c> but not <c>Microsoft.KeyVault/vaults/read</c> (which is why
/// built-in roles list both when they mean both), and <c>*/read</c> matches every read operation.
/// </summary>
public static class ActionPattern
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.OrdinalIgnoreCase);

    public static bool Matches(string pattern, string action)
    {
        if (!pattern.Contains('*'))
        {
            return string.Equals(pattern, action, StringComparison.OrdinalIgnoreCase);
        }
        var regex = Cache.GetOrAdd(pattern, p => new Regex(
            "^" + Regex.Escape(p).Replace(@"\*", ".*", StringComparison.Ordinal) + @"\z",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline));
        return regex.IsMatch(action);
    }

    public static bool AnyMatch(IEnumerable<string> patterns, string action) => patterns.Any(p => Matches(p, action));
}
