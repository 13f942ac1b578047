@{
    # The source of truth for the module's version: build.ps1 reads ModuleVersion from here,
    # stamps it into the assemblies (/p:Version) and stages this manifest in out/VaultTools/.
    RootModule           = 'VaultTools.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5f0c7f6e-2b8e-4f57-9a57-3d0b9a6f2c11'
    Author               = 'VaultTools contributors'
    CompanyName          = 'VaultTools'
    Copyright            = '(c) VaultTools contributors. MIT License.'
    Description          = 'Azure Key Vault for PowerShell: secrets, keys, certificates, access (RBAC and access policies), rotation and BitLocker recovery keys, with a local Key Vault emulator for tests and demos.'
    # Run and tested on PowerShell 7.4+ only; Windows PowerShell 5.1 is not tested, so it is not claimed.
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('VaultTools.format.ps1xml')
    TypesToProcess       = @('VaultTools.types.ps1xml')
    CmdletsToExport      = @(
        'Connect-Vault'
        'Disconnect-Vault'
        'Get-VaultConnection'
        'Start-VaultEmulator'
        'Stop-VaultEmulator'
        'Set-VaultEmulatorClock'
        'Get-VaultSecret'
        'Set-VaultSecret'

        # -- secrets lifecycle, keys, certificates --
        'Remove-VaultSecret'
        'Undo-VaultSecretRemoval'
        'Backup-VaultSecret'
        'Restore-VaultSecret'
        'Update-VaultSecret'
        'Get-VaultCertificate'
        'Add-VaultCertificate'
        'Import-VaultCertificate'
        'Export-VaultCertificate'
        'Remove-VaultCertificate'
        'Undo-VaultCertificateRemoval'
        'Backup-VaultCertificate'
        'Restore-VaultCertificate'
        'Get-VaultCertificatePolicy'
        'Set-VaultCertificatePolicy'
        'New-VaultCertificatePolicy'
        'Get-VaultCertificateOperation'
        'Get-VaultKey'
        'Add-VaultKey'
        'Update-VaultKey'
        'Remove-VaultKey'
        'Undo-VaultKeyRemoval'
        'Backup-VaultKey'
        'Restore-VaultKey'
        'Get-VaultKeyRotationPolicy'
        'Set-VaultKeyRotationPolicy'
        'Invoke-VaultKeyRotation'
        'Protect-VaultData'
        'Unprotect-VaultData'
        'New-VaultSignature'
        'Test-VaultSignature'

        # -- access control: vaults, RBAC, access policies, tokens --
        'New-Vault'
        'Get-Vault'
        'Remove-Vault'
        'Grant-VaultRole'
        'Revoke-VaultRole'
        'Get-VaultRoleAssignment'
        'Get-VaultRoleDefinition'
        'Set-VaultAccessPolicy'
        'Remove-VaultAccessPolicy'
        'Get-VaultAccessToken'

        # -- certificate issuers and contacts --
        'Get-VaultCertificateIssuer'
        'Set-VaultCertificateIssuer'
        'Remove-VaultCertificateIssuer'
        'Get-VaultCertificateContact'
        'Add-VaultCertificateContact'
        'Remove-VaultCertificateContact'

        # -- rotation, BitLocker --
        'Invoke-VaultRotation'
        'Backup-BitLockerKey'
        'Get-BitLockerKey'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Azure', 'KeyVault', 'Secrets', 'Keys', 'Certificates', 'RBAC', 'BitLocker', 'ManagedIdentity', 'Emulator')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ProjectUri   = 'https://github.com/vaulttools/vaulttools'
        }
    }
}
