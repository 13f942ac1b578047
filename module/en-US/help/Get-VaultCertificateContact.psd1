# Help for Get-VaultCertificateContact: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Gets the certificate contacts of a vault.'
    Description = @'
Get-VaultCertificateContact lists the people (VaultTools.VaultCertificateContact: Email, Name, Phone) whom the vault e-mails about its certificates, when a policy's lifetime action is EmailContacts (-EmailAtPercentageLifetime, -EmailAtDaysBeforeExpiry). A vault without contacts returns nothing.
'@
    Parameters  = @{}
    Examples    = @(
        @{ Code = 'Add-VaultCertificateContact -EmailAddress pki@contoso.com
Get-VaultCertificateContact'; Remarks = 'Adds a contact and lists the vault''s contacts.' }
        @{ Code = '(Get-VaultCertificateContact -VaultName local).Email -join ''; '''; Remarks = 'The contacts'' addresses as one line, for a report.' }
    )
    Links       = @('Add-VaultCertificateContact', 'Remove-VaultCertificateContact')
}
