using System;
using System.Management.Automation;
using VaultTools.Errors;

namespace VaultTools.Commands.Keys
{
    /// <summary>
    /// Reads a key (its public key and properties), lists keys matching a wildcard, lists a key's
    /// versions, reads a key by its URL (-Id), or - with -InRemovedState - gets or lists soft-deleted keys.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "VaultKey", DefaultParameterSetName = ByName)]
    [OutputType(typeof(VaultKey), typeof(VaultKeyProperties), typeof(DeletedVaultKey))]
    public sealed class GetVaultKeyCommand : KeyCmdlet
    {
        private const string ByName = "ByName";
        private const string ById = "ById";

        [Parameter(ParameterSetName = ByName, Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completers.KeyNameCompleter))]
        public string? Name { get; set; }

        [Parameter(ParameterSetName = ByName, Position = 1, ValueFromPipelineByPropertyName = true)]
        public string? Version { get; set; }

        [Parameter(ParameterSetName = ByName)]
        public SwitchParameter IncludeVersions { get; set; }

        /// <summary>Soft-deleted keys: one by exact name, or a list.</summary>
        [Parameter(ParameterSetName = ByName)]
        public SwitchParameter InRemovedState { get; set; }

        [Parameter(ParameterSetName = ById, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public Uri Id { get; set; } = null!;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ById)
            {
                Run(Id, () => WriteObject(Keys.GetById(Id, CancelToken)));
                return;
            }

            Run(Name, () =>
            {
                var vault = ResolveVault();
                bool wildcard = Name is null || WildcardPattern.ContainsWildcardCharacters(Name);
                var pattern = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
                if (InRemovedState)
                {
                    if (Version != null || IncludeVersions)
                    {
                        throw VaultException.InvalidArgument("InRemovedStateWithVersion", "InRemovedState",
                            "-InRemovedState reads a deleted key as a whole: give no -Version or -IncludeVersions.");
                    }

                    if (!wildcard)
                    {
                        WriteObject(Keys.GetDeleted(vault, Name!, CancelToken));
                        return;
                    }

                    foreach (var deleted in Keys.ListDeleted(vault, pattern is null ? null : pattern.IsMatch, CancelToken))
                    {
                        WriteObject(deleted);
                    }

                    return;
                }

                if (!wildcard && !IncludeVersions)
                {
                    WriteObject(Keys.Get(vault, Name!, Version, CancelToken));
                    return;
                }

                if (Version != null)
                {
                    throw VaultException.InvalidArgument("VersionWithoutName", "Version",
                        "-Version reads one key: give an exact -Name (no wildcards) and no -IncludeVersions.");
                }

                if (!wildcard)
                {
                    foreach (var version in Keys.ListVersions(vault, Name!, CancelToken))
                    {
                        WriteObject(version);
                    }

                    return;
                }

                foreach (var key in Keys.List(vault, pattern is null ? null : pattern.IsMatch, CancelToken))
                {
                    if (IncludeVersions)
                    {
                        foreach (var version in Keys.ListVersions(vault, key.Name, CancelToken))
                        {
                            WriteObject(version);
                        }
                    }
                    else
                    {
                        WriteObject(key);
                    }
                }
            });
        }
    }
}
