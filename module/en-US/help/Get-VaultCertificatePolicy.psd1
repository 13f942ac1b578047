# Help for Get-VaultCertificatePolicy: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Gets a certificate''s policy.'
    Description = @'
Get-VaultCertificatePolicy returns the policy of a certificate (VaultTools.VaultCertificatePolicy): issuer, subject and DNS names, validity, key type and size or curve, exportability, content type of the backing secret, key usages and lifetime actions (auto-renew, e-mail). The policy governs the next version, made by renewal. Its properties can be changed and the object passed to Set-VaultCertificatePolicy or Add-VaultCertificate -Policy.
'@
    Parameters  = @{
        Name = 'The name of the certificate. Binds from the pipeline by property name.'
    }
    Examples    = @(
        @{ Code = 'Add-VaultCertificate -Name web -SubjectName ''CN=web.contoso.test'' -DnsName web.contoso.test
Get-VaultCertificatePolicy -Name web'; Remarks = 'Shows how the vault issues and renews the certificate web.' }
        @{ Code = 'Get-VaultCertificate | Get-VaultCertificatePolicy | Where-Object { -not $_.RenewAtPercentageLifetime -and -not $_.RenewAtDaysBeforeExpiry } | Select-Object Name'; Remarks = 'Lists the certificates that are not renewed automatically.' }
    )
    Links       = @('Set-VaultCertificatePolicy', 'New-VaultCertificatePolicy')
}
