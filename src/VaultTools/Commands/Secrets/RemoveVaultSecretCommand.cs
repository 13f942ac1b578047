using System.Management.Automation;
using VaultTools.Connection;
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
        private SecretService? _service;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.SecretNameCompleter))]
        public string Name { get; set; } = "";

        protected override string EntryName => Name;

        protected override string Kind => "Secret";

        protected override string What => "secret";

        private SecretService Service => _service ??= new SecretService(Connection);

        protected override void CheckName(string name) => Validation.EntryRules.CheckEntryName(name, Errors.EntryKind.Secret, "Name");

        protected override string EntryUrl(VaultAddress vault, string name) => SecretService.EntryUrl(vault, name, null);

        protected override string DeletedUrl(VaultAddress vault, string name) => SecretService.DeletedUrl(vault, name);

        protected override object Delete(VaultAddress vault, string name) => Service.Remove(vault, name, CancelToken);

        protected override void PurgeDeleted(VaultAddress vault, string name) => Service.Purge(vault, name, CancelToken);

        private protected override bool WaitFor(object removal, ProgressWriter progress, out double timeoutSeconds)
        {
            timeoutSeconds = Service.Polling.Timeout.TotalSeconds;
            return Service.WaitFor((PendingEntryOperation<DeletedVaultSecret>)removal, progress.Report, CancelToken);
        }
    }
}
