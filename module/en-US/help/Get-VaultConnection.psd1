# Help for Get-VaultConnection: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Shows the session''s connection.'
    Description = 'Get-VaultConnection returns the credential kind, client and tenant ids, default vault and cloud (or emulator) of the connection made by Connect-Vault. It returns nothing when not connected. It never shows a secret or a token.'
    Parameters  = @{}
    Examples    = @(
        @{ Code = 'Get-VaultConnection'; Remarks = 'Shows how the session is signed in.' }
        @{ Code = 'if (-not (Get-VaultConnection)) { Connect-Vault -Identity }'; Remarks = 'Connects only when the session is not connected yet.' }
    )
    Links       = @('Connect-Vault')
}
