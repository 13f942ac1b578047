# Invoke-VaultRotation against the emulator: what is due by the vault's clock (moved forward with
# Set-VaultEmulatorClock), new values, failures that leave the old version current, -WhatIf, an Entra app
# registration's password rotated through the emulator's Graph with sign-in proved, Event Grid events,
# a runbook under the emulator's managed identity, and bad input. One emulator for the file.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest

    # 'webapp' is an app registration whose passwords the runbook's managed identity ('system') may manage.
    $script:configPath = Join-Path ([IO.Path]::GetTempPath()) ("vaulttools-rotation-" + [guid]::NewGuid().ToString('n') + '.json')
    @{ identities = @(@{ name = 'webapp'; type = 'ServicePrincipal'; owners = @('system') }) } | ConvertTo-Json -Depth 5 | Set-Content -Path $script:configPath
    $script:emulator = Start-TestEmulator -ConfigPath $script:configPath
    $script:emulatorFile = Join-Path $script:emulator.DataPath 'emulator.json'
    $script:emulator | Connect-Vault -Emulator | Out-Null

    function Get-Versions([string] $Name) { @(Get-VaultSecret -Name $Name -IncludeVersions) }
    function Test-SignIn([string] $ClientId, [securestring] $Secret) {
        Connect-Vault -Emulator -EmulatorInfo $script:emulator -ClientId $ClientId -ClientSecret $Secret | Out-Null
        try { [bool](Get-VaultAccessToken -ErrorAction Stop) } catch { $false }
        finally { $script:emulator | Connect-Vault -Emulator | Out-Null }
    }
    function New-KeyVaultEvent([string] $Name, [string] $Vault = 'local', [string] $Type = 'SecretNearExpiry', [string] $Version) {
        $versionJson = if ($Version) { "`"$Version`"" } else { 'null' }
        "[{`"id`":`"$([guid]::NewGuid())`",`"topic`":`"/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/$Vault`",`"subject`":`"$Name`",`"eventType`":`"Microsoft.KeyVault.$Type`",`"eventTime`":`"2026-01-01T00:00:00Z`",`"dataVersion`":`"1`",`"data`":{`"Id`":`"https://$Vault.vault.azure.net/secrets/$Name`",`"VaultName`":`"$Vault`",`"ObjectType`":`"Secret`",`"ObjectName`":`"$Name`",`"Version`":$versionJson}}]"
    }
}

AfterAll {
    Stop-TestEmulator $script:emulator
    Remove-Item $script:configPath -ErrorAction SilentlyContinue
}

Describe 'Scheduled rotation by the vault''s clock' {
    # Before the clock is moved: its expiry is set by this machine's clock.
    It 'rotates a secret that expires within its notice, and -WhatIf only says so' {
        $name = New-RandomName 'notice'
        $later = New-RandomName 'notice-later'
        Set-VaultSecret -Name $name -PlainTextValue 'expiring' -Tag @{ RotationInterval = 'P90D'; RotationNotice = 'P7D' } -Expires (Get-Date).AddDays(5)
        Set-VaultSecret -Name $later -PlainTextValue 'later' -Tag @{ RotationInterval = 'P90D'; RotationNotice = 'P7D' } -Expires (Get-Date).AddDays(40)
        (Invoke-VaultRotation -Name $later).Action | Should -Be 'Skipped'

        $result = Invoke-VaultRotation -Name $name -WhatIf
        $result.Action | Should -Be 'WouldRotate'
        $result.Reason | Should -BeLike '*within P7D*'
        (Get-Versions $name).Count | Should -Be 1
        Get-VaultSecret -Name $name -AsPlainText | Should -Be 'expiring'
    }

    It 'rotates only the secrets whose monthly policy is due after a month, and gives them the next due date' {
        $prefix = New-RandomName 'monthly'
        1..4 | ForEach-Object { Set-VaultSecret -Name "$prefix-m$_" -PlainTextValue "old-$_" -Tag @{ RotationInterval = 'P1M'; Owner = 'team-a' } -ContentType text/plain }
        1..2 | ForEach-Object { Set-VaultSecret -Name "$prefix-q$_" -PlainTextValue "old-q$_" -Tag @{ RotationInterval = 'P3M' } }
        Set-VaultSecret -Name "$prefix-none" -PlainTextValue 'no policy'

        $before = Invoke-VaultRotation -All -Kind Secret | Where-Object Name -like "$prefix-*"
        ($before | Where-Object Action -eq 'Rotated') | Should -BeNullOrEmpty

        $clock = Set-VaultEmulatorClock -Advance (New-TimeSpan -Days 32)
        $results = Invoke-VaultRotation -All -Kind Secret | Where-Object Name -like "$prefix-*"

        @($results | Where-Object Action -eq 'Rotated').Name | Sort-Object | Should -Be (1..4 | ForEach-Object { "$prefix-m$_" })
        @($results | Where-Object Action -eq 'Skipped').Name | Sort-Object | Should -Be @("$prefix-q1", "$prefix-q2")
        $results.Name | Should -Not -Contain "$prefix-none"    # -All looks only at entries with a policy

        $rotated = $results | Where-Object Name -eq "$prefix-m1"
        $secret = Get-VaultSecret -Name "$prefix-m1"
        $secret.Version | Should -Be $rotated.NewVersion
        (Get-VaultSecret -Name "$prefix-m1" -AsPlainText) | Should -Not -Be 'old-1'
        $secret.Tags.Owner | Should -Be 'team-a'
        $secret.ContentType | Should -Be 'text/plain'
        # Next due and expiry: a calendar month after the vault's (moved) now, not the machine's.
        $rotated.NextDue.UtcDateTime | Should -BeGreaterThan $clock.Now.UtcDateTime.AddDays(27)
        $rotated.NextDue.UtcDateTime | Should -BeLessThan $clock.Now.UtcDateTime.AddDays(32)
        [Math]::Abs(($secret.Expires - $rotated.NextDue).TotalSeconds) | Should -BeLessThan 5
        # The old version is kept, enabled.
        $versions = Get-Versions "$prefix-m1"
        $versions.Count | Should -Be 2
        ($versions | Where-Object Version -eq $rotated.OldVersion).Enabled | Should -BeTrue

        $skipped = $results | Where-Object Name -eq "$prefix-q1"
        $skipped.Reason | Should -BeLike 'not due until*'
        $skipped.NextDue.UtcDateTime | Should -BeGreaterThan $clock.Now.UtcDateTime.AddDays(55)

        # Run again: nothing more is due.
        (Invoke-VaultRotation -All -Kind Secret | Where-Object { $_.Name -like "$prefix-*" -and $_.Action -eq 'Rotated' }) | Should -BeNullOrEmpty
    }

    It 'generates values of the asked length and classes' {
        $name = New-RandomName 'generated'
        Set-VaultSecret -Name $name -PlainTextValue 'x'
        (Invoke-VaultRotation -Name $name -Force -Length 48 -CharacterSet Digit).Action | Should -Be 'Rotated'
        Get-VaultSecret -Name $name -AsPlainText | Should -Match '^[0-9]{48}$'
    }

    It 'rotates a key through the vault and a piped secret' {
        $key = New-RandomName 'rotkey'
        Add-VaultKey -Name $key -Size 2048 | Out-Null
        $result = Invoke-VaultRotation -Name $key -Kind Key -Force
        $result.Action | Should -Be 'Rotated'
        @(Get-VaultKey -Name $key -IncludeVersions).Count | Should -Be 2

        $name = New-RandomName 'piped'
        Set-VaultSecret -Name $name -PlainTextValue 'x'
        (Get-VaultSecret -Name $name | Invoke-VaultRotation -Force).Action | Should -Be 'Rotated'
    }

    It 'renews a certificate from its own policy, keeping its tags' {
        $name = New-RandomName 'rotcert'
        Add-VaultCertificate -Name $name -SubjectName 'CN=rotation.test' -KeySize 2048 -ValidityInMonths 12 -Tag @{ RotationInterval = 'P6M' } | Out-Null
        $result = Invoke-VaultRotation -Name $name -Kind Certificate -Force
        $result.Action | Should -Be 'Rotated'
        $result.Reason | Should -BeLike '*issuer Self*'
        $certificate = Get-VaultCertificate -Name $name
        $certificate.Version | Should -Be $result.NewVersion
        $certificate.Tags.RotationInterval | Should -Be 'P6M'
        @(Get-VaultCertificate -Name $name -IncludeVersions).Count | Should -Be 2
    }
}

Describe 'Hooks and failures' {
    It 'a failing -Update leaves the old version current and untouched, and the next entry still rotates' {
        $a = New-RandomName 'update-a'
        $b = New-RandomName 'update-b'
        Set-VaultSecret -Name $a -PlainTextValue 'old-a'
        Set-VaultSecret -Name $b -PlainTextValue 'old-b'
        $seen = [System.Collections.Generic.List[string]]::new()
        $results = "$a", "$b" | ForEach-Object { [pscustomobject]@{ Name = $_ } } |
            Invoke-VaultRotation -Force -Update { param($entry, $value) $seen.Add($entry.Name); if ($entry.Name -like 'update-a*') { throw 'the target refused the new value' } } -ErrorVariable failures -ErrorAction SilentlyContinue
        ($results | Where-Object Name -eq $a).Action | Should -Be 'Failed'
        ($results | Where-Object Name -eq $a).FailedStep | Should -Be 'Update'
        ($results | Where-Object Name -eq $b).Action | Should -Be 'Rotated'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'RotationUpdateFailed,*'
        $failures[0].Exception.Message | Should -BeLike '*the target refused the new value*'
        Get-VaultSecret -Name $a -AsPlainText | Should -Be 'old-a'
        (Get-Versions $a).Count | Should -Be 1
        $seen | Should -Contain $a
    }

    It '-NewValue provides the value and -Update sees it before it is current' {
        $name = New-RandomName 'newvalue'
        Set-VaultSecret -Name $name -PlainTextValue 'old'
        $script:currentDuringUpdate = $null
        $result = Invoke-VaultRotation -Name $name -Force -NewValue { "new-for-$($_.Name)" } -Update { param($entry, $value) $script:currentDuringUpdate = Get-VaultSecret -Name $entry.Name -AsPlainText }
        $result.Action | Should -Be 'Rotated'
        $script:currentDuringUpdate | Should -Be 'old'
        Get-VaultSecret -Name $name -AsPlainText | Should -Be "new-for-$name"
    }

    It 'alternates the credentials of a dual-credential target and records the current one in CredentialId' {
        $name = New-RandomName 'dual'
        Set-VaultSecret -Name $name -PlainTextValue 'key1-value' -Tag @{ RotationCredentials = 'key1,key2'; CredentialId = 'key1'; RotationInterval = 'P30D' }
        $renewed = [System.Collections.Generic.List[string]]::new()
        $first = Invoke-VaultRotation -Name $name -Force -NewValue { $renewed.Add($_.NextCredentialId); "$($_.NextCredentialId)-value" }
        $first.CredentialId | Should -Be 'key2'
        (Get-VaultSecret -Name $name).Tags.CredentialId | Should -Be 'key2'
        $second = Invoke-VaultRotation -Name $name -Force -NewValue { $renewed.Add($_.NextCredentialId); "$($_.NextCredentialId)-value" }
        $second.CredentialId | Should -Be 'key1'
        $renewed | Should -Be @('key2', 'key1')
        Get-VaultSecret -Name $name -AsPlainText | Should -Be 'key1-value'
    }
}

Describe 'Entra ID app registration secrets' {
    It 'adds a password through Graph, stores it, and both the new and the replaced secret sign in; the next rotation removes only older ones' {
        $webapp = $script:emulator.Identities | Where-Object Name -eq 'webapp'
        $original = $webapp.ClientSecret
        $name = New-RandomName 'appsecret'
        Set-VaultSecret -Name $name -SecretValue $original -Tag @{ ApplicationObjectId = $webapp.ApplicationObjectId; RotationInterval = 'P30D' }

        $first = Invoke-VaultRotation -Name $name -Force
        $first.Action | Should -Be 'Rotated'
        $first.CredentialId | Should -Match '^[0-9a-f-]{36}$'
        $firstSecret = (Get-VaultSecret -Name $name).SecretValue
        (Get-VaultSecret -Name $name).Tags.CredentialId | Should -Be $first.CredentialId
        Test-SignIn $webapp.ClientId $firstSecret | Should -BeTrue
        Test-SignIn $webapp.ClientId $original | Should -BeTrue     # no gap: the replaced secret still works

        $second = Invoke-VaultRotation -Name $name -Force
        $second.Action | Should -Be 'Rotated'
        $secondSecret = (Get-VaultSecret -Name $name).SecretValue
        Test-SignIn $webapp.ClientId $secondSecret | Should -BeTrue
        Test-SignIn $webapp.ClientId $firstSecret | Should -BeTrue  # the one just replaced stays valid
        Test-SignIn $webapp.ClientId $original | Should -BeFalse    # older than the replaced one: removed
    }
}

Describe 'Event-driven rotation' {
    It 'rotates exactly the secret an Event Grid event names, from JSON or from objects' {
        $a = New-RandomName 'event-a'
        $b = New-RandomName 'event-b'
        Set-VaultSecret -Name $a -PlainTextValue 'a'
        Set-VaultSecret -Name $b -PlainTextValue 'b'
        $result = New-KeyVaultEvent $a | Invoke-VaultRotation
        $result.Name | Should -Be $a
        $result.Action | Should -Be 'Rotated'
        (Get-Versions $a).Count | Should -Be 2
        (Get-Versions $b).Count | Should -Be 1

        # As a Function or a webhook hands them over: objects, and $WebhookData with its RequestBody.
        (New-KeyVaultEvent $b | ConvertFrom-Json | Invoke-VaultRotation).Action | Should -Be 'Rotated'
        (Invoke-VaultRotation -Event ([pscustomobject]@{ WebhookName = 'rotate'; RequestBody = (New-KeyVaultEvent $b) })).Action | Should -Be 'Rotated'
        (Get-Versions $b).Count | Should -Be 3
    }

    It 'skips an event about a version that is no longer current, and reads CloudEvents' {
        $name = New-RandomName 'event-old'
        $old = Set-VaultSecret -Name $name -PlainTextValue 'x' -PassThru
        Invoke-VaultRotation -Name $name -Force | Out-Null
        (New-KeyVaultEvent $name -Version $old.Version | Invoke-VaultRotation).Action | Should -Be 'Skipped'
        $cloud = "{`"specversion`":`"1.0`",`"id`":`"1`",`"source`":`"/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/local`",`"subject`":`"$name`",`"type`":`"Microsoft.KeyVault.SecretExpired`",`"time`":`"2026-01-01T00:00:00Z`",`"data`":{`"Id`":`"https://local.vault.azure.net/secrets/$name`",`"VaultName`":`"local`",`"ObjectType`":`"Secret`",`"ObjectName`":`"$name`"}}"
        (Invoke-VaultRotation -Event $cloud).Action | Should -Be 'Rotated'
    }
}

Describe 'A runbook under the emulator''s managed identity' {
    It 'connects as Automation does and rotates, turning the results into its exit status' {
        $name = New-RandomName 'runbook'
        Set-VaultSecret -Name $name -PlainTextValue 'before' -Tag @{ RotationInterval = 'P1D' }
        Set-VaultEmulatorClock -Advance (New-TimeSpan -Days 2) | Out-Null
        $webapp = $script:emulator.Identities | Where-Object Name -eq 'webapp'
        $app = New-RandomName 'runbook-app'
        Set-VaultSecret -Name $app -SecretValue $webapp.ClientSecret -Tag @{ ApplicationObjectId = $webapp.ApplicationObjectId; RotationInterval = 'P30D' }
        $result = Invoke-InChildSession -Environment @{ IDENTITY_ENDPOINT = "$($script:emulator.IdentityEndpoint)"; IDENTITY_HEADER = $script:emulator.IdentityHeader } -ArgumentList $script:emulatorFile, $name, $app -ScriptBlock {
            param($emulatorFile, $name, $app)
            Connect-Vault -Emulator -EmulatorInfo $emulatorFile -Identity | Out-Null
            $results = @(Invoke-VaultRotation -Name $name) + @(Invoke-VaultRotation -Name $app -Force)
            [pscustomobject]@{ Actions = @($results.Action | ForEach-Object ToString); Failed = [bool]($results.Action -contains 'Failed') }
        }
        $result.Actions | Should -Be @('Rotated', 'Rotated')
        $result.Failed | Should -BeFalse
        Get-VaultSecret -Name $name -AsPlainText | Should -Not -Be 'before'
    }
}

Describe 'Bad input changes nothing' {
    It 'refuses a malformed -Interval before any request' {
        { Invoke-VaultRotation -Name whatever -Interval 'P1Q' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDuration,*'
    }

    It 'reports a malformed policy tag as Failed with InvalidRotationTag and leaves the secret alone' {
        $name = New-RandomName 'badtag'
        Set-VaultSecret -Name $name -PlainTextValue 'kept' -Tag @{ RotationInterval = 'monthly' }
        $result = Invoke-VaultRotation -Name $name -Force -ErrorVariable failures -ErrorAction SilentlyContinue
        $result.Action | Should -Be 'Failed'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRotationTag,*'
        $failures[0].Exception.Message | Should -BeLike "*RotationInterval='monthly'*"
        (Get-Versions $name).Count | Should -Be 1
    }

    It 'reports a -NewValue that throws or returns nothing, and stores nothing' {
        $name = New-RandomName 'badvalue'
        Set-VaultSecret -Name $name -PlainTextValue 'kept'
        Invoke-VaultRotation -Name $name -Force -NewValue { throw 'no value today' } -ErrorVariable thrown -ErrorAction SilentlyContinue | Out-Null
        $thrown[0].FullyQualifiedErrorId | Should -BeLike 'RotationNewValueFailed,*'
        Invoke-VaultRotation -Name $name -Force -NewValue { } -ErrorVariable empty -ErrorAction SilentlyContinue | Out-Null
        $empty[0].FullyQualifiedErrorId | Should -BeLike 'RotationNewValueEmpty,*'
        Get-VaultSecret -Name $name -AsPlainText | Should -Be 'kept'
        (Get-Versions $name).Count | Should -Be 1
    }

    It 'refuses a null -Event (an Automation webhook without $WebhookData) with an error naming -Event, not a .NET exception' {
        $failure = { Invoke-VaultRotation -Event $null -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -PassThru
        $failure.Exception.Message | Should -BeLike "*'Event'*"
    }

    It 'refuses an event for another vault and one that is not an event' {
        $name = New-RandomName 'othervault'
        Set-VaultSecret -Name $name -PlainTextValue 'kept'
        Invoke-VaultRotation -Event (New-KeyVaultEvent $name -Vault 'someone-elses') -ErrorVariable other -ErrorAction SilentlyContinue | Out-Null
        $other[0].FullyQualifiedErrorId | Should -BeLike 'RotationEventForOtherVault,*'
        Invoke-VaultRotation -Event 'not json' -ErrorVariable bad -ErrorAction SilentlyContinue | Out-Null
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRotationEvent,*'
        (Get-Versions $name).Count | Should -Be 1
    }
}
