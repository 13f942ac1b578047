# Every help example of every exported cmdlet runs as printed: per cmdlet, in order, in a fresh session
# (its own runspace, current folder and default vault) after `Start-VaultEmulator | Connect-Vault -Emulator`.
# One emulator serves the whole file. An example that can only run
# against Azure carries NeedsAzure = '<why>' in its help file and is reported as skipped with that reason.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest
    # Examples that do not run yet, with the error they end in: reported as skipped with that reason until
    # fixed. One that runs fails its test, so that it is taken off this list; the list only shrinks.
    $notYetRunnable = @{
    }
    $helpFolder = Join-Path $PSScriptRoot '../../module/en-US/help'
    $script:cmdlets = @(Get-Command -Module VaultTools -CommandType Cmdlet | Sort-Object Name | ForEach-Object {
            $file = Join-Path $helpFolder "$($_.Name).psd1"
            $examples = if (Test-Path $file) { @((Import-PowerShellDataFile $file).Examples) } else { @() }
            $index = 0
            @{
                Name     = $_.Name
                HelpFile = $file
                Examples = @(foreach ($example in $examples) {
                        $index++
                        @{ Index = $index; Code = $example.Code; NeedsAzure = $example['NeedsAzure']; NotYet = $notYetRunnable["$($_.Name)|$index"] }
                    })
            }
        })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest
    $script:emulator = Start-TestEmulator
    # Examples write under their session's temporary folder only. A file that appears in the repository or in the
    # process's folder (where .NET resolves a relative path) is a bug: one left ./dek.wrapped in the repository.
    $script:watchedFolders = @((Resolve-Path (Join-Path $PSScriptRoot '../..')).Path, [Environment]::CurrentDirectory) | Select-Object -Unique
    $script:filesBefore = @{}
    foreach ($watched in $script:watchedFolders) { $script:filesBefore[$watched] = @(Get-ChildItem -LiteralPath $watched -File -Force -Name) }
    $script:modulePath = if ($env:VAULTTOOLS_TEST_MODULE) { $env:VAULTTOOLS_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/VaultTools/VaultTools.psd1' }
}

AfterAll {
    Stop-TestEmulator $script:emulator
}

Describe '<Name> help examples' -ForEach $script:cmdlets {
    BeforeAll {
        $folder = Join-Path ([IO.Path]::GetTempPath()) ('vaulttools-examples-' + [guid]::NewGuid().ToString('n'))
        New-Item -ItemType Directory -Path $folder | Out-Null
        $session = [powershell]::Create()
        $session.Runspace.SessionStateProxy.SetVariable('emulatorUnderTest', $script:emulator)
        # A fresh session as a user has it after `Start-VaultEmulator | Connect-Vault -Emulator`, except that its
        # default vault is a new, empty one of its own: one cmdlet's examples never meet another's entries.
        $vault = 'ex-' + [guid]::NewGuid().ToString('n').Substring(0, 12)
        # The vaults that exist before this cmdlet's examples: those it makes (its default vault included) are
        # removed after them, so that the next cmdlet's examples can make a vault of the same name.
        $session.AddScript("Set-Location -LiteralPath '$folder'; Import-Module '$($script:modulePath)'; `$emulatorUnderTest | Connect-Vault -Emulator | Out-Null; `$vaultsBeforeExamples = @((Get-Vault).Name); New-Vault -Name $vault | Out-Null; `$emulatorUnderTest | Connect-Vault -Emulator -VaultName $vault | Out-Null").Invoke() | Out-Null
        $session.Commands.Clear()
        if ($session.Streams.Error.Count) { throw "The session could not connect: $($session.Streams.Error[0])" }
    }

    AfterAll {
        # Emulators an example started in this session (Start-VaultEmulator's examples) stop with it.
        $session.Commands.Clear()
        $session.AddScript('Stop-VaultEmulator -ErrorAction SilentlyContinue').Invoke() | Out-Null
        $session.Commands.Clear()
        $session.AddScript('$emulatorUnderTest | Connect-Vault -Emulator | Out-Null; Get-Vault | Where-Object Name -notin $vaultsBeforeExamples | Remove-Vault -Force').Invoke() | Out-Null
        $session.Dispose()
        Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'has a help file with at least two examples' {
        $HelpFile | Should -Exist
        $Examples.Count | Should -BeGreaterOrEqual 2
    }

    It 'example <Index> runs as printed' -ForEach $Examples -AllowNullOrEmptyForEach {
        if ($NeedsAzure) { Set-ItResult -Skipped -Because "a help example needs Azure: $NeedsAzure" }
        $session.Streams.Error.Clear()
        $session.Commands.Clear()
        $failure = $null
        try { $session.AddScript($Code).Invoke() | Out-Null }
        catch { $failure = $_.Exception.InnerException ?? $_.Exception }
        $errors = @($session.Streams.Error | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" })
        if ($failure) { $errors += "terminating: $($failure.Message)" }
        if ($NotYet) {
            $errors | Should -Not -BeNullOrEmpty -Because "$Name example $Index runs now: take it off the not-yet-runnable list"
            Set-ItResult -Skipped -Because "a help example does not run as printed yet (it ends in $NotYet)"
        }
        $errors | Should -BeNullOrEmpty -Because "$Name example $Index must run as printed:`n$Code`n"
    }
}

Describe 'Help examples and the repository' {
    It 'write no file into the repository or the process''s folder' {
        foreach ($watched in $script:watchedFolders) {
            @(Get-ChildItem -LiteralPath $watched -File -Force -Name | Where-Object { $_ -notin $script:filesBefore[$watched] }) |
                Should -BeNullOrEmpty -Because "help examples must write under their session's location, not into $watched"
        }
    }
}
