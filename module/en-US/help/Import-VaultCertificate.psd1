# Help for Import-VaultCertificate: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Imports a certificate with its private key from a PFX or PEM file.'
    Description = @'
Import-VaultCertificate imports a certificate and its private key into a vault, as a new version of the named certificate. The file is a PFX (PKCS#12, .pfx/.p12) or a PEM file with the certificate(s) and the private key (PKCS#8, PKCS#1 or SEC1; an ENCRYPTED PRIVATE KEY is decrypted locally with -Password, which needs PowerShell 7).

The file is opened locally before anything is sent: a wrong password is the error InvalidCertificatePassword (InvalidArgument, naming -Password), a file without a private key is CertificateFileHasNoPrivateKey, and nothing is imported. A PFX keeps its format (backing secret application/x-pkcs12); a PEM file is stored as PEM (application/x-pem-file).
'@
    Parameters  = @{
        Name     = 'The name of the certificate in the vault. Binds from the pipeline by property name.'
        FilePath = 'The PFX or PEM file. Binds from the pipeline by the properties FilePath, Path or FullName.'
        Password = 'The password of the PFX file (or of an encrypted PEM key), as a SecureString.'
        Tag      = 'Tags as a hashtable of names to values (at most 15).'
        Disable  = 'Import the certificate disabled.'
    }
    Examples    = @(
        @{ Title = 'Import a PFX file'; Code = '$password = ConvertTo-SecureString ''example-pfx-password'' -AsPlainText -Force   # at a prompt: Read-Host -AsSecureString -Prompt ''PFX password''
Add-VaultCertificate -Name web-source -SubjectName CN=web.contoso.test | Out-Null     # a PFX file to import
Export-VaultCertificate -Name web-source -FilePath ./web.pfx -Password $password
Import-VaultCertificate -Name web -FilePath ./web.pfx -Password $password'; Remarks = 'Imports the certificate and private key of web.pfx as the certificate web.' }
        @{ Title = 'Import a PEM file'; Code = 'Add-VaultCertificate -Name api-source -SubjectName CN=api.contoso.test | Out-Null     # a PEM file to import
Export-VaultCertificate -Name api-source -FilePath ./api.pem
Import-VaultCertificate -Name api -FilePath ./api.pem -Tag @{ Owner = ''team-a'' }'; Remarks = 'Imports a PEM file with the certificate and its unencrypted private key.' }
    )
    Links       = @('Export-VaultCertificate', 'Add-VaultCertificate', 'Get-VaultCertificate')
}
