# Help for Grant-VaultRole: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Gives a user, group, service principal or managed identity an Azure role on a vault or on one secret, key or certificate.'
    Description = @'
Grant-VaultRole creates an Azure role assignment (Microsoft.Authorization/roleAssignments, api-version 2022-04-01). The scope is the vault (the default), one entry of it (-SecretName, -KeyName or -CertificateName), or any ARM scope given with -Scope (a resource group or subscription, for example). A role applies at its scope and everything below it: Key Vault Secrets User on one secret lets the principal read that secret only; on the vault, every secret.

-Role takes a role name or a role definition id. The built-in Key Vault roles (Key Vault Administrator, Reader, Secrets Officer, Secrets User, Crypto Officer, Crypto User, Crypto Service Encryption User, Certificates Officer, Certificate User) are resolved locally and tab-complete; other roles are looked up by name in the subscription.

-ObjectId is the principal's object id; for a managed identity, its object (principal) id, not its client id. -PrincipalType (User, Group or ServicePrincipal; a managed identity is a ServicePrincipal) avoids a directory lookup and the replication delay of newly created principals.

A secret, key or certificate that does not exist (or is deleted) is not refused, as Azure does not refuse it: the role is granted on that name and applies to an entry created under it later. Because a missing entry is most often a typing mistake, Grant-VaultRole warns, naming the vault and the name (it checks by listing the entry's versions; when the caller may not, it grants without the check).

Granting is idempotent: when the principal already has exactly this role at exactly this scope, the existing assignment is returned, nothing is changed and no confirmation is asked. A 409 RoleAssignmentExists from ARM (a grant racing another) is answered the same way.

A vault on the access-policy model is refused with VaultUsesAccessPolicies (InvalidOperation) before anything is written, because Azure does not consult role assignments for its data; use Set-VaultAccessPolicy there. Without the right to create role assignments (Owner or User Access Administrator), ARM's denial is the error VaultAccessDenied (PermissionDenied) with ARM's message, which names the caller, the action and the scope.

Granting does not ask for confirmation by default (ConfirmImpact Medium, as New-AzRoleAssignment), so a non-interactive runbook can grant; -Confirm asks, -WhatIf shows the exact scope and role, and -Force skips the prompt that $ConfirmPreference Medium or lower would show. Revoke-VaultRole keeps its prompt.

-SecretName, -KeyName and -CertificateName complete the vault's names, and -Scope the resource ids of the vaults the connection sees, their resource groups and the subscription.
'@
    Parameters  = @{
        Role            = 'The role: a name such as ''Key Vault Secrets User'' (tab completion offers the Key Vault roles) or a role definition id (GUID or full id).'
        ObjectId        = 'The object id of the user, group, service principal or managed identity. Binds from the pipeline by property name (ObjectId or PrincipalId), so emulator identities and role assignments flow in.'
        PrincipalType   = 'User, Group or ServicePrincipal (managed identities are service principals). Optional; when omitted ARM looks the principal up.'
        SecretName      = 'Grant the role on this one secret instead of the whole vault.'
        KeyName         = 'Grant the role on this one key instead of the whole vault.'
        CertificateName = 'Grant the role on this one certificate instead of the whole vault.'
        Scope           = 'Any ARM scope, for example /subscriptions/<id>/resourceGroups/<rg>. Vault and entry scopes given this way are checked against the vault''s permission model too.'
        Force           = 'Grant without asking for confirmation even when $ConfirmPreference is Medium or lower. -WhatIf and an explicit -Confirm still apply.'
        ResourceGroupName = 'The vault''s resource group. Without it, the vault is looked up by name in the subscription (once per session).'
        SubscriptionId  = 'The vault''s subscription, instead of the session''s.'
    }
    Examples    = @(
        @{ NeedsAzure = 'reads the identity with Az.ManagedServiceIdentity (Get-AzUserAssignedIdentity) from a resource group in Azure'; Code = '$mi = (Get-AzUserAssignedIdentity -ResourceGroupName rg-app -Name app-identity).PrincipalId
Grant-VaultRole -VaultName contoso-app-kv -Role ''Key Vault Secrets User'' -ObjectId $mi -PrincipalType ServicePrincipal -SecretName db-password -Force'; Remarks = 'Lets one managed identity read one secret, and nothing else in the vault.' }
        @{ Code = '$opsGroupId = ''5b0c3f8e-2d41-4a7b-9e36-c18f0a7d2e94''     # the ops group''s object id: (Get-AzADGroup -DisplayName ops).Id
Grant-VaultRole -Role ''Key Vault Secrets Officer'' -ObjectId $opsGroupId -PrincipalType Group -WhatIf'; Remarks = 'Shows the exact scope (the session''s default vault) and role that would be granted.' }
        @{ Code = '$auditorId = ''e2a7d915-6c3b-48f0-b1d4-7a9e05c63f28''     # the auditor''s object id: (Get-AzADUser -UserPrincipalName auditor@contoso.com).Id
$vault = Get-Vault -Name (Get-VaultConnection).VaultName
Grant-VaultRole -Role ''Key Vault Reader'' -ObjectId $auditorId -PrincipalType User -Scope "/subscriptions/$($vault.SubscriptionId)/resourceGroups/$($vault.ResourceGroupName)" -Force'; Remarks = 'Grants a role on the resource group of the session''s vault: it applies to every vault in it.' }
        @{ Code = '@{ identities = @(@{ name = ''reader''; type = ''UserAssignedManagedIdentity'' }) } | ConvertTo-Json -Depth 3 | Set-Content ./identities.json
$emulator = Start-VaultEmulator -ConfigPath ./identities.json
$emulator | Connect-Vault -Emulator
Set-VaultSecret -Name app-secret -PlainTextValue ''example-app-secret'' | Out-Null
$emulator.Identities | Where-Object Name -eq reader | Grant-VaultRole -Role ''Key Vault Secrets User'' -SecretName app-secret -Force'; Remarks = 'In the emulator: the identity''s ObjectId binds from the pipeline. Running it twice returns the same assignment.' }
    )
    Links       = @('Revoke-VaultRole', 'Get-VaultRoleAssignment', 'Get-VaultRoleDefinition', 'Set-VaultAccessPolicy')
}
