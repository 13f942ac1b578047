# Text for parameters that many cmdlets share; a cmdlet's own file can override it.
@{
    VaultName = 'The name of the vault to use for this call instead of the session''s default vault (for example contoso-kv, which means https://contoso-kv.vault.azure.net/ in Azure, or https://contoso-kv.localhost:<port>/ in the emulator). Binds from the pipeline by property name, so objects from other VaultTools cmdlets carry their vault with them. For the secret, key and certificate cmdlets it is at position 0 and the entry''s name at 1, as in Az.KeyVault (Get-VaultSecret contoso-kv db-password); with the session''s default vault, name the entry with -Name.'
    VaultUri  = 'The vault''s URI, for any cloud or the emulator, for example https://contoso-kv.vault.azure.net/. Takes precedence over -VaultName. Binds from the pipeline by property name.'
}
