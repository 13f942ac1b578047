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
    /// completer that fails just offers nothing. After -InRemovedState it offers the deleted entries.
    /// </summary>
    public abstract class EntryNameCompleter : IArgumentCompleter
    {
        /// <summary>Lists the names of one kind of entry in the vault.</summary>
        protected abstract IEnumerable<string> ListNames(VaultConnection connection, VaultAddress vault, CancellationToken cancellationToken);

        /// <summary>Lists the names of the kind's soft-deleted entries (offered after -InRemovedState); null where the kind has none.</summary>
        protected virtual IEnumerable<string>? ListDeletedNames(VaultConnection connection, VaultAddress vault, CancellationToken cancellationToken) => null;

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var connection = VaultSession.Current;
                if (connection is null)
                {
                    return Enumerable.Empty<CompletionResult>();
                }

                var vault = connection.ResolveVault(fakeBoundParameters["VaultName"] as string, fakeBoundParameters["VaultUri"] as Uri ?? ToUri(fakeBoundParameters["VaultUri"]));
                bool deleted = LanguagePrimitives.IsTrue(fakeBoundParameters["InRemovedState"]);
                var names = NameCache.Get(connection, vault.Uri, GetType().Name + (deleted ? ".deleted" : ""),
                    token => (deleted ? ListDeletedNames(connection, vault, token) : null) ?? ListNames(connection, vault, token));
                return NameCache.Complete(names, wordToComplete);
            }
            catch (Exception)
            {
                return Enumerable.Empty<CompletionResult>(); // completion must never break the prompt
            }
        }

        private static Uri? ToUri(object? value) => value is string s && Uri.TryCreate(s, UriKind.Absolute, out var uri) ? uri : null;
    }

    /// <summary>
    /// The names the completers listed, per connection and vault, for 30 seconds at most. A write of the session
    /// (any cmdlet that takes -WhatIf, through <see cref="Commands.VaultCmdlet"/>; New-/Remove-Vault for the vault
    /// list) forgets the vault's names, so completion offers what the session just made and not what it removed.
    /// </summary>
    internal static class NameCache
    {
        private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
        private static readonly Dictionary<string, (VaultConnection Connection, DateTime At, string[] Names)> Cache = new Dictionary<string, (VaultConnection, DateTime, string[])>();

        /// <summary>The cached names of <paramref name="what"/> in <paramref name="vault"/> (null: not about one vault), listed again when stale.</summary>
        public static string[] Get(VaultConnection connection, Uri? vault, string what, Func<CancellationToken, IEnumerable<string>> list)
        {
            string key = (vault?.ToString() ?? "") + "|" + what;
            lock (Cache)
            {
                if (Cache.TryGetValue(key, out var hit) && ReferenceEquals(hit.Connection, connection) && DateTime.UtcNow - hit.At < CacheFor)
                {
                    return hit.Names;
                }
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            string[] names = list(timeout.Token).Take(500).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToArray();
            lock (Cache)
            {
                Cache[key] = (connection, DateTime.UtcNow, names);
            }

            return names;
        }

        /// <summary>Forgets the names listed in one vault (after a write to it).</summary>
        public static void Forget(Uri vault)
        {
            string prefix = vault + "|";
            lock (Cache)
            {
                foreach (string key in Cache.Keys.Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList())
                {
                    Cache.Remove(key);
                }
            }
        }

        /// <summary>Forgets everything (a vault was created or removed).</summary>
        public static void ForgetAll()
        {
            lock (Cache)
            {
                Cache.Clear();
            }
        }

        /// <summary>The names that start with what was typed (quotes ignored), quoted when they hold a space.</summary>
        public static IEnumerable<CompletionResult> Complete(IEnumerable<string> names, string? wordToComplete)
        {
            var pattern = new WildcardPattern(WildcardPattern.Escape((wordToComplete ?? "").Trim('\'', '"')) + "*", WildcardOptions.IgnoreCase);
            return names.Where(pattern.IsMatch).Select(n => new CompletionResult(n.Contains(' ') ? "'" + n + "'" : n, n, CompletionResultType.ParameterValue, n));
        }
    }

    /// <summary>Completes secret names from the vault (deleted ones after -InRemovedState).</summary>
    public sealed class SecretNameCompleter : EntryNameCompleter
    {
        protected override IEnumerable<string> ListNames(VaultConnection connection, VaultAddress vault, CancellationToken cancellationToken)
            => new Secrets.SecretService(connection).List(vault, null, cancellationToken).Select(s => s.Name);

        protected override IEnumerable<string>? ListDeletedNames(VaultConnection connection, VaultAddress vault, CancellationToken cancellationToken)
            => new Secrets.SecretService(connection).ListDeleted(vault, null, cancellationToken).Select(s => s.Name);
    }

    /// <summary>
    /// Completes vault names: the session's default vault and the vaults the connection can list through ARM
    /// (the subscription's on Azure, the emulator's own); only the default when listing fails (no ARM access).
    /// </summary>
    public sealed class VaultNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = VaultSession.Current;
            if (connection is null)
            {
                return Enumerable.Empty<CompletionResult>();
            }

            var names = new List<string>();
            if (connection.DefaultVault != null)
            {
                names.Add(connection.DefaultVault.Name);
            }

            // A connection that may not list vaults (no ARM role) offers the default only; the failure is cached
            // as an empty list too, so that each Tab does not wait for ARM again.
            names.AddRange(NameCache.Get(connection, null, "vaults", token => ListOrNothing(() => VaultsOf(connection, token).Select(v => v.Name).ToList())));

            return NameCache.Complete(names.Distinct(StringComparer.OrdinalIgnoreCase), wordToComplete);
        }

        private static IEnumerable<string> ListOrNothing(Func<IEnumerable<string>> list)
        {
            try
            {
                return list();
            }
            catch (Exception)
            {
                return Enumerable.Empty<string>(); // completion must never break the prompt
            }
        }

        /// <summary>The vaults the connection sees through ARM (its subscription).</summary>
        internal static IEnumerable<Vault> VaultsOf(VaultConnection connection, CancellationToken cancellationToken)
            => new Access.VaultService(connection).List(null, null, cancellationToken);
    }

    /// <summary>
    /// Completes -Scope of the role cmdlets: the resource ids of the vaults the connection sees, their resource
    /// groups and the subscription (Key Vault's roles are assigned at these scopes or at one entry).
    /// </summary>
    public sealed class RoleScopeCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var connection = VaultSession.Current;
                if (connection is null)
                {
                    return Enumerable.Empty<CompletionResult>();
                }

                var scopes = NameCache.Get(connection, null, "scopes", token => VaultNameCompleter.VaultsOf(connection, token).SelectMany(v => new[]
                {
                    Access.AccessScope.Subscription(v.SubscriptionId),
                    Access.AccessScope.ResourceGroupScope(v.SubscriptionId, v.ResourceGroupName),
                    v.ResourceId,
                }));
                return NameCache.Complete(scopes, wordToComplete);
            }
            catch (Exception)
            {
                return Enumerable.Empty<CompletionResult>(); // completion must never break the prompt
            }
        }
    }
}
