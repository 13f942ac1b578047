# Help for Restore-VaultKey: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Restores a key from a backup file.'
    Description = 'Restore-VaultKey restores a key, with all its versions and its name, from a file made by Backup-VaultKey, and returns it. The name must not be in use (not even by a soft-deleted key: purge it first). Supports -WhatIf and -Confirm.'
    Parameters  = @{
        InputFile = 'The backup file. Binds from the FullName of a file object, so the output of Backup-VaultKey and Get-ChildItem pipes in.'
    }
    Examples    = @(
        @{ Code = 'Add-VaultKey -Name cmk -KeyType RSA -KeyOps wrapKey, unwrapKey | Out-Null
Backup-VaultKey -Name cmk -OutputFile ./cmk.keybackup | Out-Null
Remove-VaultKey -Name cmk -Purge -Force
Restore-VaultKey -InputFile ./cmk.keybackup'; Remarks = 'Restores the key cmk from its backup, after it was deleted and purged.' }
        @{ Code = 'New-Item -ItemType Directory -Path ./backup | Out-Null
Backup-VaultKey -Name cmk -OutputFile ./backup/cmk.keybackup | Out-Null
New-Vault -Name contoso-kv-dr | Out-Null     # the recovery vault
Get-ChildItem ./backup/*.keybackup | Restore-VaultKey -VaultName contoso-kv-dr'; Remarks = 'Restores every backed-up key into another vault of the same geography.' }
    )
    Links       = @('Backup-VaultKey')
}
