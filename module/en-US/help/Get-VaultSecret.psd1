# Help for Get-VaultSecret: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Gets a secret''s value, lists secrets, or lists a secret''s versions.'
    Description = @'
Get-VaultSecret reads secrets from Azure Key Vault.

- With an exact -Name it returns the secret (the latest version, or -Version) with its value as a SecureString in the SecretValue property; -AsPlainText returns the value as a string instead.
- With a wildcard -Name (or no -Name) it lists the matching secrets' properties, without values.
- With -IncludeVersions it lists every version of the secret(s), without values.
- With -Id it reads the entry at its own URL (https://<vault>/secrets/<name>[/<version>]), which is how scripts and applications usually keep a reference to a secret.
- With many exact names (an array to -Name, or names and objects from the pipeline) it reads them together, -ThrottleLimit requests at a time over the session's one connection and token, and writes them in the order given. Each missing or forbidden secret is its own non-terminating error; the others are still read. More than a few names show a progress bar.
- With -AsHashtable it returns one hashtable of name to value (SecureString, or string with -AsPlainText) for every secret read, instead of one object per secret: a wildcard -Name reads every matching enabled secret. The plain-text table is what Start-Process -Environment takes to give a child process its secrets as environment variables.
- With -InRemovedState it reads or lists soft-deleted secrets (recoverable with Undo-VaultSecretRemoval, purged with Remove-VaultSecret -InRemovedState).

Name, Version and VaultName bind from the pipeline by property name, so a list can be piped back into Get-VaultSecret to read each value. A missing secret is the non-terminating error VaultSecretNotFound (ObjectNotFound); a denial is VaultAccessDenied (PermissionDenied). Values never appear in verbose, debug or error output.
'@
    Parameters  = @{
        Name            = 'The secret''s name. Wildcards list matching secrets (properties only). Tab completion offers the names in the vault.'
        Version         = 'A version of the secret (32 hexadecimal characters). Without it, the latest version.'
        IncludeVersions = 'List every version of the secret (or of each secret matching a wildcard), newest first, without values.'
        Id              = 'The secret''s URL, with or without a version, for example https://contoso-kv.vault.azure.net/secrets/api-key/0123456789abcdef0123456789abcdef.'
        AsPlainText     = 'Return the value as a plain string instead of a secret object with a SecureString. Use it only where the plain value is needed.'
        AsHashtable     = 'Return one hashtable (keys are names, case-insensitive) of every secret read: values are SecureStrings, or strings with -AsPlainText. A secret that cannot be read is an error and is not in the table. Not with -Id, -IncludeVersions or -InRemovedState.'
        ThrottleLimit   = 'How many reads are in flight at once when many secrets are read (1 to 64, default 8). All of them share the session''s connection and its one token.'
        InRemovedState  = 'Read (exact -Name) or list (wildcard or no -Name) soft-deleted secrets instead of live ones: VaultTools.DeletedVaultSecret objects with their deletion and scheduled purge dates, never a value. Not with -Version, -IncludeVersions or -AsPlainText.'
    }
    Examples    = @(
        @{ Code = 'Set-VaultSecret -Name api-key -PlainTextValue ''example-api-key''
Get-VaultSecret -Name api-key -AsPlainText'; Remarks = 'Returns the current value of api-key as a string.' }
        @{ Code = 'Get-VaultSecret -Name ''app-*'''; Remarks = 'Lists the secrets whose names start with app-, without their values.' }
        @{ Code = 'Set-VaultSecret -Name db-password -PlainTextValue ''first''
Set-VaultSecret -Name db-password -PlainTextValue ''second''
Get-VaultSecret -Name db-password -IncludeVersions | Select-Object Version, Created, Enabled'; Remarks = 'Shows the history of a secret.' }
        @{ Code = '$id = (Get-VaultSecret -Name api-key).Id      # for example https://contoso-kv.vault.azure.net/secrets/api-key/<version>
Get-VaultSecret -Id $id'; Remarks = 'Reads a secret by the URL that an application configuration refers to.' }
        @{ Code = 'Get-VaultSecret -InRemovedState -Name ''app-*'''; Remarks = 'Lists the deleted secrets whose names start with app-, with the dates they will be purged.' }
        @{ Code = @'
'bulk-a', 'bulk-b', 'bulk-c' | ForEach-Object { Set-VaultSecret -Name $_ -PlainTextValue "value of $_" }
Get-VaultSecret -Name bulk-a, bulk-b, bulk-c -AsPlainText -ThrottleLimit 4
'@; Remarks = 'Writes three secrets, then reads them together, four requests at a time at most, and returns their values in the order asked.' }
        @{ Code = @'
$values = Get-VaultSecret -Name bulk-a, bulk-b -AsHashtable
$values['bulk-b'] | ConvertFrom-SecureString -AsPlainText
'@; Remarks = 'Reads two secrets in one step as a table of name to SecureString. With -AsPlainText the table holds strings and can be given to a child process as its environment: Start-Process -FilePath ./job.sh -Environment (Get-VaultSecret -Name bulk-a, bulk-b -AsHashtable -AsPlainText).' }
    )
    Links       = @('Set-VaultSecret', 'Connect-Vault', 'Remove-VaultSecret', 'Undo-VaultSecretRemoval')
}
