using System;
using System.Management.Automation;
using VaultTools.Connection;
using VaultTools.Errors;

namespace VaultTools.Commands
{
    /// <summary>
    /// Base of every cmdlet that uses the session's connection (VaultCmdlet adds a vault; ArmCmdlet a subscription):
    /// the connection, cancellation on Ctrl+C (StoppableCmdlet), and the one mapping from Core's VaultException to ErrorRecord.
    /// </summary>
    public abstract class SessionCmdlet : StoppableCmdlet
    {
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
                    ThrowTerminatingError(ToErrorRecord(ex, null));
                    throw; // not reached
                }
            }
        }

        /// <summary>
        /// Runs one unit of work. A per-item failure becomes a non-terminating error (the pipeline goes
        /// on with the next item); a failure that dooms every item (not connected, no token, vault
        /// unreachable, Ctrl+C) terminates the command.
        /// </summary>
        protected void Run(object? target, Action action)
        {
            try
            {
                action();
            }
            catch (VaultException ex)
            {
                var record = ToErrorRecord(ex, target);
                if (IsTerminating(ex.Kind))
                {
                    ThrowTerminatingError(record);
                }

                WriteError(record);
            }
        }

        internal static bool IsTerminating(VaultErrorKind kind)
            => kind == VaultErrorKind.NotConnected
               || kind == VaultErrorKind.AuthenticationFailed
               || kind == VaultErrorKind.ConnectionFailed
               || kind == VaultErrorKind.Cancelled;

        /// <summary>The one place a Core failure becomes a PowerShell error: stable ErrorId, category, inner exception kept.</summary>
        internal static ErrorRecord ToErrorRecord(VaultException ex, object? target)
        {
            var record = new ErrorRecord(ex, ex.ErrorId, ToCategory(ex.Kind), target ?? ex.Target);
            if (ex.RecommendedAction != null)
            {
                record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = ex.RecommendedAction };
            }

            return record;
        }

        internal static ErrorCategory ToCategory(VaultErrorKind kind) => kind switch
        {
            VaultErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
            VaultErrorKind.NotFound => ErrorCategory.ObjectNotFound,
            VaultErrorKind.AccessDenied => ErrorCategory.PermissionDenied,
            VaultErrorKind.AuthenticationFailed => ErrorCategory.AuthenticationError,
            VaultErrorKind.Throttled => ErrorCategory.LimitsExceeded,
            VaultErrorKind.Conflict => ErrorCategory.ResourceExists,
            VaultErrorKind.OperationNotAllowed => ErrorCategory.InvalidOperation,
            VaultErrorKind.ConnectionFailed => ErrorCategory.ConnectionError,
            VaultErrorKind.NotConnected => ErrorCategory.InvalidOperation,
            VaultErrorKind.NotImplemented => ErrorCategory.NotImplemented,
            VaultErrorKind.Cancelled => ErrorCategory.OperationStopped,
            _ => ErrorCategory.InvalidResult,
        };

        /// <summary>Converts PowerShell's loosely typed -Tag hashtable into Key Vault tags (string to string).</summary>
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

        /// <summary>
        /// Writes a file the cmdlet made as the FileSystem provider's item (what Get-Item returns), so that the
        /// default view shows its mode, size and folder: a bare FileInfo leaves those columns blank.
        /// </summary>
        protected void WriteFileItem(System.IO.FileInfo file)
        {
            if (file is null)
            {
                throw new ArgumentNullException(nameof(file));
            }

            WriteObject(InvokeProvider.Item.Get(new[] { file.FullName }, true, true), true);
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
