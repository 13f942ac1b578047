using System.Management.Automation;
using VaultTools.Connection;

namespace VaultTools.Commands.Connection
{
    /// <summary>Forgets the session's connection and its cached tokens.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Vault")]
    [OutputType(typeof(void))]
    public sealed class DisconnectVaultCommand : PSCmdlet
    {
        protected override void ProcessRecord()
        {
            if (VaultSession.Current is null)
            {
                WriteVerbose("Not connected; nothing to do.");
                return;
            }

            VaultSession.Clear();
            WriteVerbose("Disconnected.");
        }
    }
}
