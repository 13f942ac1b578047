# Help for Revoke-VaultRole: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Removes role assignments from a vault, an entry or any scope.'
    Description = @'
Revoke-VaultRole deletes role assignments. Give the same -Role, -ObjectId and scope (-SecretName, -KeyName, -CertificateName, -Scope, or the vault by default) as when granting, or pipe assignments from Get-VaultRoleAssignment.

Only an assignment at exactly the given scope is removed: a principal that still holds the role at an enclosing scope (the vault, its resource group or subscription) keeps access through it; Get-VaultRoleAssignment -ObjectId <id> -IncludeInherited shows where. When there is nothing to revoke the error is VaultRoleAssignmentNotFound (ObjectNotFound). An assignment piped in that is already gone is reported in verbose output only.

Revoke-VaultRole works on vaults of either permission model. It asks for confirmation (ConfirmImpact High); -Force skips the prompt. Azure may take a few minutes to apply a removal everywhere; the emulator applies it at once.
'@
    Parameters  = @{
        Role              = 'The role to revoke: a name or a role definition id.'
        ObjectId          = 'The object id of the principal to revoke the role from.'
        SecretName        = 'Revoke the assignment on this secret.'
        KeyName           = 'Revoke the assignment on this key.'
        CertificateName   = 'Revoke the assignment on this certificate.'
        Scope             = 'Revoke the assignment at this ARM scope.'
        InputObject       = 'Role assignments to remove, from Get-VaultRoleAssignment or Grant-VaultRole.'
        Force             = 'Revoke without asking for confirmation. -WhatIf and an explicit -Confirm still apply.'
        PassThru          = 'Return the removed assignments.'
        ResourceGroupName = 'The vault''s resource group. Without it, the vault is looked up by name.'
        SubscriptionId    = 'The vault''s subscription, instead of the session''s.'
    }
    Examples    = @(
        @{ Code = '$mi = ''0c9d6e2a-41f7-4b85-a3e0-8d27b5f19c46''     # the managed identity''s principal id: (Get-AzUserAssignedIdentity -ResourceGroupName rg-app -Name app-identity).PrincipalId
Set-VaultSecret -Name db-password -PlainTextValue ''example-db-password'' | Out-Null
Grant-VaultRole -Role ''Key Vault Secrets User'' -ObjectId $mi -PrincipalType ServicePrincipal -SecretName db-password -Force | Out-Null
Revoke-VaultRole -Role ''Key Vault Secrets User'' -ObjectId $mi -SecretName db-password -Force'; Remarks = 'Takes back what the first example of Grant-VaultRole gave (granted here first).' }
        @{ Code = '$leaverId = $mi     # the object id of someone who left the team
Grant-VaultRole -Role ''Key Vault Reader'' -ObjectId $leaverId -PrincipalType ServicePrincipal -Force | Out-Null
Get-VaultRoleAssignment -ObjectId $leaverId | Revoke-VaultRole -Force -PassThru'; Remarks = 'Removes every assignment a principal has on the vault and its entries, and lists what was removed.' }
    )
    Links       = @('Grant-VaultRole', 'Get-VaultRoleAssignment')
}
