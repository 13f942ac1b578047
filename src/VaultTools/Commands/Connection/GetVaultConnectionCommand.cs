using System.Management.Automation;
using VaultTools.Connection;

namespace VaultTools.Commands.Connection
{
    /// <summary>Shows the session's connection: credential kind, tenant, default vault, cloud or emulator.</summary>
    [Cmdlet(VerbsCommon.Get, "VaultConnection")]
    [OutputType(typeof(VaultConnectionInfo))]
    public sealed class GetVaultConnectionCommand : PSCmdlet
    {
        protected override void ProcessRecord()
        {
            var current = VaultSession.Current;
            if (current != null)
            {
                WriteObject(current.Info);
            }
        }
    }
}
