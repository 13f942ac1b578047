# Every table view of VaultTools.format.ps1xml, rendered with Format-Table | Out-String over real objects from
# the emulator, has no column that is blank in every row. The objects are made with every optional value set
# (content type, expiry, tags, organization...), so a value is expected in every column; a blank column means
# the view names a property the object never carries. Each table is also rendered at 80 columns (a default terminal,
# Azure Automation's job output), where every header must stay whole, and Format-List must show every property.
# Backup files are checked the same way through PowerShell's own FileInfo view, and the connection's and Get-Vault's own claims are checked here too.
BeforeDiscovery {
    [xml] $format = Get-Content -Raw (Join-Path $PSScriptRoot '../../module/VaultTools.format.ps1xml')
    $script:tableViews = @($format.Configuration.ViewDefinitions.View | Where-Object { $_.TableControl } | ForEach-Object {
            @{ View = $_.Name; TypeName = @($_.ViewSelectedBy.TypeName)[0]; Labels = @($_.TableControl.TableHeaders.TableColumnHeader | ForEach-Object { $_.Label }) }
        })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest
    $script:emulator = Start-TestEmulator
    $script:connection = $script:emulator | Connect-Vault -Emulator
    $script:workDir = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) ("vaulttools-views-" + [guid]::NewGuid().ToString('n')))).FullName

    # The columns of a rendered table that are blank in every row, read from the dashes under each header.
    function Get-BlankColumn([object[]] $InputObject, [string] $View) {
        $lines = @(($InputObject | Format-Table -View $View | Out-String -Width 1000) -split "`r?`n")
        $blank = [ordered]@{}
        for ($i = 1; $i -lt $lines.Count; $i++) {
            if ($lines[$i] -notmatch '^-[- ]*$') { continue }
            $spans = @([regex]::Matches($lines[$i], '-+') | ForEach-Object { $_.Index })
            $header = $lines[$i - 1]
            for ($c = 0; $c -lt $spans.Count; $c++) {
                $start = $spans[$c]; $end = if ($c + 1 -lt $spans.Count) { $spans[$c + 1] } else { [int]::MaxValue }
                $label = $header.Substring($start, [Math]::Min($end, $header.Length) - $start).Trim()
                if (-not $blank.Contains($label)) { $blank[$label] = $true }
                for ($r = $i + 1; $r -lt $lines.Count -and $lines[$r].Trim(); $r++) {
                    $row = $lines[$r]
                    if ($row.Length -gt $start -and $row.Substring($start, [Math]::Min($end, $row.Length) - $start).Trim()) { $blank[$label] = $false }
                }
            }
        }
        @($blank.Keys | Where-Object { $blank[$_] })
    }

    # The header line of a table rendered at the given width, split into its column labels. A label that is cut
    # (PowerShell ends it with an ellipsis or wraps it) or a column dropped for lack of room does not come back whole.
    function Get-RenderedHeader([object[]] $InputObject, [string] $View, [int] $Width) {
        $lines = @(($InputObject | Format-Table -View $View | Out-String -Width $Width) -split "`r?`n")
        for ($i = 1; $i -lt $lines.Count; $i++) {
            if ($lines[$i] -match '^-[- ]*$') { return @(($lines[$i - 1]).Trim() -split '\s+') }
        }
        @()
    }

    $soon = (Get-Date).AddDays(30)
    $tag = @{ owner = 'views' }
    $objects = @{}

    Set-VaultSecret -Name view-secret -PlainTextValue 'v' -ContentType text/plain -Expires $soon -Tag $tag
    $objects['VaultTools.VaultSecretProperties'] = @(Get-VaultSecret -Name 'view-*')
    Add-VaultKey -Name view-key -KeyType RSA -Size 2048 -Expires $soon -Tag $tag | Out-Null
    $objects['VaultTools.VaultKeyProperties'] = @(Get-VaultKey -Name 'view-*')
    $objects['VaultTools.KeyOperationResult'] = @(Protect-VaultData -Name view-key -Value ([byte[]](1..16)))
    Add-VaultCertificate -Name view-cert -SubjectName CN=views.test -DnsName views.test -Tag $tag | Out-Null
    $objects['VaultTools.VaultCertificateProperties'] = @(Get-VaultCertificate -Name 'view-*')

    Set-VaultSecret -Name gone-secret -PlainTextValue 'v'
    Add-VaultKey -Name gone-key -KeyType RSA -Size 2048 | Out-Null
    Add-VaultCertificate -Name gone-cert -SubjectName CN=gone.test | Out-Null
    Remove-VaultSecret -Name gone-secret -Force
    Remove-VaultKey -Name gone-key -Force
    Remove-VaultCertificate -Name gone-cert -Force
    Wait-Until { (Get-VaultSecret -InRemovedState -Name gone-secret -ErrorAction SilentlyContinue) -and (Get-VaultKey -InRemovedState -Name gone-key -ErrorAction SilentlyContinue) -and (Get-VaultCertificate -InRemovedState -Name gone-cert -ErrorAction SilentlyContinue) }
    $objects['VaultTools.DeletedVaultSecret'] = @(Get-VaultSecret -InRemovedState -Name gone-secret)
    $objects['VaultTools.DeletedVaultKey'] = @(Get-VaultKey -InRemovedState -Name gone-key)
    $objects['VaultTools.DeletedVaultCertificate'] = @(Get-VaultCertificate -InRemovedState -Name gone-cert)

    $objects['VaultTools.VaultCertificateIssuer'] = @(Set-VaultCertificateIssuer -Name view-ca -IssuerProvider DigiCert -AccountId contoso -OrganizationDetails @{ Id = 'org-1234' } -PassThru)
    $objects['VaultTools.VaultCertificateContact'] = @(Add-VaultCertificateContact -EmailAddress pki@contoso.test -PassThru)
    $objects['VaultTools.EmulatorIdentity'] = @($script:emulator.Identities)
    $objects['VaultTools.VaultEmulatorClock'] = @(Set-VaultEmulatorClock -Offset ([TimeSpan]::Zero))

    $objects['VaultTools.Vault'] = @(Get-Vault)
    New-Vault -Name view-policies -EnableRbacAuthorization $false | Out-Null
    $appId = ($script:emulator.Identities | Where-Object Name -eq system).ObjectId
    $objects['VaultTools.VaultAccessPolicy'] = @(Set-VaultAccessPolicy -VaultName view-policies -ObjectId $appId -PermissionsToSecrets get -PermissionsToKeys get -PermissionsToCertificates get -Force -PassThru)
    Grant-VaultRole -SecretName view-secret -Role 'Key Vault Secrets User' -ObjectId $appId -PrincipalType ServicePrincipal -Force | Out-Null
    $objects['VaultTools.RoleAssignment'] = @(Get-VaultRoleAssignment -SecretName view-secret -IncludeInherited)
    $objects['VaultTools.RoleDefinition'] = @(Get-VaultRoleDefinition)

    Set-VaultSecret -Name view-rotated -PlainTextValue 'v' -Tag @{ RotationInterval = 'P30D' }
    $objects['VaultTools.RotationResult'] = @(Invoke-VaultRotation -Name view-rotated -Force)

    $password = ConvertTo-SecureString '111111-222222-333333-444444-555555-000000-123453-654324' -AsPlainText -Force
    $objects['VaultTools.BitLockerKeyBackup'] = @(Backup-BitLockerKey -ComputerName vm-view01 -MountPoint C: -VolumeType OperatingSystem -KeyProtectorId '{1A2B3C4D-5E6F-4A5B-8C7D-9E0F1A2B3C4D}' -RecoveryPassword $password -PassThru)
    $objects['VaultTools.BitLockerRecoveryKey'] = @(Get-BitLockerKey -RecoveryKeyId 1A2B3C4D)
    $script:objects = $objects
}

AfterAll {
    Disconnect-Vault
    Stop-TestEmulator $script:emulator
    Remove-Item $script:workDir -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Table views' {
    It '<View> shows a value in every column' -ForEach $script:tableViews {
        $items = $script:objects[$TypeName]
        $items | Should -Not -BeNullOrEmpty -Because "this test must make real $TypeName objects for the view"
        $items[0].PSObject.TypeNames | Should -Contain $TypeName
        Get-BlankColumn -InputObject $items -View $View | Should -BeNullOrEmpty -Because "a column blank in every row shows nothing"
    }

    # 80 columns is a default terminal and Azure Automation's job output: every column of the view keeps its header there.
    It '<View> shows every column header whole at 80 columns' -ForEach $script:tableViews {
        $items = $script:objects[$TypeName]
        $items | Should -Not -BeNullOrEmpty
        $rendered = Get-RenderedHeader -InputObject $items -View $View -Width 80
        $rendered | Should -Be @($Labels | ForEach-Object { $_ -split '\s+' }) -Because "at 80 columns $View shows the headers $($Labels -join ', ')"
    }

    It '<View> leaves Format-List showing every property the table leaves out' -ForEach $script:tableViews {
        # Properties a list view shows summarized under another label (the key's size or curve as Size, the public key
        # and the X509 object as a hint and their Subject/Thumbprint/dates); aliases repeat a property.
        $summarized = @{ KeySize = 'Size'; CurveName = 'Size'; Key = 'PublicKey'; Certificate = 'Thumbprint' }
        $item = $script:objects[$TypeName][0]
        $list = $item | Format-List | Out-String -Width 200
        $missing = foreach ($property in ($item.PSObject.Properties | Where-Object MemberType -ne AliasProperty).Name) {
            $label = if ($summarized[$property]) { $summarized[$property] } else { $property }
            if ($list -notmatch "(?m)^$([regex]::Escape($label))\s+:") { $property }
        }
        $missing | Should -BeNullOrEmpty -Because "the list view of $TypeName shows what its table leaves out"
    }
}

Describe 'Files written by Backup-* and Export-VaultCertificate' {
    It 'are the file system items Get-Item returns, so their view shows size and mode' {
        Push-Location $script:workDir
        try {
            $files = @(
                Backup-VaultSecret -Name view-secret
                Backup-VaultKey -Name view-key
                Backup-VaultCertificate -Name view-cert
                Export-VaultCertificate -Name view-cert -FilePath ./view-cert.cer -Force
            )
        }
        finally { Pop-Location }
        $files.Count | Should -Be 4
        foreach ($file in $files) {
            $file | Should -BeOfType ([IO.FileInfo])
            $file.Length | Should -BeGreaterThan 0
            $file.DirectoryName | Should -Be $script:workDir
            $file.PSProvider.Name | Should -Be 'FileSystem'
        }
        $lines = @(($files | Format-Table | Out-String -Width 1000) -split "`r?`n")
        $dashes = $lines | Where-Object { $_ -match '^-[- ]*$' } | Select-Object -First 1
        $dashes | Should -Not -BeNullOrEmpty
        $rows = @($lines | Where-Object { $_ -match '\.(blob|cer)\s*$' })
        $rows.Count | Should -Be 4
        foreach ($span in [regex]::Matches($dashes, '-+')) {
            foreach ($row in $rows) {
                $row.Substring($span.Index, [Math]::Min($span.Length, [Math]::Max(0, $row.Length - $span.Index))).Trim() | Should -Not -BeNullOrEmpty -Because "every column of a written file has a value ($row)"
            }
        }
    }
}

Describe 'What the connection and Get-Vault say' {
    It 'CredentialType is Emulator for the emulator''s administrator' {
        $script:connection.CredentialType | Should -Be 'Emulator'
        (Get-VaultConnection).CredentialType | Should -Be 'Emulator'
    }

    It 'a system-assigned managed identity''s connection says so where a client id would be' {
        try {
            $identity = Connect-Vault -Identity -EmulatorInfo $script:emulator
            $identity.CredentialType | Should -Be 'ManagedIdentity'
            $identity.ClientId | Should -BeNullOrEmpty -Because 'a system-assigned identity is not chosen by client id'
            ($identity | Format-List | Out-String -Width 80) | Should -Match '(?m)^ClientId\s+: \(system-assigned identity of this host\)'
        }
        finally { $script:emulator | Connect-Vault -Emulator | Out-Null }
    }

    It 'Get-Vault shows the default vault at the URI the connection uses, with a location' {
        $vault = Get-Vault -Name $script:connection.VaultName
        $vault.VaultUri | Should -Be $script:connection.VaultUri
        $vault.Location | Should -Not -BeNullOrEmpty
        (Get-VaultSecret -VaultUri $vault.VaultUri -Name view-secret -AsPlainText) | Should -Be 'v'
    }

    It 'Get-Vault shows another vault at the https URI that serves its entries' {
        New-Vault -Name view-rbac -EnableRbacAuthorization $true | Out-Null
        Set-VaultSecret -VaultName view-rbac -Name in-other -PlainTextValue 'other'
        $vault = Get-Vault -Name view-rbac
        $vault.VaultUri.Scheme | Should -Be 'https'
        $vault.Location | Should -Be (Get-Vault -Name $script:connection.VaultName).Location -Because 'New-Vault takes the location of the resource group, as the default vault has'
        Get-VaultSecret -VaultUri $vault.VaultUri -Name in-other -AsPlainText | Should -Be 'other'
    }
}
