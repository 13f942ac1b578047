# Help for Get-VaultKeyRotationPolicy: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Gets a key''s rotation policy.'
    Description = 'Get-VaultKeyRotationPolicy returns when Key Vault rotates the key (RotateAfterCreate or RotateBeforeExpiry), when it sends the near-expiry event (NotifyBeforeExpiry) and how long versions made by rotation live (ExpiresIn), as ISO 8601 durations. A key without a policy of its own has the service''s default policy.'
    Parameters  = @{
        Name = 'The key''s name.'
    }
    Examples    = @(
        @{ Code = 'Add-VaultKey -Name cmk -KeyType RSA -Size 2048
Get-VaultKeyRotationPolicy -Name cmk'; Remarks = 'Shows the rotation policy of cmk.' }
        @{ Code = 'Get-VaultKey | Get-VaultKeyRotationPolicy | Where-Object { -not $_.RotateAfterCreate -and -not $_.RotateBeforeExpiry }'; Remarks = 'Finds the keys that are never rotated automatically.' }
    )
    Links       = @('Set-VaultKeyRotationPolicy', 'Invoke-VaultKeyRotation')
}
