using System.Management.Automation;
using VaultTools.Keys;

namespace VaultTools.Commands.Keys
{
    /// <summary>
    /// Reads a key (its public key and properties), lists keys matching a wildcard, lists a key's
    /// versions, reads a key by its URL (-Id), or - with -InRemovedState - gets or lists soft-deleted keys.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "VaultKey", DefaultParameterSetName = ByName)]
    [OutputType(typeof(VaultKey), typeof(VaultKeyProperties), typeof(DeletedVaultKey))]
    public sealed class GetVaultKeyCommand : GetEntryCmdlet<VaultKey, VaultKeyProperties, DeletedVaultKey>
    {
        [Parameter(ParameterSetName = ByName, Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completers.KeyNameCompleter))]
        public string? Name { get; set; }

        protected override string? EntryName => Name;

        private protected override IEntryLifecycle CreateService() => new KeyService(Connection);
    }
}
