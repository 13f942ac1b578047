# Help for Add-VaultKey: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Creates a key in the vault, or imports a key pair.'
    Description = @'
Add-VaultKey makes a new key, or a new version of an existing key.

Create: -KeyType RSA (default, -Size 2048, 3072 or 4096) or EC (-CurveName P-256, P-384, P-521 or P-256K). -Destination HSM creates a hardware-protected key (RSA-HSM or EC-HSM); Key Vault allows these only in premium-tier vaults and refuses them in standard-tier vaults, which VaultTools reports as HsmKeyNotAllowedOnStandardVault.

Import: -KeyFilePath imports the key pair of a PFX/PKCS#12 file (with -KeyFilePassword) or of a PEM private key (PowerShell 7); -JsonWebKey imports a JSON web key that includes its private parameters. The private key is sent to the vault once and never written anywhere else.

Everything is checked before a request is sent: the name, RSA sizes, curves, key operations (EC keys only sign and verify), tags and dates. Exportable keys are not offered: Key Vault requires a release policy for them, which VaultTools does not manage. Supports -WhatIf and -Confirm.
'@
    Parameters  = @{
        Name            = 'The key''s name: 1 to 127 letters, digits and hyphens.'
        KeyType         = 'RSA (default) or EC. Use -Destination HSM for RSA-HSM or EC-HSM.'
        Size            = 'The RSA key size in bits: 2048 (the service''s default), 3072 or 4096.'
        CurveName       = 'The elliptic curve of an EC key: P-256 (the service''s default), P-384, P-521 or P-256K.'
        KeyFilePath     = 'A .pfx/.p12 file (with -KeyFilePassword) or a .pem file with the private key to import.'
        KeyFilePassword = 'The password of the PFX file, or of an encrypted PEM key, as a SecureString.'
        JsonWebKey      = 'A JSON web key (RFC 7517) with its private parameters (d, p, q, ... or d for EC), as JSON text.'
        Destination     = 'Software (default) or HSM. HSM keys need a premium-tier vault.'
        KeyOps          = 'The operations the key may be used for: encrypt, decrypt, sign, verify, wrapKey, unwrapKey. Without it, the service''s default for the key type.'
        Expires         = 'When the key version expires.'
        NotBefore       = 'The time before which the key version should not be used.'
        Tag             = 'Tags as a hashtable of names to values, at most 15.'
        Disable         = 'Create the version disabled: it cannot be used until it is enabled with Update-VaultKey -Enable $true.'
    }
    Examples    = @(
        @{ Code = 'Add-VaultKey -Name cmk -KeyType RSA -Size 3072 -KeyOps wrapKey, unwrapKey -Expires (Get-Date).AddYears(2)'; Remarks = 'Creates an RSA 3072 key for wrapping data encryption keys (customer-managed keys), valid for two years.' }
        @{ Code = 'New-Vault -Name contoso-hsm-kv -Sku Premium | Out-Null     # HSM-protected keys need a Premium vault
Add-VaultKey -VaultName contoso-hsm-kv -Name signer -KeyType EC -CurveName P-384 -Destination HSM'; Remarks = 'Creates an EC-HSM signing key on the P-384 curve in a Premium vault (a Standard vault refuses HSM keys).' }
        @{ Code = '$password = ConvertTo-SecureString ''example-pfx-password'' -AsPlainText -Force   # at a prompt: Read-Host -AsSecureString -Prompt ''PFX password''
Add-VaultCertificate -Name key-source -SubjectName CN=key-source | Out-Null     # a PFX file with a key pair
Export-VaultCertificate -Name key-source -FilePath ./key.pfx -Password $password
Add-VaultKey -Name imported -KeyFilePath ./key.pfx -KeyFilePassword $password'; Remarks = 'Imports the key pair of a PFX file.' }
    )
    Links       = @('Get-VaultKey', 'Update-VaultKey', 'Set-VaultKeyRotationPolicy')
}
