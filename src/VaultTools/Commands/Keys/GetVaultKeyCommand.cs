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
        [Parameter(ParameterSetName = ByName, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completers.KeyNameCompleter))]
        [Alias("KeyName")]
        public string? Name { get; set; }

        /// <summary>The version (declared here for Az.KeyVault's alias -KeyVersion; the reading is GetEntryCmdlet's).</summary>
        [Parameter(ParameterSetName = ByName, Position = 2, ValueFromPipelineByPropertyName = true)]
        [Alias("KeyVersion")]
        public new string? Version { get => base.Version; set => base.Version = value; }

        protected override string? EntryName => Name;

        private protected override IEntryLifecycle CreateService() => new KeyService(Connection);
    }
}
