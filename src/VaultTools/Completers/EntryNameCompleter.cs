using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using VaultTools.Connection;

namespace VaultTools.Completers
{
    /// <summary>
    /// Completes names that come from the vault (secret, key or certificate names): lists the vault of
    /// -VaultName/-VaultUri (or the session's default) once, caches it briefly, and never throws: a
    /// completer that fails just offers nothing.
    /// </summary>
    public abstract class EntryNameCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
        private static readonly Dictionary<string, (DateTime At, string[] Names)> Cache = new Dictionary<string, (DateTime, string[])>();

        /// <summary>Lists the names of one kind of entry in the vault.</summary>
        protected abstract IEnumerable<string> ListNames(VaultConnection connection, VaultAddress vault, CancellationToken cancellationToken);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string[] names;
            try
            {
                var connection = VaultSession.Current;
                if (connection is null)
                {
                    return Enumerable.Empty<CompletionResult>();
                }

                var vault = connection.ResolveVault(fakeBoundParameters["VaultName"] as string, fakeBoundParameters["VaultUri"] as Uri ?? ToUri(fakeBoundParameters["VaultUri"]));
                names = Names(connection, vault);
            }
            catch (Exception)
            {
                return Enumerable.Empty<CompletionResult>(); // completion must never break the prompt
            }

            string prefix = (wordToComplete ?? "").Trim('\'', '"');
            var pattern = new WildcardPattern(prefix + "*", WildcardOptions.IgnoreCase);
            return names.Where(pattern.IsMatch).Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
        }

        private string[] Names(VaultConnection connection, VaultAddress vault)
        {
            string key = GetType().Name + "|" + vault.Uri;
            lock (Cache)
            {
                if (Cache.TryGetValue(key, out var hit) && DateTime.UtcNow - hit.At < CacheFor)
                {
                    return hit.Names;
                }
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            string[] names = ListNames(connection, vault, timeout.Token).Take(500).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToArray();
            lock (Cache)
            {
                Cache[key] = (DateTime.UtcNow, names);
            }

            return names;
        }

        private static Uri? ToUri(object? value) => value is string s && Uri.TryCreate(s, UriKind.Absolute, out var uri) ? uri : null;
    }

    /// <summary>Completes secret names from the vault.</summary>
    public sealed class SecretNameCompleter : EntryNameCompleter
    {
        protected override IEnumerable<string> ListNames(VaultConnection connection, VaultAddress vault, CancellationToken cancellationToken)
            => new Secrets.SecretService(connection).List(vault, null, cancellationToken).Select(s => s.Name);
    }

    /// <summary>Completes vault names: the session's default vault and those of the emulator's configuration.</summary>
    public sealed class VaultNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = VaultSession.Current;
            var names = new List<string>();
            if (connection?.DefaultVault != null)
            {
                names.Add(connection.DefaultVault.Name);
            }

            var pattern = new WildcardPattern((wordToComplete ?? "") + "*", WildcardOptions.IgnoreCase);
            return names.Distinct(StringComparer.OrdinalIgnoreCase).Where(pattern.IsMatch)
                .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
        }
    }
}
