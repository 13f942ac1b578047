using System.Management.Automation;
using VaultTools.Keys;

namespace VaultTools.Commands.Keys
{
    /// <summary>
    /// Soft-deletes keys with all their versions (recoverable with Undo-VaultKeyRemoval until their purge
    /// date), or with -InRemovedState purges keys that are already deleted. -Purge does both in one call: it
    /// waits (bounded) until the deletion is visible, which Key Vault needs before a purge, then purges. For a
    /// batch the waits overlap: every deletion is sent first, then each is awaited and purged.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "VaultKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByName)]
    [OutputType(typeof(DeletedVaultKey))]
    public sealed class RemoveVaultKeyCommand : RemoveEntryCmdlet<DeletedVaultKey>
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.KeyNameCompleter))]
        [Alias("KeyName")]
        public string[] Name { get; set; } = System.Array.Empty<string>();

        protected override string[] EntryNames => Name;

        protected override string What => "key with all its versions";

        private protected override IEntryLifecycle CreateService() => new KeyService(Connection);
    }
}
