# Help for Export-VaultCertificate: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Writes a certificate to a file: PFX or PEM with the private key, or the public certificate.'
    Description = @'
Export-VaultCertificate writes a certificate to a file.

- Pfx: the certificate chain and the private key, read from the certificate's backing secret and protected with -Password (required).
- Pem: the private key (PKCS#8; encrypted with -Password when given, which needs PowerShell 7 for keys stored as PKCS#12) followed by the certificate chain.
- Cer: the public certificate only (DER). The backing secret is not read, so this works without permission to read secrets and for non-exportable keys.

Without -Format the format follows the file extension: .pem is Pem; .cer, .crt and .der are Cer; anything else is Pfx. A certificate whose policy makes the key non-exportable has no private key in its secret: Pfx and Pem exports then fail with CertificateKeyNotExportable.

An existing file is never replaced unless -Force is given (OutputFileExists, checked before any request). The file is written atomically and, on Linux and macOS, readable by its owner only. The private key and the password never appear in messages.
'@
    Parameters  = @{
        Name     = 'The name of the certificate. Binds from the pipeline by property name.'
        Version  = 'The version to export; without it, the latest. Binds from the pipeline by property name.'
        FilePath = 'The file to write.'
        Format   = 'Pfx, Pem or Cer. By default from the file extension.'
        Password = 'The password that protects the private key in the file, as a SecureString. Required for Pfx; optional for Pem (encrypts the key).'
        Force    = 'Replace the file if it exists.'
    }
    Examples    = @(
        @{ Title = 'Export with the private key'; Code = 'Add-VaultCertificate -Name web -SubjectName ''CN=web.contoso.test'' -DnsName web.contoso.test
$password = ConvertTo-SecureString ''pfx-example'' -AsPlainText -Force   # at a prompt: $password = Read-Host -AsSecureString -Prompt ''PFX password''
Export-VaultCertificate -Name web -FilePath ./web.pfx -Password $password'; Remarks = 'Writes web.pfx with the certificate chain and private key, protected by the password.' }
        @{ Title = 'Export the public certificate'; Code = 'Export-VaultCertificate -Name web -FilePath ./web.cer'; Remarks = 'Writes the public certificate only; no secret is read.' }
        @{ Title = 'Copy a certificate to another vault'; Code = 'New-Vault -Name contoso-kv-dr | Out-Null     # the vault to copy into
$password = ConvertTo-SecureString ''pfx-example'' -AsPlainText -Force   # at a prompt: $password = Read-Host -AsSecureString -Prompt ''PFX password''
Export-VaultCertificate -Name web -FilePath ./web-copy.pfx -Password $password
Import-VaultCertificate -Name web -FilePath ./web-copy.pfx -Password $password -VaultName contoso-kv-dr'; Remarks = 'Export then import: the round trip keeps the key pair and the chain.' }
    )
    Links       = @('Import-VaultCertificate', 'Get-VaultCertificate')
}
