# No secret value, private key, client secret, access token or password reaches what a user or a log sees:
# output views and ToString(), verbose, debug and warning output, error records (message, details, target,
# inner exceptions). One test per cmdlet that handles such values, each with a sentinel that must not show.
# Secrets.Tests.ps1 covers Get-/Set-VaultSecret the same way.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest
    $script:emulator = Start-TestEmulator
    $script:emulator | Connect-Vault -Emulator | Out-Null
    $script:folder = Join-Path ([IO.Path]::GetTempPath()) ("vt-safety-" + [guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory -Path $script:folder | Out-Null

    # Everything a script block shows, as text: every stream, each object's default view and ToString(), and for
    # error records also the exception with its inner exceptions, the error details and the target.
    function Show-Everything([scriptblock] $Script) {
        $ErrorActionPreference = 'Continue'   # errors are records to look at, not test failures
        $records = [System.Collections.Generic.List[object]]::new()
        try { & $Script *>&1 | ForEach-Object { $records.Add($_) } }
        catch { $records.Add($_) }
        $text = foreach ($record in $records) {
            $record | Out-String -Width 4096
            "$record"
            if ($record -is [System.Management.Automation.ErrorRecord]) {
                $record.FullyQualifiedErrorId
                $record.Exception.ToString()
                "$($record.ErrorDetails)"
                $record.TargetObject | Out-String -Width 4096
            }
        }
        $text -join "`n"
    }

    function ConvertTo-Base64Url([byte[]] $Bytes) { [Convert]::ToBase64String($Bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_') }

    function New-LocalPfx([string] $Path, [string] $Password) {
        $rsa = [System.Security.Cryptography.RSA]::Create(2048)
        $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new("CN=safety-$([guid]::NewGuid().ToString('n').Substring(0, 8))", $rsa,
            [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $certificate = $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddYears(1))
        [IO.File]::WriteAllBytes($Path, $certificate.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Pfx, $Password))
        $rsa
    }

    # Pieces of a private key that must never show: its private exponent in base64 and base64url, and a run of its PKCS#8 encoding.
    function Get-KeyFingerprints([System.Security.Cryptography.RSA] $Rsa) {
        $d = $Rsa.ExportParameters($true).D
        $pkcs8 = [Convert]::ToBase64String($Rsa.ExportPkcs8PrivateKey())
        [Convert]::ToBase64String($d).Substring(0, 40), (ConvertTo-Base64Url $d).Substring(0, 40), $pkcs8.Substring(200, 40)
    }
}

AfterAll {
    Disconnect-Vault
    Stop-TestEmulator $script:emulator
    Remove-Item $script:folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Import-VaultCertificate and Export-VaultCertificate' {
    BeforeAll {
        $script:pfx = Join-Path $script:folder 'import.pfx'
        $script:rsa = New-LocalPfx -Path $script:pfx -Password 'IMPORT-PFX-SENTINEL'
        $script:fingerprints = Get-KeyFingerprints $script:rsa
        $script:certName = New-RandomName 'safety'
    }

    It 'shows neither the PFX password nor the private key when importing, with -Verbose and -Debug' {
        $text = Show-Everything { Import-VaultCertificate -Name $script:certName -FilePath $script:pfx -Password (ConvertTo-SecureString 'IMPORT-PFX-SENTINEL' -AsPlainText -Force) -Verbose -Debug }
        $text | Should -Match $script:certName   # the import happened and its output is in the text
        $text | Should -Not -Match 'IMPORT-PFX-SENTINEL'
        foreach ($piece in $script:fingerprints) { $text.Contains($piece) | Should -BeFalse }
    }

    It 'keeps a wrong PFX password out of the error record' {
        $text = Show-Everything { Import-VaultCertificate -Name (New-RandomName 'safety') -FilePath $script:pfx -Password (ConvertTo-SecureString 'WRONG-PFX-SENTINEL' -AsPlainText -Force) }
        $text | Should -Match 'InvalidCertificatePassword'
        $text | Should -Not -Match 'WRONG-PFX-SENTINEL'
    }

    It 'shows neither the export password nor the private key when exporting, with -Verbose and -Debug' {
        $target = Join-Path $script:folder 'export.pfx'
        $text = Show-Everything {
            Export-VaultCertificate -Name $script:certName -FilePath $target -Password (ConvertTo-SecureString 'EXPORT-PFX-SENTINEL' -AsPlainText -Force) -Verbose -Debug
            Export-VaultCertificate -Name $script:certName -FilePath (Join-Path $script:folder 'export.pem') -Verbose -Debug
        }
        Test-Path $target | Should -BeTrue
        $text | Should -Match 'export\.pem'
        $text | Should -Not -Match 'EXPORT-PFX-SENTINEL'
        foreach ($piece in $script:fingerprints) { $text.Contains($piece) | Should -BeFalse }
        # the PEM really holds the key (so the check above looked for something that exists)
        (Get-Content (Join-Path $script:folder 'export.pem') -Raw).Replace("`n", '').Contains($script:fingerprints[2]) | Should -BeTrue
    }

    It 'keeps the export password out of the error when the file exists' {
        $text = Show-Everything { Export-VaultCertificate -Name $script:certName -FilePath (Join-Path $script:folder 'export.pfx') -Password (ConvertTo-SecureString 'EXISTS-PFX-SENTINEL' -AsPlainText -Force) }
        $text | Should -Match 'OutputFileExists'
        $text | Should -Not -Match 'EXISTS-PFX-SENTINEL'
    }
}

Describe 'Add-VaultKey importing a key pair' {
    BeforeAll {
        $script:jwkRsa = [System.Security.Cryptography.RSA]::Create(2048)
        $p = $script:jwkRsa.ExportParameters($true)
        $script:jwk = [ordered]@{ kty = 'RSA'; n = (ConvertTo-Base64Url $p.Modulus); e = (ConvertTo-Base64Url $p.Exponent); d = (ConvertTo-Base64Url $p.D)
            p = (ConvertTo-Base64Url $p.P); q = (ConvertTo-Base64Url $p.Q); dp = (ConvertTo-Base64Url $p.DP); dq = (ConvertTo-Base64Url $p.DQ); qi = (ConvertTo-Base64Url $p.InverseQ) }
        $script:jwkFingerprints = Get-KeyFingerprints $script:jwkRsa
    }

    It 'shows no private part of an imported JSON web key, with -Verbose and -Debug' {
        $name = New-RandomName 'jwk'
        $text = Show-Everything { Add-VaultKey -Name $name -JsonWebKey ($script:jwk | ConvertTo-Json) -Verbose -Debug }
        $text | Should -Match $name
        foreach ($piece in $script:jwkFingerprints) { $text.Contains($piece) | Should -BeFalse }
        $text.Contains($script:jwk.p.Substring(0, 40)) | Should -BeFalse
    }

    It 'shows no private part when the vault refuses the key pair' {
        $bad = [ordered]@{} + $script:jwk
        $bad.p = $script:jwk.q; $bad.q = $script:jwk.p.Substring(0, $script:jwk.p.Length - 4) + 'AAAA'   # halves that do not belong together
        $text = Show-Everything { Add-VaultKey -Name (New-RandomName 'jwk') -JsonWebKey ($bad | ConvertTo-Json) }
        $text | Should -Match 'VaultBadRequest'   # the vault's refusal, not a local one
        foreach ($piece in $script:jwkFingerprints) { $text.Contains($piece) | Should -BeFalse }
        $text.Contains($script:jwk.q.Substring(0, 40)) | Should -BeFalse
    }

    It 'shows no private part when the key is refused locally' {
        $bad = [ordered]@{} + $script:jwk
        $bad.Remove('n')
        $text = Show-Everything { Add-VaultKey -Name (New-RandomName 'jwk') -JsonWebKey ($bad | ConvertTo-Json) }
        $text | Should -Match 'InvalidJsonWebKey'
        foreach ($piece in $script:jwkFingerprints) { $text.Contains($piece) | Should -BeFalse }
    }
}

Describe 'Protect-VaultData and Unprotect-VaultData' {
    BeforeAll {
        $script:cryptoKey = Add-VaultKey -Name (New-RandomName 'crypto')
        $script:plain = [Text.Encoding]::UTF8.GetBytes('PLAINTEXT-SENTINEL')
    }

    It 'shows the plaintext neither in verbose or debug output nor in the results'' views' {
        $text = Show-Everything {
            $protected = Protect-VaultData -Name $script:cryptoKey.Name -Value $script:plain -Verbose -Debug
            $protected
            $protected | Unprotect-VaultData -Verbose -Debug
            $protected | Unprotect-VaultData -Unwrap:$false | Format-Table | Out-String
        }
        $text | Should -Match 'Decrypt'
        $text | Should -Not -Match 'PLAINTEXT-SENTINEL'
        $text.Contains([Convert]::ToBase64String($script:plain)) | Should -BeFalse
    }

    It 'keeps a refused plaintext out of the error record' {
        $long = [Text.Encoding]::UTF8.GetBytes('PLAINTEXT-SENTINEL' * 20)
        $text = Show-Everything { Protect-VaultData -Name $script:cryptoKey.Name -Value $long }
        $text | Should -Match 'InvalidValueLength'
        $text | Should -Not -Match 'PLAINTEXT-SENTINEL'
    }
}

Describe 'Get-VaultAccessToken' {
    It 'shows the token neither in verbose or debug output nor in the object''s views and ToString()' {
        $token = Get-VaultAccessToken -AsPlainText
        $token | Should -Match '^[\w-]+\.[\w-]+\.[\w-]+$'
        $signature = $token.Split('.')[2]
        $text = Show-Everything {
            $object = Get-VaultAccessToken -Verbose -Debug
            $object
            $object | Format-Table | Out-String
            $object | Format-List | Out-String
        }
        $text | Should -Match 'SecureString'
        $text.Contains($signature) | Should -BeFalse
    }
}

Describe 'Connect-Vault with a client secret or an access token' {
    AfterAll { $script:emulator | Connect-Vault -Emulator | Out-Null }

    It 'shows the client secret nowhere, and a wrong one stays out of the error record' {
        $admin = $script:emulator.Identities | Where-Object Name -eq 'admin'
        $plain = [System.Net.NetworkCredential]::new('', $admin.ClientSecret).Password
        $text = Show-Everything {
            Connect-Vault -Emulator -EmulatorInfo $script:emulator -TenantId $script:emulator.TenantId -ClientId $admin.ClientId -ClientSecret $admin.ClientSecret -Verbose -Debug
            Get-VaultConnection | Format-List * | Out-String
            Get-VaultSecret -Name (New-RandomName 'absent') -Verbose -Debug
        }
        $text | Should -Match 'ClientSecret'   # the connection's credential type
        $text.Contains($plain) | Should -BeFalse

        $text = Show-Everything {
            Connect-Vault -Emulator -EmulatorInfo $script:emulator -TenantId $script:emulator.TenantId -ClientId $admin.ClientId -ClientSecret (ConvertTo-SecureString 'WRONG-CLIENT-SECRET-SENTINEL' -AsPlainText -Force) | Out-Null
            Get-VaultSecret -Name 'anything'
        }
        $text | Should -Match 'VaultAuthenticationFailed'
        $text | Should -Not -Match 'WRONG-CLIENT-SECRET-SENTINEL'
    }

    It 'shows an access token given to -AccessToken nowhere' {
        $script:emulator | Connect-Vault -Emulator | Out-Null
        $token = Get-VaultAccessToken -AsPlainText
        $signature = $token.Split('.')[2]
        $text = Show-Everything {
            Connect-Vault -Emulator -EmulatorInfo $script:emulator -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -Verbose -Debug
            Get-VaultConnection | Format-List * | Out-String
            Get-VaultSecret -Name (New-RandomName 'absent') -Verbose -Debug
        }
        $text | Should -Match 'AccessToken'
        $text | Should -Match 'VaultSecretNotFound'   # the token worked: the vault answered
        $text.Contains($signature) | Should -BeFalse
    }
}
