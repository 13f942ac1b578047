# Help for Set-VaultCertificatePolicy: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Replaces a certificate''s policy.'
    Description = @'
Set-VaultCertificatePolicy writes a policy object to a certificate: one made by New-VaultCertificatePolicy, or one read with Get-VaultCertificatePolicy and changed. The policy applies to the next version (renewal); the current version is not changed. Properties of the object that are empty are not sent, so the vault keeps their current values.

The policy is checked before any request, like New-VaultCertificatePolicy does.
'@
    Parameters  = @{
        Name     = 'The name of the certificate. Binds from the pipeline by property name (a policy from Get-VaultCertificatePolicy carries it).'
        Policy   = 'The policy to write. Accepts pipeline input.'
        PassThru = 'Return the policy as the vault stored it.'
    }
    Examples    = @(
        @{ Title = 'Change one setting'; Code = 'Add-VaultCertificate -Name web -SubjectName ''CN=web.contoso.test'' -DnsName web.contoso.test
$policy = Get-VaultCertificatePolicy -Name web
$policy.ValidityInMonths = 6
$policy.RenewAtDaysBeforeExpiry = $null      # one renewal trigger only: a policy with both is refused (ConflictingLifetimeTrigger)
$policy.RenewAtPercentageLifetime = 75
Set-VaultCertificatePolicy -Name web -Policy $policy'; Remarks = 'Reads the policy, changes validity and renewal, writes it back. A policy renews either at a percentage of its lifetime or a number of days before expiry, not both.' }
        @{ Code = 'New-VaultCertificatePolicy -SubjectName ''CN=www.contoso.com'' -DnsName www.contoso.com, shop.contoso.com | Set-VaultCertificatePolicy -Name web -PassThru'; Remarks = 'Adds a DNS name for the next version of web.' }
    )
    Links       = @('Get-VaultCertificatePolicy', 'New-VaultCertificatePolicy')
}
