# Help for Get-VaultKey: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Gets a key, lists keys or a key''s versions, or gets soft-deleted keys.'
    Description = @'
Get-VaultKey reads keys from Azure Key Vault. A key bundle never contains private key material: what comes back is the key's properties and its public key.

- With an exact -Name it returns the key (the latest version, or -Version) as a VaultTools.VaultKey: type, size or curve, permitted operations, dates, tags and the public key in the Key property (Key.ToRSA() and Key.ToECDsa() make it usable locally, for example to encrypt or to verify a signature without the vault; Key.Pem and Key.Json are the same public key as PEM and as JWK JSON).
- With a wildcard -Name (or no -Name) it lists the matching keys' properties.
- With -IncludeVersions it lists every version of the key(s), newest first.
- With -Id it reads the key at its own URL (https://<vault>/keys/<name>[/<version>]).
- With -InRemovedState it gets a soft-deleted key by exact name, or lists the soft-deleted keys matching a wildcard, with their deletion and scheduled purge dates.

A missing key is the non-terminating error VaultKeyNotFound (ObjectNotFound).
'@
    Parameters  = @{
        Name            = 'The key''s name. Wildcards list matching keys (properties only). Tab completion offers the names in the vault.'
        Version         = 'A version of the key (32 hexadecimal characters). Without it, the latest version.'
        IncludeVersions = 'List every version of the key (or of each key matching a wildcard), newest first.'
        InRemovedState  = 'Get or list soft-deleted keys instead of active ones.'
        Id              = 'The key''s URL, with or without a version, for example https://contoso-kv.vault.azure.net/keys/cmk/0123456789abcdef0123456789abcdef.'
    }
    Examples    = @(
        @{ Code = 'Add-VaultKey -Name cmk -KeyType RSA -Size 2048
Get-VaultKey -Name cmk'; Remarks = 'Shows the current version of the key cmk: type, size, operations, dates.' }
        @{ Code = 'Get-VaultKey -Name ''app-*'' | Format-Table Name, Enabled, Expires'; Remarks = 'Lists the keys whose names start with app-.' }
        @{ Code = '(Get-VaultKey -Name cmk).Key.Pem | Set-Content ./cmk.pub.pem'; Remarks = 'Saves the public key as PEM, for openssl or another system that encrypts for this key.' }
        @{ Code = 'Get-VaultKey -InRemovedState'; Remarks = 'Lists the soft-deleted keys with their scheduled purge dates.' }
    )
    Links       = @('Add-VaultKey', 'Remove-VaultKey', 'Undo-VaultKeyRemoval', 'Protect-VaultData')
}
