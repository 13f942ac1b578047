# Help for New-VaultCertificatePolicy: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Makes a certificate policy object (no request to the vault).'
    Description = @'
New-VaultCertificatePolicy builds a VaultTools.VaultCertificatePolicy locally, checked against Key Vault's rules at once (a bad value is an InvalidArgument error naming the parameter). Use it with Add-VaultCertificate -Policy to create certificates, or with Set-VaultCertificatePolicy to replace the policy of an existing certificate. The issuer is Self (self-signed) unless -IssuerName names an issuer registered in the vault (Set-VaultCertificateIssuer).

Parameters that are not given stay empty, and the vault applies its defaults: RSA 2048, PKCS#12, 12 months, exportable key.
'@
    Parameters  = @{
        SubjectName               = 'The X.500 subject, for example ''CN=www.contoso.com'' or ''CN=api, O=Contoso, C=NL''. Required unless -DnsName is given.'
        DnsName                   = 'DNS names for the subject alternative name extension, for example www.contoso.com or *.contoso.com.'
        ValidityInMonths          = 'How long each version is valid: 1 to 1200 months (the vault''s default is 12).'
        KeyType                   = 'The key type: RSA (default), EC, or RSA-HSM / EC-HSM (Premium vaults only).'
        KeySize                   = 'The RSA key size: 2048 (default), 3072 or 4096. For EC keys choose -CurveName instead.'
        CurveName                 = 'The elliptic curve of an EC key: P-256 (default), P-384, P-521 or P-256K. Implies -KeyType EC.'
        ContentType               = 'The format of the backing secret: Pkcs12 (default, PFX) or Pem.'
        ReuseKey                  = 'Keep the same key pair when the certificate is renewed.'
        Exportable                = 'Whether the private key can be read from the backing secret (the vault''s default is yes). -Exportable:$false keeps the key in the vault: Export-VaultCertificate then only writes the public certificate.'
        RenewAtPercentageLifetime = 'Renew automatically at this percentage of each version''s lifetime (1 to 99).'
        RenewAtDaysBeforeExpiry   = 'Renew automatically this many days before expiry (1 to ValidityInMonths x 27). Not together with -RenewAtPercentageLifetime.'
        EmailAtPercentageLifetime = 'E-mail the vault''s certificate contacts at this percentage of the lifetime (1 to 99).'
        EmailAtDaysBeforeExpiry   = 'E-mail the vault''s certificate contacts this many days before expiry. Not together with -EmailAtPercentageLifetime.'
        KeyUsage                  = 'Key usages, for example digitalSignature, keyEncipherment (the vault''s default for RSA).'
        EnhancedKeyUsage          = 'Enhanced key usages as OIDs, for example 1.3.6.1.5.5.7.3.1 (server authentication) and 1.3.6.1.5.5.7.3.2 (client authentication).'
        IssuerName                = 'Self (the default: self-signed) or the name of an issuer registered in the vault with Set-VaultCertificateIssuer; the vault then orders each version from that CA.'
    }
    Examples    = @(
        @{ Code = '$policy = New-VaultCertificatePolicy -SubjectName ''CN=www.contoso.com'' -DnsName www.contoso.com -ValidityInMonths 6 -RenewAtPercentageLifetime 80
Add-VaultCertificate -Name web -Policy $policy'; Remarks = 'Creates a certificate from a reusable policy.' }
        @{ Code = 'New-VaultCertificatePolicy -SubjectName ''CN=web'' -ValidityInMonths 24 | Set-VaultCertificatePolicy -Name web'; Remarks = 'Replaces the policy of the certificate web: its next version will be valid for 24 months.' }
    )
    Links       = @('Add-VaultCertificate', 'Set-VaultCertificatePolicy', 'Get-VaultCertificatePolicy')
}
