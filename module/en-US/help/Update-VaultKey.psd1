# Help for Update-VaultKey: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Changes a key version''s enabled state, dates, tags or permitted operations.'
    Description = 'Update-VaultKey changes the attributes of one key version (the latest unless -Version or -Id names another). Properties not given stay as they are; -Tag replaces all tags (an empty hashtable removes them, as with Update-VaultSecret). A key''s material cannot be changed: make a new version with Add-VaultKey or Invoke-VaultKeyRotation. Supports -WhatIf and -Confirm.'
    Parameters  = @{
        Name     = 'The key''s name.'
        Version  = 'The version to change. Without it, the latest version.'
        Id       = 'The key''s URL, with or without a version.'
        Enable   = '$true enables the version, $false disables it (a disabled key cannot be used for any operation).'
        Expires  = 'The new expiry date.'
        NotBefore = 'The new not-before date.'
        Tag      = 'Tags that replace the current ones (at most 15); @{} removes them all.'
        KeyOps   = 'The operations the key may be used for from now on: encrypt, decrypt, sign, verify, wrapKey, unwrapKey.'
        PassThru = 'Return the updated key.'
    }
    Examples    = @(
        @{ Code = 'Add-VaultKey -Name cmk -KeyType RSA -Size 2048
Update-VaultKey -Name cmk -Enable $false'; Remarks = 'Disables the current version of cmk.' }
        @{ Code = 'Get-VaultKey -Name ''legacy-*'' | Update-VaultKey -Expires (Get-Date).AddDays(30) -Tag @{ Retire = ''yes'' } -PassThru'; Remarks = 'Gives every legacy key an expiry date and a tag.' }
    )
    Links       = @('Get-VaultKey', 'Add-VaultKey')
}
