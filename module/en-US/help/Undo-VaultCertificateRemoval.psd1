# Help for Undo-VaultCertificateRemoval: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Recovers deleted certificates.'
    Description = @'
Undo-VaultCertificateRemoval recovers a soft-deleted certificate with all its versions, its policy, its backing key and its backing secret. It waits (bounded to 3 minutes, with a progress bar) until the certificate can be read again and returns it. If the wait ends first, a warning says so; the recovery still completes on its own.
'@
    Parameters  = @{
        Name = 'The name of the deleted certificate. Binds from the pipeline by property name; tab completion offers deleted certificates.'
    }
    Examples    = @(
        @{ Code = 'Add-VaultCertificate -Name web -SubjectName CN=web.contoso.test | Out-Null; Remove-VaultCertificate -Name web -Force     # deleted by mistake
Undo-VaultCertificateRemoval -Name web'; Remarks = 'Recovers the certificate web.' }
        @{ Code = 'Get-VaultCertificate -InRemovedState | Undo-VaultCertificateRemoval'; Remarks = 'Recovers every deleted certificate of the vault.' }
    )
    Links       = @('Remove-VaultCertificate', 'Get-VaultCertificate')
}
