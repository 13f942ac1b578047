# Connect-Vault with every credential kind against the emulator, including managed identity exactly
# as Azure Automation provides it (IDENTITY_ENDPOINT and IDENTITY_HEADER in the environment).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest
    $script:configPath = Join-Path ([IO.Path]::GetTempPath()) ("vaulttools-config-" + [guid]::NewGuid().ToString('n') + '.json')
    @{
        identities = @(
            @{ name = 'reader'; type = 'UserAssignedManagedIdentity'; clientId = '11111111-1111-1111-1111-111111111111'; objectId = '22222222-2222-2222-2222-222222222222' }
            @{ name = 'ops'; type = 'ServicePrincipal'; clientId = '33333333-3333-3333-3333-333333333333'; objectId = '44444444-4444-4444-4444-444444444444'; clientSecret = 'ops-secret-value' }
        )
        roleAssignments = @(
            @{ principalId = '22222222-2222-2222-2222-222222222222'; roleDefinitionName = 'Key Vault Secrets Officer'; scope = '/vaults/local' }
            @{ principalId = '44444444-4444-4444-4444-444444444444'; roleDefinitionName = 'Key Vault Secrets Officer'; scope = '/vaults/local' }
        )
    } | ConvertTo-Json -Depth 5 | Set-Content $script:configPath
    $script:emulator = Start-TestEmulator -ConfigPath $script:configPath
    $script:emulatorFile = Join-Path $script:emulator.DataPath 'emulator.json'
}

AfterAll {
    Disconnect-Vault
    Stop-TestEmulator $script:emulator
    Remove-Item $script:configPath -ErrorAction SilentlyContinue
}

Describe 'Connect-Vault' {
    AfterEach { Disconnect-Vault }

    It 'connects to the emulator from the pipeline as its administrator, with its default vault' {
        $info = $script:emulator | Connect-Vault -Emulator
        $info | Should -BeOfType ([VaultTools.VaultConnectionInfo])
        $info.CredentialType | Should -Be 'Emulator'
        (Get-VaultConnection).CredentialType | Should -Be 'Emulator'
        $info.Environment | Should -Be 'Emulator'
        $info.VaultName | Should -Be 'local'
        $info.ClientId | Should -Be ($script:emulator.Identities | Where-Object Name -eq 'admin').ClientId
        (Get-VaultConnection).VaultUri | Should -Be $script:emulator.VaultUri
        Set-VaultSecret -Name (New-RandomName) -PlainTextValue 'x' -PassThru | Should -Not -BeNullOrEmpty
    }

    It 'connects from an emulator.json path, and from VAULTTOOLS_EMULATOR' {
        Connect-Vault -Emulator -EmulatorInfo $script:emulatorFile | Out-Null
        $name = New-RandomName
        Set-VaultSecret -Name $name -PlainTextValue 'via path'
        Disconnect-Vault
        $env:VAULTTOOLS_EMULATOR = $script:emulatorFile
        try {
            Connect-Vault | Out-Null
            (Get-VaultConnection).Environment | Should -Be 'Emulator'
            Get-VaultSecret -Name $name -AsPlainText | Should -Be 'via path'
        }
        finally { Remove-Item env:VAULTTOOLS_EMULATOR }
    }

    It 'signs in as a service principal with a client secret' {
        $ops = $script:emulator.Identities | Where-Object Name -eq 'ops'
        $ops | Should -Not -BeNullOrEmpty
        $info = Connect-Vault -Emulator -EmulatorInfo $script:emulator -TenantId $script:emulator.TenantId -ClientId $ops.ClientId -ClientSecret $ops.ClientSecret
        $info.CredentialType | Should -Be 'ClientSecret'
        $name = New-RandomName
        Set-VaultSecret -Name $name -PlainTextValue 'from ops'
        Get-VaultSecret -Name $name -AsPlainText | Should -Be 'from ops'
    }

    It 'reports a wrong client secret as an authentication error on first use' {
        $ops = $script:emulator.Identities | Where-Object Name -eq 'ops'
        $wrong = ConvertTo-SecureString 'not-the-secret' -AsPlainText -Force
        Connect-Vault -Emulator -EmulatorInfo $script:emulator -ClientId $ops.ClientId -ClientSecret $wrong | Out-Null
        { Get-VaultSecret -Name 'anything' -ErrorAction Stop } | Should -Throw -ErrorId 'VaultAuthenticationFailed,*'
    }

    It 'uses a token obtained elsewhere with -AccessToken (the two-step flow)' {
        $token = Invoke-RestMethod -Uri "$($script:emulator.ImdsEndpoint)?api-version=2018-02-01&resource=https://vault.azure.net" -Headers @{ Metadata = 'true' }
        $token.access_token | Should -Not -BeNullOrEmpty
        $info = Connect-Vault -Emulator -EmulatorInfo $script:emulator -AccessToken (ConvertTo-SecureString $token.access_token -AsPlainText -Force)
        $info.CredentialType | Should -Be 'AccessToken'
        $name = New-RandomName
        Set-VaultSecret -Name $name -PlainTextValue 'with a token'
        Get-VaultSecret -Name $name -AsPlainText | Should -Be 'with a token'
    }

    It 'fails with VaultNotConnected when there is no connection' {
        Disconnect-Vault
        { Get-VaultSecret -Name x -ErrorAction Stop } | Should -Throw -ErrorId 'VaultNotConnected,*'
    }

    It 'refuses a service principal without a secret or certificate' {
        { Connect-Vault -Emulator -EmulatorInfo $script:emulator -ClientId 'c' -TenantId 't' -CertificatePassword (ConvertTo-SecureString 'p' -AsPlainText -Force) -ErrorAction Stop } | Should -Throw -ErrorId 'MissingServicePrincipalSecret,*'
    }

    It 'refuses a missing emulator.json with a clear error' {
        { Connect-Vault -Emulator -EmulatorInfo (Join-Path $TestDrive 'nothing.json') -ErrorAction Stop } | Should -Throw -ErrorId 'EmulatorNotFound,*'
    }
}

Describe 'Managed identity' {
    It 'works exactly as Azure Automation provides it: IDENTITY_ENDPOINT and IDENTITY_HEADER' {
        $name = New-RandomName 'automation'
        $result = Invoke-InChildSession -Environment @{ IDENTITY_ENDPOINT = "$($script:emulator.IdentityEndpoint)"; IDENTITY_HEADER = $script:emulator.IdentityHeader } -ArgumentList $script:emulatorFile, $name -ScriptBlock {
            param($emulatorFile, $name)
            $info = Connect-Vault -Emulator -EmulatorInfo $emulatorFile -Identity
            Set-VaultSecret -Name $name -PlainTextValue 'written by the runbook identity'
            [pscustomobject]@{ Credential = $info.CredentialType; Value = (Get-VaultSecret -Name $name -AsPlainText) }
        }
        $result.Credential | Should -Be 'ManagedIdentity'
        $result.Value | Should -Be 'written by the runbook identity'
    }

    It 'works through the VM metadata endpoint (IMDS) when no App Service endpoint is set, and gives the process its IMDS address back afterwards' {
        $name = New-RandomName 'imds'
        # What the process had before (here: as AKS pod identity sets it) comes back when the session leaves the emulator's managed identity.
        $result = Invoke-InChildSession -Environment @{ AZURE_POD_IDENTITY_AUTHORITY_HOST = 'http://169.254.1.1:2579' } -ArgumentList $script:emulatorFile, $name -ScriptBlock {
            param($emulatorFile, $name)
            Remove-Item env:IDENTITY_ENDPOINT, env:IDENTITY_HEADER -ErrorAction SilentlyContinue
            Connect-Vault -Emulator -EmulatorInfo $emulatorFile -Identity | Out-Null
            Set-VaultSecret -Name $name -PlainTextValue 'written over IMDS'
            $value = Get-VaultSecret -Name $name -AsPlainText
            $during = $env:AZURE_POD_IDENTITY_AUTHORITY_HOST
            Connect-Vault -Emulator -EmulatorInfo $emulatorFile | Out-Null   # the administrator service principal
            $afterOtherCredential = $env:AZURE_POD_IDENTITY_AUTHORITY_HOST
            Connect-Vault -Emulator -EmulatorInfo $emulatorFile -Identity | Out-Null
            Disconnect-Vault
            [pscustomobject]@{ Value = $value; During = $during; AfterOtherCredential = $afterOtherCredential; AfterDisconnect = $env:AZURE_POD_IDENTITY_AUTHORITY_HOST }
        }
        $result.Value | Should -Be 'written over IMDS'
        $result.During | Should -Be "http://127.0.0.1:$($script:emulator.ImdsEndpoint.Port)"
        $result.AfterOtherCredential | Should -Be 'http://169.254.1.1:2579'
        $result.AfterDisconnect | Should -Be 'http://169.254.1.1:2579'
    }

    It 'selects a user-assigned identity by client id' {
        $name = New-RandomName 'uami'
        $result = Invoke-InChildSession -Environment @{ IDENTITY_ENDPOINT = "$($script:emulator.IdentityEndpoint)"; IDENTITY_HEADER = $script:emulator.IdentityHeader } -ArgumentList $script:emulatorFile, $name -ScriptBlock {
            param($emulatorFile, $name)
            $info = Connect-Vault -Emulator -EmulatorInfo $emulatorFile -Identity -ClientId '11111111-1111-1111-1111-111111111111'
            Set-VaultSecret -Name $name -PlainTextValue 'uami'
            [pscustomobject]@{ ClientId = $info.ClientId; Value = (Get-VaultSecret -Name $name -AsPlainText) }
        }
        $result.ClientId | Should -Be '11111111-1111-1111-1111-111111111111'
        $result.Value | Should -Be 'uami'
    }
}

Describe 'Token reuse' {
    It 'costs one token request for 100 cmdlet calls in a session' {
        $stats = "$($script:emulator.ImdsEndpoint)" -replace '/metadata/identity/oauth2/token$', '/.emulator/stats'
        $script:emulator | Connect-Vault -Emulator | Out-Null
        try {
            $name = New-RandomName
            $before = (Invoke-RestMethod $stats).tokensIssued
            Set-VaultSecret -Name $name -PlainTextValue 'x'
            1..99 | ForEach-Object { Get-VaultSecret -Name $name -AsPlainText | Out-Null }
            (Invoke-RestMethod $stats).tokensIssued - $before | Should -Be 1
        }
        finally { Disconnect-Vault }
    }
}
