# Certificates against the emulator, through the staged module: create from a policy (202, pending,
# completed), read and list, import and export files (PFX, PEM, CER), the soft-delete cycle,
# backup/restore, policies, bad input, batches, -WhatIf and pipelines. Written to the service's
# behaviour (a certificate has a backing key and a backing secret of the same name; deletions and
# recoveries become visible after a delay); the tests run once the emulator implements certificates.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest
    $script:emulator = Start-TestEmulator
    $script:emulator | Connect-Vault -Emulator | Out-Null
    $script:folder = Join-Path ([IO.Path]::GetTempPath()) ("vt-certs-" + [guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory -Path $script:folder | Out-Null
    $script:password = ConvertTo-SecureString 'Pfx-Pa55word!' -AsPlainText -Force

    function Wait-Deleted([string] $Name) {
        Wait-Until { Get-VaultCertificate -InRemovedState -Name $Name -ErrorAction SilentlyContinue } | Out-Null
    }

    function New-Certificate([string] $Prefix = 'cert', [string[]] $DnsName = @()) {
        $name = New-RandomName $Prefix
        $arguments = @{ Name = $name; SubjectName = "CN=$name.contoso.com"; ValidityInMonths = 12 }
        if ($DnsName) { $arguments.DnsName = $DnsName }
        Add-VaultCertificate @arguments
    }

    # A self-signed certificate with its private key, made locally (no New-SelfSignedCertificate on Linux).
    function New-LocalCertificate([string] $Subject) {
        $rsa = [System.Security.Cryptography.RSA]::Create(2048)
        $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new($Subject, $rsa,
            [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddYears(1))
    }

    function Open-Pfx([string] $Path, [string] $Password) {
        [System.Security.Cryptography.X509Certificates.X509CertificateLoader]::LoadPkcs12FromFile($Path, $Password,
            [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]::EphemeralKeySet)
    }
}

AfterAll {
    Disconnect-Vault
    Stop-TestEmulator $script:emulator
    Remove-Item $script:folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Add-VaultCertificate' {
    It 'creates a self-signed certificate from parameters, waits for it and returns it with its key and secret ids' {
        $name = New-RandomName 'web'
        $cert = Add-VaultCertificate -Name $name -SubjectName "CN=$name.contoso.com" -DnsName "$name.contoso.com", 'www.contoso.com' -ValidityInMonths 6 -RenewAtPercentageLifetime 80 -Tag @{ Owner = 'team-a' }
        $cert | Should -BeOfType ([VaultTools.VaultCertificate])
        $cert.Name | Should -Be $name
        $cert.Version | Should -Match '^[0-9a-f]{32}$'
        $cert.Subject | Should -Be "CN=$name.contoso.com"
        $cert.SubjectAlternativeNames | Should -Contain 'www.contoso.com'
        $cert.SubjectAlternativeNames | Should -Contain "$name.contoso.com"
        $cert.Thumbprint | Should -Match '^[0-9A-F]{40}$'
        $cert.Certificate | Should -BeOfType ([System.Security.Cryptography.X509Certificates.X509Certificate2])
        $cert.Certificate.HasPrivateKey | Should -BeFalse
        $cert.Certificate.Thumbprint | Should -Be $cert.Thumbprint
        $cert.Expires.UtcDateTime | Should -BeGreaterThan (Get-Date).ToUniversalTime().AddMonths(5)
        $cert.Expires.UtcDateTime | Should -BeLessThan (Get-Date).ToUniversalTime().AddMonths(7)
        $cert.KeyId | Should -Match "/keys/$name/$($cert.Version)$"
        $cert.SecretId | Should -Match "/secrets/$name/$($cert.Version)$"
        $cert.Tags['Owner'] | Should -Be 'team-a'
    }

    It 'has a backing secret of the same name with the PFX as its value' {
        $cert = New-Certificate
        $secret = Get-VaultSecret -Name $cert.Name
        $secret.ContentType | Should -Be 'application/x-pkcs12'
        $bytes = [Convert]::FromBase64String((Get-VaultSecret -Name $cert.Name -AsPlainText))
        $pfx = [System.Security.Cryptography.X509Certificates.X509CertificateLoader]::LoadPkcs12($bytes, $null, [System.Security.Cryptography.X509Certificates.X509KeyStorageFlags]::EphemeralKeySet)
        $pfx.Thumbprint | Should -Be $cert.Thumbprint
        $pfx.HasPrivateKey | Should -BeTrue
    }

    It 'creates an EC certificate stored as PEM' {
        $name = New-RandomName 'ec'
        $cert = Add-VaultCertificate -Name $name -SubjectName "CN=$name" -KeyType EC -CurveName P-384 -ContentType Pem
        $cert.Certificate.PublicKey.Oid.Value | Should -Be '1.2.840.10045.2.1' # id-ecPublicKey
        (Get-VaultSecret -Name $name).ContentType | Should -Be 'application/x-pem-file'
        Get-VaultSecret -Name $name -AsPlainText | Should -Match '-----BEGIN CERTIFICATE-----'
        (Get-VaultCertificatePolicy -Name $name).CurveName | Should -Be 'P-384'
    }

    It 'creates from a -Policy object made by New-VaultCertificatePolicy' {
        $name = New-RandomName 'pol'
        $policy = New-VaultCertificatePolicy -SubjectName "CN=$name" -KeySize 3072 -ValidityInMonths 3 -RenewAtDaysBeforeExpiry 10
        $policy | Should -BeOfType ([VaultTools.VaultCertificatePolicy])
        $cert = Add-VaultCertificate -Name $name -Policy $policy
        $cert.Certificate.PublicKey.GetRSAPublicKey().KeySize | Should -Be 3072
        $stored = Get-VaultCertificatePolicy -Name $name
        $stored.ValidityInMonths | Should -Be 3
        $stored.RenewAtDaysBeforeExpiry | Should -Be 10
    }

    It 'with -NoWait returns the pending operation, which Get-VaultCertificateOperation follows to completion' {
        $name = New-RandomName 'nowait'
        $status = Add-VaultCertificate -Name $name -SubjectName "CN=$name" -NoWait
        $status | Should -BeOfType ([VaultTools.CertificateOperationStatus])
        $status.Name | Should -Be $name
        $status.Status | Should -BeIn @('inProgress', 'completed')
        (Wait-Until { $op = Get-VaultCertificateOperation -Name $name; if ($op.Status -ne 'inProgress') { $op } }).Status | Should -Be 'completed'
        (Get-VaultCertificate -Name $name).Name | Should -Be $name
    }

    It 'adds a new version to an existing certificate' {
        $first = New-Certificate
        $second = Add-VaultCertificate -Name $first.Name -SubjectName "CN=$($first.Name)-v2"
        $second.Version | Should -Not -Be $first.Version
        $versions = @(Get-VaultCertificate -Name $first.Name -IncludeVersions)
        $versions.Count | Should -Be 2
        (Get-VaultCertificate -Name $first.Name -Version $first.Version).Subject | Should -Be $first.Subject
        (Get-VaultCertificate -Name $first.Name).Subject | Should -Be "CN=$($first.Name)-v2"
    }

    It 'refuses <Case> before any request, naming the parameter' -ForEach @(
        @{ Case = 'an RSA key size of 1024'; Arguments = @{ KeySize = 1024 }; ErrorId = 'InvalidKeySize'; Parameter = '-KeySize' }
        @{ Case = 'an unknown curve'; Arguments = @{ CurveName = 'P-999' }; ErrorId = 'InvalidCurveName'; Parameter = '-CurveName' }
        @{ Case = 'a curve with an RSA key'; Arguments = @{ KeyType = 'RSA'; CurveName = 'P-256' }; ErrorId = 'CurveNameNeedsEcKey'; Parameter = '-CurveName' }
        @{ Case = 'a validity of 0 months'; Arguments = @{ ValidityInMonths = 0 }; ErrorId = 'InvalidValidity'; Parameter = '-ValidityInMonths' }
        @{ Case = 'a validity of 1201 months'; Arguments = @{ ValidityInMonths = 1201 }; ErrorId = 'InvalidValidity'; Parameter = '-ValidityInMonths' }
        @{ Case = 'a subject that is not an X.500 name'; Arguments = @{ SubjectName = 'just-a-name' }; ErrorId = 'InvalidSubjectName'; Parameter = '-SubjectName' }
        @{ Case = 'a bad DNS name'; Arguments = @{ DnsName = 'under_score.contoso.com' }; ErrorId = 'InvalidDnsName'; Parameter = '-DnsName' }
        @{ Case = 'a renewal at 100 percent'; Arguments = @{ RenewAtPercentageLifetime = 100 }; ErrorId = 'InvalidLifetimePercentage'; Parameter = '-RenewAtPercentageLifetime' }
        @{ Case = 'two renewal triggers'; Arguments = @{ RenewAtPercentageLifetime = 80; RenewAtDaysBeforeExpiry = 30 }; ErrorId = 'ConflictingLifetimeTrigger'; Parameter = '-RenewAtDaysBeforeExpiry' }
    ) {
        $name = New-RandomName 'bad'
        $all = @{ Name = $name; SubjectName = "CN=$name" }
        foreach ($key in $Arguments.Keys) { $all[$key] = $Arguments[$key] }
        Add-VaultCertificate @all -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be "$ErrorId,VaultTools.Commands.Certificates.AddVaultCertificateCommand"
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].Exception.Message | Should -Match ([regex]::Escape($Parameter))
        Get-VaultCertificate -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-VaultCertificateOperation -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'refuses an unknown key type through the parameter''s validation' {
        { Add-VaultCertificate -Name 'x' -SubjectName 'CN=x' -KeyType DSA -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VaultTools.Commands.Certificates.AddVaultCertificateCommand'
    }

    It '-WhatIf creates nothing' {
        $name = New-RandomName 'whatif'
        Add-VaultCertificate -Name $name -SubjectName "CN=$name" -WhatIf
        Get-VaultCertificate -Name $name -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VaultCertificateNotFound,*'
    }
}

Describe 'Get-VaultCertificate' {
    It 'lists certificates matching a wildcard as properties, and reads each one through the pipeline' {
        $prefix = New-RandomName 'list'
        1..3 | ForEach-Object { Add-VaultCertificate -Name "$prefix-$_" -SubjectName "CN=$prefix-$_" | Out-Null }
        $listed = @(Get-VaultCertificate -Name "$prefix-*")
        $listed.Count | Should -Be 3
        $listed | ForEach-Object { $_ | Should -BeOfType ([VaultTools.VaultCertificateProperties]); $_.Thumbprint | Should -Match '^[0-9A-F]{40}$' }
        $full = $listed | Get-VaultCertificate
        @($full.Subject) | Sort-Object | Should -Be @("CN=$prefix-1", "CN=$prefix-2", "CN=$prefix-3")
    }

    It 'reads a certificate by its own URL with -Id' {
        $cert = New-Certificate
        (Get-VaultCertificate -Id $cert.Id).Version | Should -Be $cert.Version
        (Get-VaultCertificate -Id "$($cert.VaultUri)certificates/$($cert.Name)").Thumbprint | Should -Be $cert.Thumbprint
    }

    It 'a missing certificate is a non-terminating VaultCertificateNotFound and the pipeline goes on' {
        $cert = New-Certificate
        $missing = New-RandomName 'missing'
        $out = $missing, $cert.Name | ForEach-Object { [pscustomobject]@{ Name = $_ } } | Get-VaultCertificate -ErrorAction SilentlyContinue -ErrorVariable err
        @($out).Name | Should -Be @($cert.Name)
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'VaultCertificateNotFound,VaultTools.Commands.Certificates.GetVaultCertificateCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be $missing
    }

    It 'shows one certificate as a list and many as a table' {
        $cert = New-Certificate
        $one = $cert | Out-String
        $one | Should -Match 'Subject\s+:'
        $one | Should -Match 'SecretId\s+:'
        $many = Get-VaultCertificate -Name "$($cert.Name.Substring(0, 8))*" | Out-String
        $many | Should -Match 'Thumbprint'
        $many | Should -Not -Match 'SecretId\s+:'
    }

    It 'completes certificate names' {
        $cert = New-Certificate 'tabcert'
        $line = "Get-VaultCertificate -Name $($cert.Name.Substring(0, 12))"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain $cert.Name
    }
}

Describe 'Import-VaultCertificate and Export-VaultCertificate' {
    It 'imports a PFX with its password' {
        $local = New-LocalCertificate 'CN=imported-pfx'
        $file = Join-Path $script:folder 'import.pfx'
        [IO.File]::WriteAllBytes($file, $local.Export('Pkcs12', 'Pfx-Pa55word!'))
        $name = New-RandomName 'imp'
        $cert = Import-VaultCertificate -Name $name -FilePath $file -Password $script:password
        $cert | Should -BeOfType ([VaultTools.VaultCertificate])
        $cert.Thumbprint | Should -Be $local.Thumbprint
        $cert.Subject | Should -Be 'CN=imported-pfx'
        (Get-VaultSecret -Name $name).ContentType | Should -Be 'application/x-pkcs12'
    }

    It 'imports a PEM file with the certificate and its private key' {
        $local = New-LocalCertificate 'CN=imported-pem'
        $file = Join-Path $script:folder 'import.pem'
        Set-Content -Path $file -Value ($local.ExportCertificatePem() + "`n" + [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::GetRSAPrivateKey($local).ExportPkcs8PrivateKeyPem())
        $name = New-RandomName 'imppem'
        (Import-VaultCertificate -Name $name -FilePath $file).Thumbprint | Should -Be $local.Thumbprint
        (Get-VaultSecret -Name $name).ContentType | Should -Be 'application/x-pem-file'
    }

    It 'a wrong PFX password is a clear InvalidArgument error naming -Password, and nothing is imported' {
        $local = New-LocalCertificate 'CN=wrong-password'
        $file = Join-Path $script:folder 'wrong.pfx'
        [IO.File]::WriteAllBytes($file, $local.Export('Pkcs12', 'the-right-one'))
        $name = New-RandomName 'wrongpw'
        Import-VaultCertificate -Name $name -FilePath $file -Password (ConvertTo-SecureString 'Not-The-Right-One' -AsPlainText -Force) -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidCertificatePassword,VaultTools.Commands.Certificates.ImportVaultCertificateCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].Exception.Message | Should -Match '-Password'
        ($err[0] | Out-String) | Should -Not -Match 'Not-The-Right-One'
        Get-VaultCertificate -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'refuses a file without a private key and a file that is no certificate' {
        $local = New-LocalCertificate 'CN=public-only'
        $public = Join-Path $script:folder 'public.pem'
        Set-Content -Path $public -Value $local.ExportCertificatePem()
        Import-VaultCertificate -Name (New-RandomName 'nokey') -FilePath $public -ErrorAction SilentlyContinue -ErrorVariable err1
        $err1[0].FullyQualifiedErrorId | Should -BeLike 'CertificateFileHasNoPrivateKey,*'
        $junk = Join-Path $script:folder 'junk.pfx'
        Set-Content -Path $junk -Value 'not a certificate'
        Import-VaultCertificate -Name (New-RandomName 'junk') -FilePath $junk -ErrorAction SilentlyContinue -ErrorVariable err2
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'InvalidCertificateFile,*'
    }

    It 'exports a PFX with the private key that opens with the given password' {
        $cert = New-Certificate
        $file = Join-Path $script:folder "$($cert.Name).pfx"
        $written = Export-VaultCertificate -Name $cert.Name -FilePath $file -Password $script:password
        $written | Should -BeOfType ([System.IO.FileInfo])
        $pfx = Open-Pfx $file 'Pfx-Pa55word!'
        $pfx.HasPrivateKey | Should -BeTrue
        $pfx.Thumbprint | Should -Be $cert.Thumbprint
        { Open-Pfx $file 'another password' } | Should -Throw
        if (-not $IsWindows) { (Get-Item $file).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite') }
    }

    It 'export then import round-trips the certificate and its key into another name' {
        $cert = New-Certificate
        $file = Join-Path $script:folder "$($cert.Name)-copy.pfx"
        Export-VaultCertificate -Name $cert.Name -FilePath $file -Password $script:password | Out-Null
        $copy = Import-VaultCertificate -Name "$($cert.Name)-copy" -FilePath $file -Password $script:password
        $copy.Thumbprint | Should -Be $cert.Thumbprint
        $back = Join-Path $script:folder "$($cert.Name)-copy-back.pfx"
        Export-VaultCertificate -Name $copy.Name -FilePath $back -Password $script:password | Out-Null
        (Open-Pfx $back 'Pfx-Pa55word!').HasPrivateKey | Should -BeTrue
    }

    It 'exports PEM (key and certificate) and CER (public only, by extension)' {
        $cert = New-Certificate
        $pem = Join-Path $script:folder "$($cert.Name).pem"
        Export-VaultCertificate -Name $cert.Name -FilePath $pem | Out-Null
        $text = Get-Content $pem -Raw
        $text | Should -Match '-----BEGIN PRIVATE KEY-----'
        $text | Should -Match '-----BEGIN CERTIFICATE-----'
        [System.Security.Cryptography.X509Certificates.X509Certificate2]::CreateFromPem($text, $text).HasPrivateKey | Should -BeTrue

        $cer = Join-Path $script:folder "$($cert.Name).cer"
        Export-VaultCertificate -Name $cert.Name -FilePath $cer | Out-Null
        $public = [System.Security.Cryptography.X509Certificates.X509CertificateLoader]::LoadCertificateFromFile($cer)
        $public.Thumbprint | Should -Be $cert.Thumbprint
        $public.HasPrivateKey | Should -BeFalse
    }

    It 'never replaces a file without -Force, and a PFX needs -Password' {
        $cert = New-Certificate
        $file = Join-Path $script:folder "$($cert.Name)-exists.pfx"
        Set-Content -Path $file -Value 'keep' -NoNewline
        Export-VaultCertificate -Name $cert.Name -FilePath $file -Password $script:password -ErrorAction SilentlyContinue -ErrorVariable err1
        $err1[0].FullyQualifiedErrorId | Should -BeLike 'OutputFileExists,*'
        Get-Content $file -Raw | Should -Be 'keep'
        Export-VaultCertificate -Name $cert.Name -FilePath $file -Password $script:password -Force | Out-Null
        (Open-Pfx $file 'Pfx-Pa55word!').Thumbprint | Should -Be $cert.Thumbprint

        Export-VaultCertificate -Name $cert.Name -FilePath (Join-Path $script:folder 'nopw.pfx') -ErrorAction SilentlyContinue -ErrorVariable err2
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'PasswordRequired,*'
        Test-Path (Join-Path $script:folder 'nopw.pfx') | Should -BeFalse
    }

    It 'a non-exportable key cannot be exported, but its public certificate can' {
        $name = New-RandomName 'noexport'
        $cert = Add-VaultCertificate -Name $name -SubjectName "CN=$name" -Exportable:$false
        (Get-VaultCertificatePolicy -Name $name).Exportable | Should -BeFalse
        Export-VaultCertificate -Name $name -FilePath (Join-Path $script:folder "$name.pfx") -Password $script:password -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'CertificateKeyNotExportable,*'
        Test-Path (Join-Path $script:folder "$name.pfx") | Should -BeFalse
        (Export-VaultCertificate -Name $name -FilePath (Join-Path $script:folder "$name.cer")).Length | Should -BeGreaterThan 0
    }

    It '-WhatIf neither imports nor exports' {
        $local = New-LocalCertificate 'CN=whatif'
        $file = Join-Path $script:folder 'whatif.pfx'
        [IO.File]::WriteAllBytes($file, $local.Export('Pkcs12', 'Pfx-Pa55word!'))
        $name = New-RandomName 'wi'
        Import-VaultCertificate -Name $name -FilePath $file -Password $script:password -WhatIf
        Get-VaultCertificate -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $cert = New-Certificate
        Export-VaultCertificate -Name $cert.Name -FilePath (Join-Path $script:folder 'whatif-out.pfx') -Password $script:password -WhatIf
        Test-Path (Join-Path $script:folder 'whatif-out.pfx') | Should -BeFalse
    }
}

Describe 'Remove-VaultCertificate, Undo-VaultCertificateRemoval and purging' {
    It 'soft-deletes the certificate with its key and secret, lists it as deleted, and recovers it' {
        $cert = New-Certificate
        $deleted = Remove-VaultCertificate -Name $cert.Name -Force -PassThru
        $deleted | Should -BeOfType ([VaultTools.DeletedVaultCertificate])
        $deleted.RecoveryId | Should -Match "/deletedcertificates/$($cert.Name)$"
        $deleted.ScheduledPurgeDate | Should -BeGreaterThan $deleted.DeletedOn
        Get-VaultCertificate -Name $cert.Name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-VaultSecret -Name $cert.Name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        Wait-Deleted $cert.Name
        (Get-VaultCertificate -InRemovedState -Name $cert.Name).Thumbprint | Should -Be $cert.Thumbprint
        @(Get-VaultCertificate -InRemovedState).Name | Should -Contain $cert.Name

        $recovered = Undo-VaultCertificateRemoval -Name $cert.Name
        $recovered | Should -BeOfType ([VaultTools.VaultCertificate])
        (Get-VaultCertificate -Name $cert.Name).Thumbprint | Should -Be $cert.Thumbprint
        (Get-VaultSecret -Name $cert.Name).ContentType | Should -Be 'application/x-pkcs12'
    }

    It '-Purge deletes for good; -InRemovedState purges a certificate deleted earlier' {
        $one = New-Certificate
        Remove-VaultCertificate -Name $one.Name -Purge -Force
        Wait-Until { -not (Get-VaultCertificate -InRemovedState -Name $one.Name -ErrorAction SilentlyContinue) } | Out-Null

        $two = New-Certificate
        Remove-VaultCertificate -Name $two.Name -Force
        Wait-Deleted $two.Name
        Remove-VaultCertificate -Name $two.Name -InRemovedState -Force
        Wait-Until { -not (Get-VaultCertificate -InRemovedState -Name $two.Name -ErrorAction SilentlyContinue) } | Out-Null
        Get-VaultCertificate -Name $two.Name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'a batch that fails halfway reports exactly the failed item and removes the others' {
        $a = New-Certificate 'batch'
        $missing = New-RandomName 'missing'
        $b = New-Certificate 'batch'
        $out = $a.Name, $missing, $b.Name | ForEach-Object { [pscustomobject]@{ Name = $_ } } | Remove-VaultCertificate -Force -PassThru -ErrorAction SilentlyContinue -ErrorVariable err
        @($out).Name | Should -Be @($a.Name, $b.Name)
        $err.Count | Should -Be 1
        $err[0].TargetObject | Should -Be $missing
        $err[0].FullyQualifiedErrorId | Should -Be 'VaultCertificateNotFound,VaultTools.Commands.Certificates.RemoveVaultCertificateCommand'
    }

    It 'takes Get-VaultCertificate output from the pipeline, and -WhatIf removes nothing' {
        $prefix = New-RandomName 'rmpipe'
        1..2 | ForEach-Object { Add-VaultCertificate -Name "$prefix-$_" -SubjectName "CN=$prefix-$_" | Out-Null }
        Get-VaultCertificate -Name "$prefix-*" | Remove-VaultCertificate -WhatIf
        @(Get-VaultCertificate -Name "$prefix-*").Count | Should -Be 2
        Get-VaultCertificate -Name "$prefix-*" | Remove-VaultCertificate -Force
        @(Get-VaultCertificate -Name "$prefix-*").Count | Should -Be 0
        Wait-Until { @(Get-VaultCertificate -InRemovedState -Name "$prefix-*").Count -eq 2 } | Out-Null
        @(Get-VaultCertificate -InRemovedState -Name "$prefix-*" | Undo-VaultCertificateRemoval).Count | Should -Be 2
    }

    It 'is a high-impact operation with -Force' {
        $attribute = (Get-Command Remove-VaultCertificate).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
        (Get-Command Remove-VaultCertificate).Parameters.Keys | Should -Contain 'Force'
    }

    It 'a certificate name that is deleted but recoverable cannot be created again' {
        $cert = New-Certificate
        Remove-VaultCertificate -Name $cert.Name -Force
        Wait-Deleted $cert.Name
        Add-VaultCertificate -Name $cert.Name -SubjectName 'CN=again' -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VaultCertificateDeletedButRecoverable,*'
    }
}

Describe 'Backup-VaultCertificate and Restore-VaultCertificate' {
    It 'round-trips a certificate through a file, piped from Backup into Restore' {
        $cert = New-Certificate
        $file = Backup-VaultCertificate -Name $cert.Name -OutputFile (Join-Path $script:folder "$($cert.Name).blob")
        $file | Should -BeOfType ([System.IO.FileInfo])
        Remove-VaultCertificate -Name $cert.Name -Purge -Force
        $restored = Wait-Until { $file | Restore-VaultCertificate -ErrorAction SilentlyContinue }
        $restored | Should -BeOfType ([VaultTools.VaultCertificate])
        $restored.Thumbprint | Should -Be $cert.Thumbprint
        (Get-VaultCertificatePolicy -Name $cert.Name).SubjectName | Should -Be $cert.Subject
    }

    It 'never replaces an existing file without -Force' {
        $cert = New-Certificate
        $path = Join-Path $script:folder "$($cert.Name)-exists.blob"
        Set-Content -Path $path -Value 'keep' -NoNewline
        Backup-VaultCertificate -Name $cert.Name -OutputFile $path -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'OutputFileExists,*'
        Get-Content $path -Raw | Should -Be 'keep'
    }

    It 'says that the vault to restore into does not exist, naming it' {
        $cert = New-Certificate
        $file = Backup-VaultCertificate -Name $cert.Name -OutputFile (Join-Path $script:folder "$($cert.Name)-novault.blob")
        $file | Restore-VaultCertificate -VaultName no-such-dr-kv -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VaultNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].Exception.Message | Should -Match 'no-such-dr-kv'
    }
}

Describe 'Certificate policies' {
    It 'reads a policy, changes it and writes it back' {
        $cert = New-Certificate -DnsName 'policy.contoso.com'
        $policy = Get-VaultCertificatePolicy -Name $cert.Name
        $policy | Should -BeOfType ([VaultTools.VaultCertificatePolicy])
        $policy.IssuerName | Should -Be 'Self'
        $policy.SubjectName | Should -Be $cert.Subject
        $policy.DnsNames | Should -Contain 'policy.contoso.com'
        $policy.KeyType | Should -Be 'RSA'
        $policy.ContentType | Should -Be 'Pkcs12'
        $policy.ValidityInMonths | Should -Be 12

        $policy.ValidityInMonths = 24
        $policy.RenewAtPercentageLifetime = $null
        $policy.RenewAtDaysBeforeExpiry = 45
        $policy | Set-VaultCertificatePolicy
        $after = Get-VaultCertificatePolicy -Name $cert.Name
        $after.ValidityInMonths | Should -Be 24
        $after.RenewAtDaysBeforeExpiry | Should -Be 45
        (Get-VaultCertificate -Name $cert.Name).Version | Should -Be $cert.Version # the current version is unchanged
    }

    It 'writes a policy from New-VaultCertificatePolicy with -PassThru' {
        $cert = New-Certificate
        $written = New-VaultCertificatePolicy -SubjectName "CN=$($cert.Name)-next" -ValidityInMonths 6 | Set-VaultCertificatePolicy -Name $cert.Name -PassThru
        $written.SubjectName | Should -Be "CN=$($cert.Name)-next"
        $written.ValidityInMonths | Should -Be 6
    }

    It 'refuses a bad policy before any request' {
        $cert = New-Certificate
        $policy = Get-VaultCertificatePolicy -Name $cert.Name
        $policy.KeySize = 1000
        Set-VaultCertificatePolicy -Name $cert.Name -Policy $policy -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidKeySize,*'
        (Get-VaultCertificatePolicy -Name $cert.Name).KeySize | Should -Be 2048
    }

    It 'New-VaultCertificatePolicy refuses bad values at once' {
        { New-VaultCertificatePolicy -SubjectName 'CN=x' -CurveName 'P-100' } | Should -Throw -ErrorId 'InvalidCurveName,VaultTools.Commands.Certificates.NewVaultCertificatePolicyCommand'
        { New-VaultCertificatePolicy -SubjectName 'CN=x' -ValidityInMonths 2000 } | Should -Throw -ErrorId 'InvalidValidity,VaultTools.Commands.Certificates.NewVaultCertificatePolicyCommand'
        { New-VaultCertificatePolicy } | Should -Throw -ErrorId 'PolicyNeedsSubject,VaultTools.Commands.Certificates.NewVaultCertificatePolicyCommand'
    }

    It '-WhatIf changes no policy' {
        $cert = New-Certificate
        New-VaultCertificatePolicy -SubjectName 'CN=whatif' -ValidityInMonths 2 | Set-VaultCertificatePolicy -Name $cert.Name -WhatIf
        (Get-VaultCertificatePolicy -Name $cert.Name).ValidityInMonths | Should -Be 12
    }
}
