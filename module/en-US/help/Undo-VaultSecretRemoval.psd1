# Help for Undo-VaultSecretRemoval: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Recovers deleted secrets.'
    Description = @'
Undo-VaultSecretRemoval recovers a soft-deleted secret with all its versions, tags and properties, under the same name. Key Vault finishes a recovery after a delay, so the cmdlet waits (bounded to 3 minutes, with a progress bar) until the secret can be read again, then returns its properties. When many names are piped in, every recovery is sent first and the waits overlap. If the wait ends before the vault shows the secret, a warning says so; the recovery still completes on its own.

A name that is not in the deleted state is the non-terminating error VaultSecretNotFound.
'@
    Parameters  = @{
        Name = 'The name of the deleted secret. Binds from the pipeline by property name, so the output of Get-VaultSecret -InRemovedState can be piped in. Tab completion offers the names of deleted secrets.'
    }
    Examples    = @(
        @{ Title = 'Recover one secret'; Code = 'Set-VaultSecret -Name api-key -PlainTextValue ''example-api-key''
Remove-VaultSecret -Name api-key -Force
Undo-VaultSecretRemoval -Name api-key'; Remarks = 'Recovers api-key and returns its properties once it can be read.' }
        @{ Title = 'Recover everything deleted today'; Code = 'Get-VaultSecret -InRemovedState | Where-Object DeletedOn -gt (Get-Date).Date | Undo-VaultSecretRemoval'; Remarks = 'Recovers every secret deleted since midnight.' }
    )
    Links       = @('Remove-VaultSecret', 'Get-VaultSecret')
}
