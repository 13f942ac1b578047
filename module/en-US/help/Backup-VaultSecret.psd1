# Help for Backup-VaultSecret: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Backs up secrets to files.'
    Description = @'
Backup-VaultSecret asks the vault for a backup of a secret (every version, encrypted by Key Vault; only a vault in the same Azure subscription and geography can restore it) and writes it to a file. It returns the file (System.IO.FileInfo), which pipes into Restore-VaultSecret.

Without -OutputFile the file is <vault>-<name>-<yyyyMMddHHmmss>.blob in the current folder. An existing file is never replaced unless -Force is given (the error OutputFileExists, before anything is asked of the vault). The file is written atomically: it is either absent, the old file, or the whole new backup, never a partial one; on Linux and macOS it is readable by its owner only.
'@
    Parameters  = @{
        Name       = 'The name of the secret to back up. Binds from the pipeline by property name. Many names (an array, or many pipeline objects) are confirmed one by one, then backed up -ThrottleLimit at a time, one file each, in the order given; a name that fails is its own error and the others go on.'
        ThrottleLimit = 'How many backups are read at once when many entries are backed up: 1 to 64, default 8. More than ten entries show a progress bar.'
        OutputFile = 'The file to write. By default <vault>-<name>-<yyyyMMddHHmmss>.blob in the current folder.'
        Force      = 'Replace the file if it exists.'
    }
    Examples    = @(
        @{ Title = 'Back up one secret'; Code = 'Set-VaultSecret -Name api-key -PlainTextValue ''example-api-key''
Backup-VaultSecret -Name api-key -OutputFile ./api-key.blob'; Remarks = 'Writes the encrypted backup of api-key to api-key.blob.' }
        @{ Title = 'Back up every secret of a vault'; Code = 'Get-VaultSecret | Backup-VaultSecret'; Remarks = 'Writes one timestamped .blob file per secret into the current folder.' }
    )
    Links       = @('Restore-VaultSecret', 'Remove-VaultSecret')
}
