using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using VaultTools.Connection;
using VaultTools.Emulator;
using VaultTools.Errors;
using Xunit;

namespace VaultTools.Core.Tests;

public class ConnectionTests
{
    private static VaultConnection AzureToken(string? vaultName = null)
        => VaultConnection.Open(new ConnectionRequest { Credential = CredentialKind.AccessToken, AccessToken = Internal.SecureStrings.FromPlainText("a.b.c"), VaultName = vaultName });

    [Fact]
    public void Vault_names_map_to_the_cloud_suffix()
    {
        var connection = AzureToken("Contoso-KV");
        Assert.Equal(new Uri("https://contoso-kv.vault.azure.net/"), connection.DefaultVault!.Uri);
        Assert.Equal("contoso-kv", connection.DefaultVault.Name);

        var china = VaultConnection.Open(new ConnectionRequest { Credential = CredentialKind.AccessToken, AccessToken = Internal.SecureStrings.FromPlainText("t"), Environment = "AzureChinaCloud" });
        Assert.Equal(new Uri("https://vlt1.vault.azure.cn/"), china.ResolveVault("vlt1", null).Uri);
    }

    [Fact]
    public void VaultUri_wins_over_VaultName_and_the_default()
    {
        var connection = AzureToken("first");
        var vault = connection.ResolveVault("second", new Uri("https://third.vault.azure.net"));
        Assert.Equal("third", vault.Name);
        Assert.Equal("second", connection.ResolveVault("second", null).Name);
        Assert.Equal("first", connection.ResolveVault(null, null).Name);
    }

    [Fact]
    public void No_vault_at_all_is_a_clear_error()
    {
        var ex = Assert.Throws<VaultException>(() => AzureToken().ResolveVault(null, null));
        Assert.Equal("VaultNotSpecified", ex.ErrorId);
    }

    [Theory]
    [InlineData("http://v.vault.azure.net/")]
    [InlineData("https://v.vault.azure.net/secrets/x")]
    public void Vault_uris_must_be_https_without_a_path(string uri)
    {
        var ex = Assert.Throws<VaultException>(() => AzureToken().ResolveVault(null, new Uri(uri)));
        Assert.Equal("InvalidVaultUri", ex.ErrorId);
        Assert.Equal("VaultUri", ex.ParameterName);
    }

    [Fact]
    public void Bad_vault_name_fails_before_any_request()
    {
        var ex = Assert.Throws<VaultException>(() => AzureToken().ResolveVault("no_underscores", null));
        Assert.Equal("InvalidVaultName", ex.ErrorId);
    }

    [Fact]
    public void Jwt_expiry_is_read_from_the_exp_claim()
    {
        string payload = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"exp":1900000000,"aud":"https://vault.azure.net"}""")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1900000000), CredentialFactory.ReadJwtExpiry($"eyJhbGciOiJub25lIn0.{payload}.sig"));
        Assert.Null(CredentialFactory.ReadJwtExpiry("not-a-jwt"));
    }

    [Fact]
    public void Emulator_file_is_read_with_the_contract_names_and_secrets_become_SecureStrings()
    {
        string dir = Directory.CreateTempSubdirectory("vt-emu").FullName;
        File.WriteAllText(Path.Combine(dir, "emulator.json"), JsonSerializer.Serialize(new
        {
            processId = 4242, dataPath = dir, vaultUri = "https://localhost:50123/", vaultUriTemplate = "https://{vault}.localhost:50123/",
            defaultVaultName = "local", tenantId = "t", authorityHost = "https://localhost:50123/", managementEndpoint = "https://localhost:50123/",
            subscriptionId = "s", resourceGroupName = "emulator", imdsEndpoint = "http://127.0.0.1:50124/metadata/identity/oauth2/token",
            identityEndpoint = "http://127.0.0.1:50124/msi/token", identityHeader = "h", caCertificatePath = Path.Combine(dir, "ca.pem"),
            identities = new object[] { new { name = "admin", type = "ServicePrincipal", objectId = "o", clientId = "c", clientSecret = "s3cr3t", applicationObjectId = "a" } },
            graphEndpoint = "https://localhost:50123/",
        }));

        var emulator = EmulatorFile.Read(dir);
        Assert.Equal(4242, emulator.ProcessId);
        Assert.Equal(new Uri("https://localhost:50123/"), emulator.VaultUri);
        Assert.Equal("s3cr3t", Internal.SecureStrings.ToPlainText(emulator.FindIdentity("admin")!.ClientSecret!));
        Assert.DoesNotContain("s3cr3t", emulator.FindIdentity("admin")!.ToString());
        Assert.Equal(new Uri("https://localhost:50123/"), emulator.GraphEndpoint);
        Assert.Equal("a", emulator.FindIdentity("admin")!.ApplicationObjectId);
        Assert.Null(EmulatorFile.TryReadFrom(dir, 1)); // written by another process
    }

    [Fact]
    public void Missing_emulator_file_is_a_clear_error()
    {
        var ex = Assert.Throws<VaultException>(() => EmulatorFile.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("n"))));
        Assert.Equal("EmulatorNotFound", ex.ErrorId);
    }

    [Fact]
    public void Pinned_trust_accepts_only_certificates_issued_by_the_emulator_ca()
    {
        using var ca = CreateCa("CN=emulator CA");
        using var other = CreateCa("CN=other CA");
        using var leaf = Issue(ca, "localhost");
        using var foreign = Issue(other, "localhost");

        Assert.True(EmulatorTrust.Validate(leaf, System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors, ca));
        Assert.False(EmulatorTrust.Validate(foreign, System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors, ca));
        Assert.False(EmulatorTrust.Validate(leaf, System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch, ca));
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("local.localhost", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("contoso.vault.azure.net", false)]
    [InlineData("evil-localhost.com", false)]
    public void Only_localhost_names_are_sent_to_loopback(string host, bool loopback)
        => Assert.Equal(loopback, EmulatorTrust.IsLoopbackName(host));

    private static X509Certificate2 CreateCa(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string dns)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + dns, key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(dns);
        request.CertificateExtensions.Add(san.Build());
        return request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), Guid.NewGuid().ToByteArray());
    }
}
