# Help for Remove-VaultCertificate: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Deletes certificates (soft delete), or purges deleted certificates.'
    Description = @'
Remove-VaultCertificate deletes a certificate with all its versions, together with its backing key and backing secret. Deleted certificates stay recoverable (Undo-VaultCertificateRemoval) until their scheduled purge date; Get-VaultCertificate -InRemovedState lists them.

With -InRemovedState it purges a certificate that is already deleted (permanent). With -Purge it deletes, waits until the vault shows the deletion (bounded to 3 minutes, with a progress bar), then purges; for a batch, every deletion is sent first and the waits overlap.

High impact: PowerShell asks for confirmation unless -Force or -Confirm:$false is given; -WhatIf shows what would be deleted. A failure for one certificate of a batch is a non-terminating error whose target is its name; the others are still processed.
'@
    Parameters  = @{
        Name           = 'The name of the certificate to delete (or, with -InRemovedState, to purge). Binds from the pipeline by property name. Many names (an array, or many pipeline objects) are confirmed one by one, then removed -ThrottleLimit at a time, in the order given; a name that fails is its own error and the others go on.'
        ThrottleLimit = 'How many removals (and, with -Purge, waits and purges) are in flight at once when many entries are removed: 1 to 64, default 8. More than ten entries show a progress bar.'
        InRemovedState = 'Purge a certificate that is already in the deleted state. Purging is permanent.'
        Purge          = 'Delete the certificate and purge it in one call (permanent).'
        Force          = 'Do not ask for confirmation. -WhatIf and an explicit -Confirm still apply.'
        PassThru       = 'Return the deleted certificate (VaultTools.DeletedVaultCertificate).'
    }
    Examples    = @(
        @{ Code = 'Add-VaultCertificate -Name web -SubjectName ''CN=web.contoso.test'' -DnsName web.contoso.test
Remove-VaultCertificate -Name web -Force'; Remarks = 'Soft-deletes the certificate web with its key and secret.' }
        @{ Code = 'Get-VaultCertificate -Name ''test-*'' | Remove-VaultCertificate -Purge -Force'; Remarks = 'Deletes and purges every certificate whose name starts with test-.' }
        @{ Code = 'Remove-VaultCertificate -Name web -InRemovedState -Force'; Remarks = 'Purges the deleted certificate web.' }
    )
    Links       = @('Undo-VaultCertificateRemoval', 'Get-VaultCertificate', 'Backup-VaultCertificate')
}
