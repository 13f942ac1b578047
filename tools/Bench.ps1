#requires -Version 7.2
<#
.SYNOPSIS
    Benchmarks of VaultTools against the emulator, each beside a baseline run in the same run: what build.ps1 Bench runs.
.DESCRIPTION
    Prints one table. Every VaultTools figure is measured in turn with its baseline (A B A B ..., after one
    warm-up of each), and the ratio is the median of the per-pair ratios, so a machine that slows down or speeds
    up in the middle moves both sides of a pair alike. The baselines:
      - bare pwsh (start, run nothing, exit) for import + Connect-Vault + first call;
      - the official SecretClient (Azure.Security.KeyVault.Secrets) in a plain .NET program, tools/bench, for
        reads in a row, reads with K in flight and listing;
      - a minimal Kestrel HTTPS endpoint (tools/bench, "serve") answering the same secret JSON from a dictionary,
        hit by the same raw HTTPS load generator as the emulator, for the emulator's gets and sets per second and
        its start to first answer.
    Token requests per session are counted by the emulator (/.emulator/stats). Nothing fails on speed: figures only.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $BenchPath,
    # Pairs per comparison (after one warm-up pair).
    [int] $Rounds = 3,
    # Smaller figures for a quick look (N = 20/100 instead of 100/1,000).
    [switch] $Quick
)

$ErrorActionPreference = 'Stop'
$ModulePath = (Resolve-Path $ModulePath).Path
$BenchPath = (Resolve-Path $BenchPath).Path
$started = [Diagnostics.Stopwatch]::StartNew()
$Small = $Quick ? 20 : 100
$Large = $Quick ? 100 : 1000
$InFlight = 8
$LoadCount = $Quick ? 200 : 2000
Import-Module $ModulePath
$emulatorDll = Join-Path (Split-Path $ModulePath) 'emulator/VaultTools.Emulator.dll'
$dotnet = (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source
$work = Join-Path ([IO.Path]::GetTempPath()) ("vaulttools-bench-" + [guid]::NewGuid().ToString('n'))
New-Item -ItemType Directory -Path $work | Out-Null

function Get-FreePort {
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop(); $port
}

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    $n = $sorted.Count
    if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

function Measure-Ms([scriptblock] $Body) {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    & $Body | Out-Null
    $watch.Elapsed.TotalMilliseconds
}

# The baseline program: one command a line, "ok <figures>" back.
function Start-BenchClient {
    $info = [Diagnostics.ProcessStartInfo]::new($dotnet)
    foreach ($a in 'exec', $BenchPath, 'client') { $info.ArgumentList.Add($a) }
    $info.RedirectStandardInput = $true; $info.RedirectStandardOutput = $true; $info.UseShellExecute = $false
    [Diagnostics.Process]::Start($info)
}

function Invoke-Baseline([string] $Command, [string] $Secret) {
    $script:client.StandardInput.WriteLine($Command)
    if ($PSBoundParameters.ContainsKey('Secret')) { $script:client.StandardInput.WriteLine($Secret) }
    $script:client.StandardInput.Flush()
    $answer = $script:client.StandardOutput.ReadLine()
    if ($answer -notlike 'ok *') { throw "Baseline '$($Command.Split(' ')[0])' failed: $answer" }
    , $answer.Substring(3).Split(' ')   # the figures as one array, even when there is one
}

# A then B, Rounds times after a warm-up of each; medians and the median per-pair ratio A/B.
function Compare-Pair([scriptblock] $A, [scriptblock] $B, [int] $Count = $Rounds) {
    & $A | Out-Null; & $B | Out-Null
    $as = @(); $bs = @()
    for ($i = 0; $i -lt $Count; $i++) { $as += [double](& $A); $bs += [double](& $B) }
    [pscustomobject]@{ A = (Get-Median $as); B = (Get-Median $bs); Ratio = (Get-Median @(for ($i = 0; $i -lt $Count; $i++) { $as[$i] / $bs[$i] })) }
}

function Get-Token($Emulator) {
    (Invoke-RestMethod -Uri "$($Emulator.ImdsEndpoint)?api-version=2018-02-01&resource=https://vault.azure.net" -Headers @{ Metadata = 'true' }).access_token
}

function Get-TokensIssued($Emulator) {
    (Invoke-RestMethod -Uri ($Emulator.ImdsEndpoint.AbsoluteUri -replace '/metadata/identity/oauth2/token$', '/.emulator/stats')).tokensIssued
}

# A child pwsh, timed as a whole process (start to exit).
function Measure-Pwsh([string] $Command) {
    $info = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
    if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    foreach ($a in '-NoProfile', '-NonInteractive', '-Command', $Command) { $info.ArgumentList.Add($a) }
    $info.UseShellExecute = $false; $info.RedirectStandardOutput = $true
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $process = [Diagnostics.Process]::Start($info)
    $null = $process.StandardOutput.ReadToEnd()
    $process.WaitForExit()
    $watch.Elapsed.TotalMilliseconds
    if ($process.ExitCode -ne 0) { throw "pwsh -Command '$Command' exited with $($process.ExitCode)." }
}

$emulators = @()
$client = $null
$minimal = $null
try {
    # In memory: -InMemory with a data folder of its own where the switch exists, else no data folder (in memory then).
    $memory = (Get-Command Start-VaultEmulator).Parameters.ContainsKey('InMemory') ? (Start-VaultEmulator -DataPath (Join-Path $work 'memory') -InMemory) : (Start-VaultEmulator)
    $durable = Start-VaultEmulator -DataPath (Join-Path $work 'durable')
    $emulators = @($memory, $durable)
    $memory | Connect-Vault -Emulator | Out-Null
    $names = @(1..$Large | ForEach-Object { 'bench-{0:d4}' -f $_ })
    $names | ForEach-Object { [pscustomobject]@{ Name = $_; PlainTextValue = "value of $_" } } | Set-VaultSecret -ThrottleLimit $InFlight
    $smallNames = $names[0..($Small - 1)]

    $minimalPort = Get-FreePort
    $minimalCert = Join-Path $work 'minimal.pem'
    $minimal = Start-Process -FilePath $dotnet -ArgumentList 'exec', $BenchPath, 'serve', '--port', $minimalPort, '--cert-out', $minimalCert -PassThru -RedirectStandardOutput (Join-Path $work 'minimal.out')
    $client = Start-BenchClient
    Invoke-Baseline "target memory $($memory.VaultUri.AbsoluteUri) $($memory.CaCertificatePath)" (Get-Token $memory) | Out-Null
    Invoke-Baseline "target durable $($durable.VaultUri.AbsoluteUri) $($durable.CaCertificatePath)" (Get-Token $durable) | Out-Null
    $deadline = (Get-Date).AddSeconds(60)
    while (-not (Test-Path $minimalCert) -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 50 }
    Invoke-Baseline "target minimal https://localhost:$minimalPort/ $minimalCert" '-' | Out-Null
    Invoke-Baseline "load minimal set bench $Large $InFlight" | Out-Null   # the entries for the GETs (and a warm-up)
    Invoke-Baseline "load durable set bench $Large $InFlight" | Out-Null

    $rows = [Collections.Generic.List[object]]::new()
    function Add-Row([string] $Measure, [string] $Baseline, [string] $Unit, $Pair, [string] $Target, [bool] $Met) {
        $rows.Add([pscustomobject]@{
            Measure = $Measure; VaultTools = ('{0:0.##} {1}' -f $Pair.A, $Unit); 'Baseline value' = ('{0:0.##} {1}' -f $Pair.B, $Unit)
            Ratio = ('{0:0.00}' -f $Pair.Ratio); Target = $Target; Met = ($Target ? ($Met ? 'yes' : 'NO') : ''); Baseline = $Baseline
        })
    }

    # Import + Connect-Vault + first call, in a fresh pwsh, against bare pwsh. Each child is one session: the
    # emulator's count of tokens over these runs gives tokens per session with a cold start too.
    $module = $ModulePath.Replace("'", "''")
    $config = $memory.ConfigurationFile.Replace("'", "''")
    $tokensBefore = Get-TokensIssued $memory
    $import = Compare-Pair { Measure-Pwsh "Import-Module '$module'; Connect-Vault -Emulator -EmulatorInfo '$config' | Out-Null; `$null = Get-VaultSecret -Name bench-0001 -AsPlainText" } { Measure-Pwsh '$null = 1' }
    $childSessions = $Rounds + 1
    $childTokens = (Get-TokensIssued $memory) - $tokensBefore
    $import = [pscustomobject]@{ A = $import.A / 1000; B = $import.B / 1000; Ratio = $import.Ratio; Added = ($import.A - $import.B) / 1000 }
    $rows.Add([pscustomobject]@{
        Measure = 'Import + Connect-Vault + first read'; VaultTools = ('{0:0.00} s' -f $import.A); 'Baseline value' = ('{0:0.00} s' -f $import.B)
        Ratio = ('+{0:0.00} s' -f $import.Added); Target = '<= +0.40 s'; Met = ($import.Added -le 0.4 ? 'yes' : 'NO'); Baseline = 'bare pwsh start and exit'
    })

    foreach ($n in $Small, $Large) {
        $list = $names[0..($n - 1)]
        $pair = Compare-Pair { Measure-Ms { foreach ($name in $list) { Get-VaultSecret -Name $name -AsPlainText } } } { (Invoke-Baseline "sdk-seq memory bench $n")[0] }
        Add-Row "Read $n secrets, one call each" 'SecretClient.GetSecret in a row' 'ms' $pair '<= 1.20' ($pair.Ratio -le 1.2)
        if ($n -eq $Large) { $sequential = $pair }
    }

    $bulk = Compare-Pair { Measure-Ms { Get-VaultSecret -Name $names -AsPlainText -ThrottleLimit $InFlight } } { (Invoke-Baseline "sdk-bulk memory bench $Large $InFlight")[0] }
    Add-Row "Read $Large secrets in one call, $InFlight in flight" "SecretClient.GetSecretAsync, $InFlight in flight" 'ms' $bulk '<= 1.20' ($bulk.Ratio -le 1.2)
    $speedup = [pscustomobject]@{ A = $bulk.A; B = $sequential.A; Ratio = $bulk.A / $sequential.A }
    Add-Row "Read $Large secrets in one call, $InFlight in flight" "$Large Get-VaultSecret calls in a row" 'ms' $speedup '<= 0.33 (3x)' ($speedup.Ratio -le 1 / 3)

    $listing = Compare-Pair { Measure-Ms { @(Get-VaultSecret -Name 'bench-*').Count } } { (Invoke-Baseline 'sdk-list memory')[0] }
    Add-Row "List $Large secrets" 'SecretClient.GetPropertiesOfSecrets' 'ms' $listing '' $true

    # The emulator's rates: the same raw HTTPS load generator against the emulator and the minimal endpoint.
    $rate = { param($target, $op, $prefix) $LoadCount / [double](Invoke-Baseline "load $target $op $prefix $LoadCount $InFlight")[0] * 1000 }
    $getPrefix = 'bench'
    if ($LoadCount -gt $Large) { $LoadCount = $Large }   # GETs read existing entries only
    foreach ($target in 'memory', 'durable') {
        $label = $target -eq 'memory' ? 'in memory' : 'durable (data folder)'
        $gets = Compare-Pair { & $rate $target get $getPrefix } { & $rate minimal get $getPrefix }
        $sets = Compare-Pair { & $rate $target set "set-$target" } { & $rate minimal set 'set-minimal' }
        # Rates: higher is better, so the ratio is VaultTools / baseline as measured.
        Add-Row "Emulator GETs per second, $label, $InFlight in flight" 'minimal Kestrel HTTPS endpoint' '/s' $gets ($target -eq 'memory' ? '>= 0.50' : '') ($target -ne 'memory' -or $gets.Ratio -ge 0.5)
        Add-Row "Emulator PUTs per second, $label, $InFlight in flight" 'minimal Kestrel HTTPS endpoint' '/s' $sets ($target -eq 'memory' ? '>= 0.50' : '') ($target -ne 'memory' -or $sets.Ratio -ge 0.5)
    }

    # Start to first HTTPS answer: the emulator (in memory, its data folder and CA made by the warm-up) and the endpoint.
    $startData = Join-Path $work 'start'
    $startPem = Join-Path $work 'start-minimal.pem'
    $startup = try { Compare-Pair {
        $port = Get-FreePort; $identityPort = Get-FreePort
        (Invoke-Baseline "startup https://localhost:$port/healthz $(Join-Path $startData 'ca.pem') $dotnet exec $emulatorDll --port $port --identity-port $identityPort --data-dir $startData --in-memory")[0]
    } {
        $port = Get-FreePort
        (Invoke-Baseline "startup https://localhost:$port/healthz $startPem $dotnet exec $BenchPath serve --port $port --cert-out $startPem")[0]
    } } catch { Write-Warning "Start-up not measured: $_"; $null }
    if ($startup) { Add-Row 'Emulator start to first HTTPS answer' 'minimal Kestrel HTTPS endpoint' 'ms' $startup '' $true }

    # Token requests in one session, whatever the concurrency: a fresh sign-in, then reads in a row and in bulk.
    Disconnect-Vault
    $before = Get-TokensIssued $memory
    $memory | Connect-Vault -Emulator | Out-Null
    foreach ($name in $smallNames) { $null = Get-VaultSecret -Name $name -AsPlainText }
    $null = Get-VaultSecret -Name $names -ThrottleLimit 32
    $null = @(Get-VaultSecret -Name 'bench-*')
    $sessionTokens = (Get-TokensIssued $memory) - $before
    $rows.Add([pscustomobject]@{
        Measure = "Token requests per session ($Small reads, $Large at 32 in flight, a list)"; VaultTools = "$sessionTokens"; 'Baseline value' = ''
        Ratio = ''; Target = '1'; Met = ($sessionTokens -eq 1 ? 'yes' : 'NO'); Baseline = ''
    })
    $rows.Add([pscustomobject]@{
        Measure = 'Token requests per session (fresh pwsh each)'; VaultTools = ('{0:0.##}' -f ($childTokens / $childSessions)); 'Baseline value' = ''
        Ratio = ''; Target = '1'; Met = ($childTokens -eq $childSessions ? 'yes' : 'NO'); Baseline = ''
    })

    $cpu = [Environment]::ProcessorCount
    $load = (Test-Path /proc/loadavg) ? (Get-Content /proc/loadavg).Split(' ')[0] : 'n/a'
    Write-Host ("VaultTools Bench: {0} pairs per figure after a warm-up, medians; {1} CPUs, load average {2} at the end; {3:0} s in all." -f $Rounds, $cpu, $load, $started.Elapsed.TotalSeconds)
    Write-Host 'Ratio: VaultTools / baseline (times: lower is better; rates: higher is better).'
    $rows | Format-Table -AutoSize | Out-String -Width 300 | Write-Host
}
finally {
    if ($client) { try { $client.StandardInput.WriteLine('quit'); $client.WaitForExit(10000) | Out-Null } catch { } ; if (-not $client.HasExited) { $client.Kill() } }
    if ($minimal -and -not $minimal.HasExited) { Stop-Process -Id $minimal.Id -Force }
    Disconnect-Vault -ErrorAction SilentlyContinue
    foreach ($e in $emulators) { $e | Stop-VaultEmulator -ErrorAction SilentlyContinue }
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
