using System;
using System.Management.Automation;
using VaultTools.Connection;

namespace VaultTools.Commands
{
    /// <summary>
    /// Base of every cmdlet that talks to a vault: the -VaultName/-VaultUri overrides on top of the session's
    /// connection, Ctrl+C and error mapping of <see cref="SessionCmdlet"/>.
    /// </summary>
    public abstract class VaultCmdlet : SessionCmdlet
    {
        /// <summary>The vault to use instead of the session's default (e.g. contoso-kv).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.VaultNameCompleter))]
        public string? VaultName { get; set; }

        /// <summary>The vault's URI, for any cloud or the emulator (e.g. https://contoso-kv.vault.azure.net/).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public Uri? VaultUri { get; set; }

        /// <summary>The vault this call works on: -VaultUri, -VaultName or the session default.</summary>
        protected VaultAddress ResolveVault() => Connection.ResolveVault(VaultName, VaultUri);

        /// <summary>PowerShell dates are local unless said otherwise; DateTimeOffset keeps the instant right.</summary>
        protected static DateTimeOffset? ToOffset(DateTime? value)
            => value.HasValue ? new DateTimeOffset(value.Value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value.Value, DateTimeKind.Local) : value.Value) : (DateTimeOffset?)null;
    }
}
