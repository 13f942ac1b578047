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

        // Whether a cmdlet type writes (takes -WhatIf), read once per type: ResolveVault runs for every pipeline row.
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, bool> Writes = new System.Collections.Concurrent.ConcurrentDictionary<Type, bool>();

        /// <summary>
        /// The vault this call works on: -VaultUri, -VaultName or the session default. A cmdlet that writes (every
        /// one takes -WhatIf) makes tab completion list that vault's names again instead of offering stale ones.
        /// </summary>
        protected VaultAddress ResolveVault()
        {
            var vault = Connection.ResolveVault(VaultName, VaultUri);
            if (Writes.GetOrAdd(GetType(), type => Attribute.GetCustomAttribute(type, typeof(CmdletAttribute)) is CmdletAttribute { SupportsShouldProcess: true }))
            {
                Completers.NameCache.Forget(vault.Uri);
            }

            return vault;
        }

        /// <summary>PowerShell dates are local unless said otherwise; DateTimeOffset keeps the instant right.</summary>
        protected static DateTimeOffset? ToOffset(DateTime? value)
            => value.HasValue ? new DateTimeOffset(value.Value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value.Value, DateTimeKind.Local) : value.Value) : (DateTimeOffset?)null;
    }

    /// <summary>
    /// Base of the cmdlets that take the vault first, as Az.KeyVault's do: -VaultName at position 0 and the
    /// entry's name at 1, so that <c>Get-VaultSecret contoso-kv db-password</c> works. The access, rotation and
    /// BitLocker cmdlets keep -VaultName named (their first positions are a role, names or a volume).
    /// </summary>
    public abstract class VaultFirstCmdlet : VaultCmdlet
    {
        /// <summary>The vault to use instead of the session's default (e.g. contoso-kv); position 0 as in Az.KeyVault.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.VaultNameCompleter))]
        public new string? VaultName
        {
            get => base.VaultName;
            set => base.VaultName = value;
        }
    }
}
