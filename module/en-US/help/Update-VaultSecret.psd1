# Help for Update-VaultSecret: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Changes the properties of a secret version without writing a new value.'
    Description = @'
Update-VaultSecret changes the properties of an existing version of a secret: enabled or disabled, expiry, not-before date, content type and tags. The value is not touched and no new version is created. Without -Version the latest version is changed.

Only the properties given are sent; the others keep their values. -Tag replaces all the tags of the version, and an empty hashtable (-Tag @{}) removes them all, as with Update-VaultKey. Key Vault's update cannot clear a date (write a new version with Set-VaultSecret instead). Input is checked before any request (content type length, at most 15 tags, -Expires after -NotBefore).

A disabled version cannot be read (reading it is the error VaultSecretOperationNotAllowed); -Enable $true makes it readable again.
'@
    Parameters  = @{
        Name        = 'The name of the secret. Binds from the pipeline by property name.'
        Version     = 'The version to change (32 hexadecimal characters). Without it, the latest version. Binds from the pipeline by property name, so the output of Get-VaultSecret -IncludeVersions can be piped in.'
        Enable      = '$true enables the version, $false disables it.'
        Expires     = 'The new expiry date of the version.'
        NotBefore   = 'The new not-before date of the version.'
        ContentType = 'The new content type (at most 255 characters).'
        Tag         = 'Tags as a hashtable of names to values; they replace all tags of the version (at most 15); @{} removes them all.'
        PassThru    = 'Return the updated properties (never the value).'
    }
    Examples    = @(
        @{ Title = 'Disable a secret'; Code = 'Set-VaultSecret -Name api-key -PlainTextValue ''example-api-key''
Update-VaultSecret -Name api-key -Enable $false'; Remarks = 'Disables the latest version of api-key; reading it fails until it is enabled again.' }
        @{ Title = 'Extend the expiry of every version that expires this month'; Code = 'Set-VaultSecret -Name db-password -PlainTextValue ''expiring'' -Expires (Get-Date).AddDays(10)
Get-VaultSecret -Name db-password -IncludeVersions | Where-Object { $_.Expires -and $_.Expires -lt (Get-Date).AddMonths(1) } | Update-VaultSecret -Expires (Get-Date).AddMonths(6) -PassThru'; Remarks = 'Name and Version bind from each listed version.' }
        @{ Code = 'Update-VaultSecret -Name api-key -ContentType ''application/json'' -Tag @{ Owner = ''team-a'' }'; Remarks = 'Sets the content type and the tags of the latest version.' }
        @{ Code = 'Update-VaultSecret -Name api-key -Tag @{}'; Remarks = 'Removes every tag of the latest version of api-key.' }
    )
    Links       = @('Set-VaultSecret', 'Get-VaultSecret')
}
