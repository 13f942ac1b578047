# Help for Get-BitLockerKey: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Finds a BitLocker recovery password from the key ID on the recovery screen, or an Azure Disk Encryption key for a VM.'
    Description = @'
Get-BitLockerKey finds the recovery keys escrowed by Backup-BitLockerKey, and the BEK secrets Azure Disk Encryption (ADE) writes for its VMs.

- -RecoveryKeyId: the 8-character key ID shown on the BitLocker recovery screen, or the full key protector GUID. Exactly one volume must match; several are the error BitLockerKeyAmbiguous (give the full GUID).
- -ComputerName (and optionally -MountPoint): every key of that computer (VM). -MountPoint alone means the local computer.

It lists the secrets' properties, filters on their tags here (Key Vault cannot filter on tags), and reads only the matches, unwrapping wrapped passwords with their key-encryption key. The password is returned as a SecureString in RecoveryPassword; -AsPlainText also fills RecoveryPasswordText with the 48 digits in their 8 groups, as they are typed at the recovery screen.

ADE keys (content type BEK or Wrapped BEK, tags MachineName, VolumeLetter, DiskEncryptionKeyFileName, and for wrapped ones DiskEncryptionKeyEncryptionAlgorithm and DiskEncryptionKeyEncryptionKeyURL) are found by -ComputerName. With -BekFilePath the key is unwrapped with the key-encryption key when wrapped and written as the .BEK file that unlocks the disk on a recovery VM: to that file (one key must match), or, for an existing folder, one file per key named as ADE names it. The file is written atomically, owner-only on Unix, and an existing file is never replaced without -Force (checked before anything is read).

Errors: BitLockerKeyNotFound (ObjectNotFound), BitLockerKeyAmbiguous (InvalidArgument), BitLockerKeyEncryptionKeyDeleted (ObjectNotFound: recover the key first), BitLockerUnwrapDenied (PermissionDenied: the caller needs unwrapKey on the key-encryption key), VaultAccessDenied when the caller may not list or read secrets. The caller needs to list and read secrets, and to unwrap with the key-encryption key of wrapped ones.
'@
    Parameters  = @{
        RecoveryKeyId = 'The key ID from the recovery screen (8 hex characters, e.g. 1A2B3C4D) or the full key protector GUID.'
        ComputerName  = 'The computer or VM whose keys to find (the ComputerName or MachineName tag, any case). The local computer when only -MountPoint is given. Tab completion offers the computers that have keys in the vault.'
        MountPoint    = 'Only the key of this volume (C:, C:\ or a volume path), matched against the MountPoint or VolumeLetter tag.'
        BekFilePath   = 'Write the ADE key as a .BEK file: a file path when one key matches, or an existing folder for one file per key.'
        Force         = 'Replace an existing .BEK file.'
        AsPlainText   = 'Also return the password as plain text in RecoveryPasswordText, in its 8 groups of 6 digits.'
    }
    Examples    = @(
        @{
            Code    = @'
$password = ConvertTo-SecureString '111111-222222-333333-444444-555555-000000-123453-654324' -AsPlainText -Force
Backup-BitLockerKey -ComputerName vm-web01 -MountPoint C: -KeyProtectorId '{1A2B3C4D-5E6F-4A5B-8C7D-9E0F1A2B3C4D}' -RecoveryPassword $password
Get-BitLockerKey -RecoveryKeyId 1A2B3C4D -AsPlainText
'@
            Remarks = 'The help desk reads the key ID 1A2B3C4D on the VM''s recovery screen and gets the 48-digit password to type.'
        }
        @{
            Code    = 'Get-BitLockerKey -ComputerName vm-web01'
            Remarks = 'Every escrowed key of vm-web01, the passwords as SecureStrings.'
        }
        @{
            Code    = @'
$bek = [byte[]](1..64)
Set-VaultSecret -Name 5A3E4B2C-0D1F-4E6A-9B8C-7D6E5F4A3B2C -PlainTextValue ([Convert]::ToBase64String($bek)) -ContentType BEK -Tag @{ MachineName = 'vm-ade01'; VolumeLetter = 'C:\'; DiskEncryptionKeyFileName = '5A3E4B2C-0D1F-4E6A-9B8C-7D6E5F4A3B2C.BEK' }
Get-BitLockerKey -ComputerName vm-ade01 -BekFilePath ./vm-ade01.BEK -Force
'@
            Remarks = 'A BEK secret as Azure Disk Encryption writes it (here written by hand), recovered as the .BEK file to unlock the disk on a recovery VM.'
        }
    )
    Links       = @('Backup-BitLockerKey', 'Unprotect-VaultData')
}
