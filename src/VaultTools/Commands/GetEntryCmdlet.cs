using System;
using System.Collections.Generic;
using System.Management.Automation;
using VaultTools.Connection;
using VaultTools.Errors;

namespace VaultTools.Commands
{
    /// <summary>
    /// Get-VaultSecret, Get-VaultKey and Get-VaultCertificate: one entry by exact -Name [-Version] or by its own URL
    /// (-Id); a list by wildcard (or all, without -Name); the versions of an entry (-IncludeVersions); and with
    /// -InRemovedState the same for soft-deleted entries. Each cmdlet declares -Name (its completer differs) and
    /// says how to read its kind; the decisions (what is one entry, what is a list, what is refused) are here.
    /// </summary>
    public abstract class GetEntryCmdlet : VaultCmdlet
    {
        protected const string ByName = "ByName";
        protected const string ById = "ById";

        [Parameter(ParameterSetName = ByName, Position = 1, ValueFromPipelineByPropertyName = true)]
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

        /// <summary>secret, key or certificate (messages).</summary>
        protected abstract string Noun { get; }

        protected abstract object GetById(Uri id);

        protected abstract object Get(VaultAddress vault, string name, string? version);

        /// <summary>The latest versions (properties only), with their names.</summary>
        protected abstract IEnumerable<(string Name, object Entry)> List(VaultAddress vault, Func<string, bool>? nameFilter);

        protected abstract IEnumerable<object> ListVersions(VaultAddress vault, string name);

        protected abstract object GetDeleted(VaultAddress vault, string name);

        protected abstract IEnumerable<object> ListDeleted(VaultAddress vault, Func<string, bool>? nameFilter);

        /// <summary>Writes one entry read in full (Get-VaultSecret -AsPlainText writes the value instead).</summary>
        protected virtual void WriteEntry(object entry) => WriteObject(entry);

        /// <summary>Refusals of a cmdlet's own parameters: for deleted entries, or for more than one entry.</summary>
        protected virtual void CheckOwnParameters(bool removed, bool many)
        {
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ById)
            {
                Run(Id, () => WriteEntry(GetById(Id)));
                return;
            }

            Run(EntryName, () =>
            {
                var vault = ResolveVault();
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
                        WriteObject(GetDeleted(vault, name!));
                        return;
                    }

                    WriteObject(ListDeleted(vault, filter), enumerateCollection: true);
                    return;
                }

                if (!wildcard && !IncludeVersions)
                {
                    WriteEntry(Get(vault, name!, Version));
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
                    WriteObject(ListVersions(vault, name!), enumerateCollection: true);
                    return;
                }

                foreach (var (listedName, entry) in List(vault, filter))
                {
                    if (IncludeVersions)
                    {
                        WriteObject(ListVersions(vault, listedName), enumerateCollection: true);
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
