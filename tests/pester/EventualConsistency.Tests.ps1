# Key Vault's soft delete is eventually consistent: a delete or a recover is acknowledged at once and
# becomes visible about a minute later on Azure. The emulator does the same with -ConsistencyDelaySeconds
# (2 s here). These tests pin what a script sees in that window, and that the cmdlets which need the
# change (-Purge, Undo-*Removal) wait for it by themselves, for keys and certificates (the secrets
# lifecycle file runs in full against such an emulator too, see Invoke-PesterSuite.ps1).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest
    $script:emulator = Start-TestEmulator -ConsistencyDelaySeconds 2
    $script:emulator | Connect-Vault -Emulator | Out-Null
}

AfterAll {
    Disconnect-Vault
    Stop-TestEmulator $script:emulator
}

Describe 'Keys while a deletion or recovery is becoming visible' {
    It 'Remove-VaultKey -Purge waits for each deletion of a piped batch, purges it and frees the name' {
        $names = 1..2 | ForEach-Object { New-RandomName 'ec-purge' }
        $names | ForEach-Object { Add-VaultKey -Name $_ -KeyType EC | Out-Null }

        $names | ForEach-Object { [pscustomobject]@{ Name = $_ } } | Remove-VaultKey -Purge -Force

        foreach ($name in $names) {
            Get-VaultKey -Name $name -InRemovedState -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            (Add-VaultKey -Name $name -KeyType EC).Name | Should -Be $name
        }
    }

    It 'a purge or a new key straight after a plain delete fails as on Azure, and nothing is lost' {
        $name = New-RandomName 'ec-early'
        Add-VaultKey -Name $name -KeyType EC | Out-Null
        Remove-VaultKey -Name $name -Force

        Remove-VaultKey -Name $name -InRemovedState -Force -ErrorAction SilentlyContinue -ErrorVariable purgeErr
        $purgeErr.Count | Should -Be 1
        $purgeErr[0].FullyQualifiedErrorId | Should -BeLike 'VaultKeyNotFound,*'
        Add-VaultKey -Name $name -KeyType EC -ErrorAction SilentlyContinue -ErrorVariable addErr
        $addErr.Count | Should -Be 1
        $addErr[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $addErr[0].Exception.Message | Should -BeLike "*$name is currently being deleted*"

        # The early purge changed nothing: the key becomes visible as deleted and is still recoverable.
        Wait-Until { Get-VaultKey -Name $name -InRemovedState -ErrorAction SilentlyContinue } | Out-Null
        (Undo-VaultKeyRemoval -Name $name).Name | Should -Be $name
    }

    It 'Undo-VaultKeyRemoval returns once the key can be read and used' {
        $name = New-RandomName 'ec-undo'
        Add-VaultKey -Name $name -KeyType EC | Out-Null
        Remove-VaultKey -Name $name -Force
        Wait-Until { Get-VaultKey -Name $name -InRemovedState -ErrorAction SilentlyContinue } | Out-Null

        $recovered = Undo-VaultKeyRemoval -Name $name
        $recovered.Name | Should -Be $name
        (Get-VaultKey -Name $name).Name | Should -Be $name
        $signature = New-VaultSignature -Name $name -Value ([Text.Encoding]::UTF8.GetBytes('still usable'))
        $signature | Should -Not -BeNullOrEmpty
    }
}

Describe 'Certificates while a deletion or recovery is becoming visible' {
    It 'Remove-VaultCertificate -Purge waits, purges the certificate with its key and secret, and frees the name' {
        $name = New-RandomName 'cert-purge'
        Add-VaultCertificate -Name $name -SubjectName "CN=$name" | Out-Null

        Remove-VaultCertificate -Name $name -Purge -Force

        Get-VaultCertificate -Name $name -InRemovedState -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-VaultSecret -Name $name -InRemovedState -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        (Add-VaultCertificate -Name $name -SubjectName "CN=$name").Name | Should -Be $name
    }

    It 'Undo-VaultCertificateRemoval returns once the certificate and its backing secret can be read' {
        $name = New-RandomName 'cert-undo'
        Add-VaultCertificate -Name $name -SubjectName "CN=$name" | Out-Null
        Remove-VaultCertificate -Name $name -Force
        Wait-Until { Get-VaultCertificate -Name $name -InRemovedState -ErrorAction SilentlyContinue } | Out-Null

        (Undo-VaultCertificateRemoval -Name $name).Name | Should -Be $name
        (Get-VaultCertificate -Name $name).Name | Should -Be $name
        (Get-VaultSecret -Name $name -AsPlainText) | Should -Not -BeNullOrEmpty
    }
}
