# What the manifest, the README and about_VaultTools claim is what the module is: the PowerShell editions and
# version it says it runs on, and one list of cmdlets (the manifest's exports = the cmdlet classes compiled
# into VaultTools.dll = the README's cmdlet table), with no cmdlet named in the documentation that does not exist.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest
    $root = Join-Path $PSScriptRoot '../..'
    $script:manifest = Import-PowerShellDataFile (Join-Path $root 'VaultTools.psd1')
    $script:readme = Get-Content -Raw (Join-Path $root 'README.md')
    $script:about = Get-Content -Raw (Join-Path $root 'module/en-US/about_VaultTools.help.txt')
    $script:exported = @((Get-Command -Module VaultTools -CommandType Cmdlet).Name)
    $script:compiled = @((Get-Module VaultTools).ImplementingAssembly.GetExportedTypes() |
            ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { "$($_.VerbName)-$($_.NounName)" })
    # The cmdlet column of the README's table: every `Verb-Noun` in the first cell of each row.
    $table = [regex]::Match($script:readme, '(?ms)^## Cmdlets\s*$(.*?)(?=^## )').Groups[1].Value
    $script:readmeTable = @($table -split "`n" | Where-Object { $_ -match '^\| `' } |
            ForEach-Object { [regex]::Matches(($_ -split '\|')[1], '`([A-Z][a-z]+-[A-Za-z]+)') | ForEach-Object { $_.Groups[1].Value } } |
            Sort-Object -Unique)
    # VaultTools' own names in prose and code: Verb-Vault* and Verb-BitLockerKey (not Get-BitLockerVolume, Az or built-ins).
    $script:named = { param($text) @([regex]::Matches($text, '\b[A-Z][a-z]+-(Vault[A-Za-z]*|BitLockerKey)\b') | ForEach-Object Value | Sort-Object -Unique) }
}

Describe 'VaultTools.psd1' {
    It 'claims PowerShell 7.4 or later, Core edition only (Windows PowerShell 5.1 is not tested, so not claimed)' {
        $script:manifest.PowerShellVersion | Should -Be '7.4'
        @($script:manifest.CompatiblePSEditions) | Should -Be @('Core')
    }

    It 'exports exactly the cmdlets compiled into VaultTools.dll' {
        @($script:manifest.CmdletsToExport | Sort-Object) | Should -Be @($script:compiled | Sort-Object)
        @($script:exported | Sort-Object) | Should -Be @($script:compiled | Sort-Object)
    }

    It 'exports nothing else' {
        @($script:manifest.FunctionsToExport) | Should -BeNullOrEmpty
        @($script:manifest.AliasesToExport) | Should -BeNullOrEmpty
        @($script:manifest.VariablesToExport) | Should -BeNullOrEmpty
    }
}

Describe 'README.md and about_VaultTools' {
    It 'the README''s cmdlet table names every exported cmdlet, and only those' {
        $script:readmeTable | Should -Not -BeNullOrEmpty
        @($script:readmeTable) | Should -Be @($script:exported | Sort-Object -Unique)
    }

    It 'every cmdlet the README names exists' {
        $missing = & $script:named $script:readme | Where-Object { $_ -notin $script:exported }
        $missing | Should -BeNullOrEmpty
    }

    It 'every cmdlet about_VaultTools names exists' {
        $names = & $script:named $script:about
        $names | Should -Not -BeNullOrEmpty
        $names | Where-Object { $_ -notin $script:exported } | Should -BeNullOrEmpty
    }

    It 'both say where it runs: PowerShell 7.4+ on Windows, Linux and macOS, and the emulator needs .NET 10' {
        foreach ($text in $script:readme, $script:about) {
            $text | Should -Match 'PowerShell 7\.4'
            $text | Should -Match 'Windows, Linux (and|or) macOS'
            $text | Should -Match '\.NET 10'
        }
    }

    It 'the .NET 10 they name is what the emulator is built for' {
        $project = [xml](Get-Content -Raw (Join-Path $PSScriptRoot '../../src/VaultTools.Emulator/VaultTools.Emulator.csproj'))
        @($project.Project.PropertyGroup.TargetFramework) -join '' | Should -Be 'net10.0'
    }
}
