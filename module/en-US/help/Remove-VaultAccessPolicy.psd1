# Help for Remove-VaultAccessPolicy: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Removes a principal''s access policy from a vault.'
    Description = @'
Remove-VaultAccessPolicy takes every access-policy permission of one principal away (ARM's accessPolicies "remove" with the principal's current permissions). Other principals' policies are untouched. A principal without a policy on the vault is the error VaultAccessPolicyNotFound (ObjectNotFound).

On a vault that uses Azure RBAC the policy is removed too, with a warning that it was not in effect; use Revoke-VaultRole to take access away there. It asks for confirmation (ConfirmImpact High); -Force skips the prompt.

Unlike Remove-AzKeyVaultAccessPolicy of Az.KeyVault (-VaultName at position 0, -ResourceGroupName at 1), the principal is the positional parameter (position 0) and -VaultName is named, as for Set-VaultAccessPolicy: the vault is usually the session's default and the resource group is found from the vault's name.
'@
    Parameters  = @{
        ObjectId          = 'The object id of the principal whose access policy is removed.'
        Force             = 'Remove without asking for confirmation. -WhatIf and an explicit -Confirm still apply.'
        PassThru          = 'Return the policy that was removed.'
        ResourceGroupName = 'The vault''s resource group. Without it, the vault is looked up by name.'
        SubscriptionId    = 'The vault''s subscription, instead of the session''s.'
    }
    Examples    = @(
        @{ Code = 'New-Vault -Name legacy-kv -EnableRbacAuthorization $false | Out-Null     # a vault on the access-policy model
$appId = ''3f6b8d21-9a4e-4c07-b5d2-e61a9c0f7b38''     # the application''s service principal: (Get-AzADServicePrincipal -DisplayName app).Id
Set-VaultAccessPolicy -VaultName legacy-kv -ObjectId $appId -PermissionsToSecrets get, list -Force     # what it had
Remove-VaultAccessPolicy -VaultName legacy-kv -ObjectId $appId -Force'; Remarks = 'The application loses all access granted by policy.' }
        @{ Code = '(Get-Vault -Name legacy-kv).AccessPolicies | Where-Object { -not $_.PermissionsToSecrets } | Remove-VaultAccessPolicy -VaultName legacy-kv -WhatIf'; Remarks = 'Shows which policies without secret permissions would be removed.' }
    )
    Links       = @('Set-VaultAccessPolicy', 'Get-Vault')
}
