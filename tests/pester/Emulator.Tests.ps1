# Start-VaultEmulator / Stop-VaultEmulator: the emulator's contract with its users.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest
    # One emulator for the tests that only read it or must leave it running (-WhatIf); the others start their own.
    $script:emulator = Start-TestEmulator
}

AfterAll { Stop-TestEmulator $script:emulator }

Describe 'Start-VaultEmulator' {

    It 'returns the endpoints of emulator.json, with the contract''s names' {
        $e = $script:emulator
        $e | Should -BeOfType ([VaultTools.VaultEmulator])
        Get-Process -Id $e.ProcessId | Should -Not -BeNullOrEmpty
        $e.VaultUri.AbsoluteUri | Should -Match '^https://localhost:\d+/$'
        $e.VaultUriTemplate | Should -Match '^https://\{vault\}\.localhost:\d+/$'
        $e.DefaultVaultName | Should -Be 'local'
        $e.TenantId | Should -Match '^[0-9a-f-]{36}$'
        $e.SubscriptionId | Should -Match '^[0-9a-f-]{36}$'
        $e.ResourceGroupName | Should -Be 'emulator'
        $e.ImdsEndpoint.AbsoluteUri | Should -Match '^http://127\.0\.0\.1:\d+/metadata/identity/oauth2/token$'
        $e.IdentityEndpoint.AbsoluteUri | Should -Match '^http://127\.0\.0\.1:\d+/msi/token$'
        $e.IdentityHeader | Should -Not -BeNullOrEmpty
        Test-Path $e.CaCertificatePath | Should -BeTrue
        ($e.Identities | Where-Object Name -eq 'admin').Type | Should -Be 'ServicePrincipal'
        ($e.Identities | Where-Object Name -eq 'system').Type | Should -Be 'SystemAssignedManagedIdentity'
        ($e.Identities | Where-Object Name -eq 'admin').ClientSecret | Should -BeOfType ([securestring])
        $json = Get-Content (Join-Path $e.DataPath 'emulator.json') -Raw | ConvertFrom-Json
        foreach ($name in 'processId', 'dataPath', 'vaultUri', 'vaultUriTemplate', 'defaultVaultName', 'tenantId', 'authorityHost', 'managementEndpoint', 'subscriptionId', 'resourceGroupName', 'imdsEndpoint', 'identityEndpoint', 'identityHeader', 'caCertificatePath', 'identities') {
            $json.PSObject.Properties.Name | Should -Contain $name
        }
    }

    It 'serves the default vault and named vaults over HTTPS with certificates from its own CA' {
        $ca = Get-Content $script:emulator.CaCertificatePath -Raw
        $ca | Should -Match 'BEGIN CERTIFICATE'
        # curl resolves *.localhost to loopback and checks the name against the emulator's CA only.
        $port = $script:emulator.VaultUri.Port
        $status = & curl --silent --output /dev/null --write-out '%{http_code}' --cacert $script:emulator.CaCertificatePath "https://local.localhost:$port/secrets?api-version=7.4"
        $status | Should -Be '401'
        $status = & curl --silent --output /dev/null --write-out '%{http_code}' --cacert $script:emulator.CaCertificatePath "https://localhost:$port/secrets?api-version=7.4"
        $status | Should -Be '401'
    }
}

Describe 'Stop-VaultEmulator' {
    It 'stops the emulator it is given and clears a connection to it' {
        $e = Start-TestEmulator
        $e | Connect-Vault -Emulator | Out-Null
        $e | Stop-VaultEmulator
        Get-Process -Id $e.ProcessId -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-VaultConnection | Should -BeNullOrEmpty
        # as after a normal stop, no emulator.json is left behind to point the next Connect-Vault at a dead port
        Test-Path (Join-Path $e.DataPath 'emulator.json') | Should -BeFalse
        Remove-Item $e.DataPath -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'refuses a process id that is not a VaultTools emulator, and kills nothing' {
        $other = Start-Process -FilePath sleep -ArgumentList 60 -PassThru
        try {
            Stop-VaultEmulator -ProcessId $other.Id -ErrorAction SilentlyContinue -ErrorVariable err
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be 'NotAVaultEmulator,VaultTools.Commands.Emulator.StopVaultEmulatorCommand'
            $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $other.HasExited | Should -BeFalse
        }
        finally { $other.Kill() }
    }

    It 'supports -WhatIf' {
        Stop-VaultEmulator -ProcessId $script:emulator.ProcessId -WhatIf
        Get-Process -Id $script:emulator.ProcessId | Should -Not -BeNullOrEmpty
    }
}

Describe 'Durable storage' {
    It 'keeps secrets across a restart on the same data folder' {
        $dataPath = Join-Path ([IO.Path]::GetTempPath()) ("vaulttools-durable-" + [guid]::NewGuid().ToString('n'))
        try {
            $first = Start-VaultEmulator -DataPath $dataPath
            $first | Connect-Vault -Emulator | Out-Null
            Set-VaultSecret -Name 'survives' -PlainTextValue 'after restart'
            Stop-Process -Id $first.ProcessId -Force   # a crash, not a clean shutdown
            Wait-Until { -not (Get-Process -Id $first.ProcessId -ErrorAction SilentlyContinue) } -TimeoutSec 30 | Out-Null
            $second = Start-VaultEmulator -DataPath $dataPath
            $second | Connect-Vault -Emulator | Out-Null
            Get-VaultSecret -Name 'survives' -AsPlainText | Should -Be 'after restart'
            $second.TenantId | Should -Be $first.TenantId
        }
        finally {
            Disconnect-Vault
            Stop-VaultEmulator
            Remove-Item $dataPath -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}

Describe 'Another emulator on the same port' {
    It 'works after one with another tenant stopped there (the SDK caches challenges per host and port for the process)' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $first = $second = $null
        try {
            $first = Start-TestEmulator -Port $port
            $first | Connect-Vault -Emulator | Out-Null
            Set-VaultSecret -Name 'first' -PlainTextValue 'one'
            Stop-TestEmulator $first
            $second = Start-TestEmulator -Port $port
            $second.TenantId | Should -Not -Be $first.TenantId
            $second | Connect-Vault -Emulator | Out-Null
            Set-VaultSecret -Name 'second' -PlainTextValue 'two'
            Get-VaultSecret -Name 'second' -AsPlainText | Should -Be 'two'
        }
        finally {
            Disconnect-Vault
            Stop-TestEmulator $first
            Stop-TestEmulator $second
        }
    }
}

Describe 'Faults and Ctrl+C' {
    BeforeAll {
        # Every data-plane request answers 503: the SDK retries four times with growing pauses (about 6 s in all).
        $script:faulty = Start-TestEmulator -FaultRate 1 -FaultKind 503
        $script:faulty | Connect-Vault -Emulator | Out-Null
    }

    AfterAll {
        Disconnect-Vault
        Stop-TestEmulator $script:faulty
    }

    It 'reports a vault that keeps failing as VaultServiceError after the retries' {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        Get-VaultSecret -Name 'anything' -ErrorAction SilentlyContinue -ErrorVariable err
        $watch.Elapsed.TotalSeconds | Should -BeGreaterThan 4   # the premise of the Ctrl+C test below
        $err[0].FullyQualifiedErrorId | Should -BeLike 'VaultServiceError,*'
        $err[0].Exception.Status | Should -Be 503
    }

    It 'stops at once on Ctrl+C instead of finishing the retries' {
        # Stop() is what Ctrl+C does to a pipeline; the session (process-wide) is the faulty emulator's.
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$((Get-Module VaultTools).Path)'; Get-VaultSecret -Name 'anything'")
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $async = $ps.BeginInvoke()
            Start-Sleep -Milliseconds 1200
            $ps.Stop()
            $watch.Stop()
            $async.IsCompleted | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 3.5   # the retries alone take about 6 s
        }
        finally { $ps.Dispose() }
    }
}
