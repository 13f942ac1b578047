using System.Management.Automation;
using VaultTools.Access;
using VaultTools.Errors;

namespace VaultTools.Commands.Access
{
    /// <summary>
    /// Base of the cmdlets that work on where a role applies (Get-VaultRoleAssignment, Grant-VaultRole,
    /// Revoke-VaultRole): -SecretName, -KeyName and -CertificateName (one entry of the vault, in the ByVault set)
    /// and -Scope (any ARM scope, the ByScope set) are declared here once, each with its completer.
    /// </summary>
    public abstract class RoleTargetCmdlet : VaultAccessCmdlet
    {
        /// <summary>The parameter set of a role at the vault or at one of its entries.</summary>
        protected const string ByVault = "ByVault";

        /// <summary>The parameter set of a role at any ARM scope.</summary>
        protected const string ByScope = "ByScope";

        /// <summary>One secret of the vault (its role assignments apply to that secret only).</summary>
        [Parameter(ParameterSetName = ByVault)]
        [ArgumentCompleter(typeof(Completers.SecretNameCompleter))]
        public string? SecretName { get; set; }

        /// <summary>One key of the vault.</summary>
        [Parameter(ParameterSetName = ByVault)]
        [ArgumentCompleter(typeof(Completers.KeyNameCompleter))]
        public string? KeyName { get; set; }

        /// <summary>One certificate of the vault.</summary>
        [Parameter(ParameterSetName = ByVault)]
        [ArgumentCompleter(typeof(Completers.CertificateNameCompleter))]
        public string? CertificateName { get; set; }

        /// <summary>Any ARM scope (subscription, resource group, a vault's resource id or one entry's).</summary>
        [Parameter(ParameterSetName = ByScope, Mandatory = true)]
        [ArgumentCompleter(typeof(Completers.RoleScopeCompleter))]
        public string Scope { get; set; } = "";

        /// <summary>
        /// Where the role applies: -Scope (any ARM scope) when given, else this call's vault or the one entry that
        /// -SecretName, -KeyName or -CertificateName names.
        /// </summary>
        protected RoleTarget ResolveRoleTarget(RoleService roles, bool forGrant)
        {
            if (ParameterSetName == ByScope)
            {
                return roles.ScopeTarget(Scope, forGrant, CancelToken);
            }

            var (entryKind, entryName) = OneEntry(SecretName, KeyName, CertificateName);
            return roles.VaultTarget(ArmVault(), SubscriptionId, entryKind, entryName, forGrant);
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
