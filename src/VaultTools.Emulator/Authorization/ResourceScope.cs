namespace VaultTools.Emulator.Authorization;

/// <summary>ARM scope arithmetic: scopes compare ignoring case, and a role assignment at a scope applies to it and everything below it.</summary>
public static class ResourceScope
{
    /// <summary>A leading slash, no trailing slash ("/" for the root).</summary>
    public static string Normalize(string scope)
    {
        var s = scope.Trim();
        if (!s.StartsWith('/'))
        {
            s = "/" + s;
        }
        s = s.TrimEnd('/');
        return s.Length == 0 ? "/" : s;
    }

    public static bool Same(string a, string b) => string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// True when <paramref name="outer"/> is <paramref name="inner"/> or one of its ancestors, on segment
    /// boundaries: <c>.../secrets/app</c> encloses itself, but not <c>.../secrets/app-2</c>.
    /// </summary>
    public static bool Encloses(string outer, string inner)
    {
        var o = Normalize(outer);
        var i = Normalize(inner);
        if (o == "/")
        {
            return true;
        }
        return i.Equals(o, StringComparison.OrdinalIgnoreCase)
            || (i.Length > o.Length && i.StartsWith(o, StringComparison.OrdinalIgnoreCase) && i[o.Length] == '/');
    }
}
