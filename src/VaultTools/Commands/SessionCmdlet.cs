using System;
using System.Management.Automation;
using System.Threading;
using VaultTools.Connection;
using VaultTools.Errors;

namespace VaultTools.Commands
{
    /// <summary>
    /// Base of cmdlets that use the session's connection but no single vault's data plane (vaults through
    /// ARM, access tokens): the connection, Ctrl+C, and the same per-item error handling as VaultCmdlet.
    /// </summary>
    public abstract class SessionCmdlet : PSCmdlet
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        protected CancellationToken CancelToken => _stopping.Token;

        /// <summary>The session's connection (Connect-Vault); a terminating error when there is none.</summary>
        protected VaultConnection Connection
        {
            get
            {
                try
                {
                    return VaultSession.Require();
                }
                catch (VaultException ex)
                {
                    ThrowTerminatingError(VaultCmdlet.ToErrorRecord(ex, null));
                    throw; // not reached
                }
            }
        }

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>PowerShell's loosely typed -Tag hashtable as string tags.</summary>
        protected static System.Collections.Generic.Dictionary<string, string>? ToTags(System.Collections.Hashtable? tags)
        {
            if (tags is null)
            {
                return null;
            }

            var result = new System.Collections.Generic.Dictionary<string, string>(StringComparer.Ordinal);
            foreach (System.Collections.DictionaryEntry entry in tags)
            {
                result[LanguagePrimitives.ConvertTo<string>(entry.Key)] = entry.Value is null ? "" : LanguagePrimitives.ConvertTo<string>(entry.Value);
            }

            return result;
        }

        /// <summary>As VaultCmdlet.Run: a per-item failure is non-terminating, one that dooms every item terminates.</summary>
        protected void Run(object? target, Action action)
        {
            try
            {
                action();
            }
            catch (VaultException ex)
            {
                var record = VaultCmdlet.ToErrorRecord(ex, target);
                if (VaultCmdlet.IsTerminating(ex.Kind))
                {
                    ThrowTerminatingError(record);
                }

                WriteError(record);
            }
        }
    }

    /// <summary>Base of cmdlets that call Azure Resource Manager: -SubscriptionId (binds from Vault objects).</summary>
    public abstract class ArmCmdlet : SessionCmdlet
    {
        /// <summary>The subscription to use instead of the session's (Connect-Vault -SubscriptionId, or the emulator's).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? SubscriptionId { get; set; }
    }
}
