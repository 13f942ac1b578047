# Certificate issuers and contacts against the emulator, through the staged module: register, read, list and
# remove issuers (the API key never comes back or shows), contacts added, listed and removed, certificates
# ordered from a registered issuer (signed by the emulator's CA, not self-signed), and bad input refused
# before anything changes.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest
    $script:emulator = Start-TestEmulator
    $script:emulator | Connect-Vault -Emulator | Out-Null
    $script:caSubject = [System.Security.Cryptography.X509Certificates.X509Certificate2]::CreateFromPem((Get-Content $script:emulator.CaCertificatePath -Raw)).Subject
}

AfterAll {
    Disconnect-Vault
    Stop-TestEmulator $script:emulator
}

Describe 'Certificate issuers' {
    It 'registers an issuer with its organization, reads, lists and removes it; the API key never comes back' {
        $name = New-RandomName 'digicert'
        $sentinel = 'api-key-' + [guid]::NewGuid().ToString('n')
        $everything = & {
            Set-VaultCertificateIssuer -Name $name -IssuerProvider DigiCert -AccountId contoso -ApiKey (ConvertTo-SecureString $sentinel -AsPlainText -Force) `
                -OrganizationDetails @{ Id = 'org-1234'; AdministratorDetails = @(@{ FirstName = 'Ada'; LastName = 'Admin'; EmailAddress = 'ada@contoso.com'; PhoneNumber = '555' }) } `
                -PassThru -Verbose
        } *>&1
        $set = $everything | Where-Object { $_ -is [VaultTools.VaultCertificateIssuer] }
        $set.IssuerProvider | Should -Be 'DigiCert'
        $set.AccountId | Should -Be 'contoso'
        $set.OrganizationDetails.Id | Should -Be 'org-1234'
        $set.OrganizationDetails.AdministratorDetails[0].EmailAddress | Should -Be 'ada@contoso.com'
        $set.Enabled | Should -BeTrue

        $read = Get-VaultCertificateIssuer -Name $name
        $read.Name | Should -Be $name
        $read.OrganizationDetails.AdministratorDetails[0].PhoneNumber | Should -Be '555'
        $shown = ($everything | Out-String) + ($read | Format-List * | Out-String) + ($read | Format-Table | Out-String) + ($read | ConvertTo-Json -Depth 5)
        $shown | Should -Not -Match $sentinel

        (Get-VaultCertificateIssuer -Name 'digicert-*').Name | Should -Contain $name
        (Get-VaultCertificateIssuer | Where-Object Name -eq $name).IssuerProvider | Should -Be 'DigiCert'

        $removed = Remove-VaultCertificateIssuer -Name $name -Force -PassThru
        $removed.Name | Should -Be $name
        Get-VaultCertificateIssuer -Name $name -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Match '^VaultCertificateIssuerNotFound,'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'replaces an issuer with Set (what is not given is cleared) and -WhatIf changes nothing' {
        $name = New-RandomName 'ca'
        Set-VaultCertificateIssuer -Name $name -IssuerProvider GlobalSign -AccountId first
        Set-VaultCertificateIssuer -Name $name -IssuerProvider GlobalSign -WhatIf
        (Get-VaultCertificateIssuer -Name $name).AccountId | Should -Be 'first'
        Set-VaultCertificateIssuer -Name $name -IssuerProvider GlobalSign
        (Get-VaultCertificateIssuer -Name $name).AccountId | Should -BeNullOrEmpty
        Get-VaultCertificateIssuer -Name $name | Remove-VaultCertificateIssuer -WhatIf
        Get-VaultCertificateIssuer -Name $name | Should -Not -BeNullOrEmpty
        Get-VaultCertificateIssuer -Name $name | Remove-VaultCertificateIssuer -Force
        Get-VaultCertificateIssuer -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'refuses a bad -Name before any request and a DigiCert issuer without organization id as the vault does' {
        Set-VaultCertificateIssuer -Name 'bad_name!' -IssuerProvider GlobalSign -ErrorAction SilentlyContinue -ErrorVariable bad
        $bad[0].FullyQualifiedErrorId | Should -Match '^InvalidCertificateIssuerName,'
        $bad[0].Exception.ParameterName | Should -Be 'Name'
        $bad[0].CategoryInfo.Category | Should -Be 'InvalidArgument'

        $name = New-RandomName 'noorg'
        Set-VaultCertificateIssuer -Name $name -IssuerProvider DigiCert -AccountId a -ErrorAction SilentlyContinue -ErrorVariable refused
        $refused[0].FullyQualifiedErrorId | Should -Match '^VaultBadRequest,'
        $refused[0].Exception.Message | Should -Match 'organization'
        Get-VaultCertificateIssuer -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        Set-VaultCertificateIssuer -Name (New-RandomName 'admin') -IssuerProvider GlobalSign -OrganizationDetails @{ AdministratorDetails = @(@{ FirstName = 'No'; EmailAddress = 'not-an-address' }) } -ErrorAction SilentlyContinue -ErrorVariable email
        $email[0].FullyQualifiedErrorId | Should -Match '^InvalidEmailAddress,'
    }

    It 'completes -Name with the vault''s issuers' {
        $name = New-RandomName 'tab'
        Set-VaultCertificateIssuer -Name $name -IssuerProvider GlobalSign
        $line = "Get-VaultCertificateIssuer -Name $($name.Substring(0, 8))"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain $name
        Remove-VaultCertificateIssuer -Name $name -Force
    }
}

Describe 'Certificates from a registered issuer' {
    It 'Add-VaultCertificate -IssuerName orders the certificate from the issuer: signed by the CA, not self-signed' {
        $issuer = New-RandomName 'globalsign'
        Set-VaultCertificateIssuer -Name $issuer -IssuerProvider GlobalSign -AccountId contoso
        $name = New-RandomName 'shop'
        $certificate = Add-VaultCertificate -Name $name -SubjectName "CN=$name.contoso.com" -IssuerName $issuer -ValidityInMonths 6
        $certificate.Certificate.Subject | Should -Be "CN=$name.contoso.com"
        $certificate.Certificate.Issuer | Should -Be $script:caSubject
        (Get-VaultCertificatePolicy -Name $name).IssuerName | Should -Be $issuer

        $policy = New-VaultCertificatePolicy -SubjectName 'CN=from-policy' -IssuerName $issuer
        $policy.IssuerName | Should -Be $issuer
        (Add-VaultCertificate -Name (New-RandomName 'policy') -Policy $policy).Certificate.Issuer | Should -Be $script:caSubject
    }

    It 'refuses an issuer that is not registered, creating nothing, and a bad -IssuerName before any request' {
        $name = New-RandomName 'noissuer'
        Add-VaultCertificate -Name $name -SubjectName 'CN=x' -IssuerName (New-RandomName 'missing') -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Match '^VaultBadRequest,'
        $err[0].Exception.Message | Should -Match 'not registered'
        Get-VaultCertificate -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        # New-VaultCertificatePolicy makes one object: a bad value stops it (terminating), as for its other parameters.
        $bad = { New-VaultCertificatePolicy -SubjectName 'CN=x' -IssuerName 'bad issuer' } | Should -Throw -ErrorId 'InvalidCertificateIssuerName,*' -PassThru
        $bad.Exception.ParameterName | Should -Be 'IssuerName'
        Add-VaultCertificate -Name $name -SubjectName 'CN=x' -IssuerName 'bad issuer' -ErrorAction SilentlyContinue -ErrorVariable badAdd
        $badAdd[0].FullyQualifiedErrorId | Should -Match '^InvalidCertificateIssuerName,'
    }
}

Describe 'Certificate contacts' {
    It 'adds contacts once each, lists them, removes some and then all' {
        Get-VaultCertificateContact | Should -BeNullOrEmpty
        $added = Add-VaultCertificateContact -EmailAddress pki@contoso.com, ops@contoso.com -PassThru
        $added.Email | Should -Be @('pki@contoso.com', 'ops@contoso.com')
        $added[0] | Should -BeOfType VaultTools.VaultCertificateContact
        Add-VaultCertificateContact -EmailAddress OPS@contoso.com, sec@contoso.com
        (Get-VaultCertificateContact).Email | Should -Be @('pki@contoso.com', 'ops@contoso.com', 'sec@contoso.com')

        Add-VaultCertificateContact -EmailAddress more@contoso.com -WhatIf
        @(Get-VaultCertificateContact).Count | Should -Be 3

        $left = Remove-VaultCertificateContact -EmailAddress ops@contoso.com, nobody@contoso.com -Force -PassThru -WarningVariable warnings -WarningAction SilentlyContinue
        $left.Email | Should -Be @('pki@contoso.com', 'sec@contoso.com')
        $warnings.Message | Should -Match 'nobody@contoso.com'

        Get-VaultCertificateContact | Remove-VaultCertificateContact -WhatIf
        @(Get-VaultCertificateContact).Count | Should -Be 2
        Get-VaultCertificateContact | Remove-VaultCertificateContact -Force
        Get-VaultCertificateContact | Should -BeNullOrEmpty
    }

    It 'refuses an address that is not one, changing nothing' {
        Add-VaultCertificateContact -EmailAddress keep@contoso.com
        Add-VaultCertificateContact -EmailAddress good@contoso.com, 'not an address' -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Match '^InvalidEmailAddress,'
        $err[0].Exception.ParameterName | Should -Be 'EmailAddress'
        (Get-VaultCertificateContact).Email | Should -Be @('keep@contoso.com')
        Remove-VaultCertificateContact -EmailAddress keep@contoso.com -Force
    }
}
