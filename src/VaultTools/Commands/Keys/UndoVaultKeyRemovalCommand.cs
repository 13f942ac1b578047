using System.Management.Automation;
using VaultTools.Keys;

namespace VaultTools.Commands.Keys
{
    /// <summary>
    /// Recovers soft-deleted keys with all their versions. Key Vault finishes a recovery after a delay, so the
    /// cmdlet waits (bounded) until each recovered key can be read before returning it; for a batch every
    /// recovery is sent first, then each is awaited.
    /// </summary>
    [Cmdlet(VerbsCommon.Undo, "VaultKeyRemoval", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(VaultKey))]
    public sealed class UndoVaultKeyRemovalCommand : UndoEntryRemovalCmdlet<VaultKey>
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.DeletedKeyNameCompleter))]
        [Alias("KeyName")]
        public string Name { get; set; } = "";

        protected override string EntryName => Name;

        private protected override IEntryLifecycle CreateService() => new KeyService(Connection);
    }
}
