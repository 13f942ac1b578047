# Help for Restore-VaultSecret: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Restores secrets from backup files.'
    Description = @'
Restore-VaultSecret restores a secret, with every version, from a file written by Backup-VaultSecret (or by Backup-AzKeyVaultSecret). The vault must be in the same Azure subscription and geography as the one backed up, and no secret of that name may exist (not even deleted): otherwise the vault refuses with VaultSecretConflict. It returns the restored secret's properties.
'@
    Parameters  = @{
        InputFile = 'The backup file. Binds from the pipeline by the property FullName, so the output of Backup-VaultSecret and Get-ChildItem can be piped in.'
    }
    Examples    = @(
        @{ Title = 'Restore one secret'; Code = 'Set-VaultSecret -Name api-key -PlainTextValue ''example-api-key''
Backup-VaultSecret -Name api-key -OutputFile ./api-key.blob
Remove-VaultSecret -Name api-key -Purge -Force
Restore-VaultSecret -InputFile ./api-key.blob'; Remarks = 'Restores api-key into the session''s default vault.' }
        @{ Title = 'Restore every backup of a folder into another vault'; Code = 'New-Item -ItemType Directory -Path ./backups | Out-Null
Backup-VaultSecret -Name api-key -OutputFile ./backups/api-key.blob | Out-Null
New-Vault -Name contoso-kv-dr | Out-Null     # the recovery vault
Get-ChildItem ./backups -Filter *.blob | Restore-VaultSecret -VaultName contoso-kv-dr'; Remarks = 'Restores each backup file into contoso-kv-dr.' }
    )
    Links       = @('Backup-VaultSecret')
}
