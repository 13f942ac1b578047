using System.Security.Cryptography;
using VaultTools.Errors;
using VaultTools.Keys;
using Xunit;

namespace VaultTools.Core.Tests.Keys;

/// <summary>Bad input is refused before any request, naming the parameter and the rule.</summary>
public class KeyValidationTests
{
    private static (KeyService Service, Connection.VaultAddress Vault, FakeTransport Transport) Offline()
    {
        var transport = new FakeTransport(r => throw new InvalidOperationException("No request should have been sent: " + r.Method + " " + r.Uri));
        var (service, vault, _) = KeyServiceRecordingTests.Connect(transport);
        return (service, vault, transport);
    }

    private static VaultException Refused(Action action, string errorId, string parameter, FakeTransport transport)
    {
        var ex = Assert.Throws<VaultException>(action);
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal(VaultErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal(parameter, ex.ParameterName);
        Assert.Contains("-" + parameter, ex.Message);
        Assert.Empty(transport.Requests);
        return ex;
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(2047)]
    [InlineData(8192)]
    public void Rsa_sizes_other_than_2048_3072_4096_are_refused(int size)
    {
        var (service, vault, transport) = Offline();
        var ex = Refused(() => service.Create(vault, new KeyCreate { Name = "k", KeyType = "RSA", Size = size }), "InvalidKeySize", "Size", transport);
        Assert.Contains("2048, 3072 or 4096", ex.Message);
    }

    [Theory]
    [InlineData("P-192")]
    [InlineData("secp256r1")]
    [InlineData("P-256-K")]
    public void Unknown_curves_are_refused(string curve)
    {
        var (service, vault, transport) = Offline();
        Refused(() => service.Create(vault, new KeyCreate { Name = "k", KeyType = "EC", CurveName = curve }), "InvalidCurveName", "CurveName", transport);
    }

    [Theory]
    [InlineData("oct", "InvalidKeyType", "KeyType")]
    [InlineData("RSA-HSM", "InvalidKeyType", "KeyType")]
    [InlineData("DSA", "InvalidKeyType", "KeyType")]
    public void Key_types_are_RSA_or_EC(string type, string errorId, string parameter)
    {
        var (service, vault, transport) = Offline();
        Refused(() => service.Create(vault, new KeyCreate { Name = "k", KeyType = type }), errorId, parameter, transport);
    }

    [Fact]
    public void Size_with_EC_and_curve_with_RSA_are_refused()
    {
        var (service, vault, transport) = Offline();
        Refused(() => service.Create(vault, new KeyCreate { Name = "k", KeyType = "EC", Size = 2048 }), "SizeWithEc", "Size", transport);
        Refused(() => service.Create(vault, new KeyCreate { Name = "k", KeyType = "RSA", CurveName = "P-256" }), "CurveNameWithRsa", "CurveName", transport);
    }

    [Theory]
    [InlineData("bad_name")]
    [InlineData("")]
    [InlineData("has space")]
    public void Key_names_follow_the_entry_rules(string name)
    {
        var (service, vault, transport) = Offline();
        Refused(() => service.Create(vault, new KeyCreate { Name = name, KeyType = "RSA" }), "InvalidKeyName", "Name", transport);
        Refused(() => service.Get(vault, name, null), "InvalidKeyName", "Name", transport);
    }

    [Fact]
    public void Key_operations_must_exist_and_suit_the_key_type()
    {
        var (service, vault, transport) = Offline();
        Refused(() => service.Create(vault, new KeyCreate { Name = "k", KeyType = "RSA", KeyOps = new[] { "sign", "launch" } }), "InvalidKeyOperation", "KeyOps", transport);
        Refused(() => service.Create(vault, new KeyCreate { Name = "k", KeyType = "EC", KeyOps = new[] { "sign", "encrypt" } }), "InvalidKeyOperation", "KeyOps", transport);
        Assert.Equal(new[] { "wrapKey", "unwrapKey" }, KeyRules.CheckKeyOperations(new[] { "WRAPKEY", "unwrapkey", "wrapKey" }, "RSA", "KeyOps"));
    }

    private static VaultKey RsaKey() => new() { VaultName = "cpp-recordings", VaultUri = new Uri(Recordings.Vault), Name = "k", Version = "0123456789abcdef0123456789abcdef", Id = Recordings.Vault + "keys/k/0123456789abcdef0123456789abcdef", KeyType = "RSA", KeySize = 2048 };

    private static VaultKey EcKey(string curve = "P-256") => new() { VaultName = "cpp-recordings", VaultUri = new Uri(Recordings.Vault), Name = "e", Version = "0123456789abcdef0123456789abcdef", Id = Recordings.Vault + "keys/e/0123456789abcdef0123456789abcdef", KeyType = "EC", CurveName = curve };

    [Theory]
    [InlineData("A256GCM", "InvalidAlgorithm")]
    [InlineData("RSA-OAEP-512", "InvalidAlgorithm")]
    public void Encryption_algorithms_are_Key_Vaults(string algorithm, string errorId)
    {
        var (service, _, transport) = Offline();
        Refused(() => service.Encrypt(RsaKey(), algorithm, new byte[32], wrap: false), errorId, "Algorithm", transport);
    }

    [Fact]
    public void Algorithms_must_suit_the_key()
    {
        var (service, _, transport) = Offline();
        Refused(() => service.Encrypt(EcKey(), "RSA-OAEP-256", new byte[32], wrap: true), "AlgorithmNotValidForKey", "Algorithm", transport);
        Refused(() => service.Sign(RsaKey(), "ES256", new byte[] { 1 }, null), "AlgorithmNotValidForKey", "Algorithm", transport);
        Refused(() => service.Sign(EcKey("P-256"), "ES384", new byte[] { 1 }, null), "AlgorithmNotValidForKey", "Algorithm", transport);
        Refused(() => service.Sign(EcKey("P-256K"), "ES256", new byte[] { 1 }, null), "AlgorithmNotValidForKey", "Algorithm", transport);
        Refused(() => service.Sign(RsaKey(), "HS256", new byte[] { 1 }, null), "InvalidAlgorithm", "Algorithm", transport);
    }

    [Fact]
    public void Lengths_are_checked_against_the_algorithm_and_key_size()
    {
        var (service, _, transport) = Offline();
        // RSA-OAEP-256 with 2048 bits takes at most 256 - 66 = 190 bytes
        Refused(() => service.Encrypt(RsaKey(), "RSA-OAEP-256", new byte[191], wrap: false), "InvalidValueLength", "Value", transport);
        Refused(() => service.Encrypt(RsaKey(), "RSA-OAEP-256", Array.Empty<byte>(), wrap: false), "InvalidValueLength", "Value", transport);
        Refused(() => service.Decrypt(RsaKey(), null, new byte[100], unwrap: true), "InvalidValueLength", "Value", transport);
        Refused(() => service.Sign(RsaKey(), "RS384", null, new byte[32]), "InvalidDigestLength", "Digest", transport);
        Refused(() => service.Sign(RsaKey(), "RS256", new byte[3], new byte[32]), "ValueOrDigest", "Value", transport);
    }

    [Theory]
    [InlineData("P27D", null, null, null, "RotationPolicyExpiryTooShort", "ExpiresIn")]
    [InlineData("P1Y", "P6D", null, null, "RotationTimeTooShort", "RotateAfterCreate")]
    [InlineData("P1Y", null, "PT48H", null, "RotationTimeTooShort", "RotateBeforeExpiry")]
    [InlineData(null, null, "P30D", null, "RotationPolicyNeedsExpiry", "RotateBeforeExpiry")]
    [InlineData(null, null, null, "P30D", "RotationPolicyNeedsExpiry", "NotifyBeforeExpiry")]
    [InlineData("P1Y", null, null, "P6D", "RotationTimeTooShort", "NotifyBeforeExpiry")]
    [InlineData("P1Y", "P18M", null, null, "RotationAfterExpiry", "RotateAfterCreate")]
    [InlineData("P1Y", "P90D", "P30D", null, "RotationTriggerConflict", "RotateBeforeExpiry")]
    [InlineData("90 days", null, null, null, "InvalidDuration", "ExpiresIn")]
    [InlineData(null, null, null, null, "EmptyRotationPolicy", "ExpiresIn")]
    public void Rotation_policies_are_checked_as_the_service_does(string? expires, string? afterCreate, string? beforeExpiry, string? notify, string errorId, string parameter)
    {
        var (service, vault, transport) = Offline();
        Refused(() => service.SetRotationPolicy(vault, "k", new RotationPolicyWrite { ExpiresIn = expires, RotateAfterCreate = afterCreate, RotateBeforeExpiry = beforeExpiry, NotifyBeforeExpiry = notify }), errorId, parameter, transport);
    }

    [Fact]
    public void Iso_durations_parse_and_TimeSpans_convert()
    {
        Assert.Equal(90, IsoDuration.Parse("P90D", "x").ApproximateDays);
        Assert.Equal(540, IsoDuration.Parse("p18m", "x").ApproximateDays);
        Assert.Equal(375, IsoDuration.Parse("P1Y10D", "x").ApproximateDays);
        Assert.Equal(2, IsoDuration.Parse("PT48H", "x").ApproximateDays);
        Assert.Equal("P30D", IsoDuration.FromTimeSpan(TimeSpan.FromDays(30)));
        Assert.Equal("P1DT12H", IsoDuration.FromTimeSpan(TimeSpan.FromHours(36)));
        Assert.Throws<VaultException>(() => IsoDuration.Parse("P", "x"));
        Assert.Throws<VaultException>(() => IsoDuration.Parse("PT", "x"));
    }

    [Fact]
    public void Imports_need_a_supported_key_pair()
    {
        var (service, vault, transport) = Offline();
        using var small = RSA.Create(1024);
        string smallJwk = Jwk(VaultTools.Keys.Client.JsonWebKey.FromRsa(small, true));
        Refused(() => service.Import(vault, new KeyImport { Name = "k", JsonWebKey = smallJwk }), "InvalidKeySize", "JsonWebKey", transport);

        using var rsa = RSA.Create(2048);
        string publicOnly = Jwk(VaultTools.Keys.Client.JsonWebKey.FromRsa(rsa, false));
        Refused(() => service.Import(vault, new KeyImport { Name = "k", JsonWebKey = publicOnly }), "ImportNeedsPrivateKey", "JsonWebKey", transport);
        Refused(() => service.Import(vault, new KeyImport { Name = "k", JsonWebKey = "{not json" }), "InvalidJsonWebKey", "JsonWebKey", transport);
        Refused(() => service.Import(vault, new KeyImport { Name = "k", KeyFilePath = "/no/such/file.pfx" }), "KeyFileNotFound", "KeyFilePath", transport);
    }

    [Fact]
    public void A_pfx_with_the_wrong_password_is_refused_before_any_request()
    {
        var (service, vault, transport) = Offline();
        using var rsa = RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        string path = Path.Combine(Directory.CreateTempSubdirectory("vt-pfx").FullName, "k.pfx");
        File.WriteAllBytes(path, cert.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "right"));

        var ex = Refused(() => service.Import(vault, new KeyImport { Name = "k", KeyFilePath = path, KeyFilePassword = Internal.SecureStrings.FromPlainText("wrong") }), "KeyFileUnreadable", "KeyFilePassword", transport);
        Assert.DoesNotContain("wrong", ex.Message.Replace("is wrong", ""));
    }

    internal static string Jwk(VaultTools.Keys.Client.JsonWebKey key)
        => System.Text.Encoding.UTF8.GetString(VaultTools.Keys.Client.KeyClient.Json(key.Write));
}
