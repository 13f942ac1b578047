using System.Management.Automation;
using VaultTools.Connection;
using VaultTools.Keys;

namespace VaultTools.Commands.Keys
{
    /// <summary>Restores a key (all versions, same name) from a file made by Backup-VaultKey.</summary>
    [Cmdlet(VerbsData.Restore, "VaultKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(VaultKey))]
    public sealed class RestoreVaultKeyCommand : RestoreEntryCmdlet
    {
        protected override string Noun => "key";

        protected override object Restore(VaultAddress vault, string path) => new KeyService(Connection).Restore(vault, path, CancelToken);
    }
}
