using System.Management.Automation;
using VaultTools.Connection;
using VaultTools.Secrets;

namespace VaultTools.Commands.Secrets
{
    /// <summary>Restores secrets (with every version) from backup files made by Backup-VaultSecret.</summary>
    [Cmdlet(VerbsData.Restore, "VaultSecret", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(VaultSecretProperties))]
    public sealed class RestoreVaultSecretCommand : RestoreEntryCmdlet
    {
        protected override string Noun => "secret";

        protected override object Restore(VaultAddress vault, string path) => new SecretService(Connection).Restore(vault, path, CancelToken);
    }
}
