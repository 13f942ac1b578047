# Help for Set-VaultCertificateIssuer: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Registers a certificate issuer in a vault, or replaces one.'
    Description = @'
Set-VaultCertificateIssuer tells the vault which certificate authority to order certificates from when a policy names the issuer: the provider (DigiCert, GlobalSign, OneCertV2-PublicCA, OneCertV2-PrivateCA), the account at the provider and its API key, and the organization with its administrators. An issuer of the same name is replaced: what is not given is cleared. The API key is sent once and never returned, shown or logged. DigiCert requires an organization id (-OrganizationDetails with Id).

Once registered, create certificates from it with Add-VaultCertificate -IssuerName <name>. The emulator plays every provider with its own CA, so issuer-backed creation and renewal can be tried locally.
'@
    Parameters  = @{
        Name                = 'The issuer''s name, which certificate policies use as their IssuerName. Letters, digits and hyphens, 1 to 127 characters.'
        IssuerProvider      = 'The CA provider: DigiCert, GlobalSign, OneCertV2-PublicCA, OneCertV2-PrivateCA (Tab completes them).'
        AccountId           = 'The account (user name or id) at the provider.'
        ApiKey              = 'The account''s password or API key at the provider, as a SecureString. Write-only: the vault never returns it.'
        OrganizationDetails = 'The organization (VaultTools.VaultCertificateOrganizationDetails: Id and AdministratorDetails with FirstName, LastName, EmailAddress, PhoneNumber). A hashtable with those keys works too.'
        PassThru            = 'Return the issuer as the vault stored it.'
    }
    Examples    = @(
        @{ Code = 'Set-VaultCertificateIssuer -Name contoso-ca -IssuerProvider GlobalSign -AccountId contoso -ApiKey (ConvertTo-SecureString ''key-from-globalsign'' -AsPlainText -Force)'; Remarks = 'Registers a GlobalSign account as the issuer contoso-ca.' }
        @{ Code = 'Set-VaultCertificateIssuer -Name digicert -IssuerProvider DigiCert -AccountId contoso -OrganizationDetails @{ Id = ''org-1234''; AdministratorDetails = @(@{ FirstName = ''Ada''; LastName = ''Admin''; EmailAddress = ''ada@contoso.com'' }) } -PassThru'; Remarks = 'Registers a DigiCert account with its organization and administrator.' }
    )
    Links       = @('Get-VaultCertificateIssuer', 'Remove-VaultCertificateIssuer', 'Add-VaultCertificate')
}
