# A vault that cannot be reached (here: the emulator's process is gone, so the connection is refused) ends in
# one stable, terminating error naming the host, not in the SDK's retry AggregateException.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest
    $script:emulator = Start-TestEmulator
    $script:emulator | Connect-Vault -Emulator | Out-Null
    Set-VaultSecret -Name reachable -PlainTextValue 'x'
    Stop-Process -Id $script:emulator.ProcessId
    Wait-Process -Id $script:emulator.ProcessId -Timeout 30 -ErrorAction SilentlyContinue
}

AfterAll {
    Disconnect-Vault
    Stop-TestEmulator $script:emulator
}

Describe 'A vault that does not answer' {
    It 'is VaultUnreachable (ConnectionError) naming the host, with no .NET exception type' {
        $failure = $null
        try { Get-VaultSecret -Name reachable -ErrorAction Stop } catch { $failure = $_ }
        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -BeLike 'VaultUnreachable,*'
        $failure.CategoryInfo.Category | Should -Be 'ConnectionError'
        $failure.Exception.Message | Should -Match "host 'localhost' port $(([uri]$script:emulator.VaultUri).Port)"
        $failure.Exception.Message | Should -Not -Match 'AggregateException|Retry failed'
    }
}
