using System;
using System.Collections.Generic;
using System.Linq;
using VaultTools.Errors;

namespace VaultTools.Access
{
    /// <summary>
    /// The permission names of access policies per category (the service's own lists, as the Azure portal and ARM accept them). Input is matched
    /// case-insensitively and written back in the service's spelling; an unknown name is refused before
    /// any request, naming the parameter and the value.
    /// </summary>
    public static class AccessPolicyPermissions
    {
        public static IReadOnlyList<string> Secrets { get; } = new[] { "get", "list", "set", "delete", "backup", "restore", "recover", "purge" };

        public static IReadOnlyList<string> Keys { get; } = new[]
        {
            "get", "list", "update", "create", "import", "delete", "recover", "backup", "restore", "decrypt", "encrypt", "unwrapKey", "wrapKey",
            "verify", "sign", "purge", "rotate", "getrotationpolicy", "setrotationpolicy",
        };

        public static IReadOnlyList<string> Certificates { get; } = new[]
        {
            "get", "list", "update", "create", "import", "delete", "recover", "backup", "restore", "managecontacts", "manageissuers", "getissuers",
            "listissuers", "setissuers", "deleteissuers", "purge",
        };

        public static IReadOnlyList<string> For(EntryKind kind) => kind switch
        {
            EntryKind.Secret => Secrets,
            EntryKind.Key => Keys,
            EntryKind.Certificate => Certificates,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        /// <summary>
        /// Checks each name against the category's list (case-insensitively) and returns them in the
        /// service's spelling, without duplicates. Null in, empty out.
        /// </summary>
        public static string[] Normalize(EntryKind kind, IEnumerable<string>? permissions, string parameterName)
        {
            if (permissions is null)
            {
                return Array.Empty<string>();
            }

            var known = For(kind);
            var result = new List<string>();
            foreach (string? raw in permissions)
            {
                string value = (raw ?? "").Trim();
                string? match = known.FirstOrDefault(k => string.Equals(k, value, StringComparison.OrdinalIgnoreCase));
                if (match is null)
                {
                    throw VaultException.InvalidArgument("InvalidAccessPolicyPermission", parameterName,
                        $"'{raw}' given to -{parameterName} is not a {kind.ToString().ToLowerInvariant()} permission of access policies; valid names are: {string.Join(", ", known)}.", raw);
                }

                if (!result.Contains(match))
                {
                    result.Add(match);
                }
            }

            return result.ToArray();
        }
    }
}
