#requires -Version 7.2
<#
.SYNOPSIS
    Runs the Pester suite against the staged module and writes a summary (passed, failed, skipped) for build.ps1.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [string] $Filter,
    # 'k/n': run only the k-th of n shares of the files, so that build.ps1 can run n shares side by side.
    [ValidatePattern('^\d+/\d+$')] [string] $Shard = '1/1'
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
# The test files import the module under test from here (see VaultTools.TestHelpers.psm1).
$env:VAULTTOOLS_TEST_MODULE = (Resolve-Path $ModulePath).Path

$files = Get-ChildItem $PSScriptRoot -Filter '*.Tests.ps1' | Where-Object { -not $Filter -or $_.Name -like "*$Filter*" }
# Shares of about equal length: each file goes, longest first, to the share with the least time so far.
# The seconds are each file's time in one full `build.ps1 Test` on a shared, heavily loaded 2-core machine
# (2026-12-04; SecretLifecycle counts both of its runs); only their proportions matter. A file missing here
# counts as 30 s. They only balance the shares: a wrong figure makes the run slower, never wrong.
$seconds = @{
    'HelpExamples.Tests.ps1' = 571; 'Access.Tests.ps1' = 405; 'Package.Tests.ps1' = 191; 'Emulator.Tests.ps1' = 188
    'SecretLifecycle.Tests.ps1' = 99; 'EmulatorDataFolder.Tests.ps1' = 91; 'Certificates.Tests.ps1' = 76; 'Documentation.Tests.ps1' = 62
    'Module.Tests.ps1' = 48; 'BitLocker.Tests.ps1' = 39; 'Keys.Tests.ps1' = 37; 'Connection.Tests.ps1' = 35
    'EventualConsistency.Tests.ps1' = 34; 'AzParity.Tests.ps1' = 30; 'AzHabits.Tests.ps1' = 27; 'CertificateIssuers.Tests.ps1' = 27
    'Rotation.Tests.ps1' = 24; 'EmulatorClock.Tests.ps1' = 21; 'Bulk.Tests.ps1' = 15; 'Transport.Tests.ps1' = 14
    'Conventions.Tests.ps1' = 7; 'SecretSafety.Tests.ps1' = 5; 'Secrets.Tests.ps1' = 4
    'BadInput.Tests.ps1' = 200; 'Views.Tests.ps1' = 30; 'Manifest.Tests.ps1' = 5
}
$index, $count = [int[]] ($Shard -split '/')
if ($index -lt 1 -or $index -gt $count) { throw "-Shard $Shard`: the share must be between 1 and $count." }
$load = [double[]]::new($count)
$files = @(foreach ($file in $files | Sort-Object @{ Expression = { $seconds[$_.Name] ?? 30 }; Descending = $true }, Name) {
        $target = [array]::IndexOf($load, ($load | Measure-Object -Minimum).Minimum)
        $load[$target] += $seconds[$file.Name] ?? 30
        if ($target -eq $index - 1) { $file }
    })
# Every file runs once as it is. The secrets lifecycle file runs a second time against an emulator whose
# deletes and recoveries become visible 2 s late (Start-VaultEmulator -ConsistencyDelaySeconds), as they do
# about a minute late on Azure: what it asserts must hold either way.
$containers = @(foreach ($file in $files) {
        New-PesterContainer -Path $file.FullName
        if ($file.Name -eq 'SecretLifecycle.Tests.ps1') {
            New-PesterContainer -Path $file.FullName -Data @{ ConsistencyDelaySeconds = 2 }
        }
    })
$config = New-PesterConfiguration
$config.Run.Container = $containers
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.Should.ErrorAction = 'Stop'
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = [IO.Path]::ChangeExtension($ResultPath, '.xml')
$config.TestResult.OutputFormat = 'NUnitXml'

$result = if ($files) { Invoke-Pester -Configuration $config } else { $null }
$summary = [ordered]@{
    Passed  = if ($result) { $result.PassedCount } else { 0 }
    Failed  = if ($result) { $result.FailedCount } else { 0 }
    Skipped = if ($result) { $result.SkippedCount + $result.NotRunCount - @($result.Tests | Where-Object { -not $_.ShouldRun }).Count } else { 0 }
    Errors  = if ($result) { $result.FailedBlocksCount + $result.FailedContainersCount } else { 0 }
    # Why each skipped test was skipped (Set-ItResult -Skipped -Because ...), for build.ps1 to print once.
    SkipReasons = @(if ($result) {
            $result.Skipped | ForEach-Object {
                $because = @($_.ErrorRecord | ForEach-Object { $_.Exception.Message }) -join ' '
                if ($because) { $because -replace '^is skipped,?\s*(because\s*)?', '' } else { "Pester: $($_.ExpandedPath) was skipped without a reason" }
            }
        })
}
$summary | ConvertTo-Json | Set-Content -Path $ResultPath -Encoding utf8
if ($summary.Failed -gt 0 -or $summary.Errors -gt 0) { exit 1 }
