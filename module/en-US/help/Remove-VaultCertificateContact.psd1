# Help for Remove-VaultCertificateContact: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Removes e-mail addresses from the certificate contacts of a vault.'
    Description = @'
Remove-VaultCertificateContact takes addresses off the vault's certificate contacts; the others are kept, and when none is left the vault's contacts are deleted. An address that is not a contact is a warning, not an error. It asks for confirmation (ConfirmImpact High); -Force skips the prompt.
'@
    Parameters  = @{
        EmailAddress = 'One or more e-mail addresses. Binds from the pipeline by property name (also from an Email property), so Get-VaultCertificateContact output pipes in.'
        Force        = 'Remove without asking for confirmation. -WhatIf and an explicit -Confirm still apply.'
        PassThru     = 'Return the vault''s contacts after the change (those left).'
    }
    Examples    = @(
        @{ Code = 'Add-VaultCertificateContact -EmailAddress old@contoso.com
Remove-VaultCertificateContact -EmailAddress old@contoso.com -Force'; Remarks = 'Adds a contact, then removes it without a prompt.' }
        @{ Code = 'Get-VaultCertificateContact | Remove-VaultCertificateContact -WhatIf'; Remarks = 'Shows that every contact would be removed, changing nothing.' }
    )
    Links       = @('Get-VaultCertificateContact', 'Add-VaultCertificateContact')
}
