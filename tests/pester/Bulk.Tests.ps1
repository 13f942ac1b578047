# Many secrets in one call: Get-VaultSecret with many names reads them together (bounded concurrency, input
# order, one error per failed item), -AsHashtable, and Set-VaultSecret from many pipeline rows.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest
    $script:emulator = Start-TestEmulator
    $script:emulator | Connect-Vault -Emulator | Out-Null
    $script:stats = "$($script:emulator.ImdsEndpoint)" -replace '/metadata/identity/oauth2/token$', '/.emulator/stats'
    $script:names = 1..30 | ForEach-Object { New-RandomName 'bulk' }

    # Runs a command in a pipeline of its own (no host), connected to the file's emulator, and keeps its output,
    # error count and progress records for inspection.
    function Invoke-WithProgress([scriptblock] $Command, $Names) {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                param($modulePath, $emulator, $command, $names)
                $ProgressPreference = 'Continue'
                Import-Module $modulePath
                $emulator | Connect-Vault -Emulator | Out-Null
                & ([scriptblock]::Create($command)) $names
            }).AddArgument((Get-Module VaultTools).Path).AddArgument($script:emulator).AddArgument($Command.ToString()).AddArgument($Names)
            $output = $ps.Invoke()
            [pscustomobject]@{ Output = $output; Errors = $ps.Streams.Error.Count; Progress = @($ps.Streams.Progress) }
        }
        finally { $ps.Dispose() }
    }
    foreach ($n in $script:names) { Set-VaultSecret -Name $n -PlainTextValue "value-of-$n" }
}

AfterAll {
    Disconnect-Vault
    Stop-TestEmulator $script:emulator
}

Describe 'Get-VaultSecret with many names' {
    It 'returns the values in the order of the names given, whatever order the reads finish in' {
        $shuffled = $script:names | Get-Random -Count $script:names.Count
        $values = Get-VaultSecret -Name $shuffled -AsPlainText -ThrottleLimit 8
        $values | Should -Be ($shuffled | ForEach-Object { "value-of-$_" })
    }

    It 'reads names and objects from the pipeline in order' {
        $objects = $script:names | ForEach-Object { [pscustomobject]@{ Name = $_ } }
        $secrets = $objects | Get-VaultSecret
        $secrets.Name | Should -Be $script:names
        $secrets[0].SecretValue | Should -BeOfType ([securestring])
        ($script:names | Get-VaultSecret -AsPlainText) | Should -Be ($script:names | ForEach-Object { "value-of-$_" })
    }

    It 'reports each missing secret as its own non-terminating error and still returns the rest' {
        $missing1 = New-RandomName 'missing'
        $missing2 = New-RandomName 'missing'
        $asked = @($script:names[0], $missing1, $script:names[1], $missing2, $script:names[2])
        $values = Get-VaultSecret -Name $asked -AsPlainText -ErrorVariable failures -ErrorAction SilentlyContinue
        $values | Should -Be @("value-of-$($script:names[0])", "value-of-$($script:names[1])", "value-of-$($script:names[2])")
        $failures.Count | Should -Be 2
        $failures | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'VaultSecretNotFound*' }
        $failures | ForEach-Object { $_.CategoryInfo.Category | Should -Be 'ObjectNotFound' }
        $failures[0].TargetObject | Should -Be $missing1
        $failures[1].TargetObject | Should -Be $missing2
    }

    It 'refuses a -ThrottleLimit outside 1 to 64, naming the parameter, before reading anything' {
        { Get-VaultSecret -Name $script:names[0] -ThrottleLimit 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VaultTools.Commands.Secrets.GetVaultSecretCommand'
        { Get-VaultSecret -Name $script:names[0] -ThrottleLimit 65 } | Should -Throw '*ThrottleLimit*'
    }

    It 'costs one token request for many reads in flight at once in a new session' {
        Disconnect-Vault
        $script:emulator | Connect-Vault -Emulator | Out-Null
        $before = (Invoke-RestMethod $script:stats).tokensIssued
        $null = Get-VaultSecret -Name $script:names -ThrottleLimit 16
        $null = $script:names | Get-VaultSecret -ThrottleLimit 16
        (Invoke-RestMethod $script:stats).tokensIssued - $before | Should -Be 1
    }

    It 'shows progress for many names without changing the output' {
        $run = Invoke-WithProgress { param($names) Get-VaultSecret -Name $names -AsPlainText } $script:names
        @($run.Output) | Should -Be ($script:names | ForEach-Object { "value-of-$_" })
        $run.Errors | Should -Be 0
        @($run.Progress | Where-Object Activity -eq 'Reading secrets').Count | Should -BeGreaterThan 1
        $run.Progress[-1].RecordType | Should -Be 'Completed'
    }
}

Describe 'Get-VaultSecret -AsHashtable' {
    It 'returns one table of name to SecureString by default, and to string with -AsPlainText' {
        $table = Get-VaultSecret -Name $script:names[0..4] -AsHashtable
        $table | Should -BeOfType ([hashtable])
        $table.Count | Should -Be 5
        $table[$script:names[3]] | Should -BeOfType ([securestring])
        $table[$script:names[3]] | ConvertFrom-SecureString -AsPlainText | Should -Be "value-of-$($script:names[3])"
        $plain = Get-VaultSecret -Name $script:names[0..4] -AsHashtable -AsPlainText
        $plain[$script:names[4].ToUpperInvariant()] | Should -Be "value-of-$($script:names[4])"
    }

    It 'reads every secret matching a wildcard into the table, and leaves out (with an error) what cannot be read' {
        $prefix = New-RandomName 'tbl'
        1..3 | ForEach-Object { Set-VaultSecret -Name "$prefix-$_" -PlainTextValue "v$_" }
        $table = Get-VaultSecret -Name "$prefix-*" -AsHashtable -AsPlainText
        $table.Count | Should -Be 3
        $table["$prefix-2"] | Should -Be 'v2'
        $table = Get-VaultSecret -Name "$prefix-1", "$prefix-9" -AsHashtable -AsPlainText -ErrorVariable failures -ErrorAction SilentlyContinue
        $table.Keys | Should -Be @("$prefix-1")
        $failures.Count | Should -Be 1
    }

    It 'is refused with -IncludeVersions, naming the parameter' {
        { Get-VaultSecret -Name $script:names[0] -AsHashtable -IncludeVersions } | Should -Throw -ErrorId 'AsHashtableNeedsValues*'
    }
}

Describe 'Set-VaultSecret from many pipeline rows' {
    It 'writes a CSV''s rows together, reports the bad row as its own error and names what was not written' {
        $prefix = New-RandomName 'csv'
        $csv = Join-Path $TestDrive 'secrets.csv'
        @(
            [pscustomobject]@{ Name = "$prefix-1"; PlainTextValue = 'one'; ContentType = 'text/plain' }
            [pscustomobject]@{ Name = "$prefix bad name"; PlainTextValue = 'two'; ContentType = 'text/plain' }
            [pscustomobject]@{ Name = "$prefix-3"; PlainTextValue = 'three'; ContentType = 'text/plain' }
        ) | Export-Csv -Path $csv
        $written = Import-Csv $csv | Set-VaultSecret -PassThru -ThrottleLimit 4 -ErrorVariable failures -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue
        $written.Name | Should -Be @("$prefix-1", "$prefix-3")
        $failures.Count | Should -Be 1
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failures[0].TargetObject | Should -Be "$prefix bad name"
        "$warnings" | Should -BeLike "2 of 3 secrets written; not written: $prefix bad name*"
        Get-VaultSecret -Name "$prefix-1", "$prefix-3" -AsPlainText | Should -Be @('one', 'three')
        @(Get-VaultSecret -Name "$prefix*").Count | Should -Be 2
    }

    It 'writes many rows in order with one token, and -WhatIf writes none of them' {
        $prefix = New-RandomName 'rows'
        $rows = 1..20 | ForEach-Object { [pscustomobject]@{ Name = "$prefix-$_"; PlainTextValue = "v$_" } }
        $rows | Set-VaultSecret -WhatIf | Out-Null
        @(Get-VaultSecret -Name "$prefix-*").Count | Should -Be 0
        $written = $rows | Set-VaultSecret -PassThru
        $written.Name | Should -Be $rows.Name
        Get-VaultSecret -Name $rows.Name -AsPlainText | Should -Be ($rows.PlainTextValue)
    }
}

Describe 'Set-VaultSecret -PlainTextValue' {
    It 'refuses a value that is not a string (<kind>), naming the parameter and writing nothing' -ForEach @(
        @{ kind = 'SecureString'; value = (ConvertTo-SecureString 'x' -AsPlainText -Force) }
        @{ kind = 'PSCredential'; value = [pscredential]::new('u', (ConvertTo-SecureString 'x' -AsPlainText -Force)) }
        @{ kind = 'Hashtable'; value = @{ a = 1 } }
    ) {
        $name = New-RandomName 'typed'
        $failure = { Set-VaultSecret -Name $name -PlainTextValue $value } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError*'
        "$failure" | Should -BeLike '*PlainTextValue*'
        { Get-VaultSecret -Name $name -ErrorAction Stop } | Should -Throw -ErrorId 'VaultSecretNotFound*'
    }
}

Describe 'Names and versions with a trailing line feed' {
    It 'are refused before anything is sent: <case>' -ForEach @(
        @{ case = 'Set-VaultSecret -Name'; block = { Set-VaultSecret -Name "lf-name`n" -PlainTextValue 'x' }; id = 'InvalidSecretName*' }
        @{ case = 'Get-VaultSecret -Name'; block = { Get-VaultSecret -Name "lf-name`n" -ErrorAction Stop }; id = 'InvalidSecretName*' }
        @{ case = 'Get-VaultSecret -Version'; block = { Get-VaultSecret -Name 'lf-name' -Version "$('a' * 32)`n" -ErrorAction Stop }; id = 'InvalidVersion*' }
    ) {
        $block | Should -Throw -ErrorId $id
        @(Get-VaultSecret -Name 'lf-name*').Count | Should -Be 0
    }
}

Describe 'Remove and Backup of many entries' {
    BeforeAll {
        $script:work = Join-Path ([IO.Path]::GetTempPath()) (New-RandomName 'bulk-backup')
        New-Item -ItemType Directory -Path $script:work | Out-Null
        function New-Secrets([string] $Prefix, [int] $Count) {
            $made = 1..$Count | ForEach-Object { '{0}-{1:d2}' -f $Prefix, $_ }
            $made | ForEach-Object { [pscustomobject]@{ Name = $_; PlainTextValue = "value-of-$_" } } | Set-VaultSecret
            $made
        }
    }

    AfterAll { Remove-Item $script:work -Recurse -Force -ErrorAction SilentlyContinue }

    It 'removes many names in their order, each missing one its own error, the others removed' {
        $made = New-Secrets (New-RandomName 'rm') 6
        $missing = New-RandomName 'missing'
        $asked = @($made[0..2]) + $missing + @($made[3..5])
        $removed = Remove-VaultSecret -Name $asked -Force -PassThru -ThrottleLimit 4 -ErrorVariable failures -ErrorAction SilentlyContinue
        $removed.Name | Should -Be $made
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'VaultSecretNotFound*'
        $failures[0].TargetObject | Should -Be $missing
        foreach ($name in $made) { Get-VaultSecret -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty }
        (Get-VaultSecret -Name $made[5] -InRemovedState).Name | Should -Be $made[5]
    }

    It 'removes and purges from the pipeline together, and -WhatIf removes none of them' {
        $made = New-Secrets (New-RandomName 'purge') 5
        $made | Remove-VaultSecret -Purge -Force -WhatIf
        (Get-VaultSecret -Name $made -AsPlainText) | Should -Be ($made | ForEach-Object { "value-of-$_" })
        $purged = $made | ForEach-Object { [pscustomobject]@{ Name = $_ } } | Remove-VaultSecret -Purge -Force -PassThru
        $purged.Name | Should -Be $made
        foreach ($name in $made) { Get-VaultSecret -Name $name -InRemovedState -ErrorAction SilentlyContinue | Should -BeNullOrEmpty }
        # Purged means the names are free again.
        Set-VaultSecret -Name $made[0] -PlainTextValue 'again'
        Get-VaultSecret -Name $made[0] -AsPlainText | Should -Be 'again'
    }

    It 'backs up many names to one file each, in order, and the files restore' {
        $made = New-Secrets (New-RandomName 'bak') 4
        Push-Location $script:work
        try {
            $missing = New-RandomName 'missing'
            $files = Backup-VaultSecret -Name (@($made[0..1]) + $missing + @($made[2..3])) -ThrottleLimit 3 -ErrorVariable failures -ErrorAction SilentlyContinue
            $files.Count | Should -Be 4
            for ($i = 0; $i -lt 4; $i++) { $files[$i].Name | Should -BeLike "*-$($made[$i])-*.blob" }
            $failures.Count | Should -Be 1
            $failures[0].TargetObject | Should -Be $missing
            $made | Remove-VaultSecret -Purge -Force
            $restored = $files | Restore-VaultSecret
            $restored.Name | Should -Be $made
            Get-VaultSecret -Name $made[3] -AsPlainText | Should -Be "value-of-$($made[3])"
        }
        finally { Pop-Location }
    }

    It 'backs up the same -OutputFile twice one after the other: the second is refused, not mixed' {
        $made = New-Secrets (New-RandomName 'same') 2
        $file = Join-Path $script:work (New-RandomName 'one')
        $out = Backup-VaultSecret -Name $made -OutputFile "$file.blob" -ErrorVariable failures -ErrorAction SilentlyContinue
        @($out).Count | Should -Be 1
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OutputFileExists*'
    }

    It 'does keys the same way (Backup-VaultKey, Remove-VaultKey with many names)' {
        $prefix = New-RandomName 'kbulk'
        $keys = 1..3 | ForEach-Object { "$prefix-$_" }
        foreach ($k in $keys) { Add-VaultKey -Name $k -KeyType EC -CurveName P-256 | Out-Null }
        Push-Location $script:work
        try {
            (Backup-VaultKey -Name $keys).Name | ForEach-Object -Begin { $i = 0 } -Process { $_ | Should -BeLike "*-$($keys[$i])-*.blob"; $i++ }
        }
        finally { Pop-Location }
        (Remove-VaultKey -Name $keys -Force -PassThru).Name | Should -Be $keys
        foreach ($k in $keys) { Get-VaultKey -Name $k -ErrorAction SilentlyContinue | Should -BeNullOrEmpty }
    }

    It 'shows progress for many removals and refuses a -ThrottleLimit out of range' {
        $made = New-Secrets (New-RandomName 'prog') 12
        $run = Invoke-WithProgress { param($names) Remove-VaultSecret -Name $names -Force -PassThru } $made
        @($run.Output).Name | Should -Be $made
        $run.Errors | Should -Be 0
        @($run.Progress | Where-Object Activity -eq 'Removing secrets').Count | Should -BeGreaterThan 1
        $run.Progress[-1].RecordType | Should -Be 'Completed'
        { Remove-VaultSecret -Name x -Force -ThrottleLimit 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VaultTools.Commands.Secrets.RemoveVaultSecretCommand'
        { Backup-VaultSecret -Name x -ThrottleLimit 65 } | Should -Throw '*ThrottleLimit*'
    }
}
