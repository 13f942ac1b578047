# Help for Set-VaultSecret: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Writes a new version of a secret.'
    Description = @'
Set-VaultSecret creates a secret, or adds a new version to an existing one; the new version becomes the current value. The value is a SecureString (-SecretValue); -PlainTextValue is the explicit route for a value that is already a plain string.

Key Vault's limits are checked before anything is sent: names of 1 to 127 letters, digits and hyphens, values up to 25 KB, content types up to 255 characters, at most 15 tags of up to 512 characters. Bad input is an InvalidArgument error that names the parameter and changes nothing.

Setting a secret whose name is deleted but recoverable fails with VaultSecretDeletedButRecoverable: recover it or purge it first. Supports -WhatIf and -Confirm.
'@
    Parameters  = @{
        Name           = 'The secret''s name: 1 to 127 letters, digits and hyphens.'
        SecretValue    = 'The value, as a SecureString (for example from Read-Host -AsSecureString).'
        PlainTextValue = 'The value as a plain string, when it is already in one. Prefer -SecretValue.'
        ContentType    = 'A hint of what the value is, for example text/plain, application/json or BEK (at most 255 characters).'
        Tag            = 'Tags as a hashtable of names to values, at most 15. Replaces the tags of the secret for the new version.'
        Expires        = 'When the new version expires. Key Vault still returns an expired secret; rotation tooling uses the date.'
        NotBefore      = 'The time before which the new version should not be used.'
        Disable        = 'Write the new version disabled: it cannot be read until it is enabled.'
        PassThru       = 'Return the new version''s properties (never the value).'
    }
    Examples    = @(
        @{ Code = '$value = ConvertTo-SecureString ''example-api-key'' -AsPlainText -Force   # at a prompt: $value = Read-Host -AsSecureString -Prompt ''API key''
Set-VaultSecret -Name api-key -SecretValue $value -ContentType text/plain -Expires (Get-Date).AddDays(30)'; Remarks = 'Stores an API key that expires in 30 days.' }
        @{ Code = '[pscustomobject]@{ Name = ''app-db''; PlainTextValue = ''Server=db;User=app''; ContentType = ''text/plain'' } | Export-Csv ./secrets.csv
Import-Csv ./secrets.csv | Set-VaultSecret -PassThru'; Remarks = 'Writes one secret per CSV row: the columns Name and PlainTextValue (and optionally ContentType) bind by property name.' }
        @{ Code = '$generated = [Convert]::ToBase64String([Security.Cryptography.RandomNumberGenerator]::GetBytes(24))
Set-VaultSecret -Name db-password -PlainTextValue $generated -Tag @{ Owner = ''team-a''; ValidityPeriodDays = ''30'' } -WhatIf'; Remarks = 'Shows what would be written, without writing it.' }
    )
    Links       = @('Get-VaultSecret', 'Connect-Vault')
}
