using System;

namespace VaultTools
{
    /// <summary>
    /// An Azure role assignment: a principal holds a role at a scope (a subscription, a resource group,
    /// a vault or one entry of a vault) and everything below it. Output of Grant-VaultRole and
    /// Get-VaultRoleAssignment; input of Revoke-VaultRole.
    /// </summary>
    public sealed class RoleAssignment
    {
        /// <summary>The assignment's ARM id: {scope}/providers/Microsoft.Authorization/roleAssignments/{guid}.</summary>
        public string Id { get; set; } = "";
        /// <summary>The assignment's name, a GUID.</summary>
        public string Name { get; set; } = "";
        public string Scope { get; set; } = "";
        /// <summary>What the scope is: Subscription, ResourceGroup, Vault, Secret, Key, Certificate, Root or Other.</summary>
        public string ScopeKind { get; set; } = "";
        /// <summary>The vault the scope is, or is in (null for subscription and resource group scopes).</summary>
        public string? VaultName { get; set; }
        /// <summary>The secret, key or certificate for a single-entry scope.</summary>
        public string? EntryName { get; set; }
        /// <summary>The full role definition id: /subscriptions/{s}/providers/Microsoft.Authorization/roleDefinitions/{guid}.</summary>
        public string RoleDefinitionId { get; set; } = "";
        /// <summary>The role's name (for example Key Vault Secrets User), when it could be resolved.</summary>
        public string? RoleDefinitionName { get; set; }
        /// <summary>The object id of the user, group, service principal or managed identity.</summary>
        public string PrincipalId { get; set; } = "";
        /// <summary>User, Group or ServicePrincipal (managed identities are service principals).</summary>
        public string? PrincipalType { get; set; }
        public string? Description { get; set; }
        public string? Condition { get; set; }
        public DateTimeOffset? CreatedOn { get; set; }
        public DateTimeOffset? UpdatedOn { get; set; }

        /// <summary>The role definition's GUID (the last segment of RoleDefinitionId).</summary>
        public string RoleDefinitionGuid
        {
            get
            {
                int slash = RoleDefinitionId.LastIndexOf('/');
                return slash < 0 ? RoleDefinitionId : RoleDefinitionId.Substring(slash + 1);
            }
        }

        public override string ToString() => $"{RoleDefinitionName ?? RoleDefinitionGuid} for {PrincipalId} at {Scope}";
    }

    /// <summary>An Azure role definition: a named set of allowed (data) actions. Output of Get-VaultRoleDefinition.</summary>
    public sealed class RoleDefinition
    {
        /// <summary>The full id: /subscriptions/{s}/providers/Microsoft.Authorization/roleDefinitions/{guid} (or without the subscription).</summary>
        public string Id { get; set; } = "";
        /// <summary>The role's GUID.</summary>
        public string Name { get; set; } = "";
        /// <summary>The role's display name, for example Key Vault Secrets User.</summary>
        public string RoleName { get; set; } = "";
        public string? Description { get; set; }
        /// <summary>BuiltInRole or CustomRole.</summary>
        public string? RoleType { get; set; }
        public string[] Actions { get; set; } = Array.Empty<string>();
        public string[] NotActions { get; set; } = Array.Empty<string>();
        public string[] DataActions { get; set; } = Array.Empty<string>();
        public string[] NotDataActions { get; set; } = Array.Empty<string>();
        public string[] AssignableScopes { get; set; } = Array.Empty<string>();

        public override string ToString() => RoleName.Length > 0 ? RoleName : Name;
    }
}
