# Help for New-VaultSignature: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Signs data or a digest with a key in the vault.'
    Description = @'
New-VaultSignature signs with a key in the vault; the private key never leaves it. Give the data with -Value: it is hashed here with the SHA-2 the algorithm names (SHA-256 for RS256, PS256, ES256 and ES256K; SHA-384 for RS384, PS384, ES384; SHA-512 for RS512, PS512, ES512) and only the digest is sent. Or give a digest computed elsewhere with -Digest; its length must match the algorithm.

The algorithm defaults to RS256 for RSA keys and to the curve's algorithm for EC keys (ES256 for P-256, ES384 for P-384, ES512 for P-521, ES256K for P-256K); an algorithm that does not fit the key is refused before anything is sent. The result is a VaultTools.KeyOperationResult whose Result is the signature (for EC keys in the JWS form, r and s concatenated). Anyone can verify it with the public key: (Get-VaultKey -Name k).Key.ToECDsa().VerifyData($data, $signature, 'SHA256'), or with Test-VaultSignature.
'@
    Parameters  = @{
        Name      = 'The key''s name.'
        Version   = 'The key version to sign with. Without it, the latest version.'
        Id        = 'The key''s URL, with or without a version.'
        Algorithm = 'RS256, RS384, RS512, PS256, PS384, PS512 for RSA keys; ES256, ES384, ES512, ES256K for EC keys on the matching curve.'
        Value     = 'The data to sign; it is hashed locally.'
        Digest    = 'A digest computed elsewhere (32, 48 or 64 bytes, as the algorithm says), instead of -Value.'
    }
    Examples    = @(
        @{ Code = 'Add-VaultKey -Name release-signer -KeyType RSA -Size 2048 | Out-Null       # the signing key
Set-Content -Path ./release.zip -Value ''release contents''                   # the file to sign
$data = Get-Content -Path ./release.zip -AsByteStream -Raw
$signature = New-VaultSignature -Name release-signer -Value $data
Set-Content -Path ./release.zip.sig -Value $signature.Result -AsByteStream'; Remarks = 'Signs a file with the key release-signer.' }
        @{ Code = 'Add-VaultKey -Name signer -KeyType RSA -Size 2048 | Out-Null
$data = [Text.Encoding]::UTF8.GetBytes(''message'')
$digest = [Security.Cryptography.SHA384]::HashData($data)
New-VaultSignature -Name signer -Digest $digest -Algorithm PS384'; Remarks = 'Signs a SHA-384 digest computed elsewhere with RSASSA-PSS.' }
    )
    Links       = @('Test-VaultSignature', 'Get-VaultKey')
}
