#requires -Version 7.2
<#
.SYNOPSIS
    Benchmarks of VaultTools against the emulator: what build.ps1 Bench runs.
.DESCRIPTION
    Figures are ratios against a baseline measured in the same run on the same emulator, so they
    mean the same on a slow or a fast machine:
      - reading one secret: Get-VaultSecret versus a bare HttpClient GET with a ready token (the floor:
        one HTTPS round trip to the emulator and nothing else);
      - listing 200 secrets: Get-VaultSecret with a wildcard versus bare paging with nextLink;
      - token requests: how many a session's 200 cmdlet calls cost (the emulator counts them);
      - many secrets: $BulkSize read one call at a time versus in one bulk call (-ThrottleLimit 8), and the
        bulk call versus bare HttpClient GETs with the same 8 requests in flight.
    Nothing here fails on a slow machine: it prints figures.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Iterations = 200,
    [int] $ListSize = 200,
    [int] $BulkSize = 100
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

# A bare client for the baseline: HttpClient trusting the emulator's CA only (compiled, because the
# TLS callback runs on threads without a PowerShell runspace).
Add-Type -TypeDefinition @'
using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
public sealed class BenchRawClient : IDisposable
{
    private readonly HttpClient _http;
    public BenchRawClient(string caPemPath, string token)
    {
        var ca = X509Certificate2.CreateFromPem(System.IO.File.ReadAllText(caPemPath));
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, errors) =>
        {
            if (cert == null || (errors & System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(new X509Certificate2(cert));
        };
        _http = new HttpClient(handler);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }
    public string Get(string url) => _http.GetStringAsync(url).GetAwaiter().GetResult();
    public void GetMany(string[] urls, int inFlight) => System.Threading.Tasks.Parallel.ForEachAsync(urls,
        new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = inFlight },
        async (url, token) => await _http.GetStringAsync(url, token)).GetAwaiter().GetResult();
    public void Dispose() => _http.Dispose();
}
'@

function Measure-PerCall([scriptblock] $Body, [int] $Count) {
    & $Body | Out-Null  # warm-up
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    for ($i = 0; $i -lt $Count; $i++) { & $Body | Out-Null }
    $watch.Stop()
    $watch.Elapsed.TotalMilliseconds / $Count
}

$dataPath = Join-Path ([IO.Path]::GetTempPath()) ("vaulttools-bench-" + [guid]::NewGuid().ToString('n'))
$emulator = Start-VaultEmulator -DataPath $dataPath -InMemory
try {
    $emulator | Connect-Vault -Emulator | Out-Null
    Set-VaultSecret -Name bench -PlainTextValue 'benchmark value'
    1..$ListSize | ForEach-Object { Set-VaultSecret -Name ("list-{0:d4}" -f $_) -PlainTextValue 'x' }

    $token = (Invoke-RestMethod -Uri "$($emulator.ImdsEndpoint)?api-version=2018-02-01&resource=https://vault.azure.net" -Headers @{ Metadata = 'true' }).access_token
    $raw = [BenchRawClient]::new($emulator.CaCertificatePath, $token)
    $base = $emulator.VaultUri.AbsoluteUri

    $rawGet = Measure-PerCall { $raw.Get("${base}secrets/bench?api-version=2025-07-01") } $Iterations
    $moduleGet = Measure-PerCall { Get-VaultSecret -Name bench -AsPlainText } $Iterations

    $rawList = Measure-PerCall {
        $url = "${base}secrets?api-version=2025-07-01&maxresults=25"
        $n = 0
        while ($url) { $page = $raw.Get($url) | ConvertFrom-Json; $n += @($page.value).Count; $url = $page.nextLink }
        $n
    } 10
    $moduleList = Measure-PerCall { @(Get-VaultSecret -Name 'list-*').Count } 10

    $bulkNames = @(1..$BulkSize | ForEach-Object { "list-{0:d4}" -f (($_ - 1) % $ListSize + 1) })
    $bulkUrls = [string[]]@($bulkNames | ForEach-Object { "${base}secrets/${_}?api-version=2025-07-01" })
    $moduleSequential = Measure-PerCall { foreach ($n in $bulkNames) { Get-VaultSecret -Name $n -AsPlainText } } 3
    $moduleBulk = Measure-PerCall { Get-VaultSecret -Name $bulkNames -AsPlainText -ThrottleLimit 8 } 3
    $rawBulk = Measure-PerCall { $raw.GetMany($bulkUrls, 8) } 3

    # Token requests of a fresh session making $Iterations calls (the emulator counts what it issues).
    $before = (Invoke-RestMethod -Uri "$($emulator.ImdsEndpoint -replace '/metadata/identity/oauth2/token$', '/.emulator/stats')").tokensIssued
    Disconnect-Vault
    $emulator | Connect-Vault -Emulator | Out-Null
    1..$Iterations | ForEach-Object { Get-VaultSecret -Name bench -AsPlainText | Out-Null }
    $after = (Invoke-RestMethod -Uri "$($emulator.ImdsEndpoint -replace '/metadata/identity/oauth2/token$', '/.emulator/stats')").tokensIssued
    $raw.Dispose()

    $rows = @(
        [pscustomobject]@{ Benchmark = 'Read one secret'; Baseline = 'HttpClient GET, token ready'; 'Baseline ms' = [math]::Round($rawGet, 2); 'VaultTools ms' = [math]::Round($moduleGet, 2); Ratio = [math]::Round($moduleGet / $rawGet, 2) }
        [pscustomobject]@{ Benchmark = "Read $BulkSize secrets in one call, 8 in flight"; Baseline = 'HttpClient GETs, 8 in flight'; 'Baseline ms' = [math]::Round($rawBulk, 1); 'VaultTools ms' = [math]::Round($moduleBulk, 1); Ratio = [math]::Round($moduleBulk / $rawBulk, 2) }
        [pscustomobject]@{ Benchmark = "Read $BulkSize secrets in one call, 8 in flight"; Baseline = "$BulkSize Get-VaultSecret calls in a row"; 'Baseline ms' = [math]::Round($moduleSequential, 1); 'VaultTools ms' = [math]::Round($moduleBulk, 1); Ratio = [math]::Round($moduleBulk / $moduleSequential, 2) }
        [pscustomobject]@{ Benchmark = "List $ListSize secrets"; Baseline = 'HttpClient paging (25/page)'; 'Baseline ms' = [math]::Round($rawList, 1); 'VaultTools ms' = [math]::Round($moduleList, 1); Ratio = [math]::Round($moduleList / $rawList, 2) }
    )
    $rows | Format-Table -AutoSize | Out-String -Width 250 | Write-Host
    Write-Host ("Token requests for {0} Get-VaultSecret calls in one session: {1}" -f $Iterations, ($after - $before))
}
finally {
    Disconnect-Vault
    Stop-VaultEmulator
    Remove-Item $dataPath -Recurse -Force -ErrorAction SilentlyContinue
}
