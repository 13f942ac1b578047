# Help for Set-VaultKeyRotationPolicy: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Sets a key''s rotation policy.'
    Description = @'
Set-VaultKeyRotationPolicy replaces a key's rotation policy. Durations are ISO 8601 strings (P90D for 90 days, P18M for 18 months, P2Y for two years) or TimeSpans, for example (New-TimeSpan -Days 90).

The policy is checked before it is sent, with the rules Microsoft documents: versions made by rotation must live at least 28 days (-ExpiresIn); rotation happens at least 7 days after creation and at least 7 days before expiry; rotating or notifying before expiry needs -ExpiresIn; a rotation has one trigger (-RotateAfterCreate or -RotateBeforeExpiry); the notification comes at least 7 days before expiry; no duration is longer than 100 years (36500 days). Months count as 30 days and years as 365 for these checks. Supports -WhatIf and -Confirm.
'@
    Parameters  = @{
        Name               = 'The key''s name.'
        ExpiresIn          = 'How long versions made by rotation live, at least 28 days (P28D).'
        RotateAfterCreate  = 'Rotate this long after a version was created, at least 7 days.'
        RotateBeforeExpiry = 'Rotate this long before a version expires, at least 7 days; needs -ExpiresIn.'
        NotifyBeforeExpiry = 'Send the near-expiry event (Event Grid) this long before a version expires, at least 7 days; needs -ExpiresIn.'
        PassThru           = 'Return the policy as the vault stored it.'
    }
    Examples    = @(
        @{ Code = 'Add-VaultKey -Name cmk -KeyType RSA -Size 2048
Set-VaultKeyRotationPolicy -Name cmk -RotateAfterCreate P18M -ExpiresIn P2Y -NotifyBeforeExpiry P30D -PassThru'; Remarks = 'Rotates cmk every 18 months; versions expire after two years, with a notification 30 days before.' }
        @{ Code = 'Add-VaultKey -Name signer -KeyType EC -CurveName P-256
Set-VaultKeyRotationPolicy -Name signer -RotateBeforeExpiry (New-TimeSpan -Days 30) -ExpiresIn (New-TimeSpan -Days 365)'; Remarks = 'Rotates 30 days before each version''s one-year expiry, with durations given as TimeSpans.' }
    )
    Links       = @('Get-VaultKeyRotationPolicy', 'Invoke-VaultKeyRotation')
}
