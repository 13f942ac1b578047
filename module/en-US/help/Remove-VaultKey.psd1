# Help for Remove-VaultKey: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Deletes keys (soft delete), or purges deleted keys.'
    Description = @'
Remove-VaultKey deletes a key with all its versions. Vaults keep deleted keys recoverable (soft delete) until their scheduled purge date: Get-VaultKey -InRemovedState lists them and Undo-VaultKeyRemoval brings them back. Meanwhile the name cannot be reused (VaultKeyDeletedButRecoverable).

With -InRemovedState it purges a key that is already deleted: that is permanent, data encrypted or wrapped with the key can no longer be decrypted, and the name is free again. With -Purge it does both in one call: it deletes, waits until the vault shows the key as deleted (Key Vault finishes a deletion after a delay, about a minute on Azure; the wait is bounded to 3 minutes and shows a progress bar), then purges. When many names are piped in, every deletion is sent first and the waits overlap. If the deletion is still not visible at the end of the wait, the key is not purged and the error VaultKeyDeletionPending says so; purge it later with -InRemovedState.

Without -Purge the cmdlet does not wait: the vault has accepted the deletion when it returns, and the deleted key may take a moment to appear in Get-VaultKey -InRemovedState.

This is a high-impact operation: PowerShell asks for confirmation unless -Force or -Confirm:$false is given; -WhatIf shows what would be deleted. A failure for one key of a batch (not found, access denied) is a non-terminating error whose target is that key's name; the other keys are still processed.
'@
    Parameters  = @{
        Name           = 'The name of the key to delete (or, with -InRemovedState, to purge). Binds from the pipeline by property name, so the output of Get-VaultKey can be piped in. Many names (an array, or many pipeline objects) are confirmed one by one, then removed -ThrottleLimit at a time, in the order given; a name that fails is its own error and the others go on.'
        ThrottleLimit = 'How many removals (and, with -Purge, waits and purges) are in flight at once when many entries are removed: 1 to 64, default 8. More than ten entries show a progress bar.'
        InRemovedState = 'Purge a key that is already in the deleted state. Purging is permanent.'
        Purge          = 'Delete the key and purge it in one call (permanent). Waits, bounded, until the deletion is visible before purging.'
        Force          = 'Do not ask for confirmation. -WhatIf still only shows what would happen, and an explicit -Confirm still asks.'
        PassThru       = 'Return the deleted key (VaultTools.DeletedVaultKey: recovery id, deletion date, scheduled purge date).'
    }
    Examples    = @(
        @{ Title = 'Delete a key (recoverable)'; Code = 'Add-VaultKey -Name old-key -KeyType RSA -Size 2048 | Out-Null      # a key to delete
Remove-VaultKey -Name old-key -Force -PassThru'; Remarks = 'Soft-deletes old-key without asking and shows until when it can be recovered with Undo-VaultKeyRemoval.' }
        @{ Title = 'Delete and purge every test key'; Code = 'Get-VaultKey -Name ''test-*'' | Remove-VaultKey -Purge -Force'; Remarks = 'Deletes every key whose name starts with test-, waits until the deletions are visible and purges them, so the names can be reused at once.' }
        @{ Title = 'Purge keys that were deleted earlier'; Code = 'Get-VaultKey -InRemovedState -Name ''test-*'' | Remove-VaultKey -InRemovedState -Force'; Remarks = 'Purges every soft-deleted key whose name starts with test-.' }
        @{ Title = 'See what would be deleted'; Code = 'Get-VaultKey -Name ''app-*'' | Remove-VaultKey -Purge -WhatIf'; Remarks = 'Lists the keys that would be deleted and purged, without changing anything.' }
    )
    Links       = @('Undo-VaultKeyRemoval', 'Get-VaultKey', 'Backup-VaultKey')
}
