# Help for Restore-VaultKey: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Restores a key from a backup file.'
    Description = 'Restore-VaultKey restores a key, with all its versions and its name, from a file made by Backup-VaultKey, and returns it. The name must not be in use (not even by a soft-deleted key: purge it first). Supports -WhatIf and -Confirm.'
    Parameters  = @{
        InputFile = 'The backup file. Binds from the FullName of a file object, so the output of Backup-VaultKey and Get-ChildItem pipes in.'
    }
    Examples    = @(
        @{ Code = 'Restore-VaultKey -InputFile ./cmk.keybackup'; Remarks = 'Restores the key cmk.' }
        @{ Code = 'Get-ChildItem ./backup/*.keybackup | Restore-VaultKey -VaultName contoso-kv-dr'; Remarks = 'Restores every backed-up key into another vault of the same geography.' }
    )
    Links       = @('Backup-VaultKey')
}
