# Help for Set-VaultSecret: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Writes a new version of a secret.'
    Description = @'
Set-VaultSecret creates a secret, or adds a new version to an existing one; the new version becomes the current value. The value is a SecureString (-SecretValue); -PlainTextValue is the explicit route for a value that is already a plain string.

Key Vault's limits are checked before anything is sent: names of 1 to 127 letters, digits and hyphens, values up to 25 KB, content types up to 255 characters, at most 15 tags of up to 512 characters. Bad input is an InvalidArgument error that names the parameter and changes nothing.

Many rows from the pipeline (Import-Csv, a list of objects or [pscustomobject] hashtables) are checked and confirmed one by one, then written together, -ThrottleLimit requests at a time over the session's one connection and token; -PassThru output follows the rows' order. A bad or refused row is its own non-terminating error and the other rows are still written; when any row is not written, a warning at the end says how many were written and names those that were not. More than a few rows show a progress bar.

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
        ThrottleLimit  = 'How many writes are in flight at once when many rows come from the pipeline (1 to 64, default 8).'
    }
    Examples    = @(
        @{ Code = '$value = ConvertTo-SecureString ''example-api-key'' -AsPlainText -Force   # at a prompt: $value = Read-Host -AsSecureString -Prompt ''API key''
Set-VaultSecret -Name api-key -SecretValue $value -ContentType text/plain -Expires (Get-Date).AddDays(30)'; Remarks = 'Stores an API key that expires in 30 days.' }
        @{ Code = '[pscustomobject]@{ Name = ''app-db''; PlainTextValue = ''Server=db;User=app''; ContentType = ''text/plain'' } | Export-Csv ./secrets.csv
Import-Csv ./secrets.csv | Set-VaultSecret -PassThru'; Remarks = 'Writes one secret per CSV row: the columns Name and PlainTextValue (and optionally ContentType) bind by property name.' }
        @{ Code = '$generated = [Convert]::ToBase64String([Security.Cryptography.RandomNumberGenerator]::GetBytes(24))
Set-VaultSecret -Name db-password -PlainTextValue $generated -Tag @{ Owner = ''team-a''; ValidityPeriodDays = ''30'' } -WhatIf'; Remarks = 'Shows what would be written, without writing it.' }
        @{ Code = @'
1..20 | ForEach-Object { [pscustomobject]@{ Name = "batch-$_"; PlainTextValue = "value $_" } } | Set-VaultSecret -ThrottleLimit 8 -PassThru
'@; Remarks = 'Writes twenty secrets from the pipeline, eight at a time, and returns their properties in the order of the rows.' }
    )
    Links       = @('Get-VaultSecret', 'Connect-Vault')
}
