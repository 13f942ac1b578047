#requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, demonstrates, benchmarks and packages VaultTools.

.DESCRIPTION
    Tasks:
      Build    Compiles everything and stages the module in out/VaultTools/ from an explicit list of
               files (the manifest with its version, VaultTools.dll, dependencies/, emulator/, format,
               types and help files); fails when one is missing.
      Test     Build, then xunit (dotnet test) and Pester (against the staged module and the emulator).
               Ends with one line "Tests: N passed, N failed, N skipped"; exits non-zero on any failure.
      Demo     Build, start the emulator, run a tour of the cmdlets against it, stop the emulator.
      Bench    Build, then run the benchmarks (figures as ratios against a baseline measured in the same run).
      Package  Build, then write out/VaultTools.<version>.nupkg (Install-PSResource) and out/VaultTools.zip
               (Azure Automation) with tools/Package.ps1.
      Clean    Remove out/ and every bin/ and obj/ folder.

    On a machine with only the .NET SDK:  dotnet tool restore && dotnet pwsh ./build.ps1 Test

.EXAMPLE
    dotnet pwsh ./build.ps1 Test -Filter Secrets
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Runs only the xunit tests and Pester files whose names contain this text.
    [string] $Filter,

    # Skip xunit (Pester only) or Pester (xunit only): for quick local loops, never in CI.
    [switch] $SkipXunit,
    [switch] $SkipPester
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$Stage = Join-Path $Out 'VaultTools'
$PublishRoot = Join-Path $Out 'publish'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Invoke-DotNet {
    # A simple function on purpose: an advanced one would take dotnet's -v:quiet for -Verbose.
    $Arguments = [string[]] $args
    Write-Host "> dotnet $($Arguments -join ' ')" -ForegroundColor DarkGray
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE." }
}

function Get-ModuleVersion {
    (Import-PowerShellDataFile (Join-Path $Root 'VaultTools.psd1')).ModuleVersion
}

# The staged module, file by file. A missing file fails the build instead of shipping a broken module.
$ModuleFiles = @(
    @{ From = 'VaultTools.psd1';                                  To = 'VaultTools.psd1' }
    @{ From = 'src/VaultTools/bin/{config}/netstandard2.0/VaultTools.dll'; To = 'VaultTools.dll' }
    @{ From = 'src/VaultTools.Models/bin/{config}/netstandard2.0/VaultTools.Models.dll'; To = 'VaultTools.Models.dll' }
    @{ From = 'module/VaultTools.format.ps1xml';                  To = 'VaultTools.format.ps1xml' }
    @{ From = 'module/VaultTools.types.ps1xml';                   To = 'VaultTools.types.ps1xml' }
    @{ From = 'module/en-US/about_VaultTools.help.txt';           To = 'en-US/about_VaultTools.help.txt' }
)

# Published folders staged whole: their content is defined by the projects' dependency graphs;
# each must contain the listed entry assembly.
$PublishedFolders = @(
    @{ Project = 'src/VaultTools.Core';     Framework = 'net8.0';         To = 'dependencies';         Entry = 'VaultTools.Core.dll' }
    @{ Project = 'src/VaultTools.Core';     Framework = 'netstandard2.0'; To = 'dependencies/desktop'; Entry = 'VaultTools.Core.dll' }
    @{ Project = 'src/VaultTools.Emulator'; Framework = 'net10.0';        To = 'emulator';             Entry = 'VaultTools.Emulator.dll' }
)

function Invoke-Build {
    $version = Get-ModuleVersion
    Write-Host "Building VaultTools $version ($Configuration)" -ForegroundColor Cyan
    Invoke-DotNet build (Join-Path $Root 'VaultTools.sln') -c $Configuration "-p:Version=$version" --nologo --verbosity quiet

    if (Test-Path $Stage) { Remove-Item $Stage -Recurse -Force }
    New-Item -ItemType Directory -Path $Stage | Out-Null

    foreach ($folder in $PublishedFolders) {
        $publishDir = Join-Path $PublishRoot ("{0}-{1}" -f (Split-Path $folder.Project -Leaf), $folder.Framework)
        Invoke-DotNet publish (Join-Path $Root $folder.Project) -c $Configuration -f $folder.Framework "-p:Version=$version" -o $publishDir --no-build --nologo --verbosity quiet
        $target = Join-Path $Stage $folder.To
        New-Item -ItemType Directory -Path $target -Force | Out-Null
        # VaultTools.Models is shared with PowerShell and ships once, beside VaultTools.dll.
        Get-ChildItem $publishDir -Exclude '*.pdb', '*.xml', 'VaultTools.Models.dll' | Copy-Item -Destination $target -Recurse -Force
        if (-not (Test-Path (Join-Path $target $folder.Entry))) { throw "Staging failed: $($folder.To)/$($folder.Entry) is missing." }
    }

    foreach ($file in $ModuleFiles) {
        $from = Join-Path $Root ($file.From -replace '\{config\}', $Configuration)
        if (-not (Test-Path $from)) { throw "Staging failed: $($file.From) is missing." }
        $to = Join-Path $Stage $file.To
        New-Item -ItemType Directory -Path (Split-Path $to) -Force | Out-Null
        Copy-Item $from $to -Force
    }

    # MAML help: words from module/en-US/help/<Verb-Noun>.psd1, syntax from the staged cmdlets (child
    # process, so this session never loads the module it is building).
    & dotnet tool run pwsh -- -NoProfile -NonInteractive -File (Join-Path $Root 'tools/Build-Help.ps1') -ModulePath (Join-Path $Stage 'VaultTools.psd1') `
        -SourcePath (Join-Path $Root 'module/en-US/help') -DestinationPath (Join-Path $Stage 'en-US/VaultTools.dll-Help.xml')
    if ($LASTEXITCODE -ne 0) { throw 'Help generation failed.' }

    # PowerShell itself provides System.Management.Automation; a copy in the module breaks it.
    $sma = Get-ChildItem $Stage -Recurse -Filter 'System.Management.Automation.dll'
    if ($sma) { throw "Staging failed: System.Management.Automation.dll must not ship with the module ($($sma[0].FullName))." }
    Write-Host "Staged $Stage" -ForegroundColor Green
}

function Get-PesterPath {
    Invoke-DotNet restore (Join-Path $Root 'tests/pester/Pester.Restore.csproj') --nologo --verbosity quiet
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else {
        ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    }
    $pester = Join-Path $packages 'pester/6.2.0/tools/Pester.psd1'
    if (-not (Test-Path $pester)) { throw "Pester was not restored: $pester is missing." }
    $pester
}

# Counted from the results themselves: the TRX counters of the xunit logger leave skipped tests out
# (notExecuted stays 0), so a skip would vanish from the summary. Outcome NotExecuted is a skip, whose
# reason is the result's message.
function Read-TrxCounts([string] $Path) {
    [xml] $trx = Get-Content $Path -Raw
    $results = @($trx.SelectNodes("//*[local-name()='UnitTestResult']"))
    $skipped = @($results | Where-Object outcome -eq 'NotExecuted')
    [pscustomobject]@{
        Passed      = @($results | Where-Object outcome -eq 'Passed').Count
        Failed      = @($results | Where-Object outcome -in 'Failed', 'Error', 'Timeout', 'Aborted').Count
        Skipped     = $skipped.Count
        SkipReasons = @($skipped | ForEach-Object { $_.SelectSingleNode(".//*[local-name()='Message']")?.InnerText })
    }
}

# tests/js: a conformance test with the official JavaScript Key Vault SDK, run by an xunit test
# (JavaScriptSdkTests). Its packages are installed here from the committed package-lock.json
# (npm ci, about 10 s), and again only when the lock file is newer than the installed tree.
function Install-JavaScriptTestPackages {
    $js = Join-Path $Root 'tests/js'
    if (-not (Get-Command npm -ErrorAction SilentlyContinue)) {
        Write-Host 'npm was not found: the JavaScript SDK conformance test is skipped (install Node.js 20 or later to run it).' -ForegroundColor Yellow
        return
    }
    $installed = Join-Path $js 'node_modules/.package-lock.json'
    $lock = Join-Path $js 'package-lock.json'
    if ((Test-Path $installed) -and (Get-Item -Force $installed).LastWriteTimeUtc -ge (Get-Item $lock).LastWriteTimeUtc) { return }
    Write-Host "> npm ci --prefix $js" -ForegroundColor DarkGray
    & npm ci --prefix $js --no-audit --no-fund --loglevel=error
    if ($LASTEXITCODE -ne 0) { throw "npm ci failed in tests/js (exit code $LASTEXITCODE)." }
}

# Runs a command in a thread job with its output kept, so that test runs can overlap and still print
# one readable block each. Returns the job; Receive-TestRun prints the block and gives the exit code.
function Start-TestRun([string] $Title, [string[]] $Command) {
    Start-ThreadJob -Name $Title -ArgumentList (, $Command) -ScriptBlock {
        param([string[]] $command)
        $exe, $rest = $command
        $lines = & $exe @rest 2>&1 | ForEach-Object { "$_" }
        [pscustomobject]@{ Lines = $lines; ExitCode = $LASTEXITCODE }
    }
}

function Receive-TestRun($Job) {
    $run = $Job | Wait-Job | Receive-Job
    Remove-Job $Job
    Write-Host "----- $($Job.Name) (exit code $($run.ExitCode)) -----" -ForegroundColor DarkGray
    $run.Lines | ForEach-Object { Write-Host $_ }
    $run.ExitCode
}

function Invoke-Test {
    Invoke-Build
    $results = Join-Path $Out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    New-Item -ItemType Directory -Path $results | Out-Null
    $totals = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 }
    $skipReasons = [System.Collections.Generic.List[string]]::new()
    $problems = [System.Collections.Generic.List[string]]::new()

    # The xunit projects and the Pester shards run side by side: most of a test's time is spent waiting
    # for an emulator or a child process, so on 2 cores overlapping them nearly halves the wall time.
    # Every run keeps its own emulators, data folders and result files.
    $runs = [System.Collections.Generic.List[object]]::new()
    if (-not $SkipXunit) {
        Install-JavaScriptTestPackages
        foreach ($project in Get-ChildItem (Join-Path $Root 'tests') -Filter '*.Tests.csproj' -Recurse) {
            $name = $project.BaseName
            $arguments = @('dotnet', 'test', $project.FullName, '-c', $Configuration, '--no-build', '--nologo', '--logger', "trx;LogFileName=$name.trx", '--results-directory', $results)
            if ($Filter) { $arguments += @('--filter', "FullyQualifiedName~$Filter") }
            Write-Host "> $($arguments -join ' ')" -ForegroundColor DarkGray
            $runs.Add([pscustomobject]@{ Kind = 'xunit'; Name = $name; Result = Join-Path $results "$name.trx"; Job = Start-TestRun $name $arguments })
        }
    }

    if (-not $SkipPester) {
        $pester = Get-PesterPath
        # Child pwsh processes: the tests import the staged module into a clean session, as a user would.
        $runner = Join-Path $Root 'tests/pester/Invoke-PesterSuite.ps1'
        $shards = 2
        foreach ($shard in 1..$shards) {
            $summary = Join-Path $results "pester-summary-$shard.json"
            $arguments = @('dotnet', 'tool', 'run', 'pwsh', '--', '-NoProfile', '-NonInteractive', '-File', $runner, '-PesterPath', $pester,
                '-ModulePath', (Join-Path $Stage 'VaultTools.psd1'), '-ResultPath', $summary, '-Filter', "$Filter", '-Shard', "$shard/$shards")
            $runs.Add([pscustomobject]@{ Kind = 'pester'; Name = "Pester $shard/$shards"; Result = $summary; Job = Start-TestRun "Pester $shard/$shards" $arguments })
        }
    }

    foreach ($run in $runs) {
        $exitCode = Receive-TestRun $run.Job
        if ($run.Kind -eq 'xunit') {
            if (Test-Path $run.Result) {
                $counts = Read-TrxCounts $run.Result
                $totals.Passed += $counts.Passed; $totals.Failed += $counts.Failed; $totals.Skipped += $counts.Skipped
                $skipReasons.AddRange([string[]] @($counts.SkipReasons))
                if ($exitCode -ne 0 -and $counts.Failed -eq 0) { $problems.Add("$($run.Name) exited with code $exitCode") }
            }
            elseif ($Filter -and $exitCode -eq 0) {
                # no test matched the filter
            }
            else {
                $problems.Add("$($run.Name) produced no results (exit code $exitCode)")
            }
        }
        elseif (Test-Path $run.Result) {
            $counts = Get-Content $run.Result -Raw | ConvertFrom-Json
            $totals.Passed += $counts.Passed; $totals.Failed += $counts.Failed; $totals.Skipped += $counts.Skipped
            $skipReasons.AddRange([string[]] @($counts.SkipReasons))
            if ($counts.Errors -gt 0) { $problems.Add("$($run.Name) reported $($counts.Errors) container or block failures") }
        }
        else {
            $problems.Add("$($run.Name) produced no results (exit code $exitCode)")
        }
    }

    foreach ($problem in $problems) { Write-Host "ERROR: $problem" -ForegroundColor Red }
    # A run that could not count its tests (no results, a Pester file that failed discovery) is a failure,
    # and the Tests line says so: it counts each such problem as one failed test.
    $failed = $totals.Failed + $problems.Count
    # Why tests were skipped, each reason once with how many it skipped, just above the Tests line.
    foreach ($group in $skipReasons | Group-Object { if ($_) { $_ } else { '(no reason given)' } } | Sort-Object Count -Descending) {
        Write-Host "Skipped $($group.Count): $($group.Name)" -ForegroundColor Yellow
    }
    $line = "Tests: $($totals.Passed) passed, $failed failed, $($totals.Skipped) skipped"
    Write-Host $line -ForegroundColor ($failed -gt 0 ? 'Red' : 'Green')
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    & dotnet tool run pwsh -- -NoProfile -NonInteractive -File (Join-Path $Root 'tools/Demo.ps1') -ModulePath (Join-Path $Stage 'VaultTools.psd1')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Bench {
    Invoke-Build
    # The baselines' program (tools/bench): built here only, never staged or shipped.
    Invoke-DotNet build (Join-Path $Root 'tools/bench/VaultTools.Bench.csproj') -c $Configuration -o (Join-Path $Out 'bench') --verbosity quiet --nologo
    & dotnet tool run pwsh -- -NoProfile -NonInteractive -File (Join-Path $Root 'tools/Bench.ps1') -ModulePath (Join-Path $Stage 'VaultTools.psd1') -BenchPath (Join-Path $Out 'bench/VaultTools.Bench.dll')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Package {
    Invoke-Build
    # tools/Package.ps1: VaultTools.<version>.nupkg (PSResourceGet) and VaultTools.zip (Azure Automation), trimmed.
    & dotnet tool run pwsh -- -NoProfile -NonInteractive -File (Join-Path $Root 'tools/Package.ps1') -StagePath $Stage -OutPath $Out
    if ($LASTEXITCODE -ne 0) { throw 'Packaging failed.' }
}

function Invoke-Clean {
    if (Test-Path $Out) { Remove-Item $Out -Recurse -Force }
    Get-ChildItem $Root -Directory -Recurse -Include bin, obj -ErrorAction SilentlyContinue |
        Where-Object { $_.FullName -notmatch '[\\/]node_modules[\\/]' } |
        Remove-Item -Recurse -Force
    Write-Host 'Cleaned.' -ForegroundColor Green
}

Push-Location $Root
try {
    switch ($Task) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Demo' { Invoke-Demo }
        'Bench' { Invoke-Bench }
        'Package' { Invoke-Package }
        'Clean' { Invoke-Clean }
    }
}
finally {
    Pop-Location
}
