# Help for Set-VaultAccessPolicy: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Gives a principal access-policy permissions on a vault that uses the access-policy model.'
    Description = @'
Set-VaultAccessPolicy changes one principal's access policy on a vault whose EnableRbacAuthorization is false (see Get-Vault). It calls ARM's accessPolicies operations (api-version 2023-07-01) and never rewrites the policies of other principals.

- By default (ARM's "add"), the permissions given are added to what the principal already has; categories not given are left as they are.
- With -Replace (ARM's "replace"), the principal's permissions become exactly those given; categories not given become empty.

Permission names are checked before anything is sent, ignoring case: secrets get, list, set, delete, backup, restore, recover, purge; keys get, list, update, create, import, delete, recover, backup, restore, decrypt, encrypt, unwrapKey, wrapKey, verify, sign, purge, rotate, getrotationpolicy, setrotationpolicy; certificates get, list, update, create, import, delete, recover, backup, restore, managecontacts, manageissuers, getissuers, listissuers, setissuers, deleteissuers, purge. An unknown name is the error InvalidAccessPolicyPermission (InvalidArgument) naming the parameter and the value. Tab completion offers the names.

On a vault that uses Azure RBAC the command is refused with VaultUsesRbac (InvalidOperation) before anything is written, because Azure ignores access policies there; use Grant-VaultRole. It does not ask for confirmation by default (ConfirmImpact Medium, as Set-AzKeyVaultAccessPolicy), so a non-interactive runbook can grant; -Confirm asks, -WhatIf shows the change, and -Force skips the prompt that $ConfirmPreference Medium or lower would show. Remove-VaultAccessPolicy keeps its prompt.

Unlike Set-AzKeyVaultAccessPolicy of Az.KeyVault (-VaultName at position 0, -ResourceGroupName at 1), the principal is the positional parameter (position 0) and -VaultName is named: the vault is usually the session's default and the resource group is found from the vault's name, while the principal is the one thing always given.
'@
    Parameters  = @{
        ObjectId                  = 'The object id of the user, group, service principal or managed identity.'
        PermissionsToSecrets      = 'Secret permissions: get, list, set, delete, backup, restore, recover, purge.'
        PermissionsToKeys         = 'Key permissions: get, list, update, create, import, delete, recover, backup, restore, decrypt, encrypt, unwrapKey, wrapKey, verify, sign, purge, rotate, getrotationpolicy, setrotationpolicy.'
        PermissionsToCertificates = 'Certificate permissions: get, list, update, create, import, delete, recover, backup, restore, managecontacts, manageissuers, getissuers, listissuers, setissuers, deleteissuers, purge.'
        Replace                   = 'Make the principal''s permissions exactly those given (categories not given become empty), instead of adding to them.'
        Force                     = 'Change the policy without asking for confirmation even when $ConfirmPreference is Medium or lower. -WhatIf and an explicit -Confirm still apply.'
        PassThru                  = 'Return the principal''s access policy as the vault now holds it.'
        ResourceGroupName         = 'The vault''s resource group. Without it, the vault is looked up by name.'
        SubscriptionId            = 'The vault''s subscription, instead of the session''s.'
    }
    Examples    = @(
        @{ Code = 'New-Vault -Name legacy-kv -EnableRbacAuthorization $false | Out-Null     # a vault on the access-policy model
$appId = ''3f6b8d21-9a4e-4c07-b5d2-e61a9c0f7b38''     # the application''s service principal: (Get-AzADServicePrincipal -DisplayName app).Id
Set-VaultAccessPolicy -VaultName legacy-kv -ObjectId $appId -PermissionsToSecrets get, list -Force'; Remarks = 'Lets an application read and list secrets, in addition to what it had.' }
        @{ Code = 'Set-VaultAccessPolicy -VaultName legacy-kv -ObjectId $appId -PermissionsToSecrets get -Replace -Force -PassThru'; Remarks = 'Cuts the application down to reading secrets only, and shows the resulting policy.' }
    )
    Links       = @('Remove-VaultAccessPolicy', 'Get-Vault', 'Grant-VaultRole')
}
