using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Security.KeyVault.Certificates;
using Azure.Security.KeyVault.Secrets;
using Xunit;

namespace VaultTools.Emulator.Tests.Infrastructure;

/// <summary>
/// One emulator per test collection: <c>--port 0 --data-dir temp --in-memory --parent-pid {test}</c>
/// plus a config with extra vaults and identities. Gives SDK clients and raw HTTP wired to it.
/// </summary>
public class EmulatorFixture : IAsyncLifetime
{
    public const string ConfigJson = """
        {
          "identities": [
            { "name": "reader", "type": "UserAssignedManagedIdentity", "clientId": "11111111-1111-1111-1111-111111111111", "objectId": "22222222-2222-2222-2222-222222222222" },
            { "name": "ops", "type": "ServicePrincipal" },
            { "name": "alice", "type": "User" },
            { "name": "certapp", "type": "ServicePrincipal", "certificate": "CERTIFICATE_PLACEHOLDER" }
          ],
          "vaults": [
            { "name": "paging", "sku": "standard" },
            { "name": "second", "sku": "premium" },
            { "name": "protected", "enablePurgeProtection": true, "softDeleteRetentionInDays": 7 },
            { "name": "apvault", "enableRbacAuthorization": false,
              "accessPolicies": [ { "identity": "ops", "permissions": { "secrets": ["get", "list"] } } ] }
          ],
          "roleAssignments": [
            { "principal": "reader", "roleDefinitionName": "Key Vault Secrets User", "scope": "/vaults/paging/secrets/app-secret" },
            { "principal": "reader", "roleDefinitionName": "Key Vault Secrets Officer", "scope": "/vaults/local" },
            { "principal": "certapp", "roleDefinitionName": "Key Vault Secrets Officer", "scope": "/vaults/local" }
          ]
        }
        """;

    /// <summary>The certificate registered for identity "certapp" (certificate credentials).</summary>
    public static readonly X509Certificate2 ClientCertificate = CreateClientCertificate();

    private static X509Certificate2 CreateClientCertificate()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new CertificateRequest("CN=certapp", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }

    private EmulatorProcess? _process;
    private X509Certificate2? _ca;
    private HttpClientTransport? _transport;

    public EmulatorInfo Info => _process!.Info;
    public EmulatorProcess Process => _process!;
    public X509Certificate2 Ca => _ca!;
    public HttpClient Http { get; private set; } = null!;
    public HttpClientTransport Transport => _transport!;
    public ClientSecretCredential AdminCredential { get; private set; } = null!;

    protected virtual string[] ExtraArguments => ["--in-memory"];

    /// <summary>The --config given to the emulator (CERTIFICATE_PLACEHOLDER becomes certapp's certificate).</summary>
    protected virtual string Config => ConfigJson;

    public async Task InitializeAsync()
    {
        var dataPath = EmulatorProcess.NewDataDirectory();
        var configPath = Path.Combine(dataPath, "..", Path.GetFileName(dataPath) + "-config.json");
        await File.WriteAllTextAsync(configPath, Config.Replace("CERTIFICATE_PLACEHOLDER", Convert.ToBase64String(ClientCertificate.RawData), StringComparison.Ordinal));
        _process = await EmulatorProcess.StartAsync(dataPath, [.. ExtraArguments, "--config", configPath]);
        _ca = EmulatorTransport.LoadCa(Info.CaCertificatePath);
        Http = EmulatorTransport.CreateHttpClient(_ca);
        _transport = EmulatorTransport.CreateTransport(_ca);
        AdminCredential = CreateCredential("admin");
    }

    public ClientSecretCredential CreateCredential(string identityName)
    {
        var identity = Info.Identity(identityName);
        return new ClientSecretCredential(Info.TenantId, identity.ClientId, identity.ClientSecret, new ClientSecretCredentialOptions
        {
            AuthorityHost = new Uri(Info.AuthorityHost),
            DisableInstanceDiscovery = true,
            Transport = Transport,
        });
    }

    /// <summary>A SecretClient for vault <paramref name="vault"/>, addressed as https://localhost:{port}/ when null.</summary>
    public SecretClient CreateSecretClient(string? vault = null, TokenCredential? credential = null, Action<SecretClientOptions>? configure = null)
    {
        var options = new SecretClientOptions
        {
            Transport = Transport,
            DisableChallengeResourceVerification = true,
        };
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(50);
        configure?.Invoke(options);
        var uri = vault is null ? new Uri(Info.VaultUri) : Info.VaultUriFor(vault);
        return new SecretClient(uri, credential ?? AdminCredential, options);
    }

    /// <summary>A CertificateClient for vault <paramref name="vault"/>, addressed as https://localhost:{port}/ when null.</summary>
    public CertificateClient CreateCertificateClient(string? vault = null, TokenCredential? credential = null)
    {
        var options = new CertificateClientOptions
        {
            Transport = Transport,
            DisableChallengeResourceVerification = true,
        };
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(50);
        var uri = vault is null ? new Uri(Info.VaultUri) : Info.VaultUriFor(vault);
        return new CertificateClient(uri, credential ?? AdminCredential, options);
    }

    public async Task<string> GetTokenAsync(string scope = "https://vault.azure.net/.default") =>
        (await AdminCredential.GetTokenAsync(new TokenRequestContext([scope]), default)).Token;

    public const string VaultScope = "https://vault.azure.net/.default";
    public const string ArmScope = "https://management.azure.com/.default";

    /// <summary>A token of a service principal of the config (client credentials, from the emulator's own token endpoint).</summary>
    public async Task<string> TokenForAsync(string identityName, string scope = VaultScope) =>
        (await CreateCredential(identityName).GetTokenAsync(new TokenRequestContext([scope]), default)).Token;

    /// <summary>A raw ARM request to the management endpoint, with the administrator's ARM token unless another is given.</summary>
    public async Task<HttpAnswer> ArmAsync(HttpMethod method, string pathAndQuery, string? jsonBody = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(new Uri(Info.ManagementEndpoint), pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? await GetTokenAsync(ArmScope));
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, System.Text.Encoding.UTF8, "application/json");
        }
        using var response = await Http.SendAsync(request);
        return await HttpAnswer.ReadAsync(response);
    }

    /// <summary>A raw data-plane request to a vault, read into an <see cref="HttpAnswer"/>.</summary>
    public async Task<HttpAnswer> VaultAsync(HttpMethod method, string vault, string pathAndQuery, string token, string? jsonBody = null)
    {
        using var response = await SendAsync(method, pathAndQuery, vault, jsonBody, token);
        return await HttpAnswer.ReadAsync(response);
    }

    /// <summary>/subscriptions/{s}/resourceGroups/emulator/providers/Microsoft.KeyVault/vaults/{vault}</summary>
    public string VaultId(string vault) =>
        $"/subscriptions/{Info.SubscriptionId}/resourceGroups/{Info.ResourceGroupName}/providers/Microsoft.KeyVault/vaults/{vault}";

    /// <summary>A raw authorized request to a vault host (<c>localhost</c> when <paramref name="vault"/> is null).</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, string? vault = null, string? jsonBody = null, string? token = null)
    {
        var baseUri = vault is null ? new Uri(Info.VaultUri) : Info.VaultUriFor(vault);
        using var request = new HttpRequestMessage(method, new Uri(baseUri, pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? await GetTokenAsync());
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, System.Text.Encoding.UTF8, "application/json");
        }
        return await Http.SendAsync(request);
    }

    public Task DisposeAsync()
    {
        Http?.Dispose();
        _process?.Dispose();
        _ca?.Dispose();
        try
        {
            if (_process is not null)
            {
                Directory.Delete(_process.DataPath, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 127)];
}

/// <summary>A response read in full: status, body text, parsed JSON (when it is JSON) and headers.</summary>
public sealed record HttpAnswer(System.Net.HttpStatusCode Status, string Text, System.Text.Json.Nodes.JsonNode? Json, System.Net.Http.Headers.HttpResponseHeaders Headers)
{
    public string? ErrorCode => Json?["error"]?["code"]?.GetValue<string>();
    public string? InnerCode => Json?["error"]?["innererror"]?["code"]?.GetValue<string>();
    public string? ErrorMessage => Json?["error"]?["message"]?.GetValue<string>();

    public static async Task<HttpAnswer> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        System.Text.Json.Nodes.JsonNode? json = null;
        try
        {
            json = text.Length == 0 ? null : System.Text.Json.Nodes.JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return new HttpAnswer(response.StatusCode, text, json, response.Headers);
    }

    public override string ToString() => $"{(int)Status} {Text}";
}

[CollectionDefinition(Name)]
public sealed class EmulatorCollection : ICollectionFixture<EmulatorFixture>
{
    public const string Name = "Emulator";
}
