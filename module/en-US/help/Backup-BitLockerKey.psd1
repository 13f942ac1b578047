# Help for Backup-BitLockerKey: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Escrows BitLocker recovery passwords in the vault, once per protector.'
    Description = @'
Backup-BitLockerKey stores the recovery password of each RecoveryPassword key protector of a volume as a secret, so that the help desk can find it later with Get-BitLockerKey from the key ID on the recovery screen.

- Pipe in the objects of Get-BitLockerVolume (ComputerName, MountPoint, VolumeType and KeyProtector bind by property name). Protectors of other types (Tpm, TpmPin, ExternalKey...) are skipped with a verbose line; a volume without a RecoveryPassword protector (TPM only) escrows nothing.
- On Windows, -MountPoint alone reads the volumes itself with Get-BitLockerVolume (run it elevated). On other systems that is the error BitLockerNotAvailable; use the pipeline or the explicit parameters.
- -ComputerName, -MountPoint, -KeyProtectorId and -RecoveryPassword give the values directly (from manage-bde, or a Linux host).

The password is checked first (48 digits in 8 groups of 6, each a multiple of 11 below 720896; hyphens or spaces allowed): an invalid one is the error InvalidRecoveryPassword, which never shows the value, and nothing is sent.

The secret is named bitlocker-<computer>-<volume>-<key ID>: the computer name in lower case with every character outside a-z, 0-9 and '-' made '-', cut to 63 characters; the volume is the drive letter (c) or vol and 8 hex digits for a volume without one; the key ID is the 8 characters shown at boot. The content type is 'BitLocker Recovery Password' (or 'Wrapped BitLocker Recovery Password'). Tags: KeyProtectorId, RecoveryKeyId, ComputerName, MountPoint, VolumeType, BackupTime and PasswordHash, plus MachineName and VolumeLetter as Azure Disk Encryption writes them, so one search finds both kinds. If a name is already used by another protector's secret, the write is refused (BitLockerSecretNameTaken).

It is idempotent without reading any secret: the PasswordHash tag holds a SHA-256 of the password salted with the protector id, which is safe to show to anyone who may list the vault because a recovery password carries 128 random bits. A password already escrowed writes nothing (Status Unchanged); a changed password writes a new version and keeps the old ones; a protector removed from the volume is never deleted from the vault. So the identity that runs it needs only to list and set secrets (and wrapKey with -KeyEncryptionKeyName), never to read them.

With -KeyEncryptionKeyName the password is wrapped with that RSA key (RSA-OAEP, by the vault's wrapKey on the latest version) and only the wrapped value is stored, with Azure Disk Encryption's tags DiskEncryptionKeyEncryptionAlgorithm and DiskEncryptionKeyEncryptionKeyURL (the versioned key).
'@
    Parameters  = @{
        ComputerName          = 'The computer the volume belongs to. The local computer name by default.'
        MountPoint            = 'The volume: a drive letter (C:) or a volume path. Alone, on Windows: the volumes to read with Get-BitLockerVolume.'
        VolumeType            = 'OperatingSystem or Data, as Get-BitLockerVolume reports it; stored in the VolumeType tag.'
        KeyProtector          = 'The volume''s key protectors, as Get-BitLockerVolume returns them (KeyProtectorId, KeyProtectorType, RecoveryPassword). Only RecoveryPassword protectors are escrowed.'
        KeyProtectorId        = 'The recovery password protector''s id, a GUID such as {1A2B3C4D-5E6F-4A5B-8C7D-9E0F1A2B3C4D}.'
        RecoveryPassword      = 'The 48-digit recovery password, as a SecureString.'
        KeyEncryptionKeyName  = 'An RSA key of the vault that wraps the password (RSA-OAEP) before it is stored; an HSM key on a Premium vault. The caller needs wrapKey on it.'
        PassThru              = 'Return a VaultTools.BitLockerKeyBackup per protector: the secret, its version and Status Written or Unchanged.'
    }
    Examples    = @(
        @{
            Code    = @'
$password = ConvertTo-SecureString '111111-222222-333333-444444-555555-000000-123453-654324' -AsPlainText -Force
Backup-BitLockerKey -ComputerName vm-web01 -MountPoint C: -VolumeType OperatingSystem -KeyProtectorId '{1A2B3C4D-5E6F-4A5B-8C7D-9E0F1A2B3C4D}' -RecoveryPassword $password -PassThru
'@
            Remarks = 'Escrows one recovery password given explicitly. Run it again: Status is Unchanged and no new version is written.'
        }
        @{
            Code    = @'
Add-VaultKey -Name bitlocker-kek -KeyType RSA -Size 2048 | Out-Null
$password = ConvertTo-SecureString '000011-000022-000033-000044-000055-000066-000077-000088' -AsPlainText -Force
Backup-BitLockerKey -ComputerName vm-db01 -MountPoint D: -VolumeType Data -KeyProtectorId '{0F1E2D3C-4B5A-4968-8776-655443322110}' -RecoveryPassword $password -KeyEncryptionKeyName bitlocker-kek -PassThru
'@
            Remarks = 'Escrows a data volume''s password wrapped with the key bitlocker-kek: the vault keeps only the wrapped value.'
        }
        @{
            Code       = 'Connect-Vault -Identity -VaultName contoso-kv; Get-BitLockerVolume | Backup-BitLockerKey -PassThru'
            Remarks    = 'On an Azure VM (for example in a startup script or scheduled task run as SYSTEM): escrows every volume''s recovery passwords under the VM''s managed identity.'
            NeedsAzure = 'Needs a Windows VM with BitLocker and a managed identity that may list and set secrets in the vault.'
        }
    )
    Links       = @('Get-BitLockerKey', 'Connect-Vault')
}
