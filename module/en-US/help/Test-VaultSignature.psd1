# Help for Test-VaultSignature: the words only; tools/Build-Help.ps1 adds syntax, types and pipeline input from the cmdlet.
@{
    Synopsis    = 'Checks a signature with a key in the vault.'
    Description = 'Test-VaultSignature asks the vault whether -Signature is a valid signature of -Value (hashed here with the algorithm''s SHA-2) or of -Digest, made with the key; it returns $true or $false. The output of New-VaultSignature pipes in: its Result (the signature), KeyId (the key version) and Algorithm bind by property name. Verification needs only the public key, so it can also be done without the vault with the key''s Key.ToRSA() or Key.ToECDsa().'
    Parameters  = @{
        Name      = 'The key''s name.'
        Version   = 'The key version that signed. Without it, the latest version.'
        Id        = 'The key''s URL with version. Binds from the KeyId of New-VaultSignature''s result.'
        Algorithm = 'The signature algorithm; defaults as in New-VaultSignature.'
        Value     = 'The signed data; it is hashed locally.'
        Digest    = 'The signed digest, instead of -Value.'
        Signature = 'The signature to check. Binds from the Result property of New-VaultSignature''s output.'
    }
    Examples    = @(
        @{ Code = 'Add-VaultKey -Name release-signer -KeyType RSA -Size 2048 | Out-Null; Set-Content -Path ./release.zip -Value ''release contents''   # a signed file
Set-Content -Path ./release.zip.sig -AsByteStream -Value (New-VaultSignature -Name release-signer -Value (Get-Content ./release.zip -AsByteStream -Raw)).Result
Test-VaultSignature -Name release-signer -Value (Get-Content ./release.zip -AsByteStream -Raw) -Signature (Get-Content ./release.zip.sig -AsByteStream -Raw)'; Remarks = 'Returns $true when the file has not changed since it was signed.' }
        @{ Code = 'Add-VaultKey -Name signer -KeyType RSA -Size 2048 | Out-Null
$data = [Text.Encoding]::UTF8.GetBytes(''message'')
New-VaultSignature -Name signer -Value $data | Test-VaultSignature -Value $data'; Remarks = 'Signs and checks in one pipeline; the key version and algorithm travel with the signature.' }
    )
    Links       = @('New-VaultSignature')
}
