# PowerShell conventions, checked over every exported cmdlet (a new cmdlet is checked without adding a test):
# approved verbs, ShouldProcess on what changes state, ConfirmImpact High and -Force on what destroys, Medium on
# what grants (a runbook grants without a prompt, as with New-AzRoleAssignment and Set-AzKeyVaultAccessPolicy),
# at most three named parameter sets, pipeline binding by property name, declared output types with a view,
# and parameter validation errors that name the parameter. A justified exception goes in the lists below,
# with its reason.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest
    # Verbs whose cmdlets change something: a vault, a file, a process.
    $changingVerbs = 'Set', 'Add', 'New', 'Remove', 'Grant', 'Revoke', 'Import', 'Restore', 'Update', 'Undo', 'Invoke', 'Backup', 'Export',
        'Start', 'Stop', 'Clear', 'Reset', 'Rename', 'Move', 'Copy', 'Install', 'Uninstall', 'Register', 'Unregister', 'Enable', 'Disable', 'Publish', 'Write', 'Save', 'Lock', 'Unlock'

    $script:noShouldProcess = @{
        'Connect-Vault'              = 'changes only the session (which credential, which default vault), nothing in a vault or on disk; like Connect-AzAccount it is the first command of a script and would prompt under $ConfirmPreference Low for nothing'
        'Disconnect-Vault'           = 'forgets the session only; nothing in a vault or on disk changes'
        'New-VaultCertificatePolicy' = 'makes a policy object locally; no request is sent and nothing is written'
        'New-VaultSignature'         = 'signs a digest with a key (like New-FileCatalog''s New-/Test- pair); the vault and its keys are unchanged'
    }

    # Cmdlets that grant access without a Grant verb.
    $script:grants = 'Set-VaultAccessPolicy'

    $script:noPipelineByPropertyName = @{
        'Connect-Vault|VaultName'         = 'Connect-Vault takes the emulator object (Start-VaultEmulator | Connect-Vault -Emulator) from the pipeline; binding vault names by property name would pick up unrelated objects'
        'Get-VaultRoleDefinition|Name'    = 'a role name; the objects of this module that have a Name (entries, vaults, role assignments) are not roles'
        'Get-VaultRoleDefinition|Id'      = 'a role definition id; the Id of the module''s objects (entries, assignments) is not a role definition'
    }

    # Cmdlets whose verb changes nothing but which can write something, and so take -WhatIf, with why.
    $script:alsoWrites = @{
        'Get-BitLockerKey' = 'with -BekFilePath it writes the .BEK file that unlocks a disk (replaced only with -Force)'
    }

    # Each check is made only for the cmdlets it is about (decided here, at discovery), so that no test passes
    # by checking nothing.
    $script:cmdlets = @(Get-Command -Module VaultTools -CommandType Cmdlet | Sort-Object Name | ForEach-Object {
            $attribute = $_.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0]
            $name = $_.Name
            @{
                Name               = $name
                ChangesState       = ($_.Verb -in $changingVerbs -or $script:alsoWrites.ContainsKey($name)) -and -not $script:noShouldProcess.ContainsKey($name)
                NoShouldProcessWhy = $script:noShouldProcess[$name]
                Destroys           = $_.Verb -in 'Remove', 'Revoke'
                Grants             = $_.Verb -eq 'Grant' -or $name -in $script:grants
                AsksHigh           = $attribute.ConfirmImpact -eq 'High'
                HasForce           = $_.Parameters.ContainsKey('Force')
                PipelineBound      = @(foreach ($parameterName in 'VaultName', 'Name', 'Id', 'Version') {
                        if ($_.Parameters.ContainsKey($parameterName) -and -not $script:noPipelineByPropertyName.ContainsKey("$name|$parameterName")) {
                            @{ Parameter = $parameterName }
                        }
                    })
            }
        })
    # Entry and vault cmdlets whose -Name is a secret, key, certificate or vault name (checked by the service's rules).
    $script:named = @(Get-Command -Module VaultTools -CommandType Cmdlet | Where-Object {
            $_.Noun -match '^Vault(Secret|Key|Certificate)?' -and $_.Noun -notmatch '^Vault(Role|Access|Connection|Emulator)' -and $_.Parameters['Name'] -and $_.Parameters['Name'].ParameterType -eq [string]
        } | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } })
    $script:withVaultName = @(Get-Command -Module VaultTools -CommandType Cmdlet | Where-Object { $_.Parameters['VaultName'] -and $_.Name -ne 'Connect-Vault' } | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'VaultTools.TestHelpers.psm1') -Force
    Import-VaultToolsUnderTest

    # Output types that are not VaultTools' own need no view of ours.
    function Get-VaultToolsOutputTypes($Command) {
        $Command.ImplementingType.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $true) |
            ForEach-Object { $_.Type } | Where-Object { $_.Type -and $_.Type.Namespace -eq 'VaultTools' } | ForEach-Object { $_.Type }
    }

    [xml] $script:format = Get-Content (Join-Path (Split-Path (Get-Module VaultTools).Path) 'VaultTools.format.ps1xml') -Raw
    $script:viewNames = @($script:format.Configuration.ViewDefinitions.View.Name)

    function Get-CmdletAttribute($Command) { $Command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0] }

    # Values for the other mandatory parameters of a cmdlet's default parameter set, so that only the checked one is wrong.
    function Get-MinimalArguments($Command, [string[]] $Except) {
        $set = $Command.ParameterSets | Where-Object IsDefault | Select-Object -First 1
        if (-not $set) { $set = $Command.ParameterSets[0] }
        $arguments = @{}
        foreach ($p in $set.Parameters | Where-Object { $_.IsMandatory -and $_.Name -notin $Except }) {
            $arguments[$p.Name] = switch ($p.ParameterType) {
                ([string]) { if ($p.Name -eq 'ObjectId') { [guid]::NewGuid().ToString() } elseif ($p.Name -eq 'Role') { 'Key Vault Secrets User' } else { 'x' } }
                ([securestring]) { ConvertTo-SecureString 'x' -AsPlainText -Force }
                ([string[]]) { , 'x@contoso.com' }
                ([byte[]]) { [byte[]](1, 2, 3) }
                ([VaultTools.VaultCertificatePolicy]) { New-VaultCertificatePolicy -SubjectName 'CN=x' }
                ([System.Management.Automation.SwitchParameter]) { [switch]$true }
                default { throw "No minimal value for -$($p.Name) of type $($p.ParameterType) in $($Command.Name)" }
            }
        }
        if ($Command.Parameters.ContainsKey('PermissionsToSecrets') -and 'PermissionsToSecrets' -notin $Except) { $arguments['PermissionsToSecrets'] = 'get' }   # one category is required
        if ($Command.Parameters.ContainsKey('Confirm')) { $arguments['Confirm'] = $false }
        $arguments
    }

    $script:emulator = Start-TestEmulator
    $script:emulator | Connect-Vault -Emulator | Out-Null
}

AfterAll {
    Disconnect-Vault
    Stop-TestEmulator $script:emulator
}

Describe '<Name>' -ForEach $script:cmdlets {
    BeforeAll { $command = Get-Command $Name; $attribute = Get-CmdletAttribute $command }

    It 'uses an approved verb' {
        (Get-Verb).Verb | Should -Contain $command.Verb
    }

    if ($ChangesState) {
        It 'supports -WhatIf and -Confirm (its verb changes state)' {
            $attribute.SupportsShouldProcess | Should -BeTrue -Because "$Name changes state"
        }
    }
    elseif ($NoShouldProcessWhy) {
        It 'has no -WhatIf, as its exception says' {
            $attribute.SupportsShouldProcess | Should -BeFalse -Because "the exception list says: $NoShouldProcessWhy; remove it from the list"
        }
    }
    else {
        It 'has no -WhatIf or -Confirm (its verb changes nothing)' {
            $attribute.SupportsShouldProcess | Should -BeFalse -Because "$Name's verb does not change state; a write needs a verb that says so"
        }
    }

    if ($Destroys) {
        It 'asks (ConfirmImpact High) because it destroys' {
            $attribute.ConfirmImpact | Should -Be 'High'
        }
    }

    if ($Grants) {
        It 'grants without a prompt by default (ConfirmImpact Medium, as Az) but takes -Confirm and -WhatIf' {
            $attribute.ConfirmImpact | Should -Be 'Medium' -Because 'a non-interactive runbook must be able to grant, as with New-AzRoleAssignment and Set-AzKeyVaultAccessPolicy'
            $command.Parameters.Keys | Should -Contain 'Confirm'
            $command.Parameters.Keys | Should -Contain 'WhatIf'
        }
    }

    if ($AsksHigh) {
        It 'has -Force to skip its High-impact confirmation' {
            $command.Parameters.Keys | Should -Contain 'Force'
        }
    }

    if ($HasForce) {
        It 'has -Force only as a switch and only with ShouldProcess' {
            $command.Parameters['Force'].ParameterType | Should -Be ([System.Management.Automation.SwitchParameter])
            $attribute.SupportsShouldProcess | Should -BeTrue -Because '-Force skips a confirmation or an overwrite check, which only exists with ShouldProcess'
        }
    }

    It 'has at most three parameter sets, with a default when there are several' {
        $command.ParameterSets.Count | Should -BeLessOrEqual 3
        if ($command.ParameterSets.Count -gt 1) {
            $attribute.DefaultParameterSetName | Should -Not -BeNullOrEmpty
        }
    }

    It 'binds -<Parameter> from the pipeline by property name' -ForEach $PipelineBound -AllowNullOrEmptyForEach {
        @($command.Parameters[$Parameter].ParameterSets.Values | Where-Object ValueFromPipelineByPropertyName).Count | Should -BeGreaterThan 0 -Because "$Name -$Parameter"
    }

    It 'declares its output types, each of VaultTools'' own with a format view' {
        $declared = $command.ImplementingType.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $true)
        $declared | Should -Not -BeNullOrEmpty
        foreach ($type in Get-VaultToolsOutputTypes $command) {
            $script:viewNames | Should -Contain $type.FullName -Because "$Name returns $($type.FullName)"
        }
    }
}

Describe 'Exception lists' -ForEach @(@{ Listed = @($script:noShouldProcess.Keys) + @($script:noPipelineByPropertyName.Keys | ForEach-Object { $_.Split('|')[0] }) + @($script:grants) }) {
    It 'name only exported cmdlets' {
        $exported = (Get-Command -Module VaultTools).Name
        $Listed.Count | Should -BeGreaterThan 0
        foreach ($name in $Listed) {
            $exported | Should -Contain $name
        }
    }
}

Describe 'Entry names: <Name>' -ForEach $script:named {
    # A New-* cmdlet's -Name is a name that does not exist yet: nothing to complete.
    if ($Name -notlike 'New-*') {
        It 'completes -Name with Tab' {
            (Get-Command $Name).Parameters['Name'].Attributes.Where({ $_ -is [System.Management.Automation.ArgumentCompleterAttribute] }).Count | Should -Be 1
        }
    }

    It 'refuses a -Name that breaks the service''s rule with an InvalidArgument error naming -Name' {
        $command = Get-Command $Name
        $arguments = Get-MinimalArguments $command -Except 'Name'
        & $Name -Name 'bad_name!' @arguments -ErrorAction SilentlyContinue -ErrorVariable err | Out-Null
        $err.Count | Should -Be 1
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].FullyQualifiedErrorId | Should -Match '^Invalid(Secret|Key|Certificate|CertificateIssuer|Vault)Name,'
        $err[0].Exception.ParameterName | Should -Be 'Name'
        $err[0].Exception.Message | Should -Match '-Name'
    }
}

Describe 'Bad -VaultName is an InvalidArgument error naming -VaultName: <Name>' -ForEach $script:withVaultName {
    It 'refuses a vault name that breaks the service''s rule' {
        $command = Get-Command $Name
        $arguments = Get-MinimalArguments $command -Except 'VaultName'
        & $Name -VaultName 'bad_name!' @arguments -ErrorAction SilentlyContinue -ErrorVariable err | Out-Null
        $err.Count | Should -Be 1
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].FullyQualifiedErrorId | Should -Match '^InvalidVaultName,'
        $err[0].Exception.ParameterName | Should -Be 'VaultName'
        $err[0].Exception.Message | Should -Match '-VaultName'
    }
}
