# Help for Add-VaultCertificateContact: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Adds e-mail addresses to the certificate contacts of a vault.'
    Description = @'
Add-VaultCertificateContact adds addresses to the people the vault e-mails about its certificates; the contacts already there are kept, and an address already there is not added twice (Key Vault stores the whole list, so the cmdlet reads it and writes it back). Addresses are checked before any request (InvalidEmailAddress, naming -EmailAddress).
'@
    Parameters  = @{
        EmailAddress = 'One or more e-mail addresses. Binds from the pipeline by property name (also from an Email property).'
        PassThru     = 'Return the vault''s contacts after the change.'
    }
    Examples    = @(
        @{ Code = 'Add-VaultCertificateContact -EmailAddress pki@contoso.com, ops@contoso.com -PassThru'; Remarks = 'Adds two contacts and shows the vault''s contacts.' }
        @{ Code = 'Add-VaultCertificateContact -EmailAddress security@contoso.com -WhatIf'; Remarks = 'Shows what would change, changing nothing.' }
    )
    Links       = @('Get-VaultCertificateContact', 'Remove-VaultCertificateContact')
}
