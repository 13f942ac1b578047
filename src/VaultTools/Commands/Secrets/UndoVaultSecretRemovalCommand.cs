using System.Management.Automation;
using VaultTools.Connection;
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
        private SecretService? _service;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.DeletedSecretNameCompleter))]
        public string Name { get; set; } = "";

        protected override string EntryName => Name;

        protected override string Noun => "secret";

        private SecretService Service => _service ??= new SecretService(Connection);

        protected override void CheckName(string name) => Validation.EntryRules.CheckEntryName(name, Errors.EntryKind.Secret, "Name");

        protected override string DeletedUrl(VaultAddress vault, string name) => SecretService.DeletedUrl(vault, name);

        protected override object StartRecover(VaultAddress vault, string name) => Service.StartRecover(vault, name, CancelToken);

        private protected override bool WaitFor(object recovery, ProgressWriter progress, out double timeoutSeconds)
        {
            timeoutSeconds = Service.Polling.Timeout.TotalSeconds;
            return Service.WaitFor((PendingEntryOperation<VaultSecretProperties>)recovery, progress.Report, CancelToken);
        }
    }
}
