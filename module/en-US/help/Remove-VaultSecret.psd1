# Help for Remove-VaultSecret: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Deletes secrets (soft delete), or purges deleted secrets.'
    Description = @'
Remove-VaultSecret deletes a secret with all its versions. Vaults keep deleted secrets recoverable (soft delete) until their scheduled purge date: Get-VaultSecret -InRemovedState lists them and Undo-VaultSecretRemoval brings them back.

With -InRemovedState it purges a secret that is already deleted: the secret is gone for good and its name is free again. With -Purge it does both in one call: it deletes, waits until the vault shows the secret as deleted (Key Vault finishes a deletion after a delay, about a minute on Azure; the wait is bounded to 3 minutes and shows a progress bar), then purges. When many names are piped in, every deletion is sent first and the waits overlap.

Without -Purge the cmdlet does not wait: the vault has accepted the deletion when it returns, and the deleted entry may take a moment to appear in Get-VaultSecret -InRemovedState.

This is a high-impact operation: PowerShell asks for confirmation unless -Force or -Confirm:$false is given; -WhatIf shows what would be deleted. A failure for one secret of a batch (not found, access denied) is a non-terminating error whose target is that secret's name; the other secrets are still processed.
'@
    Parameters  = @{
        Name           = 'The name of the secret to delete (or, with -InRemovedState, to purge). Binds from the pipeline by property name, so the output of Get-VaultSecret can be piped in. Many names (an array, or many pipeline objects) are confirmed one by one, then removed -ThrottleLimit at a time, in the order given; a name that fails is its own error and the others go on.'
        ThrottleLimit = 'How many removals (and, with -Purge, waits and purges) are in flight at once when many entries are removed: 1 to 64, default 8. More than ten entries show a progress bar.'
        InRemovedState = 'Purge a secret that is already in the deleted state. Purging is permanent.'
        Purge          = 'Delete the secret and purge it in one call (permanent). Waits, bounded, until the deletion is visible before purging.'
        Force          = 'Do not ask for confirmation. -WhatIf still only shows what would happen, and an explicit -Confirm still asks.'
        PassThru       = 'Return the deleted secret (VaultTools.DeletedVaultSecret: recovery id, deletion date, scheduled purge date).'
    }
    Examples    = @(
        @{ Title = 'Delete a secret (recoverable)'; Code = 'Set-VaultSecret -Name api-key -PlainTextValue ''example-api-key''
Remove-VaultSecret -Name api-key -Force'; Remarks = 'Soft-deletes api-key. It can be recovered with Undo-VaultSecretRemoval -Name api-key until its scheduled purge date.' }
        @{ Title = 'Delete and purge every test secret'; Code = 'Get-VaultSecret -Name ''test-*'' | Remove-VaultSecret -Purge -Force'; Remarks = 'Deletes every secret whose name starts with test-, waits until the deletions are visible and purges them, so the names can be reused at once.' }
        @{ Title = 'Purge a secret that was deleted earlier'; Code = 'Set-VaultSecret -Name old-password -PlainTextValue ''retired''
Remove-VaultSecret -Name old-password -Force
Get-VaultSecret -InRemovedState -Name old-password | Remove-VaultSecret -InRemovedState -Force'; Remarks = 'Permanently removes the deleted secret old-password.' }
        @{ Title = 'See what would be deleted'; Code = 'Get-VaultSecret -Name ''app-*'' | Remove-VaultSecret -WhatIf'; Remarks = 'Lists the secrets that would be deleted, without deleting anything.' }
    )
    Links       = @('Get-VaultSecret', 'Undo-VaultSecretRemoval', 'Backup-VaultSecret')
}
