#requires -Version 7.2
<#
.SYNOPSIS
    A tour of VaultTools against the embedded emulator: what build.ps1 Demo runs.
.DESCRIPTION
    Starts the emulator, signs in as Azure Automation would (managed identity through
    IDENTITY_ENDPOINT and IDENTITY_HEADER), writes and reads secrets, shows versions, errors and
    formatted output, then stops the emulator. Nothing here needs an Azure subscription.
#>
param([Parameter(Mandatory)] [string] $ModulePath)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
function Step([string] $Text) { Write-Host "`n== $Text" -ForegroundColor Cyan }
# Called dot-sourced (". Show '...'"), so that the variables a step sets are there for the next steps.
function Show([string] $Command) {
    Write-Host "PS> $Command" -ForegroundColor Yellow
    Invoke-Expression $Command | Out-Host
}

$dataPath = Join-Path ([IO.Path]::GetTempPath()) ("vaulttools-demo-" + [guid]::NewGuid().ToString('n'))
try {
    Step 'Start the local Key Vault emulator (HTTPS with its own CA, token and managed identity endpoints)'
    . Show '$emulator = Start-VaultEmulator -DataPath $dataPath -InMemory; $emulator'

    Step 'Sign in with the system-assigned managed identity, exactly as an Azure Automation runbook does'
    . Show '$env:IDENTITY_ENDPOINT = $emulator.IdentityEndpoint; $env:IDENTITY_HEADER = $emulator.IdentityHeader'
    . Show 'Connect-Vault -Emulator -EmulatorInfo $emulator -Identity'

    Step 'Write secrets (values are SecureStrings unless you say otherwise)'
    . Show '$apiKey = ConvertTo-SecureString "demo-api-key-001" -AsPlainText -Force'
    . Show 'Set-VaultSecret -Name api-key -SecretValue $apiKey -ContentType text/plain -Tag @{ Owner = "team-a" } -Expires (Get-Date).AddDays(30) -PassThru'
    . Show 'Set-VaultSecret -Name db-password -PlainTextValue "first-password" -Tag @{ ValidityPeriodDays = "30" }'
    . Show 'Set-VaultSecret -Name db-password -PlainTextValue "second-password" -Tag @{ ValidityPeriodDays = "30" }'

    Step 'Read them back: a secret object (value hidden), then the plain value on request'
    . Show 'Get-VaultSecret -Name api-key'
    . Show 'Get-VaultSecret -Name api-key -AsPlainText'

    Step 'List secrets (no values), versions, and read an entry by its own URL'
    . Show 'Get-VaultSecret'
    . Show 'Get-VaultSecret -Name db-password -IncludeVersions | Format-Table Name, Version, Created'
    . Show '$oldest = Get-VaultSecret -Name db-password -IncludeVersions | Select-Object -Last 1; Get-VaultSecret -Id $oldest.Id -AsPlainText'

    Step 'The pipeline: list, then read each value'
    . Show 'Get-VaultSecret -Name "*-*" | Get-VaultSecret -AsPlainText'

    Step 'What if? Nothing is written'
    . Show 'Set-VaultSecret -Name new-secret -PlainTextValue "x" -WhatIf'

    Step 'Errors have stable ids and categories'
    . Show 'Get-VaultSecret -Name does-not-exist -ErrorAction SilentlyContinue -ErrorVariable err; $err[0].FullyQualifiedErrorId; $err[0].CategoryInfo.Category'
    . Show 'Set-VaultSecret -Name "bad_name" -PlainTextValue "x" -ErrorAction SilentlyContinue -ErrorVariable err; $err[0].Exception.Message'

    Step 'The connection of this session'
    . Show 'Get-VaultConnection'
}
finally {
    Remove-Item env:IDENTITY_ENDPOINT, env:IDENTITY_HEADER -ErrorAction SilentlyContinue
    Step 'Stop the emulator'
    Stop-VaultEmulator
    Remove-Item $dataPath -Recurse -Force -ErrorAction SilentlyContinue
    Write-Host 'Done.' -ForegroundColor Green
}
