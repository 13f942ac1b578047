# Help for Protect-VaultData: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Encrypts a value, or wraps a key, with an RSA key in the vault.'
    Description = @'
Protect-VaultData encrypts up to one RSA block (for example a 32-byte symmetric key) with a key in the vault; the private key never leaves the vault. With -Wrap it uses the vault's wrapKey operation, meant for symmetric keys and allowed to the Key Vault Crypto Service Encryption User role; without it, encrypt. The algorithm is RSA-OAEP-256 unless -Algorithm names RSA-OAEP or RSA1_5 (both kept for compatibility only).

The result is a VaultTools.KeyOperationResult: the key version used (KeyId), the algorithm and the Result bytes, with Base64 and Base64Url forms. Pipe it into Unprotect-VaultData to get the value back. Because encryption needs only the public key, the same can be done without the vault: (Get-VaultKey -Name k).Key.ToRSA().Encrypt($bytes, [Security.Cryptography.RSAEncryptionPadding]::OaepSHA256).

The value is checked before anything is sent: RSA-OAEP-256 with a 2048-bit key takes at most 190 bytes. To protect larger data, encrypt it with a symmetric key and protect that key (envelope encryption). To pass a byte array down the pipeline as one value, write ,$bytes | Protect-VaultData.
'@
    Parameters  = @{
        Name      = 'The key''s name.'
        Version   = 'The key version to use. Without it, the latest version.'
        Id        = 'The key''s URL, with or without a version. Binds from the KeyId of a previous result.'
        Algorithm = 'RSA-OAEP-256 (default), RSA-OAEP or RSA1_5.'
        Value     = 'The bytes to encrypt or wrap.'
        Wrap      = 'Use the vault''s wrapKey operation instead of encrypt.'
    }
    Examples    = @(
        @{ Code = 'Add-VaultKey -Name cmk -KeyType RSA -Size 2048
$dek = [byte[]]::new(32); [Security.Cryptography.RandomNumberGenerator]::Fill($dek)
$wrapped = Protect-VaultData -Name cmk -Value $dek -Wrap
Set-Content -Path ./dek.wrapped -Value $wrapped.Result -AsByteStream'; Remarks = 'Makes a random data encryption key and stores it wrapped by the vault key cmk.' }
        @{ Code = 'Add-VaultKey -Name app-key -KeyType RSA -Size 2048
$secret = [Text.Encoding]::UTF8.GetBytes(''p@ssw0rd'')
(Protect-VaultData -Name app-key -Value $secret).Base64'; Remarks = 'Encrypts a short string and prints the ciphertext as base64.' }
    )
    Links       = @('Unprotect-VaultData', 'Get-VaultKey')
}
