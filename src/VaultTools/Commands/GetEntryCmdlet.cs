using System;
using System.Management.Automation;
using VaultTools.Connection;
using VaultTools.Errors;

namespace VaultTools.Commands
{
    /// <summary>
    /// Get-VaultSecret, Get-VaultKey and Get-VaultCertificate: one entry by exact -Name [-Version] or by its own URL
    /// (-Id); a list by wildcard (or all, without -Name); the versions of an entry (-IncludeVersions); and with
    /// -InRemovedState the same for soft-deleted entries. Each cmdlet declares -Name (its completer differs) and
    /// names its Core service, which reads through Core's IEntryReading; the decisions (what is one entry, what is
    /// a list, what is refused) are here.
    /// </summary>
    /// <remarks>
    /// The service is typed as IEntryReading only inside method bodies: a generic Core type in a virtual signature
    /// makes the runtime load Core while PowerShell scans the cmdlets, before the module's load context exists
    /// (see RemoveEntryCmdlet). The type arguments are output types (VaultTools.Models), which are loaded at import.
    /// </remarks>
    public abstract class GetEntryCmdlet<TEntry, TProperties, TDeleted> : VaultFirstCmdlet
        where TEntry : class
        where TProperties : class, IVaultEntry
        where TDeleted : class
    {
        protected const string ByName = "ByName";
        protected const string ById = "ById";

        private IEntryLifecycle? _service;

        [Parameter(ParameterSetName = ByName, Position = 2, ValueFromPipelineByPropertyName = true)]
        public string? Version { get; set; }

        [Parameter(ParameterSetName = ByName)]
        public SwitchParameter IncludeVersions { get; set; }

        /// <summary>Read or list soft-deleted entries (wildcards allowed) instead of live ones.</summary>
        [Parameter(ParameterSetName = ByName)]
        public SwitchParameter InRemovedState { get; set; }

        [Parameter(ParameterSetName = ById, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public Uri Id { get; set; } = null!;

        /// <summary>The -Name given (null: every entry).</summary>
        protected abstract string? EntryName { get; }

        /// <summary>The Core service of the entry kind; it must implement IEntryReading of TEntry, TProperties, TDeleted.</summary>
        private protected abstract IEntryLifecycle CreateService();

        private IEntryLifecycle Service => _service ??= CreateService();

        /// <summary>secret, key or certificate (messages).</summary>
        private string Noun => Service.Kind.ToString().ToLowerInvariant();

        /// <summary>Writes one entry read in full (Get-VaultSecret -AsPlainText writes the value instead).</summary>
        protected virtual void WriteEntry(TEntry entry) => WriteObject(entry);

        /// <summary>Refusals of a cmdlet's own parameters: for deleted entries, or for more than one entry.</summary>
        protected virtual void CheckOwnParameters(bool removed, bool many)
        {
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ById)
            {
                Run(Id, () => WriteEntry(((IEntryReading<TEntry, TProperties, TDeleted>)Service).GetById(Id, CancelToken)));
                return;
            }

            Run(EntryName, () =>
            {
                var vault = ResolveVault();
                var service = (IEntryReading<TEntry, TProperties, TDeleted>)Service;
                string? name = EntryName;
                bool wildcard = name is null || WildcardPattern.ContainsWildcardCharacters(name);
                Func<string, bool>? filter = name is null ? null : new WildcardPattern(name, WildcardOptions.IgnoreCase).IsMatch;
                if (InRemovedState)
                {
                    if (Version != null || IncludeVersions)
                    {
                        throw VaultException.InvalidArgument("NotForRemovedState", Version != null ? "Version" : "IncludeVersions",
                            $"-InRemovedState reads deleted {Noun}s as a whole, without versions: leave out -Version and -IncludeVersions (recover the {Noun} first with Undo-Vault{char.ToUpperInvariant(Noun[0])}{Noun.Substring(1)}Removal).");
                    }

                    CheckOwnParameters(removed: true, many: wildcard);
                    if (!wildcard)
                    {
                        WriteObject(service.GetDeleted(vault, name!, CancelToken));
                        return;
                    }

                    WriteObject(service.ListDeleted(vault, filter, CancelToken), enumerateCollection: true);
                    return;
                }

                if (!wildcard && !IncludeVersions)
                {
                    WriteEntry(service.Get(vault, name!, Version, CancelToken));
                    return;
                }

                if (Version != null)
                {
                    throw VaultException.InvalidArgument("VersionWithoutName", "Version",
                        $"-Version reads one {Noun}: give an exact -Name (no wildcards) and no -IncludeVersions.");
                }

                CheckOwnParameters(removed: false, many: true);
                if (!wildcard)
                {
                    WriteObject(service.ListVersions(vault, name!, CancelToken), enumerateCollection: true);
                    return;
                }

                foreach (var entry in service.List(vault, filter, CancelToken))
                {
                    if (IncludeVersions)
                    {
                        WriteObject(service.ListVersions(vault, entry.Name, CancelToken), enumerateCollection: true);
                    }
                    else
                    {
                        WriteObject(entry);
                    }
                }
            });
        }
    }
}
