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
$dataPath = Join-Path ([IO.Path]::GetTempPath()) ("vaulttools-demo-" + [guid]::NewGuid().ToString('n'))
$tour = @(
    @{ Title = 'Start the local Key Vault emulator (HTTPS with its own CA, token and managed identity endpoints)'; Commands = @(
        '$emulator = Start-VaultEmulator -DataPath $dataPath -InMemory; $emulator'
    ) }
    @{ Title = 'Sign in with the system-assigned managed identity, exactly as an Azure Automation runbook does'; Commands = @(
        '$env:IDENTITY_ENDPOINT = $emulator.IdentityEndpoint; $env:IDENTITY_HEADER = $emulator.IdentityHeader'
        'Connect-Vault -Emulator -EmulatorInfo $emulator -Identity'
    ) }
    @{ Title = 'Write secrets (values are SecureStrings unless you say otherwise)'; Commands = @(
        '$apiKey = ConvertTo-SecureString "demo-api-key-001" -AsPlainText -Force'
        'Set-VaultSecret -Name api-key -SecretValue $apiKey -ContentType text/plain -Tag @{ Owner = "team-a" } -Expires (Get-Date).AddDays(30) -PassThru'
        '$first = Set-VaultSecret -Name db-password -PlainTextValue "first-password" -Tag @{ ValidityPeriodDays = "30" } -PassThru'
        'Set-VaultSecret -Name db-password -PlainTextValue "second-password" -Tag @{ ValidityPeriodDays = "30" }'
    ) }
    @{ Title = 'Read them back: a secret object (value hidden), then the plain value on request'; Commands = @(
        'Get-VaultSecret -Name api-key'
        'Get-VaultSecret -Name api-key -AsPlainText'
    ) }
    @{ Title = 'List secrets (no values), versions, and read an entry by its own URL'; Commands = @(
        'Get-VaultSecret'
        'Get-VaultSecret -Name db-password -IncludeVersions | Format-Table Name, Version, Created'
        '$first.Id'
        'Get-VaultSecret -Id $first.Id -AsPlainText'
    ) }
    @{ Title = 'The pipeline: list, then read each value'; Commands = @(
        'Get-VaultSecret -Name "*-*" | Get-VaultSecret -AsPlainText'
    ) }
    @{ Title = 'What if? Nothing is written'; Commands = @(
        'Set-VaultSecret -Name new-secret -PlainTextValue "x" -WhatIf'
    ) }
    @{ Title = 'Errors have stable ids and categories'; Commands = @(
        'Get-VaultSecret -Name does-not-exist -ErrorAction SilentlyContinue -ErrorVariable err; $err[0].FullyQualifiedErrorId; $err[0].CategoryInfo.Category'
        'Set-VaultSecret -Name "bad_name" -PlainTextValue "x" -ErrorAction SilentlyContinue -ErrorVariable err; $err[0].Exception.Message'
    ) }
    @{ Title = 'The connection of this session'; Commands = @(
        'Get-VaultConnection'
    ) }
)

# The loop runs at script scope, so variables set by one command ($emulator, $apiKey...) are seen by the next.
try {
    foreach ($step in $tour) {
        Write-Host "`n== $($step.Title)" -ForegroundColor Cyan
        foreach ($command in $step.Commands) {
            Write-Host "PS> $command" -ForegroundColor Yellow
            Invoke-Expression $command | Out-Host
        }
    }
}
finally {
    Remove-Item env:IDENTITY_ENDPOINT, env:IDENTITY_HEADER -ErrorAction SilentlyContinue
    Write-Host "`n== Stop the emulator" -ForegroundColor Cyan
    Stop-VaultEmulator
    Remove-Item $dataPath -Recurse -Force -ErrorAction SilentlyContinue
    Write-Host 'Done.' -ForegroundColor Green
}
