using System.Management.Automation;
using VaultTools.Secrets;

namespace VaultTools.Commands.Secrets
{
    /// <summary>
    /// Recovers soft-deleted secrets with all their versions. Key Vault finishes a recovery after a
    /// delay, so the cmdlet waits (bounded) until each recovered secret can be read before returning it;
    /// for a batch every recovery is sent first, then each is awaited.
    /// </summary>
    [Cmdlet(VerbsCommon.Undo, "VaultSecretRemoval", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(VaultSecretProperties))]
    public sealed class UndoVaultSecretRemovalCommand : UndoEntryRemovalCmdlet<VaultSecretProperties>
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.DeletedSecretNameCompleter))]
        [Alias("SecretName")]
        public string Name { get; set; } = "";

        protected override string EntryName => Name;

        private protected override IEntryLifecycle CreateService() => new SecretService(Connection);
    }
}
