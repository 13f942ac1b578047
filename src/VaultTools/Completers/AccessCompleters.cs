using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using VaultTools.Access;
using VaultTools.Errors;

namespace VaultTools.Completers
{
    /// <summary>Completes the built-in Key Vault role names (quoted, since they contain spaces). Needs no connection.</summary>
    public sealed class RoleNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = (wordToComplete ?? "").Trim('\'', '"');
            var pattern = new WildcardPattern(prefix + "*", WildcardOptions.IgnoreCase);
            var alsoWithoutPrefix = new WildcardPattern("Key Vault " + prefix + "*", WildcardOptions.IgnoreCase);
            return BuiltInRoles.All
                .Where(r => pattern.IsMatch(r.Name) || alsoWithoutPrefix.IsMatch(r.Name))
                .Select(r => new CompletionResult("'" + r.Name + "'", r.Name, CompletionResultType.ParameterValue, $"{r.Name} ({r.Id}): {r.Description}"));
        }
    }

    /// <summary>Completes access policy permission names for -PermissionsToSecrets, -PermissionsToKeys and -PermissionsToCertificates.</summary>
    public sealed class AccessPolicyPermissionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            IReadOnlyList<string> names = parameterName switch
            {
                "PermissionsToKeys" => AccessPolicyPermissions.For(EntryKind.Key),
                "PermissionsToCertificates" => AccessPolicyPermissions.For(EntryKind.Certificate),
                _ => AccessPolicyPermissions.For(EntryKind.Secret),
            };
            var pattern = new WildcardPattern((wordToComplete ?? "").Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
            return names.Where(pattern.IsMatch).Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
        }
    }
}
