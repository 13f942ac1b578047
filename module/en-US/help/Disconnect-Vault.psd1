# Help for Disconnect-Vault: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Forgets the session''s connection and its cached tokens.'
    Description = 'Disconnect-Vault removes the credential that Connect-Vault set for this session. Cmdlets called afterwards fail with VaultNotConnected until Connect-Vault is run again.'
    Parameters  = @{}
    Examples    = @(
        @{ Code = 'Disconnect-Vault'; Remarks = 'Ends the session''s connection.' }
        @{ NeedsAzure = 'a managed identity exists only on an Azure VM, App Service or Automation account, and contoso-kv is a vault in Azure'; Code = 'Connect-Vault -Identity -VaultName contoso-kv
try { Get-VaultSecret -Name api-key -AsPlainText } finally { Disconnect-Vault }'; Remarks = 'Keeps the credential only for as long as a script needs it.' }
    )
    Links       = @('Connect-Vault')
}
