# Help for Backup-VaultKey: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Backs up a key to a file.'
    Description = 'Backup-VaultKey writes the key''s protected backup blob (all versions) to a file and returns the file. The file is written atomically and is readable by its owner only (on Unix). The blob is encrypted by Key Vault and can only be restored into a vault in the same Azure geography and subscription, with Restore-VaultKey. An existing file is not overwritten unless -Force is given; that is checked before anything is sent. Supports -WhatIf.'
    Parameters  = @{
        Name       = 'The key''s name. Many names (an array, or many pipeline objects) are confirmed one by one, then backed up -ThrottleLimit at a time, one file each, in the order given; a name that fails is its own error and the others go on.'
        ThrottleLimit = 'How many backups are read at once when many entries are backed up: 1 to 64, default 8. More than ten entries show a progress bar.'
        OutputFile = 'The file to write. By default <vault>-<name>-<yyyyMMddHHmmss>.blob in the current folder, so a piped batch writes one file per key.'
        Force      = 'Overwrite the file if it exists.'
    }
    Examples    = @(
        @{ Code = 'Add-VaultKey -Name cmk -KeyType RSA -Size 2048
Backup-VaultKey -Name cmk -OutputFile ./cmk.keybackup'; Remarks = 'Writes the backup of cmk to cmk.keybackup.' }
        @{ Code = 'New-Item -ItemType Directory -Path ./backup -Force
Get-VaultKey | ForEach-Object { Backup-VaultKey -Name $_.Name -OutputFile "./backup/$($_.Name).keybackup" -Force }'; Remarks = 'Backs up every key of the vault, replacing older backups.' }
    )
    Links       = @('Restore-VaultKey')
}
