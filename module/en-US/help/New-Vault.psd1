# Help for New-Vault: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Creates a key vault (Standard or Premium, Azure RBAC or access policies).'
    Description = @'
New-Vault creates a key vault through Azure Resource Manager (Microsoft.KeyVault/vaults, api-version 2023-07-01), in the emulator's ARM subset as in Azure.

The vault uses the Azure RBAC permission model unless -EnableRbacAuthorization $false is given: access to its secrets, keys and certificates is then granted with Grant-VaultRole, down to a single entry. A vault on the access-policy model is managed with Set-VaultAccessPolicy instead.

Soft delete is always on (Azure no longer allows it off); -SoftDeleteRetentionInDays sets how long a deleted entry or vault stays recoverable (7 to 90 days, 90 by default). -EnablePurgeProtection forbids purging during that period; it cannot be switched off later.

Its creator (the identity of the session, the oid of its ARM token) is given access to the data, as Azure PowerShell does: on an access-policy vault an access policy with every secret, key and certificate permission, sent with the vault itself; on an RBAC vault, with -GrantCreatorAccess, the role Key Vault Administrator at the new vault. Without -GrantCreatorAccess an RBAC vault only gets a warning naming the role to grant and the command that grants it, since a role at the resource group or subscription may already give the creator access.

Without -ResourceGroupName the session's resource group is used (Connect-Vault -ResourceGroupName, or the emulator's). Without -Location the vault is created in the location of its resource group, as az keyvault create does (in the emulator, its resource group's location, "emulator"). The tenant is the session's. A name that already exists in the resource group is refused with VaultAlreadyExists (ResourceExists) rather than overwritten: a PUT on an existing vault would replace its access policies. Vault names are global in Azure; a name taken elsewhere fails with the service's conflict.
'@
    Parameters  = @{
        Name                      = 'The vault''s name: 3 to 24 letters, digits and hyphens, starting with a letter, ending with a letter or digit, no consecutive hyphens. It becomes https://<name>.vault.azure.net/.'
        ResourceGroupName         = 'The resource group to create the vault in. Defaults to the session''s resource group (Connect-Vault -ResourceGroupName; in the emulator, its resource group).'
        Location                  = 'The Azure region, for example westeurope. Defaults to the location of the resource group.'
        Sku                       = 'Standard (the default) or Premium. Premium vaults can hold HSM-protected keys (RSA-HSM, EC-HSM).'
        EnableRbacAuthorization   = 'True (the default): Azure RBAC decides who may use the vault''s data (Grant-VaultRole). False: the vault''s access policies do (Set-VaultAccessPolicy).'
        SoftDeleteRetentionInDays = 'How many days deleted entries (and the vault itself) stay recoverable: 7 to 90, 90 by default.'
        EnablePurgeProtection     = 'Forbid purging deleted entries and the vault until their retention period ends. Cannot be turned off once on.'
        Tag                       = 'Azure resource tags for the vault, as a hashtable of names to values.'
        GrantCreatorAccess        = 'On an RBAC vault, assign the creator (the session''s identity) Key Vault Administrator at the new vault, so it can use the vault''s data at once. An access-policy vault always gives its creator every permission.'
        SubscriptionId            = 'The subscription to create the vault in, instead of the session''s (Connect-Vault -SubscriptionId; in the emulator, its subscription).'
    }
    Examples    = @(
        @{ Code = 'New-Vault -Name contoso-app-kv -Location westeurope'; Remarks = 'Creates a Standard vault on the Azure RBAC model with 90 days of soft delete, in the session''s resource group (Connect-Vault -ResourceGroupName; the emulator''s own group in the emulator).' }
        @{ Code = '$group = (Get-Vault -Name contoso-app-kv).ResourceGroupName
New-Vault -Name contoso-hsm-kv -ResourceGroupName $group -Sku Premium -SoftDeleteRetentionInDays 30 -EnablePurgeProtection -Tag @{ owner = ''team-a'' }'; Remarks = 'A Premium vault for HSM-protected keys, with purge protection, in the resource group of contoso-app-kv.' }
        @{ Code = '$appObjectId = ''3f6b8d21-9a4e-4c07-b5d2-e61a9c0f7b38''     # the application''s service principal: (Get-AzADServicePrincipal -DisplayName app).Id
New-Vault -Name legacy-kv -EnableRbacAuthorization $false | Set-VaultAccessPolicy -ObjectId $appObjectId -PermissionsToSecrets get, list -Force'; Remarks = 'A vault on the access-policy model, and a policy for an application. The vault''s Name binds into -VaultName.' }
    )
    Links       = @('Get-Vault', 'Remove-Vault', 'Grant-VaultRole', 'Set-VaultAccessPolicy')
}
