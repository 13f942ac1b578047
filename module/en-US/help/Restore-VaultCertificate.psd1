# Help for Restore-VaultCertificate: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Restores certificates from backup files.'
    Description = @'
Restore-VaultCertificate restores a certificate (every version, policy, backing key and secret) from a file written by Backup-VaultCertificate. No certificate, key or secret of that name may exist in the vault, not even deleted: otherwise the vault refuses with VaultCertificateConflict. It returns the restored certificate.
'@
    Parameters  = @{
        InputFile = 'The backup file. Binds from the pipeline by the property FullName.'
    }
    Examples    = @(
        @{ Code = 'Add-VaultCertificate -Name web -SubjectName ''CN=web.contoso.test'' | Out-Null
Backup-VaultCertificate -Name web -OutputFile ./web.blob | Out-Null
Remove-VaultCertificate -Name web -Purge -Force
Restore-VaultCertificate -InputFile ./web.blob'; Remarks = 'Restores the certificate web from its backup, after it was deleted and purged.' }
        @{ Code = 'New-Vault -Name contoso-kv-dr | Out-Null     # the recovery vault
Backup-VaultCertificate -Name web | Restore-VaultCertificate -VaultName contoso-kv-dr'; Remarks = 'Copies the certificate into a vault of the same subscription and geography.' }
    )
    Links       = @('Backup-VaultCertificate')
}
