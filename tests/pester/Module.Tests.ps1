# The staged module as a user meets it: import, help, dependency isolation.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest
    $script:module = Get-Module VaultTools
}

Describe 'The staged module' {
    It 'imports in a fresh pwsh -NoProfile and exports its cmdlets' {
        $names = Invoke-InChildSession -ScriptBlock { (Get-Command -Module VaultTools).Name }
        $names | Should -Contain 'Get-VaultSecret'
        $names | Should -Contain 'Set-VaultSecret'
        $names | Should -Contain 'Connect-Vault'
    }

    It 'uses only approved verbs' {
        $approved = (Get-Verb).Verb
        Get-Command -Module VaultTools | ForEach-Object { $_.Verb | Should -BeIn $approved -Because $_.Name }
    }

    It 'has help with a synopsis, a description and at least two examples for every cmdlet' {
        foreach ($command in Get-Command -Module VaultTools) {
            $help = Get-Help $command.Name -Full
            $help.Synopsis | Should -Not -BeNullOrEmpty -Because $command.Name
            $help.Synopsis | Should -Not -Match '^\s*\S+-\S+\s*\[' -Because "$($command.Name) needs a written synopsis, not the generated syntax"
            ($help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because $command.Name
            @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2 -Because $command.Name
        }
    }

    It 'puts SupportsShouldProcess on every cmdlet that writes' {
        foreach ($name in 'Set-VaultSecret', 'Start-VaultEmulator', 'Stop-VaultEmulator') {
            (Get-Command $name).Parameters.Keys | Should -Contain 'WhatIf' -Because $name
        }
    }

    It 'keeps Azure SDK assemblies out of the cmdlet assembly''s references' {
        $dll = Join-Path $script:module.ModuleBase 'VaultTools.dll'
        $loaded = [System.Reflection.Assembly]::LoadFile($dll)
        $loaded.GetReferencedAssemblies().Name | Where-Object { $_ -like 'Azure*' } | Should -BeNullOrEmpty
    }

    It 'loads VaultTools.Core and Azure.Core into its own load context' {
        # A call that needs Core (and the Azure SDK) resolves it through the module's load context.
        Get-VaultConnection | Out-Null
        Connect-Vault -AccessToken (ConvertTo-SecureString 'a.b.c' -AsPlainText -Force) -VaultName 'isolation-test' | Out-Null
        Disconnect-Vault
        $core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'VaultTools.Core' }
        $azure = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Azure.Core' }
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($core[0]).GetType().Name | Should -Be 'DependencyLoadContext'
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($azure[0]).GetType().Name | Should -Be 'DependencyLoadContext'
    }

    It 'works in a session where another Azure.Core was loaded first' {
        $result = Invoke-InChildSession -ScriptBlock {
            # A stand-in for Az.Accounts: an Azure.Core of another version, loaded before VaultTools is used.
            # tests/pester/Pester.Restore.csproj downloads Azure.Core 1.44.1 for exactly this.
            $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
            $other = Join-Path $packages 'azure.core/1.44.1/lib/net6.0/Azure.Core.dll'
            if (-not (Test-Path $other)) { return "no other Azure.Core at $other" }
            $first = [System.Reflection.Assembly]::LoadFrom($other)
            Connect-Vault -AccessToken (ConvertTo-SecureString 'a.b.c' -AsPlainText -Force) -VaultName 'isolation-test' | Out-Null
            $ours = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Azure.Core' } | ForEach-Object { $_.GetName().Version.ToString() }
            "loaded first $($first.GetName().Version); in session: $($ours -join ', ')"
        }
        $result | Should -Match '^loaded first 1\.44\.1\.0; in session: .*1\.64\.0\.0'
    }
}
