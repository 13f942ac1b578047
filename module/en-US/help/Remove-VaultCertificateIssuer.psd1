# Help for Remove-VaultCertificateIssuer: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Deletes a certificate issuer from a vault.'
    Description = @'
Remove-VaultCertificateIssuer deletes an issuer registration (there is no soft delete for issuers: it is gone). Certificates issued by it stay, but their renewal fails until an issuer of that name exists again. It asks for confirmation (ConfirmImpact High); -Force skips the prompt. An issuer that does not exist is the error VaultCertificateIssuerNotFound (ObjectNotFound).
'@
    Parameters  = @{
        Name     = 'The issuer''s name. Binds from the pipeline by property name, so Get-VaultCertificateIssuer output pipes in.'
        Force    = 'Remove without asking for confirmation. -WhatIf and an explicit -Confirm still apply.'
        PassThru = 'Return the issuer that was removed.'
    }
    Examples    = @(
        @{ Code = 'Set-VaultCertificateIssuer -Name old-ca -IssuerProvider GlobalSign
Remove-VaultCertificateIssuer -Name old-ca -Force'; Remarks = 'Registers an issuer, then removes it without a prompt.' }
        @{ Code = 'Get-VaultCertificateIssuer -Name ''test-*'' | Remove-VaultCertificateIssuer -WhatIf'; Remarks = 'Shows which issuers whose names start with test- would be removed.' }
    )
    Links       = @('Get-VaultCertificateIssuer', 'Set-VaultCertificateIssuer')
}
