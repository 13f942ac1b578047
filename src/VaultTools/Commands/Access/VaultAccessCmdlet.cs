using System.Management.Automation;
using VaultTools.Errors;

namespace VaultTools.Commands.Access
{
    /// <summary>
    /// Base of the access cmdlets that work on one vault through ARM: the vault (-VaultName/-VaultUri or
    /// the session's default) plus where ARM finds it (-ResourceGroupName, -SubscriptionId; both bind from
    /// the pipeline, so Get-Vault output flows in). Without a resource group the vault is looked up by name.
    /// </summary>
    public abstract class VaultAccessCmdlet : VaultCmdlet
    {
        // The vaults read through ARM during this call: piping many principals into one vault costs one GET.
        private readonly System.Collections.Generic.Dictionary<string, Vault> _vaults = new System.Collections.Generic.Dictionary<string, Vault>(System.StringComparer.OrdinalIgnoreCase);

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ResourceGroupName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? SubscriptionId { get; set; }

        /// <summary>The ARM description of the vault this call works on (-VaultName/-VaultUri or the session's default), read once per call.</summary>
        protected Vault ArmVault()
        {
            var address = ResolveVault();
            string key = address.Name + "|" + ResourceGroupName + "|" + SubscriptionId;
            if (!_vaults.TryGetValue(key, out var vault))
            {
                vault = new VaultTools.Access.VaultService(Connection).Get(address, ResourceGroupName, SubscriptionId, CancelToken);
                _vaults[key] = vault;
            }

            return vault;
        }

        /// <summary>
        /// Where a role applies (Get-VaultRoleAssignment, Grant-VaultRole, Revoke-VaultRole): <paramref name="scope"/>
        /// (-Scope, any ARM scope) when given, else this call's vault or the one entry that -SecretName, -KeyName or
        /// -CertificateName names.
        /// </summary>
        protected VaultTools.Access.RoleTarget ResolveRoleTarget(VaultTools.Access.RoleService roles, string? scope, string? secretName, string? keyName, string? certificateName, bool forGrant)
        {
            var (entryKind, entryName) = OneEntry(secretName, keyName, certificateName);
            return scope != null
                ? roles.ScopeTarget(scope, forGrant, CancelToken)
                : roles.VaultTarget(ArmVault(), SubscriptionId, entryKind, entryName, forGrant);
        }

        /// <summary>Which entry -SecretName, -KeyName or -CertificateName names (at most one); null for the vault itself.</summary>
        private static (EntryKind? Kind, string? Name) OneEntry(string? secretName, string? keyName, string? certificateName)
        {
            int given = (secretName is null ? 0 : 1) + (keyName is null ? 0 : 1) + (certificateName is null ? 0 : 1);
            if (given > 1)
            {
                throw VaultException.InvalidArgument("OneEntryOnly", secretName is null ? "KeyName" : "SecretName",
                    "A role is granted on the vault or on one entry: give at most one of -SecretName, -KeyName and -CertificateName.");
            }

            if (secretName != null)
            {
                return (EntryKind.Secret, secretName);
            }

            if (keyName != null)
            {
                return (EntryKind.Key, keyName);
            }

            return certificateName != null ? (EntryKind.Certificate, certificateName) : ((EntryKind?)null, (string?)null);
        }
    }
}
