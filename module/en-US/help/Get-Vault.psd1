# Help for Get-Vault: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Gets a key vault''s description from Azure Resource Manager, or lists vaults.'
    Description = @'
Get-Vault returns VaultTools.Vault objects: name, resource id, resource group, subscription, location, vault URI, SKU, permission model (EnableRbacAuthorization, shown as PermissionModel RBAC or AccessPolicy), soft-delete retention, purge protection, access policies and tags.

With an exact -Name it reads that vault: in -ResourceGroupName when given, else in the session's resource group, else by looking the name up among the subscription's vaults (the resource group found is remembered for the session). With a wildcard, or no -Name, it lists the vaults of the resource group, or of the whole subscription.

A vault that does not exist is the error VaultNotFound (ObjectNotFound).
'@
    Parameters  = @{
        Name              = 'The vault''s name. Wildcards list matching vaults; without -Name every vault of the resource group or subscription is listed.'
        ResourceGroupName = 'The resource group to look in. Without it, the session''s resource group, then the whole subscription.'
        SubscriptionId    = 'The subscription to look in, instead of the session''s. Binds from the pipeline by property name.'
    }
    Examples    = @(
        @{ Code = 'New-Vault -Name contoso-app-kv | Out-Null     # a vault to look at
Get-Vault -Name contoso-app-kv'; Remarks = 'Shows the vault, including whether it uses Azure RBAC or access policies.' }
        @{ Code = 'Get-Vault | Where-Object { -not $_.EnableRbacAuthorization } | Select-Object Name, ResourceGroupName'; Remarks = 'Finds the vaults of the subscription that still use access policies.' }
        @{ Code = 'New-Vault -Name legacy-kv -EnableRbacAuthorization $false | Out-Null     # a vault on the access-policy model
(Get-Vault -Name legacy-kv).AccessPolicies'; Remarks = 'Shows who has which permissions on a vault on the access-policy model.' }
    )
    Links       = @('New-Vault', 'Remove-Vault', 'Get-VaultRoleAssignment')
}
