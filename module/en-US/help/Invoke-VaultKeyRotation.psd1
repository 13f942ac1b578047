# Help for Invoke-VaultKeyRotation: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Rotates a key now.'
    Description = 'Invoke-VaultKeyRotation asks the vault to make a new version of the key at once (POST /keys/<name>/rotate), with the same type, size and operations, and with the expiry of its rotation policy. The new version is returned and becomes the current one; older versions stay usable to decrypt and verify. Supports -WhatIf and -Confirm.'
    Parameters  = @{
        Name = 'The key''s name.'
    }
    Examples    = @(
        @{ Code = 'Add-VaultKey -Name cmk -KeyType RSA -Size 2048
Invoke-VaultKeyRotation -Name cmk'; Remarks = 'Makes a new version of cmk now.' }
        @{ Code = 'Get-VaultKey -Name ''tenant-*'' | Invoke-VaultKeyRotation -WhatIf'; Remarks = 'Shows which keys would be rotated.' }
    )
    Links       = @('Set-VaultKeyRotationPolicy', 'Get-VaultKey')
}
