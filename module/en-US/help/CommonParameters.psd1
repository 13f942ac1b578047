# Text for parameters that many cmdlets share; a cmdlet's own file can override it.
@{
    VaultName = 'The name of the vault to use for this call instead of the session''s default vault (for example contoso-kv, which means https://contoso-kv.vault.azure.net/ in Azure, or https://contoso-kv.localhost:<port>/ in the emulator). Binds from the pipeline by property name, so objects from other VaultTools cmdlets carry their vault with them.'
    VaultUri  = 'The vault''s URI, for any cloud or the emulator, for example https://contoso-kv.vault.azure.net/. Takes precedence over -VaultName. Binds from the pipeline by property name.'
}
