# The documentation runs as written: the README's tour is read from README.md itself (not a copy) and run
# line by line in a fresh session, and tools/Demo.ps1 runs to its end. A line that errors fails the test.
BeforeDiscovery {
    $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw
    # The tour is the first code block of the "A tour" section (the section's later block shows the sign-ins
    # that need Azure).
    $section = [regex]::Match($readme, '(?ms)^## A tour\s*$(.*?)(?=^## )').Groups[1].Value
    $script:tour = [regex]::Match($section, '(?ms)^```powershell\s*$(.*?)^```').Groups[1].Value
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    $script:modulePath = $env:VAULTTOOLS_TEST_MODULE
    if (-not $script:modulePath) { $script:modulePath = Join-Path $PSScriptRoot '../../out/VaultTools/VaultTools.psd1' }
    # The tour and the Demo run in temporary folders: a file they leave in the repository or in the process's folder
    # (where .NET resolves a relative path) is a bug.
    $script:watchedFolders = @((Resolve-Path (Join-Path $PSScriptRoot '../..')).Path, [Environment]::CurrentDirectory) | Select-Object -Unique
    $script:filesBefore = @{}
    foreach ($watched in $script:watchedFolders) { $script:filesBefore[$watched] = @(Get-ChildItem -LiteralPath $watched -File -Force -Name) }
}

Describe 'README tour' -ForEach @(@{ Code = $script:tour }) {
    It 'is found in README.md' {
        $Code | Should -Match 'Start-VaultEmulator'
    }

    It 'runs every line as printed, without an error' {
        # A fresh folder that looks like the repository after a build (the tour imports ./out/VaultTools).
        $folder = Join-Path ([IO.Path]::GetTempPath()) ('vaulttools-tour-' + [guid]::NewGuid().ToString('n'))
        New-Item -ItemType Directory -Path (Join-Path $folder 'out') | Out-Null
        New-Item -ItemType SymbolicLink -Path (Join-Path $folder 'out/VaultTools') -Target (Split-Path ((Resolve-Path $script:modulePath).Path)) | Out-Null
        $ps = [powershell]::Create()
        try {
            $ps.AddScript("Set-Location -LiteralPath '$folder'").Invoke() | Out-Null
            $ps.Commands.Clear()
            foreach ($line in $Code -split '\r?\n' | Where-Object { $_.Trim() -and -not $_.Trim().StartsWith('#') }) {
                $ps.Streams.Error.Clear()
                try { $ps.AddScript($line).Invoke() | Out-Null }
                catch { throw "The tour line '$line' failed: $($_.Exception.Message)" }
                finally { $ps.Commands.Clear() }
                $errors = @($ps.Streams.Error | ForEach-Object { "$_" })
                $errors | Should -BeNullOrEmpty -Because "the tour line '$line' must run as printed"
            }
        }
        finally {
            # The tour ends with Stop-VaultEmulator; should a line fail before it, stop the emulator here.
            try { $ps.Commands.Clear(); $ps.AddScript('Stop-VaultEmulator -ErrorAction SilentlyContinue').Invoke() | Out-Null } catch { }
            $ps.Dispose()
            Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}

Describe 'Demo' {
    It 'runs tools/Demo.ps1 to its end' {
        $demo = Join-Path $PSScriptRoot '../../tools/Demo.ps1'
        # In a child process (a job), as build.ps1 Demo runs it; the Demo stops at its first error, which fails the job.
        $folder = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) ('vaulttools-demo-run-' + [guid]::NewGuid().ToString('n')))
        $job = Start-Job -WorkingDirectory $folder.FullName -ScriptBlock { param($demo, $module) & $demo -ModulePath $module } -ArgumentList (Resolve-Path $demo).Path, (Resolve-Path $script:modulePath).Path
        try {
            $job | Wait-Job -Timeout 240 | Out-Null
            $job.State | Should -Be 'Completed' -Because ((@($job.ChildJobs[0].Error) + @($job.ChildJobs[0].JobStateInfo.Reason) | Out-String))
        }
        finally {
            $job | Remove-Job -Force
            Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}

Describe 'The tour, the Demo and the repository' {
    It 'write no file into the repository or the process''s folder' {
        foreach ($watched in $script:watchedFolders) {
            @(Get-ChildItem -LiteralPath $watched -File -Force -Name | Where-Object { $_ -notin $script:filesBefore[$watched] }) |
                Should -BeNullOrEmpty -Because "the tour and the Demo must write under their temporary folders, not into $watched"
        }
    }
}
