# Get-VaultSecret and Set-VaultSecret against the emulator, through the staged module.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest
    $script:emulator = Start-TestEmulator
    $script:emulator | Connect-Vault -Emulator | Out-Null
}

AfterAll {
    Disconnect-Vault
    Stop-TestEmulator $script:emulator
}

Describe 'Set-VaultSecret then Get-VaultSecret' {
    It 'round-trips a value as SecureString by default and as text with -AsPlainText' {
        $name = New-RandomName
        Set-VaultSecret -Name $name -SecretValue (ConvertTo-SecureString 'p@ss w0rd' -AsPlainText -Force)
        $secret = Get-VaultSecret -Name $name
        $secret | Should -BeOfType ([VaultTools.VaultSecret])
        $secret.SecretValue | Should -BeOfType ([securestring])
        [System.Net.NetworkCredential]::new('', $secret.SecretValue).Password | Should -BeExactly 'p@ss w0rd'
        Get-VaultSecret -Name $name -AsPlainText | Should -BeExactly 'p@ss w0rd'
    }

    It 'writes content type, tags, dates and the disabled flag, and -PassThru returns properties without the value' {
        $name = New-RandomName
        $expires = (Get-Date).AddDays(30).Date
        $notBefore = (Get-Date).AddDays(-1).Date
        $result = Set-VaultSecret -Name $name -PlainTextValue 'v1' -ContentType 'text/plain' -Tag @{ Owner = 'team-a'; Days = 30 } -Expires $expires -NotBefore $notBefore -PassThru
        $result | Should -BeOfType ([VaultTools.VaultSecretProperties])
        $result.PSObject.Properties.Name | Should -Not -Contain 'SecretValue'
        $result.Version | Should -Match '^[0-9a-f]{32}$'
        $result.ContentType | Should -Be 'text/plain'
        $result.Tags['Owner'] | Should -Be 'team-a'
        $result.Tags['Days'] | Should -Be '30'
        $result.Expires.UtcDateTime | Should -Be $expires.ToUniversalTime()
        $result.NotBefore.UtcDateTime | Should -Be $notBefore.ToUniversalTime()
        $result.Enabled | Should -BeTrue
        $result.Id | Should -Be "$($result.VaultUri)secrets/$name/$($result.Version)"
    }

    It 'keeps every version and reads an old one with -Version' {
        $name = New-RandomName
        $v1 = Set-VaultSecret -Name $name -PlainTextValue 'first' -PassThru
        $v2 = Set-VaultSecret -Name $name -PlainTextValue 'second' -PassThru
        Get-VaultSecret -Name $name -AsPlainText | Should -Be 'second'
        Get-VaultSecret -Name $name -Version $v1.Version -AsPlainText | Should -Be 'first'
        $versions = @(Get-VaultSecret -Name $name -IncludeVersions)
        $versions.Count | Should -Be 2
        $versions.Version | Should -Contain $v1.Version
        $versions.Version | Should -Contain $v2.Version
        $versions | ForEach-Object { $_.PSObject.Properties.Name | Should -Not -Contain 'SecretValue' }
    }

    It 'reads an entry by its own URL with -Id, with and without version' {
        $name = New-RandomName
        $v1 = Set-VaultSecret -Name $name -PlainTextValue 'one' -PassThru
        Set-VaultSecret -Name $name -PlainTextValue 'two'
        Get-VaultSecret -Id $v1.Id -AsPlainText | Should -Be 'one'
        Get-VaultSecret -Id "$($v1.VaultUri)secrets/$name" -AsPlainText | Should -Be 'two'
    }

    It 'lists secrets matching a wildcard, without values' {
        $prefix = New-RandomName 'wild'
        1..3 | ForEach-Object { Set-VaultSecret -Name "$prefix-$_" -PlainTextValue "value $_" }
        Set-VaultSecret -Name (New-RandomName 'other') -PlainTextValue 'x'
        $listed = @(Get-VaultSecret -Name "$prefix-*")
        $listed.Count | Should -Be 3
        $listed.Name | Sort-Object | Should -Be @("$prefix-1", "$prefix-2", "$prefix-3")
        $listed | ForEach-Object { $_ | Should -BeOfType ([VaultTools.VaultSecretProperties]); $_ | Should -Not -BeOfType ([VaultTools.VaultSecret]) }
    }

    It 'lists more than one page of secrets' {
        $prefix = New-RandomName 'page'
        1..30 | ForEach-Object { Set-VaultSecret -Name "$prefix-$_" -PlainTextValue 'x' }
        @(Get-VaultSecret -Name "$prefix-*").Count | Should -Be 30
    }

    It 'binds Name, Version and VaultName from the pipeline into the next cmdlet' {
        $prefix = New-RandomName 'pipe'
        Set-VaultSecret -Name "$prefix-a" -PlainTextValue 'alpha'
        Set-VaultSecret -Name "$prefix-b" -PlainTextValue 'beta'
        $values = Get-VaultSecret -Name "$prefix-*" | Get-VaultSecret -AsPlainText
        $values | Sort-Object | Should -Be @('alpha', 'beta')

        [pscustomobject]@{ Name = "$prefix-c"; PlainTextValue = 'gamma'; ContentType = 'text/csv' } | Set-VaultSecret
        Get-VaultSecret -Name "$prefix-c" | Select-Object -ExpandProperty ContentType | Should -Be 'text/csv'
    }

    It 'addresses a named vault by -VaultName and the default vault by -VaultUri' {
        $name = New-RandomName
        Set-VaultSecret -Name $name -PlainTextValue 'by name' -VaultName $script:emulator.DefaultVaultName
        Get-VaultSecret -Name $name -VaultUri $script:emulator.VaultUri -AsPlainText | Should -Be 'by name'
    }
}

Describe '-WhatIf' {
    It 'writes nothing' {
        $name = New-RandomName
        Set-VaultSecret -Name $name -PlainTextValue 'x' -WhatIf
        Get-VaultSecret -Name $name -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VaultSecretNotFound,*'
    }
}

Describe 'Errors' {
    It 'a missing secret is a non-terminating VaultSecretNotFound (ObjectNotFound)' {
        $name = New-RandomName 'missing'
        $out = Get-VaultSecret -Name $name -ErrorAction SilentlyContinue -ErrorVariable err
        $out | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'VaultSecretNotFound,VaultTools.Commands.Secrets.GetVaultSecretCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].Exception.InnerException | Should -Not -BeNullOrEmpty
    }

    It 'goes on with the next pipeline item after a missing one' {
        $name = New-RandomName
        Set-VaultSecret -Name $name -PlainTextValue 'present'
        $values = @([pscustomobject]@{ Name = 'absent-' + (New-RandomName) }, [pscustomobject]@{ Name = $name }) | Get-VaultSecret -AsPlainText -ErrorAction SilentlyContinue -ErrorVariable err
        $values | Should -Be 'present'
        $err.Count | Should -Be 1
    }

    It 'refuses an invalid name before any request, naming the parameter and the rule' {
        Set-VaultSecret -Name 'bad_name' -PlainTextValue 'x' -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidSecretName,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].Exception.Message | Should -Match '-Name'
        $err[0].Exception.Message | Should -Match 'letters, digits and hyphens'
    }

    It 'refuses a value over 25 KB without putting the value in the error' {
        $name = New-RandomName
        $big = 'SENTINEL' + ('x' * (25 * 1024))
        Set-VaultSecret -Name $name -PlainTextValue $big -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'SecretValueTooLarge,*'
        $err[0].Exception.ParameterName | Should -Be 'PlainTextValue'
        $err[0].Exception.Message | Should -Match '-PlainTextValue'
        ($err[0] | Out-String) | Should -Not -Match 'SENTINEL'
        Get-VaultSecret -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'refuses 16 tags' {
        $tags = @{}; 1..16 | ForEach-Object { $tags["t$_"] = 'v' }
        Set-VaultSecret -Name (New-RandomName) -PlainTextValue 'x' -Tag $tags -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'TooManyTags,*'
    }

    It 'refuses a bad version and a bad vault name' {
        Get-VaultSecret -Name 'x' -Version 'nothex' -ErrorAction SilentlyContinue -ErrorVariable err1
        $err1[0].FullyQualifiedErrorId | Should -BeLike 'InvalidVersion,*'
        Get-VaultSecret -Name 'x' -VaultName 'no_such--vault' -ErrorAction SilentlyContinue -ErrorVariable err2
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'InvalidVaultName,*'
    }

    It 'refuses -AsPlainText with a wildcard, telling how to read each value' {
        Get-VaultSecret -Name 'a*' -AsPlainText -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'AsPlainTextNeedsOneSecret,*'
    }

    It 'never shows a value in verbose or debug output' {
        $name = New-RandomName
        $output = & { Set-VaultSecret -Name $name -PlainTextValue 'VERBOSE-SENTINEL' -Verbose -Debug; Get-VaultSecret -Name $name -Verbose -Debug | Out-String } 4>&1 5>&1 | Out-String
        $output | Should -Not -Match 'VERBOSE-SENTINEL'
    }

    It 'shows no value in the default views or ToString()' {
        $name = New-RandomName
        Set-VaultSecret -Name $name -PlainTextValue 'VIEW-SENTINEL'
        $secret = Get-VaultSecret -Name $name
        ($secret | Out-String) | Should -Not -Match 'VIEW-SENTINEL'
        ($secret | Format-Table | Out-String) | Should -Not -Match 'VIEW-SENTINEL'
        "$secret" | Should -Not -Match 'VIEW-SENTINEL'
    }
}
