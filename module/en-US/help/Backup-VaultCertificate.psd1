# Help for Backup-VaultCertificate: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Backs up certificates to files.'
    Description = @'
Backup-VaultCertificate writes a Key Vault backup of a certificate (every version, its policy, backing key and backing secret, encrypted by Key Vault; restorable in the same subscription and geography) to a file and returns the file.

Without -OutputFile the file is <vault>-<name>-<yyyyMMddHHmmss>.blob in the current folder. An existing file is never replaced unless -Force is given; the file is written atomically and, on Linux and macOS, readable by its owner only.
'@
    Parameters  = @{
        Name       = 'The name of the certificate to back up. Binds from the pipeline by property name. Many names (an array, or many pipeline objects) are confirmed one by one, then backed up -ThrottleLimit at a time, one file each, in the order given; a name that fails is its own error and the others go on.'
        ThrottleLimit = 'How many backups are read at once when many entries are backed up: 1 to 64, default 8. More than ten entries show a progress bar.'
        OutputFile = 'The file to write. By default <vault>-<name>-<yyyyMMddHHmmss>.blob in the current folder.'
        Force      = 'Replace the file if it exists.'
    }
    Examples    = @(
        @{ Code = 'Add-VaultCertificate -Name web -SubjectName ''CN=web.contoso.test'' -DnsName web.contoso.test
Backup-VaultCertificate -Name web -OutputFile ./web.blob'; Remarks = 'Writes the backup of the certificate web.' }
        @{ Code = 'Get-VaultCertificate | Backup-VaultCertificate'; Remarks = 'Backs up every certificate of the vault, one file each.' }
    )
    Links       = @('Restore-VaultCertificate')
}
