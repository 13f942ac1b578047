# Help for Add-VaultCertificate: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Creates a certificate from a policy (self-signed, or from a registered issuer).'
    Description = @'
Add-VaultCertificate asks the vault to create a certificate: the vault generates the key pair (it never leaves the vault unless the policy allows export) and, with the Self issuer, signs the certificate itself. Describe the certificate with the policy parameters (-SubjectName, -DnsName, -ValidityInMonths, key settings, renewal settings) or pass a -Policy object made by New-VaultCertificatePolicy.

Key Vault answers with a pending operation (HTTP 202) and completes it in the background. The cmdlet waits for it, at most 5 minutes, with a progress bar, and returns the new certificate. With -NoWait it returns the operation's status at once. If the vault reports the operation as failed, the error is VaultCertificateOperationFailed.

The policy is checked before any request (subject syntax, DNS names, RSA key sizes 2048/3072/4096, EC curves P-256/P-384/P-521/P-256K, validity of 1 to 1200 months, renewal triggers): a bad value is an InvalidArgument error that names the parameter. A name that is deleted but recoverable is the error VaultCertificateDeletedButRecoverable.
'@
    Parameters  = @{
        Name                      = 'The name of the certificate (1 to 127 letters, digits and hyphens). Its backing key and secret get the same name.'
        Policy                    = 'A policy object from New-VaultCertificatePolicy or Get-VaultCertificatePolicy, instead of the policy parameters. Accepts pipeline input.'
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
        IssuerName                = 'Self (the default: self-signed) or the name of an issuer registered in the vault with Set-VaultCertificateIssuer; the vault then orders the certificate (and its renewals) from that CA. An issuer that is not registered is refused by the vault (VaultBadRequest).'
        Tag                       = 'Tags as a hashtable of names to values (at most 15).'
        Disable                   = 'Create the certificate disabled.'
        NoWait                    = 'Return at once with the pending operation''s status (VaultTools.CertificateOperationStatus) instead of waiting for the certificate. Get-VaultCertificateOperation shows its progress later.'
    }
    Examples    = @(
        @{ Title = 'A TLS certificate for a web site'; Code = 'Add-VaultCertificate -Name web -SubjectName ''CN=www.contoso.com'' -DnsName www.contoso.com, contoso.com -ValidityInMonths 12 -RenewAtDaysBeforeExpiry 30'; Remarks = 'Creates a self-signed certificate with two DNS names that the vault renews 30 days before it expires.' }
        @{ Title = 'An EC certificate stored as PEM'; Code = 'Add-VaultCertificate -Name api-signing -SubjectName ''CN=api-signing'' -CurveName P-384 -ContentType Pem -Exportable:$false'; Remarks = 'The private key cannot be exported; the backing secret holds the public PEM only.' }
        @{ Title = 'From a policy object, without waiting'; Code = '$policy = New-VaultCertificatePolicy -SubjectName ''CN=internal'' -ValidityInMonths 24
Add-VaultCertificate -Name internal -Policy $policy -NoWait
Get-VaultCertificateOperation -Name internal'; Remarks = 'Starts the creation and checks on it later.' }
        @{ Title = 'From a certificate authority'; Code = 'Set-VaultCertificateIssuer -Name contoso-ca -IssuerProvider GlobalSign -AccountId contoso
Add-VaultCertificate -Name shop -SubjectName ''CN=shop.contoso.com'' -IssuerName contoso-ca'; Remarks = 'Orders the certificate from the registered issuer contoso-ca (in the emulator, its own CA signs it).' }
    )
    Links       = @('New-VaultCertificatePolicy', 'Get-VaultCertificate', 'Get-VaultCertificateOperation', 'Import-VaultCertificate')
}
