# Helpers of Access.Tests.ps1: raw Key Vault REST calls against the emulator (the two-step flow other
# languages use: a token from Get-VaultAccessToken, then HTTPS to the entry's URL), and a probe that runs
# a list of (vault, entry kind, operation) cells as the signed-in identity and reports allowed/denied.
# Secrets get/list/set go through the cmdlets (so the cmdlets' own error records are checked); the other
# operations go over REST, so the matrix does not depend on the keys and certificates cmdlets.

$script:ApiVersion = '2025-07-01'

# An HttpClient that trusts the emulator's CA only and connects *.localhost to 127.0.0.1 (.NET on Linux
# does not resolve name.localhost), as VaultTools itself does in emulator mode.
$script:HttpSource = @'
using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace VaultToolsTests
{
    public static class EmulatorHttp
    {
        private static HttpClient client;
        private static string caPath;

        public static void Init(string caPemPath)
        {
            if (client != null && caPath == caPemPath) { return; }
            var ca = X509Certificate2.CreateFromPem(File.ReadAllText(caPemPath));
            var handler = new SocketsHttpHandler();
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var endpoint = context.DnsEndPoint;
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    bool loopback = endpoint.Host == "localhost" || endpoint.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
                    if (loopback) { await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, endpoint.Port), cancellationToken); }
                    else { await socket.ConnectAsync(endpoint, cancellationToken); }
                    return new NetworkStream(socket, true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
            handler.SslOptions.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
            {
                if (certificate == null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) { return false; }
                using (var pinned = new X509Chain())
                {
                    pinned.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    pinned.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    pinned.ChainPolicy.CustomTrustStore.Add(ca);
                    return pinned.Build(new X509Certificate2(certificate));
                }
            };
            client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
            caPath = caPemPath;
        }

        public static string[] Send(string method, string url, string token, string body)
        {
            using (var request = new HttpRequestMessage(new HttpMethod(method), url))
            {
                if (token != null) { request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token); }
                if (body != null) { request.Content = new StringContent(body, Encoding.UTF8, "application/json"); }
                using (var response = client.Send(request))
                {
                    string text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                    return new[] { ((int)response.StatusCode).ToString(), text };
                }
            }
        }
    }
}
'@

function Initialize-EmulatorHttp {
    param([Parameter(Mandatory)] [string] $CaCertificatePath)
    if (-not ('VaultToolsTests.EmulatorHttp' -as [type])) {
        # Compiled once into the temp folder and loaded from there: the matrix runs its managed identities in
        # child sessions, and compiling the source again in each of them costs seconds.
        $hash = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($script:HttpSource + $PSVersionTable.PSVersion)))
        $dll = Join-Path ([IO.Path]::GetTempPath()) "VaultToolsTests.EmulatorHttp-$($hash.Substring(0, 16)).dll"
        if (-not (Test-Path $dll)) {
            $partial = "$dll.$PID.tmp"
            Add-Type -TypeDefinition $script:HttpSource -IgnoreWarnings -OutputAssembly $partial -OutputType Library
            Move-Item $partial $dll -Force
        }
        Add-Type -Path $dll
    }
    [VaultToolsTests.EmulatorHttp]::Init($CaCertificatePath)
}

function Get-EntryCollection([string] $Kind) {
    switch ($Kind) { 'secret' { 'secrets' } 'key' { 'keys' } 'certificate' { 'certificates' } default { throw "Unknown entry kind '$Kind'" } }
}

# https://{vault}.localhost:{port}/{secrets|keys|certificates}[/{name}[/{suffix}]]?api-version=...
function Get-EntryUri {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Vault, [Parameter(Mandatory)] [string] $Kind, [string] $Name, [string] $Suffix)
    $base = $Emulator.VaultUriTemplate.Replace('{vault}', $Vault.ToLowerInvariant())
    $path = Get-EntryCollection $Kind
    if ($Name) { $path += "/$Name" }
    if ($Suffix) { $path += "/$Suffix" }
    "$base$($path)?api-version=$($script:ApiVersion)"
}

# One REST call; the answer as status, parsed body and the error codes the service put in it.
function Invoke-EmulatorRest {
    param([Parameter(Mandatory)] [string] $Method, [Parameter(Mandatory)] [string] $Uri, [Parameter(Mandatory)] [string] $Token, $Body)
    $json = if ($null -ne $Body) { $Body | ConvertTo-Json -Depth 10 -Compress } else { $null }
    $answer = [VaultToolsTests.EmulatorHttp]::Send($Method, $Uri, $Token, $json)
    $parsed = $null
    if ($answer[1]) { try { $parsed = $answer[1] | ConvertFrom-Json } catch { $parsed = $null } }
    $errorBody = if ($parsed -and $parsed.PSObject.Properties['error']) { $parsed.error } else { $null }
    [pscustomobject]@{
        Status    = [int] $answer[0]
        Body      = $parsed
        Raw       = $answer[1]
        Code      = if ($errorBody) { $errorBody.code } else { $null }
        InnerCode = if ($errorBody -and $errorBody.PSObject.Properties['innererror'] -and $errorBody.innererror) { $errorBody.innererror.code } else { $null }
        Message   = if ($errorBody) { $errorBody.message } else { $null }
    }
}

function Get-CertificatePolicyBody([string] $Name) {
    @{ policy = @{
            key_props    = @{ exportable = $true; kty = 'RSA'; key_size = 2048; reuse_key = $false }
            secret_props = @{ contentType = 'application/x-pkcs12' }
            x509_props   = @{ subject = "CN=$Name"; validity_months = 12 }
            issuer       = @{ name = 'Self' }
        } }
}

# Waits until a certificate's pending operation is no longer in progress (creation answers 202 first).
function Wait-CertificateOperation {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Vault, [Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [string] $Token)
    $deadline = (Get-Date).AddSeconds(30)
    do {
        $pending = Invoke-EmulatorRest GET (Get-EntryUri $Emulator $Vault certificate $Name 'pending') $Token
        if ($pending.Status -ne 200 -or $pending.Body.status -ne 'inProgress') { return $pending }
        Start-Sleep -Milliseconds 200
    } while ((Get-Date) -lt $deadline)
    throw "The certificate operation of '$Name' in '$Vault' was still in progress after 30 s."
}

# Creates an entry as the given token's identity (the administrator in setup); fails loudly otherwise.
function New-EmulatorEntry {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Vault, [Parameter(Mandatory)] [string] $Kind, [Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [string] $Token)
    $answer = switch ($Kind) {
        'secret' { Invoke-EmulatorRest PUT (Get-EntryUri $Emulator $Vault secret $Name) $Token @{ value = "value of $Name" } }
        'key' { Invoke-EmulatorRest POST (Get-EntryUri $Emulator $Vault key $Name 'create') $Token @{ kty = 'RSA'; key_size = 2048 } }
        'certificate' { Invoke-EmulatorRest POST (Get-EntryUri $Emulator $Vault certificate $Name 'create') $Token (Get-CertificatePolicyBody $Name) }
    }
    if ($answer.Status -ge 300) { throw "Setup could not create $Kind '$Name' in '$Vault': $($answer.Status) $($answer.Raw)" }
    if ($Kind -eq 'certificate') {
        $done = Wait-CertificateOperation $Emulator $Vault $Name $Token
        if ($done.Body.status -ne 'completed') { throw "Setup: certificate '$Name' in '$Vault' ended as '$($done.Body.status)': $($done.Raw)" }
    }
}

# Runs each cell (Id, Vault, Kind, Op, Entry) as the session's identity. Outcome: Allowed, Denied (the
# cmdlet's VaultAccessDenied/PermissionDenied, or a REST 403), or Failed (anything else: a finding).
function Invoke-AccessProbe {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [object[]] $Cells)
    Initialize-EmulatorHttp $Emulator.CaCertificatePath
    $token = Get-VaultAccessToken -AsPlainText
    foreach ($cell in $Cells) {
        $vault = $cell.Vault; $name = $cell.Entry; $kind = $cell.Kind
        $viaCmdlet = $null
        $rest = $null
        switch ("$kind/$($cell.Op)") {
            'secret/get' { $viaCmdlet = { Get-VaultSecret -VaultName $vault -Name $name -AsPlainText -ErrorAction Stop | Out-Null } }
            'secret/list' { $viaCmdlet = { Get-VaultSecret -VaultName $vault -ErrorAction Stop | Out-Null } }
            'secret/set' { $viaCmdlet = { Set-VaultSecret -VaultName $vault -Name $name -PlainTextValue 'written by the probe' -ErrorAction Stop } }
            'secret/delete' { $rest = @('DELETE', (Get-EntryUri $Emulator $vault secret $name), $null) }
            'key/get' { $rest = @('GET', (Get-EntryUri $Emulator $vault key $name), $null) }
            'key/list' { $rest = @('GET', (Get-EntryUri $Emulator $vault key), $null) }
            'key/set' { $rest = @('POST', (Get-EntryUri $Emulator $vault key $name 'create'), @{ kty = 'RSA'; key_size = 2048 }) }
            'key/delete' { $rest = @('DELETE', (Get-EntryUri $Emulator $vault key $name), $null) }
            'certificate/get' { $rest = @('GET', (Get-EntryUri $Emulator $vault certificate $name), $null) }
            'certificate/list' { $rest = @('GET', (Get-EntryUri $Emulator $vault certificate), $null) }
            'certificate/set' { $rest = @('POST', (Get-EntryUri $Emulator $vault certificate $name 'create'), (Get-CertificatePolicyBody $name)) }
            'certificate/delete' { $rest = @('DELETE', (Get-EntryUri $Emulator $vault certificate $name), $null) }
            default { throw "Unknown cell $kind/$($cell.Op)" }
        }

        $result = [ordered]@{ Id = $cell.Id; Outcome = 'Allowed'; Status = $null; ErrorId = $null; Category = $null; ServiceCode = $null; Message = $null }
        if ($viaCmdlet) {
            try { & $viaCmdlet }
            catch {
                $result.ErrorId = ($_.FullyQualifiedErrorId -split ',')[0]
                $result.Category = "$($_.CategoryInfo.Category)"
                $result.Message = $_.Exception.Message
                $result.ServiceCode = if ($_.Exception.PSObject.Properties['ServiceErrorCode']) { $_.Exception.ServiceErrorCode } else { $null }
                $result.Status = if ($_.Exception.PSObject.Properties['Status']) { $_.Exception.Status } else { $null }
                $result.Outcome = if ($result.ErrorId -eq 'VaultAccessDenied' -and $result.Category -eq 'PermissionDenied') { 'Denied' } else { 'Failed' }
            }
        }
        else {
            $answer = Invoke-EmulatorRest $rest[0] $rest[1] $token $rest[2]
            $result.Status = $answer.Status
            $result.ServiceCode = if ($answer.InnerCode) { $answer.InnerCode } else { $answer.Code }
            $result.Message = $answer.Message
            $result.Outcome = if ($answer.Status -ge 200 -and $answer.Status -lt 300) { 'Allowed' } elseif ($answer.Status -eq 403) { 'Denied' } else { 'Failed' }
            if ($kind -eq 'certificate' -and $cell.Op -eq 'set' -and $result.Outcome -eq 'Allowed') {
                Wait-CertificateOperation $Emulator $vault $name $token | Out-Null # let the new version finish before the next cell
            }
        }
        [pscustomobject]$result
    }
}

Export-ModuleMember -Function Initialize-EmulatorHttp, Get-EntryUri, Invoke-EmulatorRest, New-EmulatorEntry, Wait-CertificateOperation, Invoke-AccessProbe
