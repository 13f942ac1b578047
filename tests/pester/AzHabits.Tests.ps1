# Habits of Az.KeyVault users, against the emulator: positional vault and name, string pipeline input, tab
# completion of names that come from the vault (TabExpansion2, as the console asks), the name cache following
# the session's own writes, and a runbook (a non-interactive child session) that grants without a prompt.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest
    $script:alice = 'c7000000-0000-4000-8000-000000000007'
    $script:configPath = Join-Path ([IO.Path]::GetTempPath()) ("vaulttools-habits-" + [guid]::NewGuid().ToString('n') + '.json')
    @{
        identities = @(@{ name = 'alice'; type = 'User'; objectId = $script:alice })
        vaults     = @(
            @{ name = 'habits-rbac'; sku = 'standard'; enableRbacAuthorization = $true }
            @{ name = 'habits-ap'; sku = 'standard'; enableRbacAuthorization = $false }
        )
    } | ConvertTo-Json -Depth 5 | Set-Content $script:configPath
    $script:emulator = Start-TestEmulator -ConfigPath $script:configPath
    $script:emulator | Connect-Vault -Emulator | Out-Null
    $script:vault = (Get-VaultConnection).VaultName

    # What the console offers after the text typed (the cursor at its end).
    function Get-Completion([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
    }
}

AfterAll {
    Stop-TestEmulator $script:emulator
    Remove-Item $script:configPath -ErrorAction SilentlyContinue
}

Describe 'Positions and aliases of Az.KeyVault' {
    It 'takes the vault at position 0 and the name at 1 (Get-VaultSecret contoso-kv db-password)' {
        $value = ConvertTo-SecureString 'positional' -AsPlainText -Force
        Set-VaultSecret $script:vault db-password $value | Out-Null
        Get-VaultSecret $script:vault db-password -AsPlainText | Should -Be 'positional'
        Get-VaultSecret -VaultName $script:vault -SecretName db-password -AsPlainText | Should -Be 'positional'
    }

    It 'takes a key''s and a certificate''s name by position and by Az''s alias' {
        Add-VaultKey $script:vault habits-key -Size 2048 | Out-Null
        (Get-VaultKey $script:vault habits-key).Name | Should -Be 'habits-key'
        (Get-VaultKey -KeyName habits-key).Name | Should -Be 'habits-key'
        $version = (Get-VaultKey -KeyName habits-key).Version
        (Get-VaultKey $script:vault habits-key $version).Version | Should -Be $version
        (Get-VaultKey -KeyName habits-key -KeyVersion $version).Version | Should -Be $version
    }

    It 'takes plain names from the pipeline' {
        Set-VaultSecret -Name piped-one -PlainTextValue '1' | Out-Null
        Set-VaultSecret -Name piped-two -PlainTextValue '2' | Out-Null
        'piped-one', 'piped-two' | Get-VaultSecret -AsPlainText | Should -Be @('1', '2')
        ('habits-key' | Get-VaultKey).Name | Should -Be 'habits-key'
        'piped-two' | Remove-VaultSecret -Force
        (Get-VaultSecret -InRemovedState -Name piped-two).Name | Should -Be 'piped-two'
    }
}

Describe 'Tab completion' {
    It 'offers the vaults the connection can see for -VaultName, not only the default' {
        $offered = Get-Completion 'Get-VaultSecret -VaultName '
        $offered | Should -Contain $script:vault
        $offered | Should -Contain 'habits-rbac'
        $offered | Should -Contain 'habits-ap'
        Get-Completion 'Get-VaultKey -VaultName habits-r' | Should -Be @('habits-rbac')
        Get-Completion 'Connect-Vault -VaultName habits-a' | Should -Be @('habits-ap')
        Get-Completion 'Get-VaultSecret habits-a' | Should -Be @('habits-ap') -Because '-VaultName is at position 0'
    }

    It 'offers a name the session just wrote and no longer one it removed (the cache follows the session''s writes)' {
        Set-VaultSecret -Name cache-first -PlainTextValue 'x' | Out-Null
        Get-Completion 'Get-VaultSecret -Name cache-' | Should -Be @('cache-first')
        Set-VaultSecret -Name cache-second -PlainTextValue 'y' | Out-Null
        Get-Completion 'Get-VaultSecret -Name cache-' | Should -Be @('cache-first', 'cache-second')
        Remove-VaultSecret -Name cache-first -Force
        Get-Completion 'Get-VaultSecret -Name cache-' | Should -Be @('cache-second')
        Undo-VaultSecretRemoval -Name cache-first | Out-Null
        Get-Completion 'Remove-VaultSecret -Name cache-' | Should -Be @('cache-first', 'cache-second')
    }

    It 'offers deleted entries after -InRemovedState' {
        Set-VaultSecret -Name gone-secret -PlainTextValue 'x' | Out-Null
        Add-VaultKey -Name gone-key -Size 2048 | Out-Null
        Remove-VaultSecret -Name gone-secret -Force
        Remove-VaultKey -Name gone-key -Force
        Get-Completion 'Get-VaultSecret -InRemovedState -Name gone-' | Should -Be @('gone-secret')
        Get-Completion 'Remove-VaultSecret -InRemovedState -Name gone-' | Should -Be @('gone-secret')
        Get-Completion 'Get-VaultKey -InRemovedState -Name gone-' | Should -Be @('gone-key')
        Get-Completion 'Get-VaultSecret -Name gone-' | Should -BeNullOrEmpty
    }

    It 'offers key, certificate and secret names for the role targets, and scopes for -Scope' {
        Add-VaultKey -VaultName habits-rbac -Name rk-key -Size 2048 | Out-Null
        Set-VaultSecret -VaultName habits-rbac -Name rs-secret -PlainTextValue 'x' | Out-Null
        Add-VaultCertificate -VaultName habits-rbac -Name rc-cert -SubjectName 'CN=rc-cert' -ValidityInMonths 12 | Out-Null
        foreach ($command in 'Grant-VaultRole', 'Revoke-VaultRole', 'Get-VaultRoleAssignment') {
            Get-Completion "$command -VaultName habits-rbac -KeyName rk" | Should -Be @('rk-key') -Because $command
            Get-Completion "$command -VaultName habits-rbac -CertificateName rc" | Should -Be @('rc-cert') -Because $command
            Get-Completion "$command -VaultName habits-rbac -SecretName rs" | Should -Be @('rs-secret') -Because $command
        }
        $vaultId = (Get-Vault -Name habits-rbac).ResourceId
        Get-Completion 'Grant-VaultRole -Scope ' | Should -Contain $vaultId
        Get-Completion "Get-VaultRoleAssignment -Scope /subscriptions/$($script:emulator.SubscriptionId)/resourceGroups/" | Should -Contain ($vaultId -replace '/providers/.*$', '')
    }

    It 'offers the names in the vault of -VaultName for keys and certificates' {
        Get-Completion 'Get-VaultKey -VaultName habits-rbac -Name rk' | Should -Be @('rk-key')
        Get-Completion 'Get-VaultCertificate habits-rbac r' | Should -Be @('rc-cert')
        Get-Completion 'Backup-VaultKey -VaultName habits-rbac -KeyName rk' | Should -Be @('rk-key')
    }
}

Describe 'Granting in a runbook' {
    It 'grants a role and an access policy in a non-interactive session without -Force, and still asks before removing' {
        # A runbook: a pwsh process that cannot prompt (-NonInteractive), which answers with one JSON line.
        $emulatorFile = Join-Path $script:emulator.DataPath 'emulator.json'
        $module = if ($env:VAULTTOOLS_TEST_MODULE) { $env:VAULTTOOLS_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/VaultTools/VaultTools.psd1' }
        $module = (Resolve-Path $module).Path
        $runbook = Join-Path $script:emulator.DataPath 'runbook.ps1'
        @"
Import-Module '$module'
Connect-Vault -Emulator -EmulatorInfo '$emulatorFile' | Out-Null
`$granted = Grant-VaultRole -VaultName habits-rbac -Role 'Key Vault Secrets User' -ObjectId '$($script:alice)' -PrincipalType User -ErrorAction Stop
`$policy = Set-VaultAccessPolicy -VaultName habits-ap -ObjectId '$($script:alice)' -PermissionsToSecrets get -PassThru -ErrorAction Stop
`$revoke = try { Revoke-VaultRole -VaultName habits-rbac -Role 'Key Vault Secrets User' -ObjectId '$($script:alice)' -ErrorAction Stop; 'revoked without asking' } catch { 'refused: ' + `$_.Exception.Message }
[pscustomobject]@{ Role = `$granted.RoleDefinitionName; Policy = (`$policy.PermissionsToSecrets -join ','); Revoke = `$revoke } | ConvertTo-Json -Compress
"@ | Set-Content $runbook
        # The pwsh of this session: the process may be dotnet (dotnet pwsh), so run pwsh.dll through it then.
        $pwsh = (Get-Process -Id $PID).Path
        $output = if ((Split-Path $pwsh -Leaf) -like 'dotnet*') { & $pwsh (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File $runbook } else { & $pwsh -NoProfile -NonInteractive -File $runbook }
        $result = $output | Select-Object -Last 1 | ConvertFrom-Json
        $result.Role | Should -Be 'Key Vault Secrets User'
        $result.Policy | Should -Be 'get'
        $result.Revoke | Should -Match '^refused' -Because 'a removal keeps its prompt, which a non-interactive session cannot answer'
        (Get-VaultRoleAssignment -VaultName habits-rbac -ObjectId $script:alice).RoleDefinitionName | Should -Contain 'Key Vault Secrets User'
    }

    It 'shows a grant with -WhatIf and changes nothing' {
        Grant-VaultRole -VaultName habits-rbac -Role 'Key Vault Reader' -ObjectId $script:alice -PrincipalType User -WhatIf
        Set-VaultAccessPolicy -VaultName habits-ap -ObjectId $script:alice -PermissionsToKeys get -WhatIf
        (Get-VaultRoleAssignment -VaultName habits-rbac -ObjectId $script:alice).RoleDefinitionName | Should -Not -Contain 'Key Vault Reader'
        ((Get-Vault -Name habits-ap).AccessPolicies | Where-Object ObjectId -eq $script:alice).PermissionsToKeys | Should -BeNullOrEmpty
    }
}

Describe 'New-Vault gives its creator access' {
    BeforeAll {
        $script:me = (Get-VaultAccessToken -ResourceTypeName Arm).ObjectId
    }

    It 'grants the creator of an access-policy vault every permission, and the creator can use it at once' {
        $name = New-RandomName 'apc'
        $vault = New-Vault -Name $name -EnableRbacAuthorization $false
        $policy = $vault.AccessPolicies | Where-Object ObjectId -eq $script:me
        $policy | Should -Not -BeNullOrEmpty
        $policy.PermissionsToSecrets | Should -Contain 'purge'
        $policy.PermissionsToKeys | Should -Contain 'unwrapKey'
        $policy.PermissionsToCertificates | Should -Contain 'manageissuers'
        Set-VaultSecret -VaultName $name -Name first -PlainTextValue 'mine' | Out-Null
        Get-VaultSecret $name first -AsPlainText | Should -Be 'mine'
    }

    It 'tells the creator of an RBAC vault which role to grant' {
        $name = New-RandomName 'rbc'
        New-Vault -Name $name -WarningVariable warned -WarningAction SilentlyContinue | Out-Null
        "$warned" | Should -Match "Key Vault Administrator"
        "$warned" | Should -Match ([regex]::Escape($script:me))
        Get-VaultRoleAssignment -VaultName $name -ObjectId $script:me | Should -BeNullOrEmpty
    }

    It 'assigns Key Vault Administrator at the new RBAC vault with -GrantCreatorAccess' {
        $name = New-RandomName 'rbg'
        New-Vault -Name $name -GrantCreatorAccess -WarningVariable warned | Out-Null
        $warned | Should -BeNullOrEmpty
        $assignment = Get-VaultRoleAssignment -VaultName $name -ObjectId $script:me
        $assignment.RoleDefinitionName | Should -Be 'Key Vault Administrator'
        $assignment.Scope | Should -Be (Get-Vault -Name $name).ResourceId
    }
}
