# Help for Unprotect-VaultData: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Decrypts a value, or unwraps a key, with an RSA key in the vault.'
    Description = 'Unprotect-VaultData decrypts (or, with -Unwrap, unwraps) a value with a key in the vault and returns a VaultTools.KeyOperationResult whose Result holds the plaintext bytes. The output of Protect-VaultData pipes straight in: its Result, KeyId (the exact key version) and Algorithm bind by property name. The ciphertext must be exactly as long as the key''s modulus (256 bytes for RSA 2048); that is checked before anything is sent. The default view shows only the length of the result, never the plaintext.'
    Parameters  = @{
        Name      = 'The key''s name.'
        Version   = 'The key version that encrypted the value. Without it, the latest version.'
        Id        = 'The key''s URL with version. Binds from the KeyId of Protect-VaultData''s result.'
        Algorithm = 'The algorithm the value was encrypted with: RSA-OAEP-256 (default), RSA-OAEP or RSA1_5.'
        Value     = 'The ciphertext or wrapped key. Binds from the Result property of Protect-VaultData''s output.'
        Unwrap    = 'Use the vault''s unwrapKey operation instead of decrypt.'
    }
    Examples    = @(
        @{ Code = 'Add-VaultKey -Name cmk -KeyType RSA -Size 2048
Set-Content -Path ./dek.wrapped -Value (Protect-VaultData -Name cmk -Value ([byte[]]::new(32)) -Wrap).Result -AsByteStream
$dek = (Unprotect-VaultData -Name cmk -Value (Get-Content -Path ./dek.wrapped -AsByteStream -Raw) -Unwrap).Result'; Remarks = 'Unwraps the data encryption key stored by the Protect-VaultData example.' }
        @{ Code = 'Add-VaultKey -Name app-key -KeyType RSA -Size 2048
$protected = Protect-VaultData -Name app-key -Value ([Text.Encoding]::UTF8.GetBytes(''hello''))
[Text.Encoding]::UTF8.GetString(($protected | Unprotect-VaultData).Result)'; Remarks = 'Round trip: the result of Protect-VaultData carries the key version and algorithm to Unprotect-VaultData.' }
    )
    Links       = @('Protect-VaultData')
}
