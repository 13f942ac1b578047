using System;
using System.Collections.Generic;
using System.Linq;

namespace VaultTools
{
    /// <summary>
    /// A key vault as Azure Resource Manager describes it: where it lives, its tier and its permission
    /// model. Output of Get-Vault and New-Vault. Its Name binds into -VaultName of the next cmdlet
    /// (alias VaultName in VaultTools.types.ps1xml), and ResourceGroupName/SubscriptionId bind too.
    /// </summary>
    public sealed class Vault
    {
        public string Name { get; set; } = "";
        /// <summary>The ARM resource id: /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{name}.</summary>
        public string ResourceId { get; set; } = "";
        public string ResourceGroupName { get; set; } = "";
        public string SubscriptionId { get; set; } = "";
        public string? Location { get; set; }
        public Uri? VaultUri { get; set; }
        /// <summary>Standard or Premium (Premium keeps HSM-protected keys).</summary>
        public string Sku { get; set; } = "Standard";
        public string? TenantId { get; set; }
        /// <summary>True: Azure RBAC decides data access (role assignments). False: the vault's access policies do.</summary>
        public bool EnableRbacAuthorization { get; set; }
        public bool EnableSoftDelete { get; set; } = true;
        public int? SoftDeleteRetentionInDays { get; set; }
        public bool EnablePurgeProtection { get; set; }
        public string? ProvisioningState { get; set; }
        public VaultAccessPolicy[] AccessPolicies { get; set; } = Array.Empty<VaultAccessPolicy>();
        public Dictionary<string, string> Tags { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>"RBAC" or "AccessPolicy": the permission model, in words.</summary>
        public string PermissionModel => EnableRbacAuthorization ? "RBAC" : "AccessPolicy";

        public override string ToString() => ResourceId.Length > 0 ? ResourceId : Name;
    }

    /// <summary>
    /// One principal's access policy on a vault that uses the access-policy model: the operations it may
    /// perform per category. Output of Set-VaultAccessPolicy -PassThru and part of <see cref="Vault"/>.
    /// </summary>
    public sealed class VaultAccessPolicy
    {
        public string VaultName { get; set; } = "";
        public string? TenantId { get; set; }
        /// <summary>Object id of the user, group, service principal or managed identity.</summary>
        public string ObjectId { get; set; } = "";
        /// <summary>Set only for compound identities (an application acting for a user).</summary>
        public string? ApplicationId { get; set; }
        public string[] PermissionsToSecrets { get; set; } = Array.Empty<string>();
        public string[] PermissionsToKeys { get; set; } = Array.Empty<string>();
        public string[] PermissionsToCertificates { get; set; } = Array.Empty<string>();
        public string[] PermissionsToStorage { get; set; } = Array.Empty<string>();

        public override string ToString()
            => $"{ObjectId}: secrets [{string.Join(", ", PermissionsToSecrets)}] keys [{string.Join(", ", PermissionsToKeys)}] certificates [{string.Join(", ", PermissionsToCertificates)}]";

        internal bool IsEmpty => PermissionsToSecrets.Length == 0 && PermissionsToKeys.Length == 0 && PermissionsToCertificates.Length == 0 && PermissionsToStorage.Length == 0;
    }
}
