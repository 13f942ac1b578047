# Help for Get-VaultCertificateIssuer: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Gets the certificate issuers registered in a vault.'
    Description = @'
Get-VaultCertificateIssuer reads a certificate issuer (VaultTools.VaultCertificateIssuer): its CA provider (DigiCert, GlobalSign, ...), account id, organization and administrators, and whether it is enabled. The account's API key is never returned by the vault. Without -Name, or with a wildcard, it lists the vault's issuers (name and provider, as the vault lists them); read one by name for the rest.

A certificate policy names an issuer by its name (New-VaultCertificatePolicy -IssuerName, Add-VaultCertificate -IssuerName). An issuer that does not exist is the error VaultCertificateIssuerNotFound (ObjectNotFound).
'@
    Parameters  = @{
        Name = 'The issuer''s name; wildcards list the matching issuers. Without it, every issuer is listed. Binds from the pipeline by property name.'
    }
    Examples    = @(
        @{ Code = 'Set-VaultCertificateIssuer -Name contoso-ca -IssuerProvider GlobalSign -AccountId contoso
Get-VaultCertificateIssuer'; Remarks = 'Registers an issuer and lists the vault''s issuers.' }
        @{ Code = 'Get-VaultCertificateIssuer -Name contoso-ca | Format-List *'; Remarks = 'Shows everything the vault keeps about the issuer contoso-ca.' }
    )
    Links       = @('Set-VaultCertificateIssuer', 'Remove-VaultCertificateIssuer', 'New-VaultCertificatePolicy')
}
