# Habits of Az.KeyVault users: each cmdlet takes the same positional parameters and aliases as its Az.KeyVault
# counterpart where the meaning is the same, so `Get-VaultSecret contoso-kv db-password` works as
# `Get-AzKeyVaultSecret contoso-kv db-password` does. The table below is Az.KeyVault's (from its reference
# documentation); a difference is allowed only when it is listed with its reason, and the cmdlet's help says why.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest

    # VaultTools cmdlet = Az.KeyVault cmdlet, then per parameter: its position in Az (-1: named) and Az's aliases.
    $vaultName = @{ VaultName = @{ Position = 0; Aliases = @() } }
    function Entry([string] $Az, [string] $Alias, [hashtable] $More = @{}) {
        $row = @{ Az = $Az; Parameters = @{ VaultName = @{ Position = 0; Aliases = @() }; Name = @{ Position = 1; Aliases = @($Alias) } } }
        foreach ($key in $More.Keys) { $row.Parameters[$key] = $More[$key] }
        $row
    }
    $script:az = [ordered]@{
        'Get-VaultSecret'                = Entry 'Get-AzKeyVaultSecret' 'SecretName' @{ Version = @{ Position = 2; Aliases = @('SecretVersion') } }
        'Set-VaultSecret'                = Entry 'Set-AzKeyVaultSecret' 'SecretName' @{ SecretValue = @{ Position = 2; Aliases = @() } }
        'Update-VaultSecret'             = Entry 'Update-AzKeyVaultSecret' 'SecretName' @{ Version = @{ Position = 2; Aliases = @('SecretVersion') } }
        'Remove-VaultSecret'             = Entry 'Remove-AzKeyVaultSecret' 'SecretName'
        'Undo-VaultSecretRemoval'        = Entry 'Undo-AzKeyVaultSecretRemoval' 'SecretName'
        'Backup-VaultSecret'             = Entry 'Backup-AzKeyVaultSecret' 'SecretName' @{ OutputFile = @{ Position = 2; Aliases = @() } }
        'Restore-VaultSecret'            = @{ Az = 'Restore-AzKeyVaultSecret'; Parameters = $vaultName + @{ InputFile = @{ Position = 1; Aliases = @() } } }
        'Get-VaultKey'                   = Entry 'Get-AzKeyVaultKey' 'KeyName' @{ Version = @{ Position = 2; Aliases = @('KeyVersion') } }
        'Add-VaultKey'                   = Entry 'Add-AzKeyVaultKey' 'KeyName'
        'Update-VaultKey'                = Entry 'Update-AzKeyVaultKey' 'KeyName' @{ Version = @{ Position = 2; Aliases = @('KeyVersion') } }
        'Remove-VaultKey'                = Entry 'Remove-AzKeyVaultKey' 'KeyName'
        'Undo-VaultKeyRemoval'           = Entry 'Undo-AzKeyVaultKeyRemoval' 'KeyName'
        'Backup-VaultKey'                = Entry 'Backup-AzKeyVaultKey' 'KeyName' @{ OutputFile = @{ Position = 2; Aliases = @() } }
        'Restore-VaultKey'               = @{ Az = 'Restore-AzKeyVaultKey'; Parameters = $vaultName + @{ InputFile = @{ Position = 1; Aliases = @() } } }
        'Invoke-VaultKeyRotation'        = Entry 'Invoke-AzKeyVaultKeyRotation' 'KeyName'
        'Get-VaultKeyRotationPolicy'     = Entry 'Get-AzKeyVaultKeyRotationPolicy' 'KeyName'
        'Set-VaultKeyRotationPolicy'     = Entry 'Set-AzKeyVaultKeyRotationPolicy' 'KeyName'
        'Get-VaultCertificate'           = Entry 'Get-AzKeyVaultCertificate' 'CertificateName' @{ Version = @{ Position = 2; Aliases = @('CertificateVersion') } }
        'Add-VaultCertificate'           = Entry 'Add-AzKeyVaultCertificate' 'CertificateName'
        'Import-VaultCertificate'        = Entry 'Import-AzKeyVaultCertificate' 'CertificateName'
        'Remove-VaultCertificate'        = Entry 'Remove-AzKeyVaultCertificate' 'CertificateName'
        'Undo-VaultCertificateRemoval'   = Entry 'Undo-AzKeyVaultCertificateRemoval' 'CertificateName'
        'Backup-VaultCertificate'        = Entry 'Backup-AzKeyVaultCertificate' 'CertificateName' @{ OutputFile = @{ Position = 2; Aliases = @() } }
        'Restore-VaultCertificate'       = @{ Az = 'Restore-AzKeyVaultCertificate'; Parameters = $vaultName + @{ InputFile = @{ Position = 1; Aliases = @() } } }
        'Get-VaultCertificatePolicy'     = Entry 'Get-AzKeyVaultCertificatePolicy' 'CertificateName'
        'Set-VaultCertificatePolicy'     = Entry 'Set-AzKeyVaultCertificatePolicy' 'CertificateName'
        'Get-VaultCertificateOperation'  = Entry 'Get-AzKeyVaultCertificateOperation' 'CertificateName'
        'Get-VaultCertificateIssuer'     = Entry 'Get-AzKeyVaultCertificateIssuer' 'IssuerName'
        'Set-VaultCertificateIssuer'     = Entry 'Set-AzKeyVaultCertificateIssuer' 'IssuerName'
        'Remove-VaultCertificateIssuer'  = Entry 'Remove-AzKeyVaultCertificateIssuer' 'IssuerName'
        'Get-VaultCertificateContact'    = @{ Az = 'Get-AzKeyVaultCertificateContact'; Parameters = $vaultName }
        'Add-VaultCertificateContact'    = @{ Az = 'Add-AzKeyVaultCertificateContact'; Parameters = $vaultName + @{ EmailAddress = @{ Position = 1; Aliases = @() } } }
        'Remove-VaultCertificateContact' = @{ Az = 'Remove-AzKeyVaultCertificateContact'; Parameters = $vaultName + @{ EmailAddress = @{ Position = 1; Aliases = @() } } }
        # The vault cmdlets name the vault -Name with the alias -VaultName; Az's -VaultName has the alias -Name.
        'Get-Vault'                      = @{ Az = 'Get-AzKeyVault'; Parameters = @{ Name = @{ Position = 0; Aliases = @('VaultName') }; ResourceGroupName = @{ Position = 1; Aliases = @() } } }
        'New-Vault'                      = @{ Az = 'New-AzKeyVault'; Parameters = @{ Name = @{ Position = 0; Aliases = @('VaultName') }; ResourceGroupName = @{ Position = 1; Aliases = @() }; Location = @{ Position = 2; Aliases = @() } } }
        'Remove-Vault'                   = @{ Az = 'Remove-AzKeyVault'; Parameters = @{ Name = @{ Position = 0; Aliases = @('VaultName') }; ResourceGroupName = @{ Position = 1; Aliases = @() } } }
        'Set-VaultAccessPolicy'          = @{ Az = 'Set-AzKeyVaultAccessPolicy'; Parameters = $vaultName + @{ ResourceGroupName = @{ Position = 1; Aliases = @() }; ObjectId = @{ Position = -1; Aliases = @() } } }
        'Remove-VaultAccessPolicy'       = @{ Az = 'Remove-AzKeyVaultAccessPolicy'; Parameters = $vaultName + @{ ResourceGroupName = @{ Position = 1; Aliases = @() }; ObjectId = @{ Position = -1; Aliases = @() } } }
    }

    # Differences on purpose ("<cmdlet>|<parameter>"), with the reason; each cmdlet's help says it too.
    $script:differences = @{
        'Set-VaultAccessPolicy|VaultName'            = 'the principal comes first (Set-VaultAccessPolicy <ObjectId> -PermissionsToSecrets get): the vault is usually the session''s default'
        'Set-VaultAccessPolicy|ResourceGroupName'    = 'the resource group is found from the vault''s name; the principal is the positional parameter'
        'Set-VaultAccessPolicy|ObjectId'             = 'the principal is the one thing always given, so it is at position 0'
        'Remove-VaultAccessPolicy|VaultName'         = 'as Set-VaultAccessPolicy: the principal comes first'
        'Remove-VaultAccessPolicy|ResourceGroupName' = 'as Set-VaultAccessPolicy: the resource group is found from the vault''s name'
        'Remove-VaultAccessPolicy|ObjectId'          = 'as Set-VaultAccessPolicy: the principal is at position 0'
    }

    $script:cases = foreach ($name in $script:az.Keys) {
        foreach ($parameter in $script:az[$name].Parameters.Keys) {
            $key = "$name|$parameter"
            @{ Name = $name; Az = $script:az[$name].Az; Parameter = $parameter; Position = $script:az[$name].Parameters[$parameter].Position
                Aliases = $script:az[$name].Parameters[$parameter].Aliases; Why = $script:differences[$key] }
        }
    }
    $script:listed = @(foreach ($key in $script:differences.Keys) {
            $name, $parameter = $key -split '\|'
            @{ Key = $key; InTable = $script:az.Contains($name) -and $script:az[$name].Parameters.ContainsKey($parameter) }
        })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest
    # The position of a parameter (-1: named) in the cmdlet's default parameter set, or in any set if only there.
    function Get-Position([System.Management.Automation.CommandInfo] $Command, [string] $Parameter) {
        $info = $Command.Parameters[$Parameter]
        $sets = $info.ParameterSets
        $default = $Command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0].DefaultParameterSetName
        foreach ($set in @($default, '__AllParameterSets') + @($sets.Keys)) {
            # A named parameter's position is Int32.MinValue; the table says -1.
            if ($set -and $sets.ContainsKey($set)) { return [Math]::Max($sets[$set].Position, -1) }
        }
    }
}

Describe '<Name> -<Parameter> as <Az>' -ForEach $script:cases {
    BeforeAll {
        $command = Get-Command $Name -Module VaultTools
    }

    if ($Why) {
        It 'differs on purpose, and its help says why' {
            $Why | Should -Not -BeNullOrEmpty
            $actual = Get-Position $command $Parameter
            $actual | Should -Not -Be $Position -Because 'a difference listed in the table that is no longer a difference must be removed from the list'
            (Get-Help $Name -Full | Out-String) | Should -Match 'Az\.KeyVault' -Because "the help of $Name says why it differs from $Az"
        }
    }
    else {
        It 'has the position of Az.KeyVault' {
            $command.Parameters.Keys | Should -Contain $Parameter
            Get-Position $command $Parameter | Should -Be $Position -Because "$Az -$Parameter is at position $Position"
        }

        if ($Aliases) {
            It 'has the aliases of Az.KeyVault' {
                foreach ($alias in $Aliases) {
                    $command.Parameters[$Parameter].Aliases | Should -Contain $alias -Because "$Az -$Parameter has the alias -$alias"
                }
            }
        }
    }
}

Describe 'The list of differences' {
    It 'names only parameters of the table (<Key>)' -ForEach $script:listed {
        $InTable | Should -BeTrue -Because "$Key must be a cmdlet and parameter of the table of Az.KeyVault's positions"
    }
}
