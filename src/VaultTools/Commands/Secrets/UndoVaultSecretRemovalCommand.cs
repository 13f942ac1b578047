using System.Collections.Generic;
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
    public sealed class UndoVaultSecretRemovalCommand : VaultCmdlet
    {
        private readonly List<PendingEntryOperation<VaultSecretProperties>> _recoveries = new List<PendingEntryOperation<VaultSecretProperties>>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.DeletedSecretNameCompleter))]
        public string Name { get; set; } = "";

        protected override void ProcessRecord()
        {
            Run(Name, () =>
            {
                var vault = ResolveVault();
                Validation.EntryRules.CheckEntryName(Name, Errors.EntryKind.Secret, "Name");
                if (!ShouldProcess(SecretService.DeletedUrl(vault, Name), "Recover deleted secret"))
                {
                    return;
                }

                _recoveries.Add(new SecretService(Connection).StartRecover(vault, Name, CancelToken));
            });
        }

        protected override void EndProcessing()
        {
            var service = new SecretService(Connection);
            var progress = new ProgressWriter(this, 1, "Undo-VaultSecretRemoval");
            foreach (var recovery in _recoveries)
            {
                Run(recovery.Name, () =>
                {
                    if (!service.WaitFor(recovery, progress.Report, CancelToken))
                    {
                        WriteWarning($"The vault accepted the recovery of secret '{recovery.Name}', but it was not readable yet after {service.Polling.Timeout.TotalSeconds:0} s; it will finish on its own.");
                    }

                    WriteObject(recovery.Result);
                });
            }

            progress.Complete();
        }
    }
}
