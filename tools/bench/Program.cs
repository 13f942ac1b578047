// Baselines for build.ps1 Bench. Two modes, each its own process:
//   serve --port P --cert-out FILE   a minimal Kestrel HTTPS endpoint that answers Key Vault's secret JSON (GET and
//                                    PUT /secrets/{name}) from a dictionary: the floor for the emulator's rates.
//   client                           reads one command a line on stdin, answers "ok <figures>" or "error <why>" a line
//                                    on stdout; tools/Bench.ps1 drives it, interleaved with the cmdlet runs.
// Tokens come on stdin (never on a command line). Not shipped; see VaultTools.Bench.csproj.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;

if (args.Length > 0 && args[0] == "serve")
{
    MinimalEndpoint.Run(args);
    return 0;
}

if (args.Length > 0 && args[0] == "client")
{
    return Client.Run();
}

Console.Error.WriteLine("usage: VaultTools.Bench serve --port P --cert-out FILE | client");
return 2;

/// <summary>A minimal HTTPS endpoint with the same JSON as the emulator's secrets, and nothing else (no auth, no storage).</summary>
internal static class MinimalEndpoint
{
    public static void Run(string[] args)
    {
        int port = int.Parse(Option(args, "--port"), CultureInfo.InvariantCulture);
        string certOut = Option(args, "--cert-out");
        // Made once and kept beside the PEM, as the emulator keeps its CA: start-up times then compare like with like.
        string pfx = certOut + ".pfx";
        using var cert = File.Exists(pfx) ? X509CertificateLoader.LoadPkcs12FromFile(pfx, null) : SelfSigned();
        File.WriteAllBytes(pfx, cert.Export(X509ContentType.Pkcs12));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, o => o.UseHttps(cert)));
        var app = builder.Build();
        var store = new ConcurrentDictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        app.MapGet("/secrets/{name}", (HttpContext http, string name) => Read(http, store, name));
        app.MapGet("/secrets/{name}/{version}", (HttpContext http, string name) => Read(http, store, name));
        app.MapPut("/secrets/{name}", async (HttpContext http, string name) =>
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body);
            var entry = new Entry(body.RootElement.GetProperty("value").GetString() ?? "", Guid.NewGuid().ToString("n"), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            store[name] = entry;
            return Results.Text(Json(http, name, entry), "application/json");
        });
        app.Start();
        File.WriteAllText(certOut, cert.ExportCertificatePem()); // once listening: the driver waits for this file
        app.WaitForShutdown();
    }

    private static IResult Read(HttpContext http, ConcurrentDictionary<string, Entry> store, string name)
        => store.TryGetValue(name, out var entry)
            ? Results.Text(Json(http, name, entry), "application/json")
            : Results.Text("{\"error\":{\"code\":\"SecretNotFound\",\"message\":\"A secret with (name/id) " + name + " was not found in this key vault.\"}}", "application/json", statusCode: 404);

    private static string Json(HttpContext http, string name, Entry entry)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("value", entry.Value);
            json.WriteString("id", $"https://{http.Request.Host}/secrets/{name}/{entry.Version}");
            json.WriteStartObject("attributes");
            json.WriteBoolean("enabled", true);
            json.WriteNumber("created", entry.Created);
            json.WriteNumber("updated", entry.Created);
            json.WriteString("recoveryLevel", "Recoverable+Purgeable");
            json.WriteNumber("recoverableDays", 90);
            json.WriteEndObject();
            json.WriteStartObject("tags");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Through PKCS#12 so that the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null);
    }

    private static string Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{name} is required.");
    }

    private sealed record Entry(string Value, string Version, long Created);
}

/// <summary>The command loop: official SecretClient runs, raw HTTPS load, and start-up probes.</summary>
internal static class Client
{
    private const string ApiVersion = "api-version=2025-07-01";
    private static readonly Dictionary<string, Target> Targets = new(StringComparer.Ordinal);

    public static int Run()
    {
        string? line;
        while ((line = Console.ReadLine()) != null)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            if (words[0] == "quit")
            {
                break;
            }

            try
            {
                Console.WriteLine("ok " + Execute(words));
            }
#pragma warning disable CA1031 // a failed command is reported to the driver, which prints it; the loop goes on
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Console.WriteLine("error " + ex.GetType().Name + ": " + ex.Message.ReplaceLineEndings(" "));
            }
        }

        foreach (var target in Targets.Values)
        {
            target.Dispose();
        }

        return 0;
    }

    private static string Execute(string[] w)
    {
        switch (w[0])
        {
            case "target": // target NAME BASE-URI CA-PEM ; the next line is the bearer token ("-" for none)
                string token = Console.ReadLine() ?? "";
                Targets[w[1]] = new Target(new Uri(w[2]), w[3], token == "-" ? "" : token);
                return w[1];
            case "sdk-seq": // sdk-seq TARGET PREFIX N: N GetSecret calls in a row
                return Time(() => SdkSequential(Targets[w[1]], w[2], Int(w[3])));
            case "sdk-bulk": // sdk-bulk TARGET PREFIX N K: N GetSecretAsync calls, K in flight
                return Time(() => SdkBulk(Targets[w[1]], w[2], Int(w[3]), Int(w[4])));
            case "sdk-list": // sdk-list TARGET: every secret's properties, paged
                int count = 0;
                string ms = Time(() => count = Targets[w[1]].Secrets.GetPropertiesOfSecrets().Count());
                return ms + " " + count.ToString(CultureInfo.InvariantCulture);
            case "load": // load TARGET get|set PREFIX N K: N raw HTTPS GETs or PUTs, K in flight
                return Time(() => Load(Targets[w[1]], w[2] == "set", w[3], Int(w[4]), Int(w[5])));
            case "startup": // startup URL CA-PEM EXE ARGS...: start a server, time until it first answers URL over HTTPS, stop it
                return StartUp(new Uri(w[1]), w[2], w[3], w[4..]);
            default:
                throw new ArgumentException($"unknown command '{w[0]}'");
        }
    }

    private static void SdkSequential(Target target, string prefix, int n)
    {
        for (int i = 1; i <= n; i++)
        {
            _ = target.Secrets.GetSecret(Name(prefix, i)).Value.Value;
        }
    }

    private static void SdkBulk(Target target, string prefix, int n, int inFlight)
        => Parallel.ForEachAsync(Enumerable.Range(1, n), new ParallelOptions { MaxDegreeOfParallelism = inFlight },
            async (i, ct) => _ = (await target.Secrets.GetSecretAsync(Name(prefix, i), cancellationToken: ct).ConfigureAwait(false)).Value.Value)
            .GetAwaiter().GetResult();

    private static void Load(Target target, bool set, string prefix, int n, int inFlight)
        => Parallel.ForEachAsync(Enumerable.Range(1, n), new ParallelOptions { MaxDegreeOfParallelism = inFlight }, async (i, ct) =>
        {
            var uri = new Uri(target.BaseUri, $"secrets/{Name(prefix, i)}?{ApiVersion}");
            using var request = new HttpRequestMessage(set ? HttpMethod.Put : HttpMethod.Get, uri);
            if (set)
            {
                request.Content = new StringContent("{\"value\":\"bench value\"}", Encoding.UTF8, "application/json");
            }

            using var response = await target.Http.SendAsync(request, ct).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            _ = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        }).GetAwaiter().GetResult();

    private static string StartUp(Uri url, string caPemPath, string exe, string[] arguments)
    {
        var start = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("not started");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Target? probe = null;
        try
        {
            while (watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"the server exited with code {process.ExitCode} before answering");
                }

                try
                {
                    // The server writes its CA (its certificate) before it listens: trust that one, as the targets do.
                    probe ??= File.Exists(caPemPath) ? new Target(url, caPemPath, "") : null;
                    if (probe != null)
                    {
                        using var response = probe.Http.GetAsync(url).GetAwaiter().GetResult();
                        return watch.Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture); // any status is an answer
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException || ex is IOException || ex is CryptographicException || ex is ArgumentException)
                {
                    // not listening yet, or the CA file half written
                    if (ex is not HttpRequestException)
                    {
                        probe?.Dispose();
                        probe = null;
                    }
                }

                Thread.Sleep(10);
            }

            throw new TimeoutException("no answer within 60 s");
        }
        finally
        {
            probe?.Dispose();
            if (!process.HasExited)
            {
                process.Kill(true);
                process.WaitForExit(10_000);
            }
        }
    }

    private static string Name(string prefix, int i) => prefix + "-" + i.ToString("d4", CultureInfo.InvariantCulture);

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    private static string Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture);
    }

    /// <summary>One server: an official SecretClient and a bare HttpClient, both trusting that server's CA only.</summary>
    private sealed class Target : IDisposable
    {
        private readonly X509Certificate2 _ca;
        private readonly SocketsHttpHandler _handler;

        public Target(Uri baseUri, string caPemPath, string token)
        {
            BaseUri = baseUri;
            _ca = X509Certificate2.CreateFromPem(File.ReadAllText(caPemPath));
            _handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = Validate } };
            Http = new HttpClient(_handler, disposeHandler: false);
            if (token.Length > 0)
            {
                Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            }

            var options = new SecretClientOptions
            {
                Transport = new HttpClientTransport(new HttpClient(_handler, disposeHandler: false)),
                DisableChallengeResourceVerification = true, // the emulator's challenge names its own resource
            };
            options.Diagnostics.IsLoggingEnabled = false;
            Secrets = new SecretClient(baseUri, new StaticToken(token), options);
        }

        public Uri BaseUri { get; }

        public HttpClient Http { get; }

        public SecretClient Secrets { get; }

        public void Dispose()
        {
            Http.Dispose();
            _handler.Dispose();
            _ca.Dispose();
        }

        private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                return false;
            }

            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.Add(_ca);
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return custom.Build(leaf);
        }
    }

    /// <summary>The token Bench.ps1 got from the emulator's managed-identity endpoint, for every scope (one sign-in).</summary>
    private sealed class StaticToken(string token) : TokenCredential
    {
        private readonly AccessToken _token = new(token, DateTimeOffset.UtcNow.AddHours(1));

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => _token;

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(_token);
    }
}
