# Access control end to end: vaults through ARM, Azure RBAC down to a single entry, access
# policies, and access tokens, through managed identities (system-assigned over IMDS, user-assigned by
# client id over IMDS and over the Automation endpoint) and service principals, against the emulator.
#
# Every expectation is Azure's decision, not the emulator's: each row says what the service allows, and the
# emulator, which implements ARM's subset and enforces RBAC and access policies, must agree. Secrets get/list/set
# go through the cmdlets; the other operations use the two-step flow (Get-VaultAccessToken, then REST),
# so that the matrix does not depend on the keys and certificates cmdlets.

BeforeDiscovery {
    $ops = 'get', 'list', 'set', 'delete'
    # What Azure allows each role (the data actions of the built-in roles): ops on the row's kind of entry at vault scope.
    $rbacRows = @(
        @{ Role = 'Key Vault Secrets User'; Identity = 'mi-secrets-user'; Via = 'Automation'; Kind = 'secret'; Allows = @('get', 'list') }
        @{ Role = 'Key Vault Secrets Officer'; Identity = 'system'; Via = 'IMDS'; Kind = 'secret'; Allows = @('get', 'list', 'set', 'delete') }
        @{ Role = 'Key Vault Reader'; Identity = 'sp-reader'; Via = 'ServicePrincipal'; Kind = 'secret'; Allows = @('list') }
        @{ Role = 'Key Vault Reader'; Identity = 'sp-reader'; Via = 'ServicePrincipal'; Kind = 'key'; Allows = @('get', 'list') }
        @{ Role = 'Key Vault Crypto User'; Identity = 'mi-crypto'; Via = 'IMDS'; Kind = 'key'; Allows = @('get', 'list') }
        @{ Role = 'Key Vault Certificates Officer'; Identity = 'sp-certs'; Via = 'ServicePrincipal'; Kind = 'certificate'; Allows = @('get', 'list', 'set', 'delete') }
    )
    $rbacCells = for ($i = 0; $i -lt $rbacRows.Count; $i++) {
        $row = $rbacRows[$i]
        foreach ($scope in 'vault', 'entry', 'another entry') {
            foreach ($op in $ops) {
                # A grant on one entry gives nothing on another, and never the right to list the vault.
                $allowed = ($scope -eq 'vault' -and $op -in $row.Allows) -or ($scope -eq 'entry' -and $op -ne 'list' -and $op -in $row.Allows)
                @{
                    Id = "r$i/$scope/$op"; Row = $i; Role = $row.Role; Identity = $row.Identity; Via = $row.Via; Kind = $row.Kind
                    Scope = $scope; Op = $op; Expected = if ($allowed) { 'Allowed' } else { 'Denied' }
                }
            }
        }
    }

    # Access policies (vault-wide, per category): the permissions each identity is given, and what Azure then allows.
    $policyRows = @(
        @{ Identity = 'mi-secrets-user'; Via = 'Automation'; Kind = 'secret'; Permissions = @{ PermissionsToSecrets = @('get') }; Allows = @('get') }
        @{ Identity = 'mi-secrets-user'; Via = 'Automation'; Kind = 'key'; Permissions = @{ PermissionsToKeys = @('get', 'list') }; Allows = @('get', 'list') }
        @{ Identity = 'mi-crypto'; Via = 'IMDS'; Kind = 'key'; Permissions = @{ PermissionsToKeys = @('Get', 'List', 'Create', 'Delete') }; Allows = @('get', 'list', 'set', 'delete') }
        @{ Identity = 'sp-reader'; Via = 'ServicePrincipal'; Kind = 'secret'; Permissions = @{ PermissionsToSecrets = @('get', 'list', 'set', 'delete') }; Allows = @('get', 'list', 'set', 'delete') }
        @{ Identity = 'sp-reader'; Via = 'ServicePrincipal'; Kind = 'certificate'; Permissions = @{ PermissionsToCertificates = @('get', 'list') }; Allows = @('get', 'list') }
        @{ Identity = 'sp-certs'; Via = 'ServicePrincipal'; Kind = 'secret'; Permissions = $null; Allows = @() }
    )
    $policyCells = for ($i = 0; $i -lt $policyRows.Count; $i++) {
        $row = $policyRows[$i]
        $granted = if ($row.Permissions) { ($row.Permissions.Values | ForEach-Object { $_ }) -join ', ' } else { 'no policy' }
        foreach ($op in $ops) {
            @{
                Id = "p$i/$op"; Row = $i; Identity = $row.Identity; Via = $row.Via; Kind = $row.Kind; Granted = $granted
                Op = $op; Expected = if ($op -in $row.Allows) { 'Allowed' } else { 'Denied' }
            }
        }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest
    $script:helperPath = Join-Path $PSScriptRoot 'VaultTools.AccessTestHelpers.psm1'
    Import-Module $script:helperPath -Force

    $script:ids = @{
        'mi-secrets-user' = @{ clientId = 'a1000000-0000-4000-8000-000000000001'; objectId = 'b1000000-0000-4000-8000-000000000001' }
        'mi-crypto'       = @{ clientId = 'a2000000-0000-4000-8000-000000000002'; objectId = 'b2000000-0000-4000-8000-000000000002' }
        'mi-app'          = @{ clientId = 'a3000000-0000-4000-8000-000000000003'; objectId = 'b3000000-0000-4000-8000-000000000003' }
        'sp-reader'       = @{ clientId = 'a4000000-0000-4000-8000-000000000004'; objectId = 'b4000000-0000-4000-8000-000000000004' }
        'sp-certs'        = @{ clientId = 'a5000000-0000-4000-8000-000000000005'; objectId = 'b5000000-0000-4000-8000-000000000005' }
        'sp-lifecycle'    = @{ clientId = 'a6000000-0000-4000-8000-000000000006'; objectId = 'b6000000-0000-4000-8000-000000000006' }
        'alice'           = @{ objectId = 'b7000000-0000-4000-8000-000000000007' }
    }
    $script:configPath = Join-Path ([IO.Path]::GetTempPath()) ("vaulttools-access-" + [guid]::NewGuid().ToString('n') + '.json')
    @{
        identities = @(
            @{ name = 'mi-secrets-user'; type = 'UserAssignedManagedIdentity'; clientId = $ids['mi-secrets-user'].clientId; objectId = $ids['mi-secrets-user'].objectId }
            @{ name = 'mi-crypto'; type = 'UserAssignedManagedIdentity'; clientId = $ids['mi-crypto'].clientId; objectId = $ids['mi-crypto'].objectId }
            @{ name = 'mi-app'; type = 'UserAssignedManagedIdentity'; clientId = $ids['mi-app'].clientId; objectId = $ids['mi-app'].objectId }
            @{ name = 'sp-reader'; type = 'ServicePrincipal'; clientId = $ids['sp-reader'].clientId; objectId = $ids['sp-reader'].objectId; clientSecret = 'reader-secret-1' }
            @{ name = 'sp-certs'; type = 'ServicePrincipal'; clientId = $ids['sp-certs'].clientId; objectId = $ids['sp-certs'].objectId; clientSecret = 'certs-secret-1' }
            @{ name = 'sp-lifecycle'; type = 'ServicePrincipal'; clientId = $ids['sp-lifecycle'].clientId; objectId = $ids['sp-lifecycle'].objectId; clientSecret = 'lifecycle-secret-1' }
            @{ name = 'alice'; type = 'User'; objectId = $ids['alice'].objectId }
        )
        vaults     = @(
            @{ name = 'rbac-vault'; sku = 'standard'; enableRbacAuthorization = $true }
            @{ name = 'rbac-entry'; sku = 'standard'; enableRbacAuthorization = $true }
            @{ name = 'ap-vault'; sku = 'premium'; enableRbacAuthorization = $false }
        )
    } | ConvertTo-Json -Depth 6 | Set-Content $script:configPath

    $script:emulator = Start-TestEmulator -ConfigPath $script:configPath
    $script:emulatorFile = Join-Path $script:emulator.DataPath 'emulator.json'
    $script:emulator | Connect-Vault -Emulator | Out-Null
    # The managed identities run in one child process, one call each (settings are process-wide; see Invoke-ProbeAs).
    $script:child = New-ChildSession
    Initialize-EmulatorHttp $script:emulator.CaCertificatePath
    $script:subscriptionScope = "/subscriptions/$($script:emulator.SubscriptionId)"

    function Get-Identity([string] $Name) {
        $identity = $script:emulator.Identities | Where-Object Name -eq $Name
        if (-not $identity) { throw "The emulator reports no identity '$Name'." }
        $identity
    }

    function Get-AdminToken { Get-VaultAccessToken -AsPlainText }

    # Runs a script block signed in as a service principal, in this process; the administrator afterwards.
    function Use-ServicePrincipal([string] $Name, [scriptblock] $Script) {
        $sp = Get-Identity $Name
        Connect-Vault -Emulator -EmulatorInfo $script:emulator -TenantId $script:emulator.TenantId -ClientId $sp.ClientId -ClientSecret $sp.ClientSecret | Out-Null
        try { & $Script } finally { $script:emulator | Connect-Vault -Emulator | Out-Null }
    }

    # A data-plane token of a service principal, for REST calls while the administrator stays connected.
    function Get-ServicePrincipalToken([string] $Name) { Use-ServicePrincipal $Name { Get-VaultAccessToken -AsPlainText } }

    # Runs probe cells as an identity: a service principal in this process, a managed identity in a child
    # session (managed identity settings are process-wide), over the Automation endpoint or IMDS.
    # One sign-in per identity: its token is cached for all its cells.
    function Invoke-ProbeAs([string] $Name, [string] $Via, [object[]] $Cells) {
        if ($Via -eq 'ServicePrincipal') {
            return Use-ServicePrincipal $Name { Invoke-AccessProbe -Emulator $script:emulator -Cells $Cells }
        }

        $identity = Get-Identity $Name
        $clientId = if ($identity.Type -eq 'SystemAssignedManagedIdentity') { $null } else { $identity.ClientId }
        $environment = if ($Via -eq 'Automation') { @{ IDENTITY_ENDPOINT = "$($script:emulator.IdentityEndpoint)"; IDENTITY_HEADER = $script:emulator.IdentityHeader } } else { @{} }
        Invoke-InChildSession -Session $script:child -Environment $environment -ArgumentList $script:emulatorFile, $script:helperPath, $Cells, $clientId, ($Via -eq 'IMDS') -ScriptBlock {
            param($emulatorFile, $helperPath, $cells, $clientId, $viaImds)
            if ($viaImds) { Remove-Item env:IDENTITY_ENDPOINT, env:IDENTITY_HEADER -ErrorAction SilentlyContinue }
            Import-Module $helperPath
            $connect = @{ Emulator = $true; EmulatorInfo = $emulatorFile; Identity = $true }
            if ($clientId) { $connect.ClientId = $clientId }
            Connect-Vault @connect | Out-Null
            Invoke-AccessProbe -Emulator (Get-Content $emulatorFile -Raw | ConvertFrom-Json) -Cells $cells
        }
    }

    function EntryParameter([string] $Kind, [string] $Name) {
        switch ($Kind) { 'secret' { @{ SecretName = $Name } } 'key' { @{ KeyName = $Name } } 'certificate' { @{ CertificateName = $Name } } }
    }
}

AfterAll {
    Remove-ChildSession $script:child
    Disconnect-Vault
    Stop-TestEmulator $script:emulator
    Remove-Item $script:configPath -ErrorAction SilentlyContinue
}

Describe 'Azure RBAC, role by scope by operation, as Azure decides' -ForEach @(@{ Rows = $rbacRows; Cells = $rbacCells}) {
    BeforeAll {
        $adminToken = Get-AdminToken
        # The emulator's system-assigned identity starts as Key Vault Administrator of the subscription
        # (its zero-configuration default); take that away so that it holds only the role under test.
        $system = Get-Identity 'system'
        Revoke-VaultRole -Role 'Key Vault Administrator' -ObjectId $system.ObjectId -Scope $script:subscriptionScope -Force

        for ($i = 0; $i -lt $Rows.Count; $i++) {
            $row = $Rows[$i]
            $principal = (Get-Identity $row.Identity).ObjectId
            New-EmulatorEntry $script:emulator rbac-vault $row.Kind "m$i-target" $adminToken
            New-EmulatorEntry $script:emulator rbac-entry $row.Kind "e$i-granted" $adminToken
            New-EmulatorEntry $script:emulator rbac-entry $row.Kind "e$i-other" $adminToken
            Grant-VaultRole -VaultName rbac-vault -Role $row.Role -ObjectId $principal -PrincipalType ServicePrincipal -Force | Out-Null
            $entry = EntryParameter $row.Kind "e$i-granted"
            Grant-VaultRole -VaultName rbac-entry -Role $row.Role -ObjectId $principal -PrincipalType ServicePrincipal @entry -Force | Out-Null
        }

        $probes = foreach ($cell in $Cells) {
            $vault, $entryName = switch ($cell.Scope) {
                'vault' { 'rbac-vault', "m$($cell.Row)-target" }
                'entry' { 'rbac-entry', "e$($cell.Row)-granted" }
                default { 'rbac-entry', "e$($cell.Row)-other" }
            }
            @{ Id = $cell.Id; Identity = $cell.Identity; Via = $cell.Via; Vault = $vault; Kind = $cell.Kind; Op = $cell.Op; Entry = $entryName }
        }

        $script:rbacResults = @{}
        foreach ($group in ($probes | Group-Object { "$($_.Identity)|$($_.Via)" })) {
            $name, $via = $group.Name -split '\|'
            foreach ($result in (Invoke-ProbeAs $name $via @($group.Group))) { $script:rbacResults[$result.Id] = $result }
        }
    }

    It '<Role> at <Scope> scope: <Op> a <Kind> is <Expected> (<Identity> over <Via>)' -ForEach $Cells {
        $result = $script:rbacResults[$Id]
        $result | Should -Not -BeNullOrEmpty -Because "cell $Id must have run"
        $result.Outcome | Should -Be $Expected -Because "$($result.ErrorId) $($result.Status) $($result.ServiceCode): $($result.Message)"
        if ($Expected -eq 'Denied') {
            $result.ServiceCode | Should -Be 'ForbiddenByRbac'
            $result.Message | Should -Match 'Caller is not authorized to perform action on resource'
        }
    }
}

Describe 'Access policies, permission by operation, as Azure decides' -ForEach @(@{ Rows = $policyRows; Cells = $policyCells}) {
    BeforeAll {
        # An access-policy vault ignores RBAC for its data, the administrator's subscription-wide role included:
        # the administrator needs a policy of its own to create the entries.
        $admin = Get-Identity 'admin'
        Set-VaultAccessPolicy -VaultName ap-vault -ObjectId $admin.ObjectId -Force `
            -PermissionsToSecrets get, list, set, delete, backup, restore, recover, purge `
            -PermissionsToKeys get, list, update, create, import, delete, recover, backup, restore, decrypt, encrypt, unwrapKey, wrapKey, verify, sign, purge `
            -PermissionsToCertificates get, list, update, create, import, delete, recover, backup, restore, managecontacts, manageissuers, getissuers, listissuers, setissuers, deleteissuers, purge
        $adminToken = Get-AdminToken

        for ($i = 0; $i -lt $Rows.Count; $i++) {
            $row = $Rows[$i]
            New-EmulatorEntry $script:emulator ap-vault $row.Kind "p$i-target" $adminToken
            if ($row.Permissions) {
                $permissions = $row.Permissions
                Set-VaultAccessPolicy -VaultName ap-vault -ObjectId (Get-Identity $row.Identity).ObjectId @permissions -Force
            }
        }

        $probes = foreach ($cell in $Cells) {
            @{ Id = $cell.Id; Identity = $cell.Identity; Via = $cell.Via; Vault = 'ap-vault'; Kind = $cell.Kind; Op = $cell.Op; Entry = "p$($cell.Row)-target" }
        }
        $script:policyResults = @{}
        foreach ($group in ($probes | Group-Object { "$($_.Identity)|$($_.Via)" })) {
            $name, $via = $group.Name -split '\|'
            foreach ($result in (Invoke-ProbeAs $name $via @($group.Group))) { $script:policyResults[$result.Id] = $result }
        }
    }

    It '<Identity> (<Via>) with <Kind> permissions [<Granted>]: <Op> is <Expected>' -ForEach $Cells {
        $result = $script:policyResults[$Id]
        $result | Should -Not -BeNullOrEmpty -Because "cell $Id must have run"
        $result.Outcome | Should -Be $Expected -Because "$($result.ErrorId) $($result.Status) $($result.ServiceCode): $($result.Message)"
        if ($Expected -eq 'Denied') {
            $result.ServiceCode | Should -Be 'AccessDenied'
            $result.Message | Should -Match 'does not have \w+ \w+ permission on key vault'
        }
    }

    It 'merges permissions given in separate calls (add is the default)' {
        $policy = (Get-Vault -Name ap-vault).AccessPolicies | Where-Object ObjectId -eq (Get-Identity 'mi-secrets-user').ObjectId
        $policy.PermissionsToSecrets | Should -Be @('get')
        $policy.PermissionsToKeys | Sort-Object | Should -Be @('get', 'list')
    }
}


Describe 'Grant, revoke and regrant' {
    BeforeAll {
        $script:sp = Get-Identity 'sp-lifecycle'
        $script:spToken = Get-ServicePrincipalToken 'sp-lifecycle'
        New-EmulatorEntry $script:emulator rbac-vault secret 'life-secret' (Get-AdminToken)
        $script:lifeUri = Get-EntryUri $script:emulator rbac-vault secret 'life-secret'
    }

    It 'follows each change of role assignment with the next request' {
        (Invoke-EmulatorRest GET $script:lifeUri $script:spToken).InnerCode | Should -Be 'ForbiddenByRbac'

        $first = Grant-VaultRole -VaultName rbac-vault -Role 'Key Vault Secrets User' -ObjectId $script:sp.ObjectId -PrincipalType ServicePrincipal -SecretName life-secret -Force
        $first | Should -BeOfType ([VaultTools.RoleAssignment])
        $first.ScopeKind | Should -Be 'Secret'
        $first.EntryName | Should -Be 'life-secret'
        $first.Scope | Should -Be "$script:subscriptionScope/resourceGroups/$($script:emulator.ResourceGroupName)/providers/Microsoft.KeyVault/vaults/rbac-vault/secrets/life-secret"
        $read = Invoke-EmulatorRest GET $script:lifeUri $script:spToken
        $read.Status | Should -Be 200
        $read.Body.value | Should -Be 'value of life-secret'

        Revoke-VaultRole -VaultName rbac-vault -Role 'Key Vault Secrets User' -ObjectId $script:sp.ObjectId -SecretName life-secret -Force
        (Invoke-EmulatorRest GET $script:lifeUri $script:spToken).InnerCode | Should -Be 'ForbiddenByRbac'

        $again = Grant-VaultRole -VaultName rbac-vault -Role 'Key Vault Secrets User' -ObjectId $script:sp.ObjectId -PrincipalType ServicePrincipal -SecretName life-secret -Force
        $again.Name | Should -Not -Be $first.Name
        (Invoke-EmulatorRest GET $script:lifeUri $script:spToken).Status | Should -Be 200

        $removed = Get-VaultRoleAssignment -VaultName rbac-vault -ObjectId $script:sp.ObjectId | Revoke-VaultRole -Force -PassThru
        @($removed).Name | Should -Be @($again.Name)
        (Invoke-EmulatorRest GET $script:lifeUri $script:spToken).InnerCode | Should -Be 'ForbiddenByRbac'
    }

    It 'is idempotent: granting what exists returns the existing assignment, by name or by role id' {
        $first = Grant-VaultRole -VaultName rbac-vault -Role 'Key Vault Secrets User' -ObjectId $script:sp.ObjectId -SecretName life-secret -Force
        $second = Grant-VaultRole -VaultName rbac-vault -Role 'Key Vault Secrets User' -ObjectId $script:sp.ObjectId -SecretName life-secret -Force
        $byId = Grant-VaultRole -VaultName rbac-vault -Role '4633458b-17de-408a-b874-0445c86b69e6' -ObjectId $script:sp.ObjectId -SecretName life-secret -Force
        $second.Name | Should -Be $first.Name
        $byId.Name | Should -Be $first.Name
        @(Get-VaultRoleAssignment -VaultName rbac-vault -SecretName life-secret -ObjectId $script:sp.ObjectId).Count | Should -Be 1
        Revoke-VaultRole -InputObject $first -Force
    }

    It 'reports a revoke of nothing as VaultRoleAssignmentNotFound' {
        { Revoke-VaultRole -VaultName rbac-vault -Role 'Key Vault Secrets Officer' -ObjectId $script:sp.ObjectId -SecretName life-secret -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'VaultRoleAssignmentNotFound,*'
    }

    It 'warns when the <Kind> granted on does not exist, and grants on the name as Azure does' -ForEach @(@{ Kind = 'secret' }, @{ Kind = 'key' }, @{ Kind = 'certificate' }) {
        $entry = EntryParameter $Kind 'no-such-entry'
        $assignment = Grant-VaultRole -VaultName rbac-vault -Role 'Key Vault Reader' -ObjectId $script:sp.ObjectId -PrincipalType ServicePrincipal @entry -Force -WarningVariable warnings -WarningAction SilentlyContinue
        try {
            @($warnings).Count | Should -Be 1
            "$($warnings[0])" | Should -Match "'rbac-vault' has no $Kind named 'no-such-entry'"
            $assignment.EntryName | Should -Be 'no-such-entry'
        }
        finally { Revoke-VaultRole -InputObject $assignment -Force }
    }

    It 'does not warn when the entry granted on exists' {
        $assignment = Grant-VaultRole -VaultName rbac-vault -Role 'Key Vault Reader' -ObjectId $script:sp.ObjectId -PrincipalType ServicePrincipal -SecretName life-secret -Force -WarningVariable warnings -WarningAction SilentlyContinue
        try { $warnings | Should -BeNullOrEmpty }
        finally { Revoke-VaultRole -InputObject $assignment -Force }
    }

    It 'shows -WhatIf with the exact scope and grants nothing' {
        $transcript = Join-Path $TestDrive 'whatif.txt'
        Start-Transcript -Path $transcript | Out-Null
        try { Grant-VaultRole -VaultName rbac-vault -Role 'Key Vault Secrets Officer' -ObjectId $script:sp.ObjectId -SecretName life-secret -WhatIf -Force }
        finally { Stop-Transcript | Out-Null }
        $text = Get-Content $transcript -Raw
        $text | Should -Match ([regex]::Escape("$script:subscriptionScope/resourceGroups/$($script:emulator.ResourceGroupName)/providers/Microsoft.KeyVault/vaults/rbac-vault/secrets/life-secret"))
        $text | Should -Match "Key Vault Secrets Officer"
        Get-VaultRoleAssignment -VaultName rbac-vault -SecretName life-secret -ObjectId $script:sp.ObjectId | Should -BeNullOrEmpty
    }

    It 'follows access policy changes on an access-policy vault: add, replace, remove, add again' {
        $admin = Get-Identity 'admin'
        Set-VaultAccessPolicy -VaultName ap-vault -ObjectId $admin.ObjectId -PermissionsToSecrets get, list, set, delete -Force
        New-EmulatorEntry $script:emulator ap-vault secret 'life-ap' (Get-AdminToken)
        $get = Get-EntryUri $script:emulator ap-vault secret 'life-ap'
        $list = Get-EntryUri $script:emulator ap-vault secret

        (Invoke-EmulatorRest GET $get $script:spToken).InnerCode | Should -Be 'AccessDenied'
        Set-VaultAccessPolicy -VaultName ap-vault -ObjectId $script:sp.ObjectId -PermissionsToSecrets get -Force
        (Invoke-EmulatorRest GET $get $script:spToken).Status | Should -Be 200
        (Invoke-EmulatorRest GET $list $script:spToken).InnerCode | Should -Be 'AccessDenied'

        $replaced = Set-VaultAccessPolicy -VaultName ap-vault -ObjectId $script:sp.ObjectId -PermissionsToSecrets list -Replace -Force -PassThru
        $replaced.PermissionsToSecrets | Should -Be @('list')
        (Invoke-EmulatorRest GET $get $script:spToken).InnerCode | Should -Be 'AccessDenied'
        (Invoke-EmulatorRest GET $list $script:spToken).Status | Should -Be 200

        $added = Set-VaultAccessPolicy -VaultName ap-vault -ObjectId $script:sp.ObjectId -PermissionsToSecrets get -Force -PassThru
        $added.PermissionsToSecrets | Sort-Object | Should -Be @('get', 'list')

        Remove-VaultAccessPolicy -VaultName ap-vault -ObjectId $script:sp.ObjectId -Force
        (Invoke-EmulatorRest GET $get $script:spToken).InnerCode | Should -Be 'AccessDenied'
        (Invoke-EmulatorRest GET $list $script:spToken).InnerCode | Should -Be 'AccessDenied'
        { Remove-VaultAccessPolicy -VaultName ap-vault -ObjectId $script:sp.ObjectId -Force -ErrorAction Stop } | Should -Throw -ErrorId 'VaultAccessPolicyNotFound,*'

        Set-VaultAccessPolicy -VaultName ap-vault -ObjectId $script:sp.ObjectId -PermissionsToSecrets get -Force
        (Invoke-EmulatorRest GET $get $script:spToken).Status | Should -Be 200
    }
}

Describe 'Refusals that name the reason' {
    It 'refuses a role on a vault that uses access policies, saying which model it uses, and grants nothing' {
        $err = { Grant-VaultRole -VaultName ap-vault -Role 'Key Vault Secrets User' -ObjectId $ids['alice'].objectId -PrincipalType User -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'VaultUsesAccessPolicies,*' -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err.Exception.Message | Should -Match 'access policy permission model'
        Get-VaultRoleAssignment -VaultName ap-vault -ObjectId $ids['alice'].objectId | Should -BeNullOrEmpty
    }

    It 'refuses an access policy on an RBAC vault, saying which model it uses' {
        $err = { Set-VaultAccessPolicy -VaultName rbac-vault -ObjectId $ids['alice'].objectId -PermissionsToSecrets get -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'VaultUsesRbac,*' -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err.Exception.Message | Should -Match 'Azure RBAC permission model'
        (Get-Vault -Name rbac-vault).AccessPolicies.ObjectId | Should -Not -Contain $ids['alice'].objectId
    }

    It 'refuses an unknown permission before any request, naming the parameter and the value' {
        $err = { Set-VaultAccessPolicy -VaultName ap-vault -ObjectId $ids['alice'].objectId -PermissionsToKeys get, wrap -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidAccessPolicyPermission,*' -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Match "'wrap'"
        $err.Exception.Message | Should -Match '-PermissionsToKeys'
    }

    It 'refuses an unknown role name, listing the Key Vault roles' {
        $err = { Grant-VaultRole -VaultName rbac-vault -Role 'Key Vault Secret Reader' -ObjectId $ids['alice'].objectId -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'VaultRoleDefinitionNotFound,*' -PassThru
        $err.Exception.Message | Should -Match 'Key Vault Secrets User'
    }

    It 'reports ARM''s denial to a caller without the right to grant roles as VaultAccessDenied' {
        # At resource group scope, so that the only write is the role assignment itself. The caller is a Key Vault
        # Reader of that resource group: the role reads role assignments (Microsoft.Authorization/*/read), which the
        # grant lists first to stay idempotent, but cannot write them. (Without a role there, Azure would already
        # refuse that list, with roleAssignments/read.)
        $groupScope = "$script:subscriptionScope/resourceGroups/$($script:emulator.ResourceGroupName)"
        Grant-VaultRole -Scope $groupScope -Role 'Key Vault Reader' -ObjectId $ids['sp-reader'].objectId -PrincipalType ServicePrincipal -Force | Out-Null
        try {
            $err = Use-ServicePrincipal 'sp-reader' {
                try { Grant-VaultRole -Scope $groupScope -Role 'Key Vault Administrator' -ObjectId $ids['sp-reader'].objectId -PrincipalType ServicePrincipal -Force -ErrorAction Stop; $null }
                catch { $_ }
            }
        }
        finally { Revoke-VaultRole -Scope $groupScope -Role 'Key Vault Reader' -ObjectId $ids['sp-reader'].objectId -Force }
        $err | Should -Not -BeNullOrEmpty -Because 'a Key Vault Reader cannot write role assignments in Azure'
        $err.FullyQualifiedErrorId | Should -BeLike 'VaultAccessDenied,*'
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err.Exception.Message | Should -Match 'Microsoft.Authorization/roleAssignments/write'
        $err.Exception.Message | Should -Match $ids['sp-reader'].objectId
    }
}

Describe 'Get-VaultRoleAssignment and Get-VaultRoleDefinition' {
    BeforeAll {
        Set-VaultSecret -VaultName rbac-vault -Name alice-only -PlainTextValue 'for alice'
        Grant-VaultRole -VaultName rbac-vault -Role 'Key Vault Reader' -ObjectId $ids['alice'].objectId -PrincipalType User -Force | Out-Null
        Grant-VaultRole -VaultName rbac-vault -Role 'Key Vault Secrets User' -ObjectId $ids['alice'].objectId -PrincipalType User -SecretName 'alice-only' -Force | Out-Null
    }

    It 'lists a principal''s assignments on the vault and its entries, and with -IncludeInherited the scopes above' {
        $own = @(Get-VaultRoleAssignment -VaultName rbac-vault -ObjectId $ids['alice'].objectId)
        $own.RoleDefinitionName | Sort-Object | Should -Be @('Key Vault Reader', 'Key Vault Secrets User')
        ($own | Where-Object ScopeKind -eq 'Secret').EntryName | Should -Be 'alice-only'
        ($own | Where-Object ScopeKind -eq 'Vault').PrincipalType | Should -Be 'User'

        $admin = Get-Identity 'admin'
        $inherited = @(Get-VaultRoleAssignment -VaultName rbac-vault -ObjectId $admin.ObjectId -IncludeInherited)
        $inherited | Where-Object { $_.ScopeKind -eq 'Subscription' -and $_.RoleDefinitionName -eq 'Key Vault Administrator' } | Should -Not -BeNullOrEmpty
        @(Get-VaultRoleAssignment -VaultName rbac-vault -ObjectId $admin.ObjectId) | Where-Object ScopeKind -eq 'Subscription' | Should -BeNullOrEmpty
    }

    It 'lists who has a role on one entry, including the vault-level and inherited roles that reach it' {
        $onEntry = @(Get-VaultRoleAssignment -VaultName rbac-vault -SecretName alice-only -IncludeInherited)
        $onEntry | Where-Object { $_.PrincipalId -eq $ids['alice'].objectId -and $_.ScopeKind -eq 'Secret' } | Should -Not -BeNullOrEmpty
        $onEntry | Where-Object { $_.PrincipalId -eq $ids['alice'].objectId -and $_.ScopeKind -eq 'Vault' } | Should -Not -BeNullOrEmpty
        $onEntry | Where-Object { $_.ScopeKind -eq 'Subscription' -and $_.RoleDefinitionName -eq 'Key Vault Administrator' } | Should -Not -BeNullOrEmpty
        @(Get-VaultRoleAssignment -VaultName rbac-vault -SecretName alice-only).ScopeKind | Sort-Object -Unique | Should -Be @('Secret')
    }

    It 'shows roles by name, not by GUID' {
        $table = Get-VaultRoleAssignment -VaultName rbac-vault -ObjectId $ids['alice'].objectId | Format-Table | Out-String -Width 300
        $table | Should -Match 'Key Vault Secrets User'
        $table | Should -Match 'rbac-vault/secrets/alice-only'
        $table | Should -Not -Match '4633458b-17de-408a-b874-0445c86b69e6'
    }

    It 'reads the built-in Key Vault roles with their real ids and data actions' {
        $roles = @(Get-VaultRoleDefinition)
        $expected = @{
            'Key Vault Administrator'                  = '00482a5a-887f-4fb3-b363-3b7fe8e74483'
            'Key Vault Reader'                         = '21090545-7ca7-4776-b22c-e363652d74d2'
            'Key Vault Secrets Officer'                = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
            'Key Vault Secrets User'                   = '4633458b-17de-408a-b874-0445c86b69e6'
            'Key Vault Crypto Officer'                 = '14b46e9e-c2b7-41b4-b07b-48a6ebf60603'
            'Key Vault Crypto User'                    = '12338af0-0e69-4776-bea7-57ae8d297424'
            'Key Vault Crypto Service Encryption User' = 'e147488a-f6f5-4113-8e2d-b22465e65bf6'
            'Key Vault Certificates Officer'           = 'a4417e6f-fecd-4de8-b567-7b0420556985'
            'Key Vault Certificate User'               = 'db79e9a7-68ee-4b58-9aeb-b90e7c24fcba'
        }
        foreach ($name in $expected.Keys) {
            ($roles | Where-Object RoleName -eq $name).Name | Should -Be $expected[$name] -Because $name
        }
        (Get-VaultRoleDefinition -Name 'Key Vault Secrets User').DataActions | Sort-Object |
            Should -Be @('Microsoft.KeyVault/vaults/secrets/getSecret/action', 'Microsoft.KeyVault/vaults/secrets/readMetadata/action')
        (Get-VaultRoleDefinition -Id 12338af0-0e69-4776-bea7-57ae8d297424).RoleName | Should -Be 'Key Vault Crypto User'
    }
}

Describe 'Vaults through ARM' {
    It 'creates an RBAC vault by default, finds it by name and lists it' {
        $name = 'new-' + [guid]::NewGuid().ToString('n').Substring(0, 10)
        $vault = New-Vault -Name $name
        $vault | Should -BeOfType ([VaultTools.Vault])
        $vault.EnableRbacAuthorization | Should -BeTrue
        $vault.PermissionModel | Should -Be 'RBAC'
        $vault.Sku | Should -Be 'Standard'
        $vault.SoftDeleteRetentionInDays | Should -Be 90
        $vault.ResourceGroupName | Should -Be $script:emulator.ResourceGroupName
        $vault.SubscriptionId | Should -Be $script:emulator.SubscriptionId
        $vault.TenantId | Should -Be $script:emulator.TenantId
        $vault.VaultUri | Should -Be $script:emulator.VaultUriTemplate.Replace('{vault}', $name)
        $vault.ResourceId | Should -Be "$script:subscriptionScope/resourceGroups/$($script:emulator.ResourceGroupName)/providers/Microsoft.KeyVault/vaults/$name"

        (Get-Vault -Name $name).ResourceId | Should -Be $vault.ResourceId
        (Get-Vault).Name | Should -Contain $name
        (Get-Vault).Name | Should -Contain 'rbac-vault'
        (Get-Vault -Name 'rbac-*').Name | Sort-Object | Should -Be @('rbac-entry', 'rbac-vault')

        # The administrator is Key Vault Administrator of the subscription: it can use the new vault at once.
        Set-VaultSecret -VaultName $name -Name first -PlainTextValue 'in a new vault'
        Get-VaultSecret -VaultName $name -Name first -AsPlainText | Should -Be 'in a new vault'
    }

    It 'creates an access-policy vault with the settings asked for' {
        $name = 'ap-' + [guid]::NewGuid().ToString('n').Substring(0, 10)
        $vault = New-Vault -Name $name -Sku Premium -EnableRbacAuthorization $false -SoftDeleteRetentionInDays 7 -EnablePurgeProtection -Tag @{ owner = 'team-a' }
        $vault.PermissionModel | Should -Be 'AccessPolicy'
        $vault.Sku | Should -Be 'Premium'
        $vault.SoftDeleteRetentionInDays | Should -Be 7
        $vault.EnablePurgeProtection | Should -BeTrue
        $vault.Tags['owner'] | Should -Be 'team-a'
        # Its creator (the session) is given every permission, as Azure PowerShell does; nobody else is.
        @($vault.AccessPolicies).Count | Should -Be 1
    }

    It 'refuses a name that exists instead of overwriting the vault' {
        $err = { New-Vault -Name ap-vault -ErrorAction Stop } | Should -Throw -ErrorId 'VaultAlreadyExists,*' -PassThru
        $err.CategoryInfo.Category | Should -Be 'ResourceExists'
        (Get-Vault -Name ap-vault).EnableRbacAuthorization | Should -BeFalse
    }

    It 'binds vault objects into the access cmdlets' {
        $assignments = Get-Vault -Name rbac-vault | Get-VaultRoleAssignment -IncludeInherited
        $assignments | Where-Object RoleDefinitionName -eq 'Key Vault Administrator' | Should -Not -BeNullOrEmpty
    }

    It 'removes a vault only when confirmed, and then it is not found' {
        $name = 'gone-' + [guid]::NewGuid().ToString('n').Substring(0, 10)
        New-Vault -Name $name | Out-Null
        Remove-Vault -Name $name -WhatIf
        Get-Vault -Name $name | Should -Not -BeNullOrEmpty
        Remove-Vault -Name $name -Force
        $err = { Get-Vault -Name $name -ErrorAction Stop } | Should -Throw -ErrorId 'VaultNotFound,*' -PassThru
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'A managed identity with Key Vault Secrets User on one secret only' {
    # The access story end to end: an RBAC vault created through the cmdlets, one secret granted to a managed identity,
    # which reads that secret and is refused every other with the service's own 403, as the cmdlets report it.
    BeforeAll {
        $script:doneVault = 'done-' + [guid]::NewGuid().ToString('n').Substring(0, 10)
        New-Vault -Name $script:doneVault | Out-Null
        Set-VaultSecret -VaultName $script:doneVault -Name app-secret -PlainTextValue 'the app''s secret'
        Set-VaultSecret -VaultName $script:doneVault -Name other-secret -PlainTextValue 'not for the app'
        $script:app = Get-Identity 'mi-app'
        $script:app | Grant-VaultRole -VaultName $script:doneVault -Role 'Key Vault Secrets User' -PrincipalType ServicePrincipal -SecretName app-secret -Force | Out-Null

        $script:seen = Invoke-InChildSession -Session $script:child -Environment @{ IDENTITY_ENDPOINT = "$($script:emulator.IdentityEndpoint)"; IDENTITY_HEADER = $script:emulator.IdentityHeader } `
            -ArgumentList $script:emulatorFile, $script:doneVault, $script:app.ClientId -ScriptBlock {
            param($emulatorFile, $vault, $clientId)
            Connect-Vault -Emulator -EmulatorInfo $emulatorFile -Identity -ClientId $clientId | Out-Null
            function Describe-Error($record) {
                [pscustomobject]@{
                    ErrorId     = ($record.FullyQualifiedErrorId -split ',')[0]
                    Category    = "$($record.CategoryInfo.Category)"
                    Target      = "$($record.TargetObject)"
                    Message     = $record.Exception.Message
                    ServiceCode = $record.Exception.ServiceErrorCode
                    Status      = $record.Exception.Status
                }
            }
            $result = [ordered]@{ Value = $null; Other = $null; List = $null; Write = $null; Token = $null }
            $result.Value = Get-VaultSecret -VaultName $vault -Name app-secret -AsPlainText
            Get-VaultSecret -VaultName $vault -Name other-secret -ErrorAction SilentlyContinue -ErrorVariable e1 | Out-Null
            $result.Other = if ($e1) { Describe-Error $e1[0] }
            Get-VaultSecret -VaultName $vault -ErrorAction SilentlyContinue -ErrorVariable e2 | Out-Null
            $result.List = if ($e2) { Describe-Error $e2[0] }
            Set-VaultSecret -VaultName $vault -Name app-secret -PlainTextValue 'overwritten' -ErrorAction SilentlyContinue -ErrorVariable e3
            $result.Write = if ($e3) { Describe-Error $e3[0] }
            $token = Get-VaultAccessToken
            $result.Token = [pscustomobject]@{ ObjectId = $token.ObjectId; Resource = $token.Resource; IsSecure = $token.Token -is [securestring] }
            [pscustomobject]$result
        }
    }

    It 'reads the granted secret' {
        $script:seen.Value | Should -Be 'the app''s secret'
    }

    It 'is refused another secret with VaultAccessDenied that names caller, action and resource' {
        $denied = $script:seen.Other
        $denied | Should -Not -BeNullOrEmpty
        $denied.ErrorId | Should -Be 'VaultAccessDenied'
        $denied.Category | Should -Be 'PermissionDenied'
        $denied.Target | Should -Be 'other-secret'
        $denied.Status | Should -Be 403
        $denied.ServiceCode | Should -Be 'ForbiddenByRbac'
        $denied.Message | Should -Match 'Caller is not authorized to perform action on resource'
        $denied.Message | Should -Match "oid=$($script:app.ObjectId)"
        $denied.Message | Should -Match ([regex]::Escape("Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'"))
        $denied.Message | Should -Match ([regex]::Escape("Resource: '$("$script:subscriptionScope/resourceGroups/$($script:emulator.ResourceGroupName)/providers/Microsoft.KeyVault/vaults/$script:doneVault/secrets/other-secret".ToLowerInvariant())'"))
    }

    It 'cannot list the vault: a grant on one entry does not reach the vault' {
        $script:seen.List.ErrorId | Should -Be 'VaultAccessDenied'
        $script:seen.List.ServiceCode | Should -Be 'ForbiddenByRbac'
        $script:seen.List.Message | Should -Match ([regex]::Escape('Microsoft.KeyVault/vaults/secrets/readMetadata/action'))
    }

    It 'cannot write the secret it may read' {
        $script:seen.Write.ErrorId | Should -Be 'VaultAccessDenied'
        $script:seen.Write.Message | Should -Match ([regex]::Escape('Microsoft.KeyVault/vaults/secrets/setSecret/action'))
        Get-VaultSecret -VaultName $script:doneVault -Name app-secret -AsPlainText | Should -Be 'the app''s secret'
    }

    It 'gets its own token, as SecureString, for its own object id' {
        $script:seen.Token.ObjectId | Should -Be $script:app.ObjectId
        $script:seen.Token.Resource | Should -Be 'https://vault.azure.net'
        $script:seen.Token.IsSecure | Should -BeTrue
    }
}

Describe 'Get-VaultAccessToken: the two-step flow' {
    It 'returns a SecureString token with its expiry and the caller''s ids' {
        $admin = Get-Identity 'admin'
        $token = Get-VaultAccessToken
        $token | Should -BeOfType ([VaultTools.VaultAccessToken])
        $token.Token | Should -BeOfType ([securestring])
        $token.ExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
        $token.Resource | Should -Be 'https://vault.azure.net'
        $token.ObjectId | Should -Be $admin.ObjectId
        $token.TenantId | Should -Be $script:emulator.TenantId
        $plain = Get-VaultAccessToken -AsPlainText
        ($token | Format-List | Out-String) | Should -Not -Match ([regex]::Escape($plain.Substring(0, 40)))
    }

    It 'reads a secret over plain REST with the token, as another language would' {
        Set-VaultSecret -VaultName rbac-vault -Name two-step -PlainTextValue 'read over REST'
        $plain = Get-VaultAccessToken -AsPlainText
        $plain.Split('.').Count | Should -Be 3
        $answer = Invoke-EmulatorRest GET (Get-EntryUri $script:emulator rbac-vault secret two-step) $plain
        $answer.Status | Should -Be 200
        $answer.Body.value | Should -Be 'read over REST'
    }

    It 'gets a token for a resource given by URL, and refuses what is not a resource URL' {
        $token = Get-VaultAccessToken -ResourceUrl 'https://vault.azure.net/.default'
        $token.Resource | Should -Be 'https://vault.azure.net'
        $token.Scope | Should -Be 'https://vault.azure.net/.default'
        $answer = Invoke-EmulatorRest GET (Get-EntryUri $script:emulator rbac-vault secret two-step) (Get-VaultAccessToken -ResourceUrl 'https://vault.azure.net' -AsPlainText)
        $answer.Status | Should -Be 200
        Get-VaultAccessToken -ResourceUrl 'ftp://vault.azure.net' -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidResourceUrl,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].Exception.ParameterName | Should -Be 'ResourceUrl'
    }

    It 'gets an ARM token for the management endpoint' {
        $arm = Get-VaultAccessToken -ResourceTypeName Arm
        $arm.Resource | Should -Be 'https://management.azure.com/'
        $arm.ObjectId | Should -Be (Get-Identity 'admin').ObjectId
        $answer = Invoke-EmulatorRest GET (Get-EntryUri $script:emulator rbac-vault secret two-step) (Get-VaultAccessToken -ResourceTypeName Arm -AsPlainText)
        $answer.Status | Should -Be 401 -Because 'a token for ARM has the wrong audience for the vault'
    }
}
