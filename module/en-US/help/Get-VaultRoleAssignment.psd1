# Help for Get-VaultRoleAssignment: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Lists who holds which role on a vault, on one of its entries, or at any scope.'
    Description = @'
Get-VaultRoleAssignment lists role assignments as VaultTools.RoleAssignment objects, shown with role names (not GUIDs), the principal, and where the assignment is (Subscription, ResourceGroup, Vault, Secret, Key or Certificate).

- Without -ObjectId: the assignments at the vault (or at the entry given with -SecretName, -KeyName or -CertificateName, or at -Scope). -IncludeInherited adds those at enclosing scopes that apply there too: the resource group and subscription, and the vault for an entry.
- With -ObjectId: the principal's assignments on the vault and on each of its entries; -IncludeInherited adds those at enclosing scopes. This answers "what can this identity reach in this vault".

Assignments at single entries below a vault are listed when a principal is given (-ObjectId) or when the entry is named; a listing at the vault without -ObjectId shows the vault-level assignments (ARM's atScope() filter).
'@
    Parameters  = @{
        ObjectId          = 'Only this principal''s assignments, on the vault and on its entries (and above with -IncludeInherited).'
        Role              = 'Only assignments of this role (name or role definition id).'
        SecretName        = 'List the assignments that apply to this secret.'
        KeyName           = 'List the assignments that apply to this key.'
        CertificateName   = 'List the assignments that apply to this certificate.'
        Scope             = 'List the assignments at this ARM scope.'
        IncludeInherited  = 'Also list assignments made at enclosing scopes (resource group, subscription; the vault for an entry), which apply here too.'
        ResourceGroupName = 'The vault''s resource group. Without it, the vault is looked up by name.'
        SubscriptionId    = 'The vault''s subscription, instead of the session''s.'
    }
    Examples    = @(
        @{ Code = 'New-Vault -Name contoso-app-kv | Out-Null     # a vault on the Azure RBAC model
Get-VaultRoleAssignment -VaultName contoso-app-kv -IncludeInherited'; Remarks = 'Everyone who holds a role on the vault, directly or from its resource group or subscription.' }
        @{ Code = 'Get-VaultRoleAssignment -SecretName db-password -IncludeInherited | Where-Object RoleDefinitionName -in ''Key Vault Secrets User'', ''Key Vault Secrets Officer'', ''Key Vault Administrator'''; Remarks = 'Who can read the secret db-password.' }
        @{ Code = '$mi = ''0c9d6e2a-41f7-4b85-a3e0-8d27b5f19c46''     # the managed identity''s principal id: (Get-AzUserAssignedIdentity -ResourceGroupName rg-app -Name app-identity).PrincipalId
Set-VaultSecret -Name db-password -PlainTextValue ''example-db-password'' | Out-Null
Grant-VaultRole -Role ''Key Vault Secrets User'' -ObjectId $mi -PrincipalType ServicePrincipal -SecretName db-password -Force | Out-Null
Get-VaultRoleAssignment -ObjectId $mi | Format-Table RoleDefinitionName, ScopeKind, EntryName'; Remarks = 'What one managed identity holds in the vault, entry by entry.' }
    )
    Links       = @('Grant-VaultRole', 'Revoke-VaultRole', 'Get-VaultRoleDefinition')
}
