# The packages of tools/Package.ps1 (./build.ps1 Package), built here from the staged module into TestDrive:
# the .nupkg installs with Install-PSResource and works, the Azure Automation zip imports and runs the README's
# runbook as Automation would, both stay lean and carry one version.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest
    $script:root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:stage = Split-Path (Get-Module VaultTools).Path
    $script:version = (Import-PowerShellDataFile (Join-Path $script:stage 'VaultTools.psd1')).ModuleVersion
    $script:out = Join-Path $TestDrive 'out'

    # A fresh PowerShell process of the same PowerShell as this one, with the given environment changes ($null removes).
    function Invoke-FreshPwsh([string] $Command, [hashtable] $Environment = @{}) {
        $start = [Diagnostics.ProcessStartInfo]::new()
        $self = [Environment]::ProcessPath
        $start.FileName = $self
        if ([IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') { $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in '-NonInteractive', '-NoProfile', '-Command', $Command) { $start.ArgumentList.Add($a) }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.Environment['NO_COLOR'] = '1'      # plain error text (escape codes would break the test report)
        $start.Environment['PSModulePath'] = ''   # only what the child's own PowerShell puts there, plus what the test adds
        foreach ($key in $Environment.Keys) {
            if ($null -eq $Environment[$key]) { [void] $start.Environment.Remove($key) } else { $start.Environment[$key] = [string] $Environment[$key] }
        }
        $process = [Diagnostics.Process]::Start($start)
        $stderr = $process.StandardError.ReadToEndAsync()
        $stdout = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout; Errors = $stderr.Result }
    }

    $packed = Invoke-FreshPwsh "& '$(Join-Path $script:root 'tools/Package.ps1')' -StagePath '$script:stage' -OutPath '$script:out' | Out-Null"
    if ($packed.ExitCode -ne 0) { throw "tools/Package.ps1 failed: $($packed.Errors)" }
    $script:nupkg = Join-Path $script:out "VaultTools.$script:version.nupkg"
    $script:zip = Join-Path $script:out 'VaultTools.zip'
    $script:unpacked = Join-Path $TestDrive 'nupkg'
    Expand-Archive $script:nupkg $script:unpacked
    $script:record = Import-PowerShellDataFile (Join-Path $script:root 'tools/package-size.psd1')
}

Describe 'The .nupkg' {
    It 'installs with Install-PSResource from a folder repository into an empty module path, imports by name in a fresh session and reads a secret from the emulator it brings' {
        if ($IsWindows) { Set-ItResult -Skipped -Because 'on Windows the CurrentUser module path is the real Documents folder, which the environment cannot redirect to an empty one'; return }
        $home_ = Join-Path $TestDrive 'user'
        # An empty user: its module path and PSResourceGet's repository list live under this home (Linux/macOS layout).
        # The folders exist, or .NET's special-folder lookup answers '' and PSResourceGet writes to the current folder.
        $user = @{ HOME = $home_; XDG_DATA_HOME = "$home_/.local/share"; XDG_CONFIG_HOME = "$home_/.config"; XDG_CACHE_HOME = "$home_/.cache" }
        foreach ($folder in $user.Values) { New-Item -ItemType Directory $folder -Force | Out-Null }
        $install = Invoke-FreshPwsh -Environment $user -Command @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name local -Uri '$script:out' -Trusted
Install-PSResource VaultTools -Repository local -Scope CurrentUser
(Get-InstalledPSResource VaultTools).InstalledLocation
"@
        $install.Errors | Should -BeNullOrEmpty
        $install.ExitCode | Should -Be 0

        $dataPath = Join-Path $TestDrive 'durable-emulator'   # durable: the emulator loads SQLite's native library
        $run = Invoke-FreshPwsh -Environment $user -Command @"
`$ErrorActionPreference = 'Stop'
Import-Module VaultTools
`$emulator = Start-VaultEmulator -DataPath '$dataPath'
try {
    Connect-Vault -Emulator -EmulatorInfo `$emulator | Out-Null
    Set-VaultSecret -Name from-package -PlainTextValue 'installed and working'
    [pscustomobject]@{ ModuleBase = (Get-Module VaultTools).ModuleBase; Version = "`$((Get-Module VaultTools).Version)"; Value = Get-VaultSecret -Name from-package -AsPlainText } | ConvertTo-Json -Compress
}
finally { Stop-VaultEmulator -ProcessId `$emulator.ProcessId }
"@
        $run.Errors | Should -BeNullOrEmpty
        $result = $run.Output | ConvertFrom-Json
        $result.Value | Should -Be 'installed and working'
        $result.Version | Should -Be $script:version
        $result.ModuleBase | Should -BeLike "$home_/*"
    }

    It 'carries the manifest''s metadata, and release notes from CHANGELOG.md, under the one version of VaultTools.psd1' {
        $manifest = Import-PowerShellDataFile (Join-Path $script:root 'VaultTools.psd1')
        [xml] $nuspec = Get-Content (Join-Path $script:unpacked 'VaultTools.nuspec') -Raw
        $meta = $nuspec.package.metadata
        $meta.id | Should -Be 'VaultTools'
        $meta.version | Should -Be $manifest.ModuleVersion
        $meta.description | Should -Be $manifest.Description
        $meta.projectUrl | Should -Be $manifest.PrivateData.PSData.ProjectUri
        $meta.licenseUrl | Should -Be $manifest.PrivateData.PSData.LicenseUri
        foreach ($tag in $manifest.PrivateData.PSData.Tags) { $meta.tags -split ' ' | Should -Contain $tag }

        $changelog = Get-Content (Join-Path $script:root 'CHANGELOG.md') -Raw
        $newest = [regex]::Match($changelog, '(?m)^## \[?([^\]\s]+)').Groups[1].Value
        $newest | Should -Be $manifest.ModuleVersion -Because 'the newest CHANGELOG.md section is the version being shipped'
        $meta.releaseNotes | Should -Not -BeNullOrEmpty
        $changelog.Replace("`r`n", "`n").Contains($meta.releaseNotes.Replace("`r`n", "`n")) | Should -BeTrue -Because 'the release notes are a CHANGELOG.md section'
        (Import-PowerShellDataFile (Join-Path $script:unpacked 'VaultTools.psd1')).PrivateData.PSData.ReleaseNotes | Should -Be $meta.releaseNotes

        foreach ($assembly in 'VaultTools.dll', 'VaultTools.Models.dll', 'dependencies/VaultTools.Core.dll', 'dependencies/desktop/VaultTools.Core.dll', 'emulator/VaultTools.Emulator.dll') {
            $info = [Diagnostics.FileVersionInfo]::GetVersionInfo((Join-Path $script:unpacked $assembly))
            $info.ProductVersion -replace '\+.*$' | Should -Be $manifest.ModuleVersion -Because $assembly
        }
        Test-Path (Join-Path $script:unpacked 'LICENSE') | Should -BeTrue
    }
}

Describe 'The Azure Automation zip' {
    BeforeAll {
        $script:emulator = Start-TestEmulator   # from the staged module: the zip has no emulator, a runbook cannot run one
        $script:modules = Join-Path $TestDrive 'automation-modules'
        Expand-Archive $script:zip $script:modules
    }
    AfterAll { Stop-TestEmulator $script:emulator }

    It 'holds the module folder VaultTools at its root, without the emulator' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $archive = [IO.Compression.ZipFile]::OpenRead($script:zip)
        try { $names = $archive.Entries.FullName } finally { $archive.Dispose() }
        $names | Where-Object { $_ -notlike 'VaultTools/*' } | Should -BeNullOrEmpty
        $names | Should -Contain 'VaultTools/VaultTools.psd1'
        $names | Where-Object { $_ -like 'VaultTools/emulator/*' } | Should -BeNullOrEmpty
    }

    It 'runs the README''s runbook as printed: fresh non-interactive pwsh, module from the zip on PSModulePath, managed identity, no writable home' {
        $readme = Get-Content (Join-Path $script:root 'README.md') -Raw
        $block = [regex]::Match($readme, '(?s)### Azure Automation runbook.*?```powershell\r?\n(.*?)```').Groups[1].Value
        $block | Should -Not -BeNullOrEmpty
        $runbook = Join-Path $TestDrive 'runbook.ps1'
        Set-Content $runbook $block

        $name = New-RandomName 'runbook'
        Connect-Vault -Emulator -EmulatorInfo $script:emulator | Out-Null
        Set-VaultSecret -Name $name -PlainTextValue 'for the runbook'
        # A home below a file: nothing can create it, not even root. PowerShell itself cannot start on Linux without
        # writable XDG data, config and cache folders (it creates them first thing): those are given, and must hold
        # nothing but PowerShell's own folder afterwards.
        Set-Content (Join-Path $TestDrive 'not-a-folder') ''
        $xdg = Join-Path $TestDrive 'xdg'
        $env_ = @{
            HOME = Join-Path $TestDrive 'not-a-folder/home'; XDG_DATA_HOME = "$xdg/data"; XDG_CONFIG_HOME = "$xdg/config"; XDG_CACHE_HOME = "$xdg/cache"
            PSModulePath = $script:modules
            IDENTITY_ENDPOINT = "$($script:emulator.IdentityEndpoint)"; IDENTITY_HEADER = $script:emulator.IdentityHeader
            VAULTTOOLS_EMULATOR = $script:emulator.ConfigurationFile
        }
        $run = Invoke-FreshPwsh -Environment $env_ -Command @"
`$ErrorActionPreference = 'Stop'
& '$runbook' -VaultName local -SecretName $name
"module: `$((Get-Module VaultTools).ModuleBase)"
try { Start-VaultEmulator } catch { "emulator: `$(`$_.FullyQualifiedErrorId)" }
"@
        $run.Errors | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Match "Read $name version [0-9a-f]{32} as sqladmin"
        $run.Output | Should -Match ([regex]::Escape("module: $(Join-Path $script:modules 'VaultTools')"))
        $run.Output | Should -Match 'emulator: EmulatorNotInstalled'
        Get-ChildItem $xdg -Directory | Get-ChildItem | Where-Object Name -NE 'powershell' | Should -BeNullOrEmpty
    }
}

Describe 'What the packages weigh and carry' {
    It 'has not grown by more than 10% over tools/package-size.psd1 (update it on purpose: see its first line)' {
        (Get-Item $script:nupkg).Length | Should -BeLessOrEqual ($script:record.NupkgBytes * 1.1)
        (Get-Item $script:zip).Length | Should -BeLessOrEqual ($script:record.ZipBytes * 1.1)
    }

    It 'carries native libraries only for the recorded platforms, and no build leftovers' {
        $platforms = @(Get-ChildItem $script:unpacked -Recurse -Directory | Where-Object { $_.Parent.Name -eq 'runtimes' } | ForEach-Object Name | Sort-Object -Unique)
        $platforms | Should -Be ($script:record.Platforms | Sort-Object)
        $files = Get-ChildItem $script:unpacked -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($script:unpacked, $_.FullName) -replace '\\', '/' }
        $files | Where-Object { $_ -match '\.pdb$|^[^[].*(?<!-Help)\.xml$|^dependencies/.*\.deps\.json$|^emulator/(web\.config|VaultTools\.Emulator(\.exe)?)$' } | Should -BeNullOrEmpty
        $files | Where-Object { $_ -like '*System.Management.Automation.dll' } | Should -BeNullOrEmpty
    }

    It 'needs no more than .NET 8 (PowerShell 7.4''s runtime) for what PowerShell 7 loads: each reference is shipped or a framework assembly of version 8 or lower' {
        $folders = @($script:unpacked, (Join-Path $script:unpacked 'dependencies'))
        $shipped = @($folders | ForEach-Object { Get-ChildItem $_ -Filter '*.dll' } | ForEach-Object BaseName)
        $tooNew = foreach ($dll in $folders | ForEach-Object { Get-ChildItem $_ -Filter '*.dll' }) {
            $stream = [IO.File]::OpenRead($dll.FullName)
            try {
                $pe = [Reflection.PortableExecutable.PEReader]::new($stream)
                $reader = [Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
                foreach ($handle in $reader.AssemblyReferences) {
                    $reference = $reader.GetAssemblyReference($handle)
                    $name = $reader.GetString($reference.Name)
                    if ($name -notin $shipped -and $reference.Version.Major -gt 8) { "$($dll.Name) -> $name $($reference.Version)" }
                }
                $pe.Dispose()
            }
            finally { $stream.Dispose() }
        }
        $tooNew | Should -BeNullOrEmpty
    }

    It 'uses nothing .NET Framework 4.7.2 (Windows PowerShell 5.1) lacks on its desktop path, but for the PowerShell 7 loader (metadata check: 5.1 cannot run here)' {
        & dotnet restore (Join-Path $PSScriptRoot 'netframework/NetFramework.Restore.csproj') --nologo --verbosity quiet | Out-Null
        $LASTEXITCODE | Should -Be 0
        $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim() }
        $reference = Join-Path $packages 'microsoft.netframework.referenceassemblies.net472/1.0.3/build/.NETFramework/v4.7.2'
        $desktop = @('VaultTools.dll', 'VaultTools.Models.dll', 'dependencies/desktop/VaultTools.Core.dll') | ForEach-Object { Join-Path $script:unpacked $_ }
        $shipped = @(Get-ChildItem $script:unpacked, (Join-Path $script:unpacked 'dependencies/desktop') -Filter '*.dll' | ForEach-Object BaseName)
        # System.Runtime.Loader: AssemblyLoadContext, used only by CoreClrLoader, which Windows PowerShell never runs.
        $missing = & (Join-Path $script:root 'tools/Test-DesktopApi.ps1') -AssemblyPath $desktop -ReferencePath $reference -ShippedAssembly $shipped -AllowNamespace 'System.Runtime.Loader'
        $missing | Should -BeNullOrEmpty
    }
}
