#requires -Version 7.2
<#
.SYNOPSIS
    A tour of VaultTools against the embedded emulator: what build.ps1 Demo runs.
.DESCRIPTION
    Starts the emulator, signs in as Azure Automation would (managed identity through
    IDENTITY_ENDPOINT and IDENTITY_HEADER), writes and reads secrets, shows versions, errors and
    formatted output; then keys (wrap locally, unwrap in the vault; sign and verify), a self-signed
    certificate exported to PFX, the soft-delete cycle, and access control: a new RBAC vault where a
    user-assigned managed identity may read one secret only. Nothing here needs an Azure subscription.
#>
param([Parameter(Mandatory)] [string] $ModulePath)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$dataPath = Join-Path ([IO.Path]::GetTempPath()) ("vaulttools-demo-" + [guid]::NewGuid().ToString('n'))
New-Item -ItemType Directory -Path $dataPath | Out-Null
# One more identity for the access-control part: a user-assigned managed identity of an application.
$configPath = Join-Path $dataPath 'demo-config.json'
@{ identities = @(@{ name = 'app-identity'; type = 'UserAssignedManagedIdentity'; clientId = '6f1e4c57-0a39-4c64-9d2e-6a8b7e2f1c01'; objectId = '0c2d9a4e-7b15-4f3a-a9d8-2e6f1b3c5d02' }) } |
    ConvertTo-Json -Depth 4 | Set-Content $configPath
$tour = @(
    @{ Title = 'Start the local Key Vault emulator (HTTPS with its own CA, token and managed identity endpoints)'; Commands = @(
        '$emulator = Start-VaultEmulator -DataPath $dataPath -InMemory -ConfigPath $configPath; $emulator'
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
    @{ Title = 'Keys: wrap a disk key locally with the public key, unwrap it in the vault (the private key never leaves it)'; Commands = @(
        'Add-VaultKey -Name disk-kek -KeyType RSA -Size 3072'
        '$dek = [byte[]]::new(32); [Security.Cryptography.RandomNumberGenerator]::Fill($dek)'
        '$wrapped = (Get-VaultKey -Name disk-kek).Key.ToRSA().Encrypt($dek, [Security.Cryptography.RSAEncryptionPadding]::OaepSHA256)'
        '$unwrapped = Unprotect-VaultData -Name disk-kek -Value $wrapped -Unwrap -Algorithm RSA-OAEP-256; "unwrapped = original: $([Linq.Enumerable]::SequenceEqual($dek, [byte[]] $unwrapped.Result))"'
    ) }
    @{ Title = 'Keys: sign in the vault, verify; a rotation policy and an on-demand rotation'; Commands = @(
        'Add-VaultKey -Name release-signer -KeyType EC -CurveName P-256 | Out-Null; $data = [Text.Encoding]::UTF8.GetBytes("release 1.0")'
        '$signature = New-VaultSignature -Name release-signer -Value $data; Test-VaultSignature -Name release-signer -Value $data -Signature $signature.Result'
        'Set-VaultKeyRotationPolicy -Name disk-kek -RotateAfterCreate P18M -ExpiresIn P2Y -PassThru'
        'Invoke-VaultKeyRotation -Name disk-kek -Confirm:$false | Out-Null; Get-VaultKey -Name disk-kek -IncludeVersions'
    ) }
    @{ Title = 'Certificates: a self-signed certificate from a policy, exported with its private key'; Commands = @(
        'Add-VaultCertificate -Name web-tls -SubjectName "CN=web.contoso.test" -DnsName web.contoso.test -ValidityInMonths 12'
        '$pfx = Join-Path $dataPath "web-tls.pfx"; Export-VaultCertificate -Name web-tls -FilePath $pfx -Password (ConvertTo-SecureString "pfx-pass" -AsPlainText -Force)'
        '$cert = [Security.Cryptography.X509Certificates.X509CertificateLoader]::LoadPkcs12FromFile($pfx, "pfx-pass"); "$($cert.Subject), private key: $($cert.HasPrivateKey)"'
    ) }
    @{ Title = 'Soft delete: remove, see it in the removed state, recover it'; Commands = @(
        'Remove-VaultSecret -Name api-key -Force'
        'Get-VaultSecret -InRemovedState'
        'Undo-VaultSecretRemoval -Name api-key | Out-Null; Get-VaultSecret -Name api-key -AsPlainText'
    ) }
    @{ Title = 'Access control: as the administrator, create an RBAC vault and let an app''s managed identity read ONE secret'; Commands = @(
        '$emulator | Connect-Vault -Emulator | Out-Null'
        'New-Vault -Name payments -Sku Standard -EnableRbacAuthorization $true'
        'Set-VaultSecret -VaultName payments -Name stripe-key -PlainTextValue "sk_test_demo"; Set-VaultSecret -VaultName payments -Name db-admin -PlainTextValue "not-for-apps"'
        '$app = $emulator.Identities | Where-Object Name -eq app-identity'
        'Grant-VaultRole -VaultName payments -SecretName stripe-key -Role "Key Vault Secrets User" -ObjectId $app.ObjectId -PrincipalType ServicePrincipal -Force'
        'Get-VaultRoleAssignment -VaultName payments -SecretName stripe-key'
    ) }
    @{ Title = 'Access control: as that identity (user-assigned, through the Automation endpoint), read the one secret, be refused the rest'; Commands = @(
        'Connect-Vault -Emulator -EmulatorInfo $emulator -Identity -ClientId $app.ClientId -VaultName payments | Out-Null'
        'Get-VaultSecret -Name stripe-key -AsPlainText'
        'Get-VaultSecret -Name db-admin -ErrorAction SilentlyContinue -ErrorVariable err; $err[0].FullyQualifiedErrorId; $err[0].CategoryInfo.Category; $err[0].Exception.Message'
        'Get-VaultSecret -ErrorAction SilentlyContinue -ErrorVariable err; "listing the vault: $($err[0].FullyQualifiedErrorId)"'
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
