# The secrets lifecycle against the emulator, through the staged module: soft delete, the deleted
# state, recover, purge, backup/restore to files, property updates, batches, -WhatIf and pipelines.
# Written to the service's behaviour: Key Vault makes a deletion or recovery visible after a delay
# (about a minute on Azure), so tests that look at the deleted state wait for it (Wait-Until), as a
# script against Azure must; the cmdlets that need it (-Purge, Undo) wait by themselves. The suite runs
# twice (Invoke-PesterSuite.ps1): with changes visible at once, and with -ConsistencyDelaySeconds.
param([double] $ConsistencyDelaySeconds = 0)

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest
    $script:emulator = Start-TestEmulator -ConsistencyDelaySeconds $ConsistencyDelaySeconds
    $script:emulator | Connect-Vault -Emulator | Out-Null
    $script:folder = Join-Path ([IO.Path]::GetTempPath()) ("vt-lifecycle-" + [guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory -Path $script:folder | Out-Null

    function Wait-Deleted([string] $Name) {
        Wait-Until { Get-VaultSecret -InRemovedState -Name $Name -ErrorAction SilentlyContinue } | Out-Null
    }

    function New-Secret([string] $Prefix = 'life', [string] $Value = 'v1') {
        $name = New-RandomName $Prefix
        Set-VaultSecret -Name $name -PlainTextValue $Value
        $name
    }
}

AfterAll {
    Disconnect-Vault
    Stop-TestEmulator $script:emulator
    Remove-Item $script:folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Remove-VaultSecret (soft delete) and Get-VaultSecret -InRemovedState' {
    It 'deletes the secret, which is then listed as deleted with its dates and no value' {
        $name = New-Secret
        $deleted = Remove-VaultSecret -Name $name -Force -PassThru
        $deleted | Should -BeOfType ([VaultTools.DeletedVaultSecret])
        $deleted.Name | Should -Be $name
        $deleted.RecoveryId | Should -Match "/deletedsecrets/$name$"
        $deleted.ScheduledPurgeDate | Should -BeGreaterThan $deleted.DeletedOn
        $deleted.PSObject.Properties.Name | Should -Not -Contain 'SecretValue'

        Get-VaultSecret -Name $name -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VaultSecretNotFound,*'

        Wait-Deleted $name
        $one = Get-VaultSecret -InRemovedState -Name $name
        $one | Should -BeOfType ([VaultTools.DeletedVaultSecret])
        $one.DeletedOn | Should -Not -BeNullOrEmpty
        $listed = @(Get-VaultSecret -InRemovedState -Name "$($name.Substring(0, 8))*")
        $listed.Name | Should -Contain $name
    }

    It 'writes nothing without output unless -PassThru, and nothing at all with -WhatIf' {
        $name = New-Secret
        Remove-VaultSecret -Name $name -WhatIf
        Get-VaultSecret -Name $name -AsPlainText | Should -Be 'v1'
        Remove-VaultSecret -Name $name -Force | Should -BeNullOrEmpty
    }

    It 'is a high-impact operation with -Force' {
        $attribute = (Get-Command Remove-VaultSecret).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
        $attribute.SupportsShouldProcess | Should -BeTrue
        (Get-Command Remove-VaultSecret).Parameters.Keys | Should -Contain 'Force'
    }

    It 'refuses -InRemovedState together with -AsPlainText, -Version or -IncludeVersions' {
        Get-VaultSecret -InRemovedState -Name 'x' -AsPlainText -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'NotForRemovedState,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'refuses a bad name before any request' {
        Remove-VaultSecret -Name 'bad_name' -Force -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidSecretName,*'
        $err[0].Exception.Message | Should -Match '-Name'
    }

    It 'a missing secret is VaultSecretNotFound' {
        Remove-VaultSecret -Name (New-RandomName 'missing') -Force -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'VaultSecretNotFound,VaultTools.Commands.Secrets.RemoveVaultSecretCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'a batch that fails halfway reports exactly the failed item and removes the others' {
        $first = New-Secret 'batch'
        $missing = New-RandomName 'missing'
        $last = New-Secret 'batch'
        $items = $first, $missing, $last | ForEach-Object { [pscustomobject]@{ Name = $_ } }
        $out = $items | Remove-VaultSecret -Force -PassThru -ErrorAction SilentlyContinue -ErrorVariable err
        @($out).Name | Should -Be @($first, $last)
        $err.Count | Should -Be 1
        $err[0].TargetObject | Should -Be $missing
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VaultSecretNotFound,*'
        Get-VaultSecret -Name $first -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-VaultSecret -Name $last -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'a secret whose name is deleted but recoverable cannot be set again' {
        $name = New-Secret
        Remove-VaultSecret -Name $name -Force
        Wait-Deleted $name
        Set-VaultSecret -Name $name -PlainTextValue 'again' -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VaultSecretDeletedButRecoverable,*'
        $err[0].Exception.Message | Should -Match 'Undo-VaultSecretRemoval'
    }
}

Describe 'Undo-VaultSecretRemoval' {
    It 'recovers every version and the value, and waits until the secret can be read' {
        $name = New-Secret -Value 'first'
        Set-VaultSecret -Name $name -PlainTextValue 'second'
        Remove-VaultSecret -Name $name -Force
        Wait-Deleted $name
        $recovered = Undo-VaultSecretRemoval -Name $name
        $recovered | Should -BeOfType ([VaultTools.VaultSecretProperties])
        $recovered.Name | Should -Be $name
        # Undo returns once the secret is readable: no waiting here.
        Get-VaultSecret -Name $name -AsPlainText | Should -Be 'second'
        @(Get-VaultSecret -Name $name -IncludeVersions).Count | Should -Be 2
    }

    It 'takes the output of Get-VaultSecret -InRemovedState from the pipeline' {
        $prefix = New-RandomName 'undo'
        $names = 1..3 | ForEach-Object { $n = "$prefix-$_"; Set-VaultSecret -Name $n -PlainTextValue "value $_"; $n }
        Get-VaultSecret -Name "$prefix-*" | Remove-VaultSecret -Force
        Wait-Until { @(Get-VaultSecret -InRemovedState -Name "$prefix-*").Count -eq 3 } | Out-Null
        $recovered = Get-VaultSecret -InRemovedState -Name "$prefix-*" | Undo-VaultSecretRemoval
        @($recovered).Count | Should -Be 3
        Get-VaultSecret -Name "$prefix-*" | Get-VaultSecret -AsPlainText | Sort-Object | Should -Be @('value 1', 'value 2', 'value 3')
    }

    It 'a name that is not deleted is VaultSecretNotFound, and the batch goes on' {
        $name = New-Secret
        Remove-VaultSecret -Name $name -Force
        Wait-Deleted $name
        $missing = New-RandomName 'missing'
        $out = $missing, $name | ForEach-Object { [pscustomobject]@{ Name = $_ } } | Undo-VaultSecretRemoval -ErrorAction SilentlyContinue -ErrorVariable err
        @($out).Name | Should -Be @($name)
        $err.Count | Should -Be 1
        $err[0].TargetObject | Should -Be $missing
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VaultSecretNotFound,*'
    }

    It '-WhatIf recovers nothing' {
        $name = New-Secret
        Remove-VaultSecret -Name $name -Force
        Wait-Deleted $name
        Undo-VaultSecretRemoval -Name $name -WhatIf
        Get-VaultSecret -InRemovedState -Name $name | Should -Not -BeNullOrEmpty
    }
}

Describe 'Purging' {
    It 'Remove-VaultSecret -Purge deletes for good and frees the name' {
        $name = New-Secret
        Remove-VaultSecret -Name $name -Purge -Force
        Wait-Until { -not (Get-VaultSecret -InRemovedState -Name $name -ErrorAction SilentlyContinue) } | Out-Null
        Get-VaultSecret -InRemovedState -Name $name -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VaultSecretNotFound,*'
        # A purge can take a moment to free the name on the service.
        Wait-Until { Set-VaultSecret -Name $name -PlainTextValue 'reborn' -ErrorAction SilentlyContinue; Get-VaultSecret -Name $name -AsPlainText -ErrorAction SilentlyContinue } | Should -Be 'reborn'
    }

    It 'Remove-VaultSecret -InRemovedState purges a secret deleted earlier' {
        $name = New-Secret
        Remove-VaultSecret -Name $name -Force
        Wait-Deleted $name
        Remove-VaultSecret -Name $name -InRemovedState -Force
        Wait-Until { -not (Get-VaultSecret -InRemovedState -Name $name -ErrorAction SilentlyContinue) } | Out-Null
        Get-VaultSecret -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It '-Purge for a piped batch purges each one and reports the missing one' {
        $prefix = New-RandomName 'purge'
        $names = 1..3 | ForEach-Object { $n = "$prefix-$_"; Set-VaultSecret -Name $n -PlainTextValue 'x'; $n }
        $missing = "$prefix-missing"
        $names + $missing | ForEach-Object { [pscustomobject]@{ Name = $_ } } | Remove-VaultSecret -Purge -Force -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].TargetObject | Should -Be $missing
        Wait-Until { @(Get-VaultSecret -InRemovedState -Name "$prefix-*").Count -eq 0 } | Out-Null
        @(Get-VaultSecret -Name "$prefix-*").Count | Should -Be 0
    }

    It '-InRemovedState with -WhatIf purges nothing' {
        $name = New-Secret
        Remove-VaultSecret -Name $name -Force
        Wait-Deleted $name
        Remove-VaultSecret -Name $name -InRemovedState -WhatIf
        Get-VaultSecret -InRemovedState -Name $name | Should -Not -BeNullOrEmpty
    }
}

Describe 'Backup-VaultSecret and Restore-VaultSecret' {
    It 'round-trips a secret with all its versions through a file' {
        $name = New-Secret -Value 'one'
        Set-VaultSecret -Name $name -PlainTextValue 'two' -ContentType 'text/plain'
        $file = Join-Path $script:folder "$name.blob"
        $written = Backup-VaultSecret -Name $name -OutputFile $file
        $written | Should -BeOfType ([System.IO.FileInfo])
        $written.FullName | Should -Be $file
        $written.Length | Should -BeGreaterThan 0

        Remove-VaultSecret -Name $name -Purge -Force
        $restored = Wait-Until { Restore-VaultSecret -InputFile $file -ErrorAction SilentlyContinue }
        $restored | Should -BeOfType ([VaultTools.VaultSecretProperties])
        $restored.Name | Should -Be $name
        Get-VaultSecret -Name $name -AsPlainText | Should -Be 'two'
        (Get-VaultSecret -Name $name).ContentType | Should -Be 'text/plain'
        @(Get-VaultSecret -Name $name -IncludeVersions).Count | Should -Be 2
    }

    It 'never replaces an existing file without -Force, and replaces it with -Force' {
        $name = New-Secret
        $file = Join-Path $script:folder "$name-exists.blob"
        Set-Content -Path $file -Value 'keep me' -NoNewline
        Backup-VaultSecret -Name $name -OutputFile $file -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'OutputFileExists,*'
        Get-Content $file -Raw | Should -Be 'keep me'

        Backup-VaultSecret -Name $name -OutputFile $file -Force | Out-Null
        Get-Content $file -Raw | Should -Not -Be 'keep me'
        @(Get-ChildItem $script:folder -Filter '*.tmp' -Force).Count | Should -Be 0
    }

    It 'names the file after the vault, the secret and the time when -OutputFile is left out' {
        $name = New-Secret
        Push-Location $script:folder
        try { $file = Backup-VaultSecret -Name $name } finally { Pop-Location }
        $file.DirectoryName | Should -Be (Get-Item $script:folder).FullName
        $file.Name | Should -Match "^$($script:emulator.DefaultVaultName)-$name-\d{14}\.blob$"
    }

    It 'pipes Backup-VaultSecret output (files) into Restore-VaultSecret' {
        $prefix = New-RandomName 'bk'
        1..2 | ForEach-Object { Set-VaultSecret -Name "$prefix-$_" -PlainTextValue "v$_" }
        $files = Get-VaultSecret -Name "$prefix-*" | ForEach-Object { Backup-VaultSecret -Name $_.Name -OutputFile (Join-Path $script:folder "$($_.Name).blob") }
        Get-VaultSecret -Name "$prefix-*" | Remove-VaultSecret -Purge -Force
        $restored = Wait-Until { $files | Restore-VaultSecret -ErrorAction SilentlyContinue }
        @($restored).Count | Should -Be 2
        Get-VaultSecret -Name "$prefix-2" -AsPlainText | Should -Be 'v2'
    }

    It 'restoring over an existing secret is a conflict' {
        $name = New-Secret
        $file = Backup-VaultSecret -Name $name -OutputFile (Join-Path $script:folder "$name-conflict.blob")
        Restore-VaultSecret -InputFile $file.FullName -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VaultSecretConflict,*'
    }

    It 'refuses a missing backup file before any request' {
        Restore-VaultSecret -InputFile (Join-Path $script:folder 'nothing-here.blob') -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InputFileNotFound,*'
        $err[0].Exception.Message | Should -Match '-InputFile'
    }

    It 'says that the vault to restore into does not exist, naming it, and restores nothing' {
        $name = New-Secret
        $file = Backup-VaultSecret -Name $name -OutputFile (Join-Path $script:folder "$name-novault.blob")
        Restore-VaultSecret -InputFile $file.FullName -VaultName no-such-dr-kv -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VaultNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].Exception.Message | Should -Match 'no-such-dr-kv'
    }

    It '-WhatIf writes no file' {
        $name = New-Secret
        $file = Join-Path $script:folder "$name-whatif.blob"
        Backup-VaultSecret -Name $name -OutputFile $file -WhatIf
        Test-Path $file | Should -BeFalse
    }
}

Describe 'Update-VaultSecret' {
    It 'disables and enables the latest version without writing a new one' {
        $name = New-Secret -Value 'stay'
        Update-VaultSecret -Name $name -Enable $false
        Get-VaultSecret -Name $name -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VaultSecretOperationNotAllowed,*'
        (Get-VaultSecret -Name $name -IncludeVersions).Enabled | Should -Be $false

        Update-VaultSecret -Name $name -Enable $true
        Get-VaultSecret -Name $name -AsPlainText | Should -Be 'stay'
        @(Get-VaultSecret -Name $name -IncludeVersions).Count | Should -Be 1
    }

    It 'changes content type, tags and dates of one version taken from the pipeline, and leaves the others' {
        $name = New-Secret -Value 'old'
        $old = Get-VaultSecret -Name $name
        Set-VaultSecret -Name $name -PlainTextValue 'new' -ContentType 'text/new'
        $expires = (Get-Date).AddDays(90).Date
        $updated = Get-VaultSecret -Name $name -IncludeVersions | Where-Object Version -eq $old.Version |
            Update-VaultSecret -ContentType 'text/old' -Tag @{ Retired = 'yes' } -Expires $expires -PassThru
        $updated | Should -BeOfType ([VaultTools.VaultSecretProperties])
        $updated.Version | Should -Be $old.Version
        $updated.ContentType | Should -Be 'text/old'
        $updated.Tags['Retired'] | Should -Be 'yes'
        $updated.Expires.UtcDateTime | Should -Be $expires.ToUniversalTime()
        $updated.PSObject.Properties.Name | Should -Not -Contain 'SecretValue'

        Get-VaultSecret -Name $name -Version $old.Version -AsPlainText | Should -Be 'old'
        $latest = Get-VaultSecret -Name $name
        $latest.ContentType | Should -Be 'text/new'
        $latest.Tags.Count | Should -Be 0
    }

    It 'clears every tag with an empty -Tag, as Update-VaultKey does' {
        $name = New-Secret
        Update-VaultSecret -Name $name -Tag @{ Owner = 'team-a'; Env = 'test' }
        (Get-VaultSecret -Name $name).Tags.Count | Should -Be 2
        $cleared = Update-VaultSecret -Name $name -Tag @{} -PassThru
        $cleared.Tags.Count | Should -Be 0
        (Get-VaultSecret -Name $name).Tags.Count | Should -Be 0
        Get-VaultSecret -Name $name -AsPlainText | Should -Not -BeNullOrEmpty
    }

    It 'refuses an update that changes nothing and a bad version before any request' {
        Update-VaultSecret -Name 'x' -ErrorAction SilentlyContinue -ErrorVariable err1
        $err1[0].FullyQualifiedErrorId | Should -BeLike 'NothingToUpdate,*'
        Update-VaultSecret -Name 'x' -Version 'nothex' -Enable $true -ErrorAction SilentlyContinue -ErrorVariable err3
        $err3[0].FullyQualifiedErrorId | Should -BeLike 'InvalidVersion,*'
        $err3[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It '-WhatIf changes nothing' {
        $name = New-Secret
        Update-VaultSecret -Name $name -ContentType 'text/whatif' -WhatIf
        (Get-VaultSecret -Name $name).ContentType | Should -BeNullOrEmpty
    }

    It 'a missing secret is VaultSecretNotFound' {
        Update-VaultSecret -Name (New-RandomName 'missing') -Enable $false -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VaultSecretNotFound,*'
    }
}

Describe 'Tab completion and views' {
    It 'completes the names of deleted secrets for Undo-VaultSecretRemoval' {
        $name = New-Secret 'tabdel'
        Remove-VaultSecret -Name $name -Force
        Wait-Deleted $name
        $line = "Undo-VaultSecretRemoval -Name $($name.Substring(0, 10))"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain $name
    }

    It 'shows deleted secrets as a table with their purge dates' {
        $name = New-Secret
        Remove-VaultSecret -Name $name -Force
        Wait-Deleted $name
        $text = Get-VaultSecret -InRemovedState -Name $name | Out-String
        $text | Should -Match 'ScheduledPurgeDate'
        $text | Should -Match $name
    }
}
