using System.Management.Automation;
using VaultTools.Secrets;

namespace VaultTools.Commands.Secrets
{
    /// <summary>
    /// Soft-deletes secrets (recoverable until their scheduled purge date), or with -InRemovedState
    /// purges secrets that are already deleted. -Purge does both in one call: it waits (bounded) until
    /// the deletion is visible, which Key Vault needs before a purge, then purges. For a batch the waits
    /// overlap: every deletion is sent first, then each is awaited and purged.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "VaultSecret", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByName)]
    [OutputType(typeof(DeletedVaultSecret))]
    public sealed class RemoveVaultSecretCommand : RemoveEntryCmdlet<DeletedVaultSecret>
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.SecretNameCompleter))]
        [Alias("SecretName")]
        public string[] Name { get; set; } = System.Array.Empty<string>();

        protected override string[] EntryNames => Name;

        protected override string What => "secret";

        private protected override IEntryLifecycle CreateService() => new SecretService(Connection);
    }
}
