using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using VaultTools.Connection;
using VaultTools.Internal;
using VaultTools.Secrets;

namespace VaultTools.Commands.Secrets
{
    /// <summary>
    /// Reads a secret (value as SecureString, or as plain text with -AsPlainText), lists secrets
    /// matching a wildcard, lists a secret's versions, or reads an entry by its own URL (-Id).
    /// With -InRemovedState it reads or lists soft-deleted secrets instead.
    /// Many exact names (an array, or names and objects from the pipeline) are read together, -ThrottleLimit at
    /// a time, in input order; -AsHashtable returns them as one name-to-value table.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "VaultSecret", DefaultParameterSetName = ByName)]
    [OutputType(typeof(VaultSecret), typeof(VaultSecretProperties), typeof(DeletedVaultSecret), typeof(string), typeof(Hashtable))]
    public sealed class GetVaultSecretCommand : GetEntryCmdlet<VaultSecret, VaultSecretProperties, DeletedVaultSecret>
    {
        /// <summary>Exact names wait here and are read together (see Flush); a chunk this big is read before more is taken.</summary>
        private const int ChunkSize = 256;

        private readonly List<(VaultAddress Vault, string Name, string? Version)> _pending = new List<(VaultAddress, string, string?)>();
        private Hashtable? _table;
        private string? _current;

        [Parameter(ParameterSetName = ByName, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completers.SecretNameCompleter))]
        [Alias("SecretName")]
        public string?[]? Name { get; set; }

        /// <summary>The version (declared here for Az.KeyVault's alias -SecretVersion; the reading is GetEntryCmdlet's).</summary>
        [Parameter(ParameterSetName = ByName, Position = 2, ValueFromPipelineByPropertyName = true)]
        [Alias("SecretVersion")]
        public new string? Version { get => base.Version; set => base.Version = value; }

        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        /// <summary>One hashtable of name to value (SecureString, or string with -AsPlainText) for every secret read.</summary>
        [Parameter(ParameterSetName = ByName)]
        public SwitchParameter AsHashtable { get; set; }

        /// <summary>How many reads are in flight at once when many secrets are read.</summary>
        [Parameter(ParameterSetName = ByName)]
        [ValidateRange(1, Bulk.BulkRunner.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = Bulk.BulkRunner.DefaultThrottleLimit;

        protected override string? EntryName => _current;

        private protected override IEntryLifecycle CreateService() => new SecretService(Connection);

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ById)
            {
                Flush();
                base.ProcessRecord();
                return;
            }

            if (AsHashtable && (InRemovedState || IncludeVersions))
            {
                ThrowTerminatingError(SessionCmdlet.ToErrorRecord(Errors.VaultException.InvalidArgument("AsHashtableNeedsValues", "AsHashtable",
                    "-AsHashtable returns the secrets' values: leave out -InRemovedState and -IncludeVersions."), null));
            }

            foreach (string? name in Name ?? new string?[] { null })
            {
                bool exact = name != null && !WildcardPattern.ContainsWildcardCharacters(name);
                if (InRemovedState || IncludeVersions || (!exact && !AsHashtable))
                {
                    Flush();
                    _current = name;
                    base.ProcessRecord();
                    continue;
                }

                Run(name, () =>
                {
                    var vault = ResolveVault();
                    if (exact)
                    {
                        _pending.Add((vault, name!, Version));
                        return;
                    }

                    // -AsHashtable with a wildcard (or no -Name): every matching secret's latest value.
                    var filter = name is null ? null : new System.Func<string, bool>(new WildcardPattern(name, WildcardOptions.IgnoreCase).IsMatch);
                    foreach (var entry in new SecretService(Connection).List(vault, filter, CancelToken))
                    {
                        if (entry.Enabled)
                        {
                            _pending.Add((vault, entry.Name, null));
                        }
                    }
                });
            }

            if (_pending.Count >= ChunkSize && !AsHashtable)
            {
                Flush();
            }
        }

        protected override void EndProcessing()
        {
            Flush();
            if (AsHashtable)
            {
                WriteObject(_table ?? new Hashtable(System.StringComparer.OrdinalIgnoreCase));
            }
        }

        /// <summary>Reads the names waiting, -ThrottleLimit at a time, and writes them (or their errors) in input order.</summary>
        private void Flush()
        {
            if (_pending.Count == 0)
            {
                return;
            }

            var service = new SecretService(Connection);
            BulkOutput.Drain(this, "Reading secrets", _pending, (item, token) => service.Get(item.Vault, item.Name, item.Version, token), ThrottleLimit,
                item => item.Name,
                (item, secret) =>
                {
                    if (AsHashtable)
                    {
                        _table ??= new Hashtable(System.StringComparer.OrdinalIgnoreCase);
                        _table[item.Name] = AsPlainText ? ToText(secret) : secret.SecretValue;
                    }
                    else
                    {
                        WriteEntry(secret);
                    }
                },
                null,
                CancelToken);
        }

        protected override void CheckOwnParameters(bool removed, bool many)
        {
            if (AsPlainText && removed)
            {
                throw Errors.VaultException.InvalidArgument("NotForRemovedState", "AsPlainText",
                    "-InRemovedState reads deleted secrets, which have no readable value: leave out -AsPlainText (recover the secret first with Undo-VaultSecretRemoval).");
            }

            if (AsPlainText && many)
            {
                throw Errors.VaultException.InvalidArgument("AsPlainTextNeedsOneSecret", "AsPlainText",
                    "-AsPlainText returns one secret's value: give an exact -Name, or pipe the list into Get-VaultSecret -AsPlainText to read each value.");
            }
        }

        protected override void WriteEntry(VaultSecret secret)
        {
            if (AsPlainText)
            {
                WriteObject(ToText(secret));
            }
            else
            {
                WriteObject(secret);
            }
        }

        private static string? ToText(VaultSecret secret) => secret.SecretValue is null ? null : SecureStrings.ToPlainText(secret.SecretValue);
    }
}
