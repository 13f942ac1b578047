# Keys through the cmdlets against the emulator: create/import, read/list, update, the HSM rule of
# standard and premium vaults, bad input, cryptography checked independently (wrap or encrypt locally
# with the public key and unwrap through the vault; sign through the vault and verify locally),
# rotation and its policy, soft delete / recover / purge, backup / restore to a file.
#
# Written to the real service's behaviour (the keys REST specification, recorded sessions). These tests need the
# emulator to implement keys; until it does they fail (they are not skipped).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest

    # A premium vault next to the default standard one ('local'), for the HSM rule.
    $script:configPath = Join-Path ([IO.Path]::GetTempPath()) ("vaulttools-keys-" + [guid]::NewGuid().ToString('n') + '.json')
    @{ vaults = @(@{ name = 'premiumkv'; sku = 'premium'; enableRbacAuthorization = $true }) } | ConvertTo-Json -Depth 5 | Set-Content -Path $script:configPath
    $script:emulator = Start-TestEmulator -ConfigPath $script:configPath
    $script:emulator | Connect-Vault -Emulator | Out-Null
    $script:workDir = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) ("vaulttools-keys-" + [guid]::NewGuid().ToString('n')))).FullName

    function New-SelfSignedPfx([string] $Path, [string] $Password, [string] $Kind = 'RSA') {
        if ($Kind -eq 'RSA') {
            $key = [System.Security.Cryptography.RSA]::Create(2048)
            $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=vaulttools-test', $key, [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        }
        else {
            $key = [System.Security.Cryptography.ECDsa]::Create([System.Security.Cryptography.ECCurve+NamedCurves]::nistP256)
            $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=vaulttools-test', $key, [System.Security.Cryptography.HashAlgorithmName]::SHA256)
        }
        $certificate = $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddDays(30))
        [IO.File]::WriteAllBytes($Path, $certificate.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Pfx, $Password))
        $key
    }
}

AfterAll {
    Disconnect-Vault
    Stop-TestEmulator $script:emulator
    Remove-Item $script:configPath, $script:workDir -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Add-VaultKey and Get-VaultKey' {
    It 'creates an RSA key (2048 by default) and returns its public key, never private material' {
        $name = New-RandomName 'rsa'
        $key = Add-VaultKey -Name $name
        $key | Should -BeOfType ([VaultTools.VaultKey])
        $key.KeyType | Should -Be 'RSA'
        $key.KeySize | Should -Be 2048
        $key.Version | Should -Match '^[0-9a-f]{32}$'
        $key.Id | Should -Be "$($key.VaultUri)keys/$name/$($key.Version)"
        $key.Key.N.Length | Should -Be 256
        $key.Key.E | Should -Be @(1, 0, 1)
        $key.Key.PSObject.Properties.Name | Should -Not -Contain 'D'
        $key.Key.Json | Should -Match '"n"'
        $key.Key.Json | Should -Not -Match '"d"'
        $key.Key.Pem | Should -Match '^-----BEGIN PUBLIC KEY-----'
        $key.HardwareProtected | Should -BeFalse

        $read = Get-VaultKey -Name $name
        $read.Id | Should -Be $key.Id
        [Convert]::ToBase64String($read.Key.N) | Should -Be ([Convert]::ToBase64String($key.Key.N))
    }

    It 'creates RSA keys of 3072 and 4096 bits' {
        foreach ($size in 3072, 4096) {
            $key = Add-VaultKey -Name (New-RandomName "rsa$size") -KeyType RSA -Size $size
            $key.KeySize | Should -Be $size
            $key.Key.ToRSA().KeySize | Should -Be $size
        }
    }

    It 'creates EC keys on <Curve>' -ForEach @(
        @{ Curve = 'P-256'; Bytes = 32 }
        @{ Curve = 'P-384'; Bytes = 48 }
        @{ Curve = 'P-521'; Bytes = 66 }
        @{ Curve = 'P-256K'; Bytes = 32 }
    ) {
        $key = Add-VaultKey -Name (New-RandomName 'ec') -KeyType EC -CurveName $Curve
        $key.KeyType | Should -Be 'EC'
        $key.CurveName | Should -Be $Curve
        $key.KeySize | Should -BeNullOrEmpty
        $key.Key.X.Length | Should -Be $Bytes
        $key.Key.Y.Length | Should -Be $Bytes
    }

    It 'writes key operations, dates, tags and the disabled flag' {
        $name = New-RandomName
        $expires = (Get-Date).AddDays(90).Date
        $notBefore = (Get-Date).AddDays(-1).Date
        $key = Add-VaultKey -Name $name -KeyOps wrapKey, unwrapKey -Expires $expires -NotBefore $notBefore -Tag @{ Owner = 'team-a'; Days = 90 } -Disable
        $key.KeyOps | Sort-Object | Should -Be @('unwrapKey', 'wrapKey')
        $key.Expires.UtcDateTime | Should -Be $expires.ToUniversalTime()
        $key.NotBefore.UtcDateTime | Should -Be $notBefore.ToUniversalTime()
        $key.Tags['Owner'] | Should -Be 'team-a'
        $key.Tags['Days'] | Should -Be '90'
        $key.Enabled | Should -BeFalse
    }

    It 'lists keys by wildcard, lists versions, reads by -Id and by -Version' {
        $prefix = New-RandomName 'list'
        $v1 = Add-VaultKey -Name "$prefix-a" -KeyType EC
        $v2 = Add-VaultKey -Name "$prefix-a" -KeyType EC
        Add-VaultKey -Name "$prefix-b" -KeyType EC | Out-Null
        $listed = @(Get-VaultKey -Name "$prefix-*")
        $listed.Count | Should -Be 2
        $listed | ForEach-Object { $_ | Should -BeOfType ([VaultTools.VaultKeyProperties]); $_ | Should -Not -BeOfType ([VaultTools.VaultKey]) }
        $versions = @(Get-VaultKey -Name "$prefix-a" -IncludeVersions)
        $versions.Count | Should -Be 2
        $versions.Version | Should -Contain $v1.Version
        $versions.Version | Should -Contain $v2.Version
        (Get-VaultKey -Name "$prefix-a").Version | Should -Be $v2.Version
        (Get-VaultKey -Name "$prefix-a" -Version $v1.Version).Version | Should -Be $v1.Version
        (Get-VaultKey -Id $v1.Id).Version | Should -Be $v1.Version
        (Get-VaultKey -Name "$prefix-*" | Get-VaultKey).Count | Should -Be 2
    }

    It 'lists more than one page of keys' {
        $prefix = New-RandomName 'page'
        1..27 | ForEach-Object { Add-VaultKey -Name "$prefix-$_" -KeyType EC | Out-Null }
        @(Get-VaultKey -Name "$prefix-*").Count | Should -Be 27
    }

    It 'imports an RSA key pair from a PFX file, keeping the public key' {
        $name = New-RandomName 'pfx'
        $path = Join-Path $script:workDir "$name.pfx"
        $local = New-SelfSignedPfx -Path $path -Password 'pfx-pass'
        $key = Add-VaultKey -Name $name -KeyFilePath $path -KeyFilePassword (ConvertTo-SecureString 'pfx-pass' -AsPlainText -Force)
        $key.KeyType | Should -Be 'RSA'
        [Convert]::ToBase64String($key.Key.N) | Should -Be ([Convert]::ToBase64String($local.ExportParameters($false).Modulus))
    }

    It 'imports an EC key from a JSON web key with its private part' {
        $name = New-RandomName 'jwk'
        $ec = [System.Security.Cryptography.ECDsa]::Create([System.Security.Cryptography.ECCurve+NamedCurves]::nistP256)
        $p = $ec.ExportParameters($true)
        $b64u = { param($b) [Convert]::ToBase64String($b).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
        $jwk = @{ kty = 'EC'; crv = 'P-256'; x = (& $b64u $p.Q.X); y = (& $b64u $p.Q.Y); d = (& $b64u $p.D); key_ops = @('sign', 'verify') } | ConvertTo-Json
        $key = Add-VaultKey -Name $name -JsonWebKey $jwk
        $key.KeyType | Should -Be 'EC'
        $key.CurveName | Should -Be 'P-256'
        [Convert]::ToBase64String($key.Key.X) | Should -Be ([Convert]::ToBase64String($p.Q.X))

        # what the vault signs with the imported key, the local original verifies
        $data = [Text.Encoding]::UTF8.GetBytes('imported')
        $signature = New-VaultSignature -Name $name -Value $data
        $ec.VerifyData($data, $signature.Result, [System.Security.Cryptography.HashAlgorithmName]::SHA256) | Should -BeTrue
    }

    It 'completes key names with Tab' {
        $prefix = New-RandomName 'tab'
        Add-VaultKey -Name "$prefix-one" -KeyType EC | Out-Null
        $line = "Get-VaultKey -Name $prefix"
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Contain "$prefix-one"
    }
}

Describe 'The premium-only HSM rule' {
    It 'a standard vault refuses an RSA-HSM key with the service''s error' {
        $name = New-RandomName 'hsm'
        Add-VaultKey -Name $name -Destination HSM -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'HsmKeyNotAllowedOnStandardVault,VaultTools.Commands.Keys.AddVaultKeyCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err[0].Exception.Message | Should -Match 'premium'
        $err[0].Exception.Status | Should -BeIn 400, 403
        Get-VaultKey -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'a premium vault accepts RSA-HSM and EC-HSM keys' {
        $rsa = Add-VaultKey -VaultName premiumkv -Name (New-RandomName 'hsm') -Destination HSM -Size 3072
        $rsa.KeyType | Should -Be 'RSA-HSM'
        $rsa.HardwareProtected | Should -BeTrue
        $rsa.VaultName | Should -Be 'premiumkv'
        $ec = Add-VaultKey -VaultName premiumkv -Name (New-RandomName 'hsm') -KeyType EC -CurveName P-384 -Destination HSM
        $ec.KeyType | Should -Be 'EC-HSM'
        $ec.Key.ToECDsa().KeySize | Should -Be 384
    }
}

Describe 'Bad input is refused before any request' {
    It 'refuses RSA size <Size>' -ForEach @(@{ Size = 1024 }, @{ Size = 2047 }, @{ Size = 8192 }) {
        $name = New-RandomName 'bad'
        Add-VaultKey -Name $name -Size $Size -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidKeySize,VaultTools.Commands.Keys.AddVaultKeyCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].Exception.Message | Should -Match '-Size'
        Get-VaultKey -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'refuses curve <Curve>' -ForEach @(@{ Curve = 'P-192' }, @{ Curve = 'secp256r1' }, @{ Curve = 'Ed25519' }) {
        Add-VaultKey -Name (New-RandomName 'bad') -KeyType EC -CurveName $Curve -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidCurveName,*'
    }

    It 'refuses a key type, size-with-EC, unknown or unsuitable key operations and a bad name' {
        Add-VaultKey -Name (New-RandomName) -KeyType oct -ErrorAction SilentlyContinue -ErrorVariable e1
        $e1[0].FullyQualifiedErrorId | Should -BeLike 'InvalidKeyType,*'
        Add-VaultKey -Name (New-RandomName) -KeyType EC -Size 2048 -ErrorAction SilentlyContinue -ErrorVariable e2
        $e2[0].FullyQualifiedErrorId | Should -BeLike 'SizeWithEc,*'
        Add-VaultKey -Name (New-RandomName) -KeyOps sign, fly -ErrorAction SilentlyContinue -ErrorVariable e3
        $e3[0].FullyQualifiedErrorId | Should -BeLike 'InvalidKeyOperation,*'
        Add-VaultKey -Name (New-RandomName) -KeyType EC -KeyOps encrypt -ErrorAction SilentlyContinue -ErrorVariable e4
        $e4[0].FullyQualifiedErrorId | Should -BeLike 'InvalidKeyOperation,*'
        Add-VaultKey -Name 'bad_name' -ErrorAction SilentlyContinue -ErrorVariable e5
        $e5[0].FullyQualifiedErrorId | Should -BeLike 'InvalidKeyName,*'
    }

    It 'refuses algorithms that do not fit the key' {
        $rsa = Add-VaultKey -Name (New-RandomName 'alg')
        $ec = Add-VaultKey -Name (New-RandomName 'alg') -KeyType EC -CurveName P-256
        New-VaultSignature -Name $rsa.Name -Value ([byte[]](1, 2, 3)) -Algorithm ES256 -ErrorAction SilentlyContinue -ErrorVariable e1
        $e1[0].FullyQualifiedErrorId | Should -BeLike 'AlgorithmNotValidForKey,*'
        New-VaultSignature -Name $ec.Name -Value ([byte[]](1, 2, 3)) -Algorithm ES512 -ErrorAction SilentlyContinue -ErrorVariable e2
        $e2[0].FullyQualifiedErrorId | Should -BeLike 'AlgorithmNotValidForKey,*'
        Protect-VaultData -Name $ec.Name -Value ([byte[]](1, 2, 3)) -ErrorAction SilentlyContinue -ErrorVariable e3
        $e3[0].FullyQualifiedErrorId | Should -BeLike 'AlgorithmNotValidForKey,*'
        Protect-VaultData -Name $rsa.Name -Value ([byte[]](1, 2, 3)) -Algorithm A256GCM -ErrorAction SilentlyContinue -ErrorVariable e4
        $e4[0].FullyQualifiedErrorId | Should -BeLike 'InvalidAlgorithm,*'
        Protect-VaultData -Name $rsa.Name -Value ([byte[]]::new(191)) -ErrorAction SilentlyContinue -ErrorVariable e5
        $e5[0].FullyQualifiedErrorId | Should -BeLike 'InvalidValueLength,*'
        New-VaultSignature -Name $rsa.Name -Digest ([byte[]]::new(20)) -ErrorAction SilentlyContinue -ErrorVariable e6
        $e6[0].FullyQualifiedErrorId | Should -BeLike 'InvalidDigestLength,*'
    }

    It 'refuses a PFX with the wrong password without putting the password in the error' {
        $path = Join-Path $script:workDir 'wrong.pfx'
        New-SelfSignedPfx -Path $path -Password 'right-pass' | Out-Null
        $name = New-RandomName 'pfx'
        Add-VaultKey -Name $name -KeyFilePath $path -KeyFilePassword (ConvertTo-SecureString 'WRONG-SENTINEL' -AsPlainText -Force) -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'KeyFileUnreadable,*'
        ($err[0] | Out-String) | Should -Not -Match 'WRONG-SENTINEL'
        Get-VaultKey -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'refuses rotation policies the service would refuse' {
        $name = (Add-VaultKey -Name (New-RandomName 'pol') -KeyType EC).Name
        Set-VaultKeyRotationPolicy -Name $name -ExpiresIn P27D -ErrorAction SilentlyContinue -ErrorVariable e1
        $e1[0].FullyQualifiedErrorId | Should -BeLike 'RotationPolicyExpiryTooShort,*'
        Set-VaultKeyRotationPolicy -Name $name -RotateAfterCreate P6D -ErrorAction SilentlyContinue -ErrorVariable e2
        $e2[0].FullyQualifiedErrorId | Should -BeLike 'RotationTimeTooShort,*'
        Set-VaultKeyRotationPolicy -Name $name -NotifyBeforeExpiry P30D -ErrorAction SilentlyContinue -ErrorVariable e3
        $e3[0].FullyQualifiedErrorId | Should -BeLike 'RotationPolicyNeedsExpiry,*'
        Set-VaultKeyRotationPolicy -Name $name -ExpiresIn 'ninety days' -ErrorAction SilentlyContinue -ErrorVariable e4
        $e4[0].FullyQualifiedErrorId | Should -BeLike 'InvalidDuration,*'
    }
}

Describe 'Cryptography, checked independently of the vault' {
    BeforeAll {
        $script:rsaKey = Add-VaultKey -Name (New-RandomName 'crypto') -Size 2048
        $script:ecKey = Add-VaultKey -Name (New-RandomName 'crypto') -KeyType EC -CurveName P-384
    }

    It 'a key wrapped locally with the public key is unwrapped by the vault' {
        $dek = [byte[]]::new(32); [Security.Cryptography.RandomNumberGenerator]::Fill($dek)
        $rsa = $script:rsaKey.Key.ToRSA()
        $wrapped = $rsa.Encrypt($dek, [Security.Cryptography.RSAEncryptionPadding]::OaepSHA256)
        $result = Unprotect-VaultData -Name $script:rsaKey.Name -Value $wrapped -Unwrap
        $result | Should -BeOfType ([VaultTools.KeyOperationResult])
        $result.Operation | Should -Be 'UnwrapKey'
        $result.Algorithm | Should -Be 'RSA-OAEP-256'
        [Convert]::ToBase64String($result.Result) | Should -Be ([Convert]::ToBase64String($dek))
    }

    It 'data encrypted locally with RSA-OAEP (SHA-1) is decrypted by the vault' {
        $secret = [Text.Encoding]::UTF8.GetBytes('local to vault')
        $ciphertext = $script:rsaKey.Key.ToRSA().Encrypt($secret, [Security.Cryptography.RSAEncryptionPadding]::OaepSHA1)
        $plain = Unprotect-VaultData -Name $script:rsaKey.Name -Version $script:rsaKey.Version -Value $ciphertext -Algorithm RSA-OAEP
        [Text.Encoding]::UTF8.GetString($plain.Result) | Should -Be 'local to vault'
    }

    It 'Protect-VaultData pipes into Unprotect-VaultData with the key version and algorithm' {
        $secret = [Text.Encoding]::UTF8.GetBytes('round trip')
        $protected = Protect-VaultData -Name $script:rsaKey.Name -Value $secret -Algorithm RSA1_5
        $protected.KeyId | Should -Be $script:rsaKey.Id
        $protected.Result.Length | Should -Be 256
        $protected.Base64 | Should -Be ([Convert]::ToBase64String($protected.Result))
        [Text.Encoding]::UTF8.GetString(($protected | Unprotect-VaultData).Result) | Should -Be 'round trip'
        ,$secret | Protect-VaultData -Name $script:rsaKey.Name -Wrap | Unprotect-VaultData -Unwrap | ForEach-Object { [Text.Encoding]::UTF8.GetString($_.Result) } | Should -Be 'round trip'
    }

    It 'a signature made by the vault (<Algorithm>) verifies locally with the public RSA key' -ForEach @(
        @{ Algorithm = 'RS256'; Hash = 'SHA256'; Padding = 'Pkcs1' }
        @{ Algorithm = 'RS512'; Hash = 'SHA512'; Padding = 'Pkcs1' }
        @{ Algorithm = 'PS256'; Hash = 'SHA256'; Padding = 'Pss' }
        @{ Algorithm = 'PS384'; Hash = 'SHA384'; Padding = 'Pss' }
    ) {
        $data = [Text.Encoding]::UTF8.GetBytes("signed with $Algorithm")
        $signature = New-VaultSignature -Name $script:rsaKey.Name -Value $data -Algorithm $Algorithm
        $signature.Algorithm | Should -Be $Algorithm
        $padding = [Security.Cryptography.RSASignaturePadding]::$Padding
        $script:rsaKey.Key.ToRSA().VerifyData($data, $signature.Result, [Security.Cryptography.HashAlgorithmName]::$Hash, $padding) | Should -BeTrue
        $script:rsaKey.Key.ToRSA().VerifyData([byte[]](1, 2, 3), $signature.Result, [Security.Cryptography.HashAlgorithmName]::$Hash, $padding) | Should -BeFalse
    }

    It 'an EC signature made by the vault verifies locally, and Test-VaultSignature agrees' {
        $data = [Text.Encoding]::UTF8.GetBytes('ec data')
        $signature = New-VaultSignature -Name $script:ecKey.Name -Value $data
        $signature.Algorithm | Should -Be 'ES384'
        $signature.Result.Length | Should -Be 96
        $script:ecKey.Key.ToECDsa().VerifyData($data, $signature.Result, [Security.Cryptography.HashAlgorithmName]::SHA384) | Should -BeTrue
        ($signature | Test-VaultSignature -Value $data) | Should -BeTrue
        ($signature | Test-VaultSignature -Value ([Text.Encoding]::UTF8.GetBytes('other data'))) | Should -BeFalse
    }

    It 'signs a digest computed elsewhere' {
        $data = [Text.Encoding]::UTF8.GetBytes('digest me')
        $digest = [Security.Cryptography.SHA256]::HashData($data)
        $signature = New-VaultSignature -Name $script:rsaKey.Name -Digest $digest -Algorithm RS256
        $script:rsaKey.Key.ToRSA().VerifyHash($digest, $signature.Result, [Security.Cryptography.HashAlgorithmName]::SHA256, [Security.Cryptography.RSASignaturePadding]::Pkcs1) | Should -BeTrue
        Test-VaultSignature -Id $signature.KeyId -Digest $digest -Signature $signature.Result | Should -BeTrue
    }

    It 'an operation the key does not allow is the service''s KeyOperationForbidden' {
        $signOnly = Add-VaultKey -Name (New-RandomName 'ops') -KeyOps sign, verify
        Protect-VaultData -Name $signOnly.Name -Value ([byte[]](1, 2, 3)) -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'VaultKeyOperationNotAllowed,VaultTools.Commands.Keys.ProtectVaultDataCommand'
        $err[0].Exception.ServiceErrorCode | Should -Be 'KeyOperationForbidden'
    }

    It 'never shows result bytes in the default view or ToString()' {
        $secret = [Text.Encoding]::UTF8.GetBytes('VIEW-SENTINEL')
        $plain = Protect-VaultData -Name $script:rsaKey.Name -Value $secret | Unprotect-VaultData
        ($plain | Out-String) | Should -Not -Match ([Convert]::ToBase64String($secret))
        "$plain" | Should -Not -Match ([Convert]::ToBase64String($secret))
        ($plain | Out-String) | Should -Match 'Decrypt'
    }
}

Describe 'Update-VaultKey' {
    It 'disables, re-enables, changes dates, tags and key operations' {
        $name = (Add-VaultKey -Name (New-RandomName 'upd') -Tag @{ a = '1' }).Name
        Update-VaultKey -Name $name -Enable $false
        (Get-VaultKey -Name $name).Enabled | Should -BeFalse
        $expires = (Get-Date).AddDays(10).Date
        $updated = Update-VaultKey -Name $name -Enable $true -Expires $expires -Tag @{ b = '2' } -KeyOps encrypt, decrypt -PassThru
        $updated.Enabled | Should -BeTrue
        $updated.Expires.UtcDateTime | Should -Be $expires.ToUniversalTime()
        $updated.Tags.Keys | Should -Be @('b')
        $updated.KeyOps | Sort-Object | Should -Be @('decrypt', 'encrypt')
    }

    It 'clears every tag with an empty -Tag, as Update-VaultSecret does' {
        $name = (Add-VaultKey -Name (New-RandomName 'upd') -KeyType EC -Tag @{ a = '1'; b = '2' }).Name
        (Update-VaultKey -Name $name -Tag @{} -PassThru).Tags.Count | Should -Be 0
        (Get-VaultKey -Name $name).Tags.Count | Should -Be 0
    }

    It 'updates the version named by -Id, not the latest' {
        $first = Add-VaultKey -Name (New-RandomName 'upd') -KeyType EC
        $second = Invoke-VaultKeyRotation -Name $first.Name
        $updated = Update-VaultKey -Id $first.Id -Tag @{ old = 'yes' } -PassThru
        $updated.Version | Should -Be $first.Version
        (Get-VaultKey -Name $first.Name -Version $first.Version).Tags['old'] | Should -Be 'yes'
        (Get-VaultKey -Name $first.Name -Version $second.Version).Tags.Count | Should -Be 0
    }

    It 'a disabled key cannot be used' {
        $key = Add-VaultKey -Name (New-RandomName 'dis') -Disable
        Protect-VaultData -Name $key.Name -Value ([byte[]](1, 2, 3)) -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].CategoryInfo.Category | Should -BeIn 'InvalidOperation', 'PermissionDenied'
    }
}

Describe 'Rotation' {
    It 'sets and reads back a rotation policy, as TimeSpans or ISO 8601' {
        $name = (Add-VaultKey -Name (New-RandomName 'rot') -KeyType EC).Name
        $policy = Set-VaultKeyRotationPolicy -Name $name -RotateAfterCreate P18M -ExpiresIn P2Y -NotifyBeforeExpiry (New-TimeSpan -Days 30) -PassThru
        $policy | Should -BeOfType ([VaultTools.KeyRotationPolicy])
        $read = Get-VaultKeyRotationPolicy -Name $name
        $read.RotateAfterCreate | Should -Be 'P18M'
        $read.ExpiresIn | Should -Be 'P2Y'
        $read.NotifyBeforeExpiry | Should -Be 'P30D'
        $read.RotateBeforeExpiry | Should -BeNullOrEmpty
        $read.KeyName | Should -Be $name
    }

    It 'a key without a policy of its own has the service''s default: notify 30 days before expiry, no rotation' {
        $name = (Add-VaultKey -Name (New-RandomName 'rot') -KeyType EC).Name
        $policy = Get-VaultKeyRotationPolicy -Name $name
        $policy.KeyName | Should -Be $name
        $policy.NotifyBeforeExpiry | Should -Be 'P30D'
        $policy.RotateAfterCreate | Should -BeNullOrEmpty
        $policy.RotateBeforeExpiry | Should -BeNullOrEmpty
        Get-VaultKeyRotationPolicy -Name (New-RandomName 'absent') -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VaultKeyNotFound,*'
    }

    It 'rotates on demand: a new version with the policy''s expiry, older versions kept' {
        $first = Add-VaultKey -Name (New-RandomName 'rot') -Size 2048
        Set-VaultKeyRotationPolicy -Name $first.Name -ExpiresIn P90D -RotateBeforeExpiry P30D
        $rotated = Invoke-VaultKeyRotation -Name $first.Name
        $rotated.Version | Should -Not -Be $first.Version
        $rotated.KeyType | Should -Be 'RSA'
        $rotated.KeySize | Should -Be 2048
        $rotated.Expires | Should -Not -BeNullOrEmpty
        ($rotated.Expires - $rotated.Created).TotalDays | Should -BeGreaterOrEqual 89
        (Get-VaultKey -Name $first.Name).Version | Should -Be $rotated.Version
        @(Get-VaultKey -Name $first.Name -IncludeVersions).Count | Should -Be 2
        [Convert]::ToBase64String($rotated.Key.N) | Should -Not -Be ([Convert]::ToBase64String($first.Key.N))
    }

    It '-WhatIf rotates nothing' {
        $key = Add-VaultKey -Name (New-RandomName 'rot') -KeyType EC
        Invoke-VaultKeyRotation -Name $key.Name -WhatIf
        @(Get-VaultKey -Name $key.Name -IncludeVersions).Count | Should -Be 1
    }
}

Describe 'Soft delete, recover and purge' {
    It 'deletes, lists as removed, refuses the name, recovers' {
        $key = Add-VaultKey -Name (New-RandomName 'del') -KeyType EC
        $deleted = Remove-VaultKey -Name $key.Name -Force -PassThru
        $deleted | Should -BeOfType ([VaultTools.DeletedVaultKey])
        $deleted.RecoveryId | Should -Match "/deletedkeys/$($key.Name)$"
        $deleted.ScheduledPurgeDate | Should -BeGreaterThan $deleted.DeletedOn

        Get-VaultKey -Name $key.Name -ErrorAction SilentlyContinue -ErrorVariable missing | Should -BeNullOrEmpty
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'VaultKeyNotFound,*'
        Wait-Until { Get-VaultKey -Name $key.Name -InRemovedState -ErrorAction SilentlyContinue } | Should -BeTrue
        (Get-VaultKey -InRemovedState -Name "$($key.Name)*").Name | Should -Contain $key.Name

        Add-VaultKey -Name $key.Name -KeyType EC -ErrorAction SilentlyContinue -ErrorVariable conflict
        $conflict[0].FullyQualifiedErrorId | Should -BeLike 'VaultKeyDeletedButRecoverable,*'
        $conflict[0].CategoryInfo.Category | Should -Be 'ResourceExists'

        $recovered = Undo-VaultKeyRemoval -Name $key.Name
        $recovered | Should -BeOfType ([VaultTools.VaultKey])
        $recovered.Version | Should -Be $key.Version
        # Undo waits until the recovered key can be read: no polling needed here.
        (Get-VaultKey -Name $key.Name).Version | Should -Be $key.Version
    }

    It 'Undo-VaultKeyRemoval returns keys that are readable at once, recovers a piped batch and reports the missing one' {
        $prefix = New-RandomName 'undo'
        $keys = 1..2 | ForEach-Object { Add-VaultKey -Name "$prefix-$_" -KeyType EC }
        $keys | Remove-VaultKey -Force
        foreach ($key in $keys) { Wait-Until { Get-VaultKey -Name $key.Name -InRemovedState -ErrorAction SilentlyContinue } | Should -BeTrue }
        $missing = "$prefix-missing"

        $out = @(Get-VaultKey -InRemovedState -Name "$prefix-*") + [pscustomobject]@{ Name = $missing } | Undo-VaultKeyRemoval -ErrorAction SilentlyContinue -ErrorVariable err
        @($out).Name | Sort-Object | Should -Be (@($keys.Name) | Sort-Object)
        $err.Count | Should -Be 1
        $err[0].TargetObject | Should -Be $missing
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VaultKeyNotFound,*'
        foreach ($key in $keys) {
            $read = Get-VaultKey -Name $key.Name
            $read.Version | Should -Be $key.Version
            [Convert]::ToBase64String($read.Key.X) | Should -Be ([Convert]::ToBase64String($key.Key.X))
        }
    }

    It 'Undo-VaultKeyRemoval -WhatIf recovers nothing' {
        $key = Add-VaultKey -Name (New-RandomName 'undo') -KeyType EC
        Remove-VaultKey -Name $key.Name -Force
        Wait-Until { Get-VaultKey -Name $key.Name -InRemovedState -ErrorAction SilentlyContinue } | Should -BeTrue
        Undo-VaultKeyRemoval -Name $key.Name -WhatIf | Should -BeNullOrEmpty
        (Get-VaultKey -Name $key.Name -InRemovedState).Name | Should -Be $key.Name
        Get-VaultKey -Name $key.Name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'Remove-VaultKey -Purge deletes for good and frees the name' {
        $key = Add-VaultKey -Name (New-RandomName 'purge') -KeyType EC
        $verbose = Remove-VaultKey -Name $key.Name -Purge -Force -Verbose 4>&1
        ($verbose | Out-String) | Should -Match "Key '$($key.Name)' purged from"
        Get-VaultKey -Name $key.Name -InRemovedState -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VaultKeyNotFound,*'
        # The name is free again at once: no VaultKeyDeletedButRecoverable.
        (Add-VaultKey -Name $key.Name -KeyType EC).Version | Should -Not -Be $key.Version
    }

    It 'Remove-VaultKey -Purge for a piped batch purges each one, returns them with -PassThru and reports the missing one' {
        $prefix = New-RandomName 'purge'
        $names = 1..3 | ForEach-Object { (Add-VaultKey -Name "$prefix-$_" -KeyType EC).Name }
        $missing = "$prefix-missing"
        $out = $names + $missing | ForEach-Object { [pscustomobject]@{ Name = $_ } } | Remove-VaultKey -Purge -Force -PassThru -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].TargetObject | Should -Be $missing
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VaultKeyNotFound,*'
        $out | Should -HaveCount 3
        $out | ForEach-Object { $_ | Should -BeOfType ([VaultTools.DeletedVaultKey]) }
        @($out.Name) | Sort-Object | Should -Be ($names | Sort-Object)
        @(Get-VaultKey -InRemovedState -Name "$prefix-*").Count | Should -Be 0
        @(Get-VaultKey -Name "$prefix-*").Count | Should -Be 0
    }

    It 'Remove-VaultKey -Purge -WhatIf and -InRemovedState -WhatIf change nothing' {
        $key = Add-VaultKey -Name (New-RandomName 'keep') -KeyType EC
        Remove-VaultKey -Name $key.Name -Purge -WhatIf
        (Get-VaultKey -Name $key.Name).Version | Should -Be $key.Version
        & {
            $WhatIfPreference = $true
            Remove-VaultKey -Name $key.Name -Purge -Force
        }
        (Get-VaultKey -Name $key.Name).Version | Should -Be $key.Version

        Remove-VaultKey -Name $key.Name -Force
        Wait-Until { Get-VaultKey -Name $key.Name -InRemovedState -ErrorAction SilentlyContinue } | Should -BeTrue
        Remove-VaultKey -Name $key.Name -InRemovedState -WhatIf
        (Get-VaultKey -Name $key.Name -InRemovedState).Name | Should -Be $key.Name
    }

    It 'purges a deleted key for good' {
        $key = Add-VaultKey -Name (New-RandomName 'purge') -KeyType EC
        Remove-VaultKey -Name $key.Name -Force
        Wait-Until { Get-VaultKey -Name $key.Name -InRemovedState -ErrorAction SilentlyContinue } | Should -BeTrue
        Remove-VaultKey -Name $key.Name -InRemovedState -Force
        Wait-Until { -not (Get-VaultKey -Name $key.Name -InRemovedState -ErrorAction SilentlyContinue) } | Should -BeTrue
        Undo-VaultKeyRemoval -Name $key.Name -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VaultKeyNotFound,*'
    }

    It '-Force skips the question but never $WhatIfPreference' {
        $key = Add-VaultKey -Name (New-RandomName 'keep') -KeyType EC
        & {
            $WhatIfPreference = $true
            Remove-VaultKey -Name $key.Name -Force
        }
        (Get-VaultKey -Name $key.Name).Name | Should -Be $key.Name
    }

    It '-WhatIf deletes nothing and a missing key is VaultKeyNotFound' {
        $key = Add-VaultKey -Name (New-RandomName 'keep') -KeyType EC
        Remove-VaultKey -Name $key.Name -WhatIf
        (Get-VaultKey -Name $key.Name).Name | Should -Be $key.Name
        Remove-VaultKey -Name (New-RandomName 'absent') -Force -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VaultKeyNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Backup and restore to a file' {
    It 'backs up, refuses to overwrite without -Force, restores after purge with the same versions' {
        $key = Add-VaultKey -Name (New-RandomName 'bak') -Size 2048
        $second = Invoke-VaultKeyRotation -Name $key.Name
        $file = Join-Path $script:workDir "$($key.Name).keybackup"
        $written = Backup-VaultKey -Name $key.Name -OutputFile $file
        $written | Should -BeOfType ([IO.FileInfo])
        $written.Length | Should -BeGreaterThan 0
        # a backup is as sensitive as the key: readable by its owner only, no temporary file left behind
        if (-not $IsWindows) { [int](Get-Item $file).UnixFileMode | Should -Be ([int][System.IO.UnixFileMode]'UserRead, UserWrite') }
        @(Get-ChildItem $script:workDir -Filter '*.tmp' -Force).Count | Should -Be 0

        Backup-VaultKey -Name $key.Name -OutputFile $file -ErrorAction SilentlyContinue -ErrorVariable exists
        $exists[0].FullyQualifiedErrorId | Should -BeLike 'OutputFileExists,*'
        Backup-VaultKey -Name $key.Name -OutputFile $file -Force | Should -Not -BeNullOrEmpty

        Remove-VaultKey -Name $key.Name -Force
        Wait-Until { Get-VaultKey -Name $key.Name -InRemovedState -ErrorAction SilentlyContinue } | Should -BeTrue
        Remove-VaultKey -Name $key.Name -InRemovedState -Force
        Wait-Until { -not (Get-VaultKey -Name $key.Name -InRemovedState -ErrorAction SilentlyContinue) } | Should -BeTrue

        $restored = Get-Item $file | Restore-VaultKey
        $restored.Name | Should -Be $key.Name
        $restored.Version | Should -Be $second.Version
        @(Get-VaultKey -Name $key.Name -IncludeVersions).Version | Sort-Object | Should -Be (@($key.Version, $second.Version) | Sort-Object)
        [Convert]::ToBase64String((Get-VaultKey -Name $key.Name -Version $key.Version).Key.N) | Should -Be ([Convert]::ToBase64String($key.Key.N))
    }

    It 'without -OutputFile writes <vault>-<name>-<time>.blob in the current folder, as the other backups do' {
        $key = Add-VaultKey -Name (New-RandomName 'bak') -KeyType EC
        Push-Location $script:workDir
        try { $written = Backup-VaultKey -Name $key.Name }
        finally { Pop-Location }
        $written.DirectoryName | Should -Be $script:workDir
        $written.Name | Should -Match "^local-$($key.Name)-\d{14}\.blob$"
    }

    It 'refuses to restore over an existing key and from a missing file' {
        $key = Add-VaultKey -Name (New-RandomName 'bak') -KeyType EC
        $file = Join-Path $script:workDir "$($key.Name).keybackup"
        Backup-VaultKey -Name $key.Name -OutputFile $file | Out-Null
        Restore-VaultKey -InputFile $file -ErrorAction SilentlyContinue -ErrorVariable conflict
        $conflict[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        Restore-VaultKey -InputFile (Join-Path $script:workDir 'nothing.keybackup') -ErrorAction SilentlyContinue -ErrorVariable missing
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'InputFileNotFound,*'
    }

    It 'says that the vault to restore into does not exist, naming it' {
        $key = Add-VaultKey -Name (New-RandomName 'bak') -KeyType EC
        $file = Backup-VaultKey -Name $key.Name -OutputFile (Join-Path $script:workDir "$($key.Name)-novault.keybackup")
        Restore-VaultKey -InputFile $file.FullName -VaultName no-such-dr-kv -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VaultNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].Exception.Message | Should -Match 'no-such-dr-kv'
    }
}

Describe 'The key cmdlets as commands' {
    It 'every key cmdlet that writes supports -WhatIf and -Confirm, and Remove-VaultKey confirms by default' {
        foreach ($name in 'Add-VaultKey', 'Update-VaultKey', 'Remove-VaultKey', 'Undo-VaultKeyRemoval', 'Backup-VaultKey', 'Restore-VaultKey', 'Set-VaultKeyRotationPolicy', 'Invoke-VaultKeyRotation') {
            (Get-Command $name).Parameters.Keys | Should -Contain 'WhatIf' -Because $name
        }
        $attribute = (Get-Command Remove-VaultKey).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
        (Get-Command Remove-VaultKey).Parameters.Keys | Should -Contain 'Force'
    }

    It 'Remove-VaultKey and Undo-VaultKeyRemoval have the parameter sets of their secret and certificate counterparts' {
        function Get-Shape([string] $Name) {
            $command = Get-Command $Name
            $command.ParameterSets | Sort-Object Name | ForEach-Object {
                $set = $_
                $parameters = $set.Parameters | Where-Object { $_.Name -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and $_.Name -notin [System.Management.Automation.PSCmdlet]::OptionalCommonParameters } |
                    Sort-Object Name | ForEach-Object { "$($_.Name)$(if ($_.IsMandatory) { '!' })" }
                "$($set.Name)$(if ($set.IsDefault) { '*' }): $($parameters -join ',')"
            }
        }
        foreach ($other in 'Remove-VaultSecret', 'Remove-VaultCertificate') {
            Get-Shape 'Remove-VaultKey' | Should -Be (Get-Shape $other) -Because $other
        }
        foreach ($other in 'Undo-VaultSecretRemoval', 'Undo-VaultCertificateRemoval') {
            Get-Shape 'Undo-VaultKeyRemoval' | Should -Be (Get-Shape $other) -Because $other
        }
        (Get-Command Remove-VaultKey).OutputType.Name | Should -Be 'VaultTools.DeletedVaultKey'
        (Get-Command Undo-VaultKeyRemoval).OutputType.Name | Should -Be 'VaultTools.VaultKey'
    }

    It 'Name, Version, VaultName and Id bind from the pipeline by property name' {
        foreach ($name in 'Get-VaultKey', 'Update-VaultKey', 'Protect-VaultData', 'New-VaultSignature') {
            $parameters = (Get-Command $name).Parameters
            foreach ($p in 'Name', 'Version', 'VaultName', 'Id') {
                ($parameters[$p].Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.ValueFromPipelineByPropertyName }) | Should -Not -BeNullOrEmpty -Because "$name -$p"
            }
        }
    }
}
