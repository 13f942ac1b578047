# Help for Connect-Vault: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Signs in to Azure Key Vault (or the local emulator) for the session.'
    Description = @'
Connect-Vault chooses how VaultTools gets its tokens and, optionally, which vault is the session's default. The credential and its token cache are kept for the whole session (process), so a script that calls hundreds of cmdlets makes one token request.

Credential kinds:
- Default (no credential parameters): DefaultAzureCredential without interactive browser login (environment variables, workload identity, managed identity, Azure CLI, Azure PowerShell, Visual Studio).
- -Identity [-ClientId]: a managed identity, system-assigned or user-assigned. This is the recommended way on Azure VMs, App Service, Functions and Azure Automation (which set IDENTITY_ENDPOINT and IDENTITY_HEADER).
- -TenantId -ClientId with -ClientSecret, -Certificate or -CertificatePath: a service principal.
- -AccessToken: a token for the vault resource obtained elsewhere.

With -Emulator (or the object from Start-VaultEmulator on the pipeline, or the VAULTTOOLS_EMULATOR environment variable naming an emulator.json) the same credentials are pointed at the local VaultTools emulator: its token endpoints, its managed identity endpoints, TLS trust pinned to the emulator's own CA certificate only. Without other credential parameters, emulator mode signs in as the emulator's built-in administrator.

Connect-Vault does not call the vault; the first cmdlet that does will report a credential problem as the error VaultAuthenticationFailed or VaultCredentialUnavailable.
'@
    Parameters  = @{
        VaultName           = 'The session''s default vault, used by every cmdlet that is not given -VaultName or -VaultUri.'
        VaultUri            = 'The session''s default vault as a URI, for clouds or endpoints that -VaultName cannot express.'
        Identity            = 'Sign in with a managed identity: the system-assigned identity, or the user-assigned identity given by -ClientId.'
        ClientId            = 'With -Identity: the client id of a user-assigned managed identity. With -ClientSecret or a certificate: the application (client) id of the service principal. Alone: the managed identity client id that DefaultAzureCredential should use.'
        TenantId            = 'The Entra ID tenant of the service principal. In emulator mode it defaults to the emulator''s tenant.'
        ClientSecret        = 'The service principal''s client secret, as a SecureString.'
        Certificate         = 'The service principal''s certificate, with its private key (for example from Get-Item Cert:\CurrentUser\My\<thumbprint>).'
        CertificatePath     = 'A PFX file with the service principal''s certificate and private key.'
        CertificatePassword = 'The password of the PFX file given to -CertificatePath, as a SecureString.'
        AccessToken         = 'A bearer token for the vault resource (audience https://vault.azure.net), as a SecureString. Get-VaultAccessToken or az account get-access-token --resource https://vault.azure.net produce one.'
        Environment         = 'The Azure cloud: AzureCloud (default), AzureChinaCloud or AzureUSGovernment. It sets the vault DNS suffix and the sign-in authority.'
        Emulator            = 'Connect to the local VaultTools emulator instead of Azure. Without -EmulatorInfo, the emulator named by $env:VAULTTOOLS_EMULATOR, else the last one started in this session (without either, EmulatorNotFound).'
        EmulatorInfo        = 'The emulator to connect to: the object from Start-VaultEmulator (from the pipeline), or the path of an emulator.json or of the emulator''s data folder.'
        SubscriptionId      = 'The Azure subscription in which vaults, role assignments and access policies are managed (the ARM cmdlets: Get-Vault, Grant-VaultRole, Set-VaultAccessPolicy...). In emulator mode it defaults to the emulator''s subscription.'
        ResourceGroupName   = 'The resource group of the session''s vaults, for the ARM cmdlets. Without it a vault is looked up by name in the subscription. In emulator mode it defaults to the emulator''s resource group.'
    }
    Examples    = @(
        @{ Title = 'A managed identity in Azure Automation or on a VM'; Code = 'Connect-Vault -Identity -VaultName contoso-kv'; Remarks = 'Signs in with the system-assigned managed identity and makes contoso-kv the default vault. Add -ClientId for a user-assigned identity.' }
        @{ Title = 'A service principal with a secret'; NeedsAzure = 'signs in to Entra ID with an app registration''s secret, typed at the prompt'; Code = '$secret = Read-Host -AsSecureString -Prompt ''Client secret''
Connect-Vault -TenantId $tenantId -ClientId $appId -ClientSecret $secret -VaultName contoso-kv'; Remarks = 'The secret is read as a SecureString and never echoed.' }
        @{ Title = 'The local emulator'; Code = 'Start-VaultEmulator | Connect-Vault -Emulator
Set-VaultSecret -Name demo -PlainTextValue ''hello''
Get-VaultSecret -Name demo -AsPlainText'; Remarks = 'Starts the emulator, connects as its administrator and uses its default vault, local.' }
    )
    Links       = @('Disconnect-Vault', 'Get-VaultConnection', 'Start-VaultEmulator', 'about_VaultTools')
}
