# Shared by the Pester files: import the module under test, start and stop an isolated emulator.
# Each test file starts its own emulator (in memory, in a fresh temp folder), so files are independent.

function Import-VaultToolsUnderTest {
    $path = $env:VAULTTOOLS_TEST_MODULE
    if (-not $path) { $path = Join-Path $PSScriptRoot '../../out/VaultTools/VaultTools.psd1' }
    Import-Module $path -Force -Global
}

# -ConsistencyDelaySeconds: deletes and recoveries become visible that late, as on Azure (the lifecycle files
# run a second time that way, see Invoke-PesterSuite.ps1).
function Start-TestEmulator {
    param([string] $ConfigPath, [switch] $Durable, [double] $FaultRate, [string[]] $FaultKind, [int] $Port,
        [double] $ConsistencyDelaySeconds, [timespan] $ClockOffset)
    $dataPath = Join-Path ([IO.Path]::GetTempPath()) ("vaulttools-test-" + [guid]::NewGuid().ToString('n'))
    $arguments = @{ DataPath = $dataPath; InMemory = -not $Durable }
    if ($ConsistencyDelaySeconds) { $arguments.ConsistencyDelaySeconds = $ConsistencyDelaySeconds }
    if ($ConfigPath) { $arguments.ConfigPath = $ConfigPath }
    if ($ClockOffset) { $arguments.ClockOffset = $ClockOffset }
    if ($FaultRate) { $arguments.FaultRate = $FaultRate }
    if ($FaultKind) { $arguments.FaultKind = $FaultKind }
    if ($Port) { $arguments.Port = $Port }
    Start-VaultEmulator @arguments
}

function Stop-TestEmulator {
    param($Emulator)
    if ($Emulator) {
        Stop-VaultEmulator -ProcessId $Emulator.ProcessId -ErrorAction SilentlyContinue
        Remove-Item $Emulator.DataPath -Recurse -Force -ErrorAction SilentlyContinue
    }
}

# Runs a script block in a fresh pwsh process with the module imported: for what is process-wide
# (managed identity environment variables, as Azure Automation sets them). Returns its output objects.
function Invoke-InChildSession {
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock, [hashtable] $Environment = @{}, [object[]] $ArgumentList = @(),
        # A session from New-ChildSession to run in, instead of a new process.
        $Session)
    if ($Session) {
        $previous = @($Session.Environment)
        $Session.Environment.Clear()
        $Session.Environment.AddRange([string[]] @($Environment.Keys))
        return Invoke-ChildRunspace $Session {
            param($previous, $environment, $script, $arguments)
            foreach ($key in $previous) { Remove-Item -Path "env:$key" -ErrorAction SilentlyContinue }
            foreach ($key in $environment.Keys) { Set-Item -Path "env:$key" -Value $environment[$key] }
            & ([scriptblock]::Create($script)) @arguments
        } @($previous, $Environment, $ScriptBlock.ToString(), $ArgumentList) 120
    }
    $module = $env:VAULTTOOLS_TEST_MODULE
    if (-not $module) { $module = Join-Path $PSScriptRoot '../../out/VaultTools/VaultTools.psd1' }
    $job = Start-Job -ScriptBlock {
        param($module, $environment, $script, $arguments)
        foreach ($key in $environment.Keys) { Set-Item -Path "env:$key" -Value $environment[$key] }
        Import-Module $module
        & ([scriptblock]::Create($script)) @arguments
    } -ArgumentList $module, $Environment, $ScriptBlock.ToString(), $ArgumentList
    try { $job | Wait-Job -Timeout 120 | Receive-Job -ErrorAction Stop }
    finally { $job | Remove-Job -Force }
}

# One child pwsh process that several Invoke-InChildSession -Session calls of a file share, where starting a
# process and importing the module for each call would cost more than the call (Access.Tests.ps1 runs six managed
# identities). Each call still sees only its own -Environment: what the previous call set is removed first.
function New-ChildSession {
    $module = $env:VAULTTOOLS_TEST_MODULE
    if (-not $module) { $module = Join-Path $PSScriptRoot '../../out/VaultTools/VaultTools.psd1' }
    $process = [System.Management.Automation.Runspaces.PowerShellProcessInstance]::new()
    $runspace = [runspacefactory]::CreateOutOfProcessRunspace($null, $process)
    $runspace.Open()
    $session = [pscustomobject]@{ Runspace = $runspace; Process = $process; Environment = [Collections.Generic.List[string]]::new() }
    Invoke-ChildRunspace $session { param($module) Import-Module $module } @($module) 120 | Out-Null
    $session
}

function Remove-ChildSession($Session) {
    if ($Session) { $Session.Runspace.Dispose(); $Session.Process.Dispose() }
}

# Runs a script in the child session's runspace; its errors fail the call as Receive-Job -ErrorAction Stop does.
function Invoke-ChildRunspace($Session, [scriptblock] $Script, [object[]] $ArgumentList, [int] $TimeoutSec) {
    $shell = [powershell]::Create()
    try {
        $shell.Runspace = $Session.Runspace
        $shell.AddScript($Script.ToString()) | Out-Null
        foreach ($argument in $ArgumentList) { $shell.AddArgument($argument) | Out-Null }
        $pending = $shell.BeginInvoke()
        if (-not $pending.AsyncWaitHandle.WaitOne([timespan]::FromSeconds($TimeoutSec))) {
            $shell.Stop()
            throw "The child session did not finish within $TimeoutSec s."
        }
        $output = $shell.EndInvoke($pending)
        if ($shell.Streams.Error.Count -gt 0) { throw $shell.Streams.Error[0] }
        $output
    }
    finally { $shell.Dispose() }
}

# Polls until the condition returns something truthy and returns it; throws (failing the test) on timeout.
# Deletes and recoveries become visible late on Azure and on an emulator started with a consistency delay.
function Wait-Until([scriptblock] $Condition, [int] $TimeoutSec = 150) {
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ($true) {
        $result = & $Condition
        if ($result) { return $result }
        if ([DateTime]::UtcNow -gt $deadline) { throw "Timed out after $TimeoutSec s waiting for { $Condition }" }
        Start-Sleep -Milliseconds 250
    }
}

function New-RandomName([string] $Prefix = 'test') { "$Prefix-" + [guid]::NewGuid().ToString('n').Substring(0, 12) }

Export-ModuleMember -Function Import-VaultToolsUnderTest, Start-TestEmulator, Stop-TestEmulator, Invoke-InChildSession, New-ChildSession, Remove-ChildSession, New-RandomName, Wait-Until
