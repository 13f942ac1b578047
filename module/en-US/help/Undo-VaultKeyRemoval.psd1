# Help for Undo-VaultKeyRemoval: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Recovers deleted keys.'
    Description = @'
Undo-VaultKeyRemoval recovers a soft-deleted key with all its versions, tags and rotation policy, under the same name; it works until the key's scheduled purge date. Key Vault finishes a recovery after a delay, so the cmdlet waits (bounded to 3 minutes, with a progress bar) until the key can be read again, then returns it. When many names are piped in, every recovery is sent first and the waits overlap. If the wait ends before the vault shows the key, a warning says so; the recovery still completes on its own.

A name that is not in the deleted state is the non-terminating error VaultKeyNotFound. Supports -WhatIf and -Confirm.
'@
    Parameters  = @{
        Name = 'The name of the deleted key. Binds from the pipeline by property name, so the output of Get-VaultKey -InRemovedState can be piped in. Tab completion offers the names of deleted keys.'
    }
    Examples    = @(
        @{ Title = 'Recover one key'; Code = 'Add-VaultKey -Name cmk -KeyType RSA -Size 2048 | Out-Null; Remove-VaultKey -Name cmk -Force     # a key deleted by mistake
Undo-VaultKeyRemoval -Name cmk'; Remarks = 'Recovers the key cmk and returns it once it can be read.' }
        @{ Title = 'Recover every deleted key'; Code = 'Get-VaultKey -InRemovedState | Undo-VaultKeyRemoval'; Remarks = 'Recovers every soft-deleted key of the vault.' }
    )
    Links       = @('Remove-VaultKey', 'Get-VaultKey')
}
