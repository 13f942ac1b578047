#requires -Version 7.4
<#
.SYNOPSIS
    Packs the staged module (out/VaultTools) into VaultTools.<version>.nupkg (PSResourceGet/PowerShellGet)
    and VaultTools.zip (Azure Automation), trimmed to what runs.

.DESCRIPTION
    1. Copies the staged module to <OutPath>/package/VaultTools and trims it (see Remove-PackageLeftovers):
       native libraries only for the platforms PowerShell 7.4+ is released for, no build leftovers.
    2. Writes ReleaseNotes (the manifest version's section of CHANGELOG.md) into the copied manifest.
    3. Publishes that folder with PSResourceGet's own Publish-PSResource to a throw-away local folder
       repository: the .nupkg is exactly what PSResourceGet publishes to a gallery.
    4. Zips the same folder, less emulator/, with the module folder at the root: Azure Automation's shape.
    -RecordSize writes the sizes and platform folders to tools/package-size.psd1 (on purpose, reviewed in git).
#>
param(
    [Parameter(Mandatory)] [string] $StagePath,
    [Parameter(Mandatory)] [string] $OutPath,
    [string] $ChangelogPath = (Join-Path $PSScriptRoot '../CHANGELOG.md'),
    [switch] $RecordSize
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

# The platforms PowerShell 7.4+ is released for (its own download list: Windows x64/x86/arm64, Linux
# x64/arm32/arm64, Alpine (musl) x64, macOS x64/arm64). .NET 10, which the emulator needs, runs on all of them.
# SQLite's package carries natives for ~22 more (browser-wasm, s390x, riscv64, maccatalyst...): never loaded.
$KeptPlatforms = @('linux-arm', 'linux-arm64', 'linux-musl-x64', 'linux-x64', 'osx-arm64', 'osx-x64', 'win-arm64', 'win-x64', 'win-x86')

function Remove-PackageLeftovers([string] $Module) {
    # emulator/: only the runtimes folders of $KeptPlatforms.
    Get-ChildItem (Join-Path $Module 'emulator/runtimes') -Directory -ErrorAction SilentlyContinue |
        Where-Object Name -NotIn $KeptPlatforms | Remove-Item -Recurse -Force
    # dependencies/: the module's load context reads assemblies from the folder itself (src/VaultTools/Loading),
    # never runtimes/ (browser and Windows-only copies) nor the deps.json files.
    Remove-Item (Join-Path $Module 'dependencies/runtimes'), (Join-Path $Module 'dependencies/*.deps.json'),
        (Join-Path $Module 'dependencies/desktop/*.deps.json') -Recurse -Force -ErrorAction SilentlyContinue
    # Build leftovers: the emulator is started with 'dotnet exec' (no apphost for the build machine's platform),
    # outside IIS (web.config), without static web assets; debug symbols and XML docs are not shipped (the staged
    # module has none today: this keeps it so).
    Remove-Item (Join-Path $Module 'emulator/VaultTools.Emulator'), (Join-Path $Module 'emulator/VaultTools.Emulator.exe'),
        (Join-Path $Module 'emulator/web.config'), (Join-Path $Module 'emulator/*.staticwebassets.*') -Force -ErrorAction SilentlyContinue
    Get-ChildItem $Module -Recurse -File -Include '*.pdb', '*.xml' | Where-Object { $_.Name -notlike '*-Help.xml' } | Remove-Item -Force
}

function Get-ReleaseNotes([string] $Version) {
    # The section '## <version>' of CHANGELOG.md, up to the next '## '.
    $text = Get-Content $ChangelogPath -Raw
    $match = [regex]::Match($text, "(?ms)^## \[?$([regex]::Escape($Version))\]?[^\n]*\n(.*?)(?=^## |\z)")
    if (-not $match.Success) { throw "CHANGELOG.md has no section '## $Version': add the release notes of this version before packaging." }
    $match.Groups[1].Value.Trim()
}

function Set-ManifestReleaseNotes([string] $Manifest, [string] $Notes) {
    # A text insertion into the copy, not Update-ModuleManifest, which rewrites the whole file.
    $text = Get-Content $Manifest -Raw
    $quoted = "'" + ($Notes -replace "'", "''") + "'"
    $updated = [regex]::Replace($text, '(?m)^(\s*)PSData\s*=\s*@\{\s*$', { param($m) "$($m.Value)`n$($m.Groups[1].Value)    ReleaseNotes = $quoted" })
    if ($updated -eq $text) { throw "Could not find 'PSData = @{' in $Manifest." }
    Set-Content $Manifest $updated -Encoding utf8NoBOM
    $read = (Import-PowerShellDataFile $Manifest).PrivateData.PSData.ReleaseNotes
    if ($read -ne $Notes) { throw 'ReleaseNotes did not survive the manifest round trip.' }
}

function Publish-Nupkg([string] $Module, [string] $Destination) {
    # A local folder repository registered in a private PSResourceGet store (XDG_DATA_HOME on Linux/macOS), under a
    # unique name unregistered afterwards (Windows keeps the store in the user's profile).
    $feed = Join-Path $OutPath 'package/feed'
    if (Test-Path $feed) { Remove-Item $feed -Recurse -Force }
    New-Item -ItemType Directory $feed | Out-Null
    $env:XDG_DATA_HOME = Join-Path $OutPath 'package/psresourceget'
    New-Item -ItemType Directory $env:XDG_DATA_HOME | Out-Null   # a missing folder would send PSResourceGet to the current one
    $name = 'VaultToolsBuild' + [guid]::NewGuid().ToString('n').Substring(0, 8)
    Register-PSResourceRepository -Name $name -Uri $feed -Trusted
    try { Publish-PSResource -Path $Module -Repository $name }
    finally { Unregister-PSResourceRepository -Name $name }
    $nupkg = Get-ChildItem $feed -Filter '*.nupkg' | Select-Object -First 1
    if (-not $nupkg) { throw 'Publish-PSResource wrote no .nupkg.' }
    Move-Item $nupkg.FullName $Destination -Force
}

$StagePath = (Resolve-Path $StagePath).Path
$OutPath = [IO.Path]::GetFullPath($OutPath)
$version = (Import-PowerShellDataFile (Join-Path $StagePath 'VaultTools.psd1')).ModuleVersion
$work = Join-Path $OutPath 'package'
$module = Join-Path $work 'VaultTools'
if (Test-Path $work) { Remove-Item $work -Recurse -Force }
New-Item -ItemType Directory $work | Out-Null
Copy-Item $StagePath $module -Recurse
Copy-Item (Join-Path $PSScriptRoot '../LICENSE') $module
Remove-PackageLeftovers $module
Set-ManifestReleaseNotes (Join-Path $module 'VaultTools.psd1') (Get-ReleaseNotes $version)

$nupkg = Join-Path $OutPath "VaultTools.$version.nupkg"
Publish-Nupkg $module $nupkg

# Azure Automation: VaultTools.zip holding VaultTools/. A runbook cannot start the emulator (it needs a dotnet host with
# ASP.NET Core 10 and a local HTTPS port), so emulator/ stays out: Start-VaultEmulator says EmulatorNotInstalled there.
$automation = Join-Path $work 'automation/VaultTools'
New-Item -ItemType Directory (Split-Path $automation) | Out-Null
Copy-Item $module $automation -Recurse
Remove-Item (Join-Path $automation 'emulator') -Recurse -Force
$zip = Join-Path $OutPath 'VaultTools.zip'
if (Test-Path $zip) { Remove-Item $zip -Force }
[IO.Compression.ZipFile]::CreateFromDirectory($automation, $zip, [IO.Compression.CompressionLevel]::Optimal, $true)

$result = [pscustomobject]@{
    Version       = $version
    Nupkg         = $nupkg
    NupkgBytes    = (Get-Item $nupkg).Length
    AutomationZip = $zip
    ZipBytes      = (Get-Item $zip).Length
    Platforms     = @(Get-ChildItem $module -Recurse -Directory | Where-Object { $_.Parent.Name -eq 'runtimes' } | ForEach-Object Name | Sort-Object -Unique)
}
if ($RecordSize) {
    $record = Join-Path $PSScriptRoot 'package-size.psd1'
    @"
# The package's recorded size and platform folders. Package.Tests.ps1 fails when the package grows by more than 10%
# over these sizes or gains a platform folder. Update on purpose only: dotnet pwsh ./tools/Package.ps1 -StagePath out/VaultTools -OutPath out -RecordSize
@{
    NupkgBytes = $($result.NupkgBytes)
    ZipBytes   = $($result.ZipBytes)
    Platforms  = @($(($result.Platforms | ForEach-Object { "'$_'" }) -join ', '))
}
"@ | Set-Content $record -Encoding utf8NoBOM
    Write-Host "Recorded sizes in $record"
}
$result
