# Start-VaultEmulator -ClockOffset and Set-VaultEmulatorClock: the emulator's movable clock, through the cmdlets.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest
    $script:emulator = Start-TestEmulator -ClockOffset (New-TimeSpan -Days 10)
    $script:emulator | Connect-Vault -Emulator
}
AfterAll {
    Disconnect-Vault -ErrorAction SilentlyContinue
    Stop-TestEmulator $script:emulator
}

Describe 'Start-VaultEmulator -ClockOffset' {
    It 'starts the emulator''s clock that far ahead: new entries are dated on its clock' {
        $name = New-RandomName 'clock'
        $created = (Set-VaultSecret -Name $name -PlainTextValue v -PassThru).Created
        ($created - [DateTimeOffset]::UtcNow).TotalDays | Should -BeGreaterThan 9.9
        ($created - [DateTimeOffset]::UtcNow).TotalDays | Should -BeLessThan 10.1
    }
}

Describe 'Set-VaultEmulatorClock' {
    It 'moves the clock forward and returns it; the session keeps working with a token valid on the new clock' {
        $before = Set-VaultEmulatorClock -Offset (New-TimeSpan -Days 10)
        $before | Should -BeOfType ([VaultTools.VaultEmulatorClock])
        $clock = Set-VaultEmulatorClock -Advance (New-TimeSpan -Hours 2)
        $clock.Offset | Should -Be (New-TimeSpan -Days 10 -Hours 2)
        $clock.ProcessId | Should -Be $script:emulator.ProcessId
        ($clock.Now - [DateTimeOffset]::UtcNow - $clock.Offset).Duration().TotalSeconds | Should -BeLessThan 30
        # The session's token was issued two emulator-hours ago (expired on the emulator's clock): renewed.
        $name = New-RandomName 'after'
        (Set-VaultSecret -Name $name -PlainTextValue v -PassThru).Created | Should -BeGreaterThan $clock.Now.AddMinutes(-1)
    }

    It 'sets the offset back to real time, and takes the emulator from the pipeline' {
        $clock = $script:emulator | Set-VaultEmulatorClock -Offset ([TimeSpan]::Zero)
        $clock.Offset | Should -Be ([TimeSpan]::Zero)
        Get-VaultSecret | Should -Not -BeNullOrEmpty
        $clock = Set-VaultEmulatorClock -Offset (New-TimeSpan -Days 10)
    }

    It 'takes ISO 8601 durations as well as TimeSpans' {
        (Set-VaultEmulatorClock -Offset P12D).Offset | Should -Be (New-TimeSpan -Days 12)
        (Set-VaultEmulatorClock P1DT2H).Offset | Should -Be (New-TimeSpan -Days 13 -Hours 2)
        (Set-VaultEmulatorClock -Offset P10D).Offset | Should -Be (New-TimeSpan -Days 10)
    }

    It 'reports an emulator that no longer runs as EmulatorUnreachable' {
        $other = Start-TestEmulator
        Stop-VaultEmulator -ProcessId $other.ProcessId    # its data folder (and CA) stay
        try {
            $err = $null
            $other | Set-VaultEmulatorClock -Advance (New-TimeSpan -Hours 1) -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'EmulatorUnreachable*'
            $err[0].Exception.Message | Should -BeLike '*did not answer*'
        }
        finally { Stop-TestEmulator $other }
    }

    It '-WhatIf changes nothing' {
        Set-VaultEmulatorClock -Advance (New-TimeSpan -Days 100) -WhatIf | Should -BeNullOrEmpty
        (Set-VaultEmulatorClock -Advance ([TimeSpan]::Zero)).Offset | Should -Be (New-TimeSpan -Days 10)
    }

    It 'refuses a negative -Advance with a clear error that names the parameter, changing nothing' {
        $err = $null
        Set-VaultEmulatorClock -Advance (New-TimeSpan -Days -1) -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidClockAdvance*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].Exception.Message | Should -BeLike '*-Advance*'
        (Set-VaultEmulatorClock -Advance ([TimeSpan]::Zero)).Offset | Should -Be (New-TimeSpan -Days 10)
    }
}
