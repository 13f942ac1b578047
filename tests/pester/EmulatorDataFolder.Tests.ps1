# Start-VaultEmulator / Stop-VaultEmulator and the data folder: nothing kept without -DataPath, a clean stop that
# leaves a folder that can be copied, and a damaged folder refused with a message naming the file.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest
    $script:root = Join-Path ([IO.Path]::GetTempPath()) ("vaulttools-datafolder-" + [guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory -Path $script:root | Out-Null
}

AfterAll {
    Disconnect-Vault
    Stop-VaultEmulator
    Remove-Item $script:root -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Connect-Vault -Emulator before any emulator was started' {
    It 'says how to start one instead of reading a default folder' {
        $saved = $env:VAULTTOOLS_EMULATOR
        try {
            $env:VAULTTOOLS_EMULATOR = $null
            { Connect-Vault -Emulator -ErrorAction Stop } | Should -Throw -ErrorId 'EmulatorNotFound,*' -ExpectedMessage '*Start-VaultEmulator*'
        }
        finally { $env:VAULTTOOLS_EMULATOR = $saved }
    }
}

Describe 'Start-VaultEmulator without -DataPath' {
    # Linux and macOS: the per-user folder is moved with XDG_DATA_HOME, and Stop-VaultEmulator's clean stop (which
    # removes the run's folder) is SIGTERM; on Windows it kills.
    It 'keeps nothing between runs and reads or writes no default folder' -Skip:$IsWindows {
        # The per-user data folder (LocalApplicationData) of this test alone: other emulators on the machine may use the real one.
        $savedXdg = $env:XDG_DATA_HOME
        $env:XDG_DATA_HOME = Join-Path $script:root 'xdg'
        New-Item -ItemType Directory -Path $env:XDG_DATA_HOME | Out-Null
        try {
            $first = Start-VaultEmulator
            $first.Persistent | Should -BeFalse
            $first.DataPath | Should -BeLike ((Join-Path ([IO.Path]::GetTempPath()) 'vaulttools-emulator-') + '*')
            $first | Connect-Vault -Emulator | Out-Null
            Set-VaultSecret -Name 'gone-after-stop' -PlainTextValue 'x' | Out-Null
            $first | Stop-VaultEmulator
            Test-Path $first.DataPath | Should -BeFalse -Because 'the temporary folder of the run is removed at a clean stop'

            $second = Start-VaultEmulator
            $second.TenantId | Should -Not -Be $first.TenantId
            ($second.Identities | Where-Object Name -eq 'admin').ClientId | Should -Not -Be ($first.Identities | Where-Object Name -eq 'admin').ClientId
            $second | Connect-Vault -Emulator | Out-Null
            Get-VaultSecret -Name 'gone-after-stop' -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
            $err.Count | Should -Be 1
            $second | Stop-VaultEmulator

            Test-Path (Join-Path $env:XDG_DATA_HOME 'VaultTools') | Should -BeFalse -Because 'nothing is written to a per-user folder'
        }
        finally { $env:XDG_DATA_HOME = $savedXdg }
    }
}

Describe 'Stop-VaultEmulator on a data folder' {
    It 'stops cleanly, so that a copy of the stopped folder has every entry' -Skip:$IsWindows {
        $dataPath = Join-Path $script:root 'durable'
        $e = Start-VaultEmulator -DataPath $dataPath
        $e | Connect-Vault -Emulator | Out-Null
        1..5 | ForEach-Object { Set-VaultSecret -Name "copied-$_" -PlainTextValue "value $_" | Out-Null }
        $e | Stop-VaultEmulator
        $wal = Join-Path $dataPath 'vault.db-wal'
        ((Test-Path $wal) -and (Get-Item $wal).Length -gt 0) | Should -BeFalse -Because 'the write-ahead log was checkpointed into vault.db'

        $copy = Join-Path $script:root 'copy'
        Copy-Item $dataPath $copy -Recurse
        Remove-Item (Join-Path $copy 'vault.db-wal') -ErrorAction SilentlyContinue
        $again = Start-VaultEmulator -DataPath $copy
        $again | Connect-Vault -Emulator | Out-Null
        Get-VaultSecret -Name 'copied-5' -AsPlainText | Should -Be 'value 5'
        $again.TenantId | Should -Be $e.TenantId
        $again | Stop-VaultEmulator
    }
}

Describe 'Start-VaultEmulator on a damaged data folder' {
    It 'refuses a truncated vault.db with a message naming it, and starts nothing' {
        $dataPath = Join-Path $script:root 'damaged'
        $e = Start-VaultEmulator -DataPath $dataPath
        $e | Stop-VaultEmulator
        Set-Content -Path (Join-Path $dataPath 'vault.db') -Value $null -NoNewline

        # One refused start, its error record kept for the checks below (-PassThru).
        $failure = { Start-VaultEmulator -DataPath $dataPath } | Should -Throw -ErrorId 'EmulatorStartFailed,VaultTools.Commands.Emulator.StartVaultEmulatorCommand' -PassThru
        $failure.Exception.Message | Should -Match 'exited with code 1'
        $failure.Exception.Message | Should -Match ([regex]::Escape((Join-Path $dataPath 'vault.db')) + ': the file is empty')
        $failure.Exception.Message | Should -Not -Match '\bat [A-Z]\w+\.'
        Test-Path (Join-Path $dataPath 'emulator.json') | Should -BeFalse
    }
}
