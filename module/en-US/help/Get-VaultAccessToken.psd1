# Help for Get-VaultAccessToken: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Gets an access token of the session''s credential, for Key Vault, ARM or another resource.'
    Description = @'
Get-VaultAccessToken asks the session's credential (Connect-Vault: managed identity, service principal, emulator...) for a token, from the same token cache the cmdlets use. It is the first step of the two-step flow that other languages and tools use with Key Vault: get a token for the vault resource, then call the entry's URL with the header "Authorization: Bearer <token>".

By default the token is for Key Vault (https://vault.azure.net in Azure); -ResourceTypeName Arm gets one for Azure Resource Manager, and -ResourceUrl for any other resource. The result is a VaultTools.VaultAccessToken with the token as a SecureString, its expiry, the resource, and the tenant, user or application id and object id read from the token's claims (not validated: the service validates). -AsPlainText returns the token string alone, ready for an Authorization header; its expiry is then shown in verbose output.
'@
    Parameters  = @{
        ResourceTypeName = 'KeyVault (the default) or Arm.'
        ResourceUrl      = 'The resource (application id URI) to get a token for, for example https://storage.azure.com. A trailing /.default is accepted.'
        AsPlainText      = 'Return the token as a plain string instead of an object with a SecureString.'
    }
    Examples    = @(
        @{ NeedsAzure = 'calls the REST API of the vault contoso-app-kv in Azure directly'; Code = '$token = Get-VaultAccessToken -AsPlainText
Invoke-RestMethod -Uri ''https://contoso-app-kv.vault.azure.net/secrets/db-password?api-version=7.5'' -Headers @{ Authorization = "Bearer $token" }'; Remarks = 'The two-step flow: get a token for Key Vault, then read a secret over REST as any language would.' }
        @{ Code = 'Get-VaultAccessToken | Select-Object ObjectId, TenantId, ExpiresOn'; Remarks = 'Shows which object id the session signs in as: the id to give Grant-VaultRole or Set-VaultAccessPolicy.' }
        @{ Code = 'Get-VaultAccessToken -ResourceTypeName Arm'; Remarks = 'A token for Azure Resource Manager (the audience role assignments and vaults are managed with).' }
    )
    Links       = @('Connect-Vault', 'Grant-VaultRole')
}
