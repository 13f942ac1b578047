using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using VaultTools.Connection;
using VaultTools.Emulator;
using VaultTools.Errors;
using VaultTools.Internal;
using VaultTools.Keys;
using Xunit;

namespace VaultTools.Core.Tests.Keys;

/// <summary>
/// One emulator for the Core integration tests, started through Core's own EmulatorProcess (as
/// Start-VaultEmulator does) and connected with VaultConnection.Open in emulator mode: the client is
/// proven against a server, not only against recordings. A premium vault is added for HSM keys.
/// </summary>
public sealed class CoreEmulatorFixture : IDisposable
{
    private readonly string _dataPath;
    private readonly string _configPath;

    public CoreEmulatorFixture()
    {
        _dataPath = Path.Combine(Path.GetTempPath(), "vaulttools-core-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_dataPath);
        _configPath = _dataPath + "-config.json";
        File.WriteAllText(_configPath, """{ "vaults": [ { "name": "premiumkv", "sku": "premium" } ] }""");
        Emulator = EmulatorProcess.Start(new EmulatorStartOptions
        {
            EmulatorPath = typeof(CoreEmulatorFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "EmulatorAssemblyPath").Value!,
            DataPath = _dataPath,
            InMemory = true,
            ConfigPath = _configPath,
        });
        Connection = VaultConnection.Open(new ConnectionRequest { Credential = CredentialKind.Default, Emulator = Emulator });
        Keys = new KeyService(Connection);
        Vault = Connection.DefaultVault!;
        Premium = Connection.ResolveVault("premiumkv", null);
    }

    public VaultEmulator Emulator { get; }
    public VaultConnection Connection { get; }
    public KeyService Keys { get; }
    public VaultAddress Vault { get; }
    public VaultAddress Premium { get; }

    public string TempFile(string name) => Path.Combine(_dataPath, name);

    public void Dispose()
    {
        EmulatorProcess.Stop(Emulator.ProcessId);
        try
        {
            Directory.Delete(_dataPath, recursive: true);
            File.Delete(_configPath);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class CoreEmulatorCollection : ICollectionFixture<CoreEmulatorFixture>
{
    public const string Name = "Core against the emulator";
}

/// <summary>
/// Every KeyService operation against the emulator, with cryptographic results checked
/// independently: encrypt or wrap locally with the public key the service returned and decrypt or
/// unwrap through the vault; sign through the vault and verify locally.
/// </summary>
[Collection(CoreEmulatorCollection.Name)]
public sealed class KeyServiceEmulatorTests(CoreEmulatorFixture emulator)
{
    private KeyService Keys => emulator.Keys;
    private VaultAddress Vault => emulator.Vault;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    [Fact]
    public void Create_read_list_and_versions()
    {
        var name = Unique("core");
        var rsa = Keys.Create(Vault, new KeyCreate { Name = name, KeyType = "RSA", Size = 3072, Tags = new Dictionary<string, string> { ["team"] = "a" } });
        Assert.Equal("RSA", rsa.KeyType);
        Assert.Equal(3072, rsa.KeySize);
        Assert.Equal(new[] { "encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey" }, rsa.KeyOps);
        Assert.Equal($"{Vault.Uri}keys/{name}/{rsa.Version}", rsa.Id);
        Assert.Equal("a", rsa.Tags["team"]);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", rsa.Key!.Pem);
        Assert.DoesNotContain("\"d\"", rsa.Key.Json);
        using (var fromPem = RSA.Create())
        {
            fromPem.ImportFromPem(rsa.Key.Pem);
            Assert.Equal(rsa.Key.N, fromPem.ExportParameters(false).Modulus);
        }

        var ec = Keys.Create(Vault, new KeyCreate { Name = name, KeyType = "EC", CurveName = "P-256K", KeyOps = new[] { "sign" } });
        Assert.Equal("P-256K", ec.CurveName);
        Assert.Null(ec.KeySize);
        Assert.Equal(new[] { "sign" }, ec.KeyOps);

        Assert.Equal(ec.Version, Keys.Get(Vault, name, null).Version);
        Assert.Equal(rsa.Version, Keys.Get(Vault, name, rsa.Version).Version);
        Assert.Equal(rsa.Version, Keys.GetById(new Uri(rsa.Id)).Version);
        var listed = Keys.List(Vault, n => n == name).Single();
        Assert.Equal(name, listed.Name);
        Assert.Null(listed.Version);
        var versions = Keys.ListVersions(Vault, name).ToList();
        Assert.Equal(2, versions.Count);
        Assert.Equal(new[] { rsa.Version, ec.Version }.OrderBy(v => v), versions.Select(v => v.Version).OrderBy(v => v));

        var missing = Assert.Throws<VaultException>(() => Keys.Get(Vault, Unique("absent"), null));
        Assert.Equal("VaultKeyNotFound", missing.ErrorId);
        Assert.Equal(404, missing.Status);
        Assert.Equal("VaultKeyNotFound", Assert.Throws<VaultException>(() => Keys.ListVersions(Vault, Unique("absent")).ToList()).ErrorId);
    }

    [Fact]
    public void Listing_follows_pages_of_the_emulator()
    {
        var prefix = Unique("pages");
        for (var i = 0; i < 27; i++)
        {
            Keys.Create(Vault, new KeyCreate { Name = $"{prefix}-{i:00}", KeyType = "EC" });
        }
        Assert.Equal(27, Keys.List(Vault, n => n.StartsWith(prefix, StringComparison.Ordinal)).Count());
    }

    [Fact]
    public void Hsm_keys_need_a_premium_vault()
    {
        var refused = Assert.Throws<VaultException>(() => Keys.Create(Vault, new KeyCreate { Name = Unique("hsm"), KeyType = "RSA", Destination = KeyDestination.HSM }));
        Assert.Equal("HsmKeyNotAllowedOnStandardVault", refused.ErrorId);
        Assert.Equal(403, refused.Status);
        Assert.Contains("premium", refused.Message);

        var hsm = Keys.Create(emulator.Premium, new KeyCreate { Name = Unique("hsm"), KeyType = "EC", CurveName = "P-384", Destination = KeyDestination.HSM });
        Assert.Equal("EC-HSM", hsm.KeyType);
        Assert.True(hsm.HardwareProtected);
        Assert.Equal("premiumkv", hsm.VaultName);
    }

    [Fact]
    public void Import_from_a_json_web_key_and_from_a_pfx_file()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        var p = ec.ExportParameters(true);
        var jwk = new JsonObject { ["kty"] = "EC", ["crv"] = "P-521", ["x"] = Base64Url.Encode(p.Q.X!), ["y"] = Base64Url.Encode(p.Q.Y!), ["d"] = Base64Url.Encode(p.D!) }.ToJsonString();
        var name = Unique("jwk");
        var imported = Keys.Import(Vault, new KeyImport { Name = name, JsonWebKey = jwk, KeyOps = new[] { "sign", "verify" } });
        Assert.Equal("EC", imported.KeyType);
        Assert.Equal("P-521", imported.CurveName);
        Assert.Equal(p.Q.X, imported.Key!.X);

        var key = Keys.ResolveOperationKey(Vault, name, null);
        var data = Encoding.UTF8.GetBytes("signed with an imported key");
        var signature = Keys.Sign(key, null, data, null);
        Assert.Equal("ES512", signature.Algorithm);
        Assert.True(ec.VerifyData(data, signature.Result, HashAlgorithmName.SHA512, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=core-import", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var pfx = emulator.TempFile(Unique("pfx") + ".pfx");
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, "pfx-pass"));
        var fromPfx = Keys.Import(Vault, new KeyImport { Name = Unique("pfx"), KeyFilePath = pfx, KeyFilePassword = SecureStrings.FromPlainText("pfx-pass") });
        Assert.Equal(rsa.ExportParameters(false).Modulus, fromPfx.Key!.N);
    }

    [Fact]
    public void Update_disables_and_changes_ops_tags_and_dates()
    {
        var name = Unique("upd");
        Keys.Create(Vault, new KeyCreate { Name = name, KeyType = "RSA", Tags = new Dictionary<string, string> { ["a"] = "1" } });
        var expires = DateTimeOffset.UtcNow.AddDays(20);
        var updated = Keys.Update(Vault, name, null, new KeyUpdate
        {
            Enabled = false,
            Expires = expires,
            Tags = new Dictionary<string, string> { ["b"] = "2" },
            KeyOps = new[] { "wrapKey", "unwrapKey" },
        });
        Assert.False(updated.Enabled);
        Assert.Equal(expires.ToUnixTimeSeconds(), updated.Expires!.Value.ToUnixTimeSeconds());
        Assert.Equal(new[] { "b" }, updated.Tags.Keys);
        Assert.Equal(new[] { "wrapKey", "unwrapKey" }, updated.KeyOps);

        // Disabled: readable, and re-enabled through the same path (Update reads the key first).
        Assert.False(Keys.Get(Vault, name, null).Enabled);
        var disabledKey = Keys.ResolveOperationKey(Vault, name, null);
        var refused = Assert.Throws<VaultException>(() => Keys.Encrypt(disabledKey, null, new byte[16], wrap: true));
        Assert.Equal("VaultKeyOperationNotAllowed", refused.ErrorId);
        Assert.Equal("KeyDisabled", refused.ServiceErrorCode);
        Assert.True(Keys.Update(Vault, name, null, new KeyUpdate { Enabled = true }).Enabled);
    }

    [Fact]
    public void Remove_get_removed_recover_and_purge()
    {
        var name = Unique("del");
        var created = Keys.Create(Vault, new KeyCreate { Name = name, KeyType = "EC" });
        var removal = Keys.Remove(Vault, name);
        Assert.True(Keys.WaitFor(removal));
        var deleted = removal.Result;
        Assert.Equal($"{Vault.Uri}deletedkeys/{name}", deleted.RecoveryId);
        Assert.Equal(created.Version, deleted.Version);
        Assert.Equal(90, (deleted.ScheduledPurgeDate!.Value - deleted.DeletedOn!.Value).TotalDays);
        Assert.Equal(name, Keys.GetDeleted(Vault, name).Name);
        Assert.Contains(Keys.ListDeleted(Vault), d => d.Name == name);

        var conflict = Assert.Throws<VaultException>(() => Keys.Create(Vault, new KeyCreate { Name = name, KeyType = "EC" }));
        Assert.Equal("VaultKeyDeletedButRecoverable", conflict.ErrorId);

        var recovery = Keys.StartRecover(Vault, name);
        Assert.Equal(created.Version, recovery.Result.Version);
        Assert.True(Keys.WaitFor(recovery));
        Assert.Equal(created.Version, Keys.Get(Vault, name, null).Version);
        Assert.True(Keys.WaitFor(Keys.Remove(Vault, name)));
        Keys.Purge(Vault, name);
        Assert.Equal("VaultKeyNotFound", Assert.Throws<VaultException>(() => Keys.GetDeleted(Vault, name)).ErrorId);
        Assert.Equal("VaultKeyNotFound", Assert.Throws<VaultException>(() => Keys.StartRecover(Vault, name)).ErrorId);
    }

    [Fact]
    public void Backup_to_a_file_and_restore_after_purge()
    {
        var name = Unique("bak");
        var first = Keys.Create(Vault, new KeyCreate { Name = name, KeyType = "RSA" });
        var second = Keys.Rotate(Vault, name);
        var file = Keys.Backup(Vault, name, emulator.TempFile(name + ".keybackup"), overwrite: false);
        Assert.True(file.Length > 0);
        Assert.Equal("OutputFileExists", Assert.Throws<VaultException>(() => Keys.Backup(Vault, name, file.FullName, overwrite: false)).ErrorId);

        var conflict = Assert.Throws<VaultException>(() => Keys.Restore(Vault, file.FullName));
        Assert.Equal(409, conflict.Status);

        Assert.True(Keys.WaitFor(Keys.Remove(Vault, name)));
        Keys.Purge(Vault, name);
        var restored = Keys.Restore(Vault, file.FullName);
        Assert.Equal(second.Version, restored.Version);
        Assert.Equal(first.Key!.N, Keys.Get(Vault, name, first.Version).Key!.N);
    }

    [Fact]
    public void Rotation_policy_round_trip_and_rotation_applies_its_expiry()
    {
        var name = Unique("rot");
        var first = Keys.Create(Vault, new KeyCreate { Name = name, KeyType = "EC", CurveName = "P-384" });
        var defaults = Keys.GetRotationPolicy(Vault, name);
        Assert.Null(defaults.Id);
        Assert.Equal("P30D", defaults.NotifyBeforeExpiry);

        var set = Keys.SetRotationPolicy(Vault, name, new RotationPolicyWrite { ExpiresIn = "p90d", RotateBeforeExpiry = "P30D", NotifyBeforeExpiry = "P14D" });
        Assert.Equal($"{Vault.Uri}keys/{name}/rotationpolicy", set.Id);
        var read = Keys.GetRotationPolicy(Vault, name);
        Assert.Equal("P90D", read.ExpiresIn);
        Assert.Equal("P30D", read.RotateBeforeExpiry);
        Assert.Equal("P14D", read.NotifyBeforeExpiry);
        Assert.NotNull(read.Created);

        var rotated = Keys.Rotate(Vault, name);
        Assert.NotEqual(first.Version, rotated.Version);
        Assert.Equal("P-384", rotated.CurveName);
        Assert.Equal(rotated.Created!.Value.AddDays(90), rotated.Expires);
        Assert.NotEqual(first.Key!.X, rotated.Key!.X);
    }

    public static TheoryData<string, bool> EncryptionAlgorithms => new()
    {
        { "RSA-OAEP", false }, { "RSA-OAEP-256", false }, { "RSA1_5", false },
        { "RSA-OAEP", true }, { "RSA-OAEP-256", true }, { "RSA1_5", true },
    };

    [Theory]
    [MemberData(nameof(EncryptionAlgorithms))]
    public void Encrypted_or_wrapped_locally_is_decrypted_or_unwrapped_by_the_vault_and_back(string algorithm, bool wrap)
    {
        var name = Unique("crypt");
        Keys.Create(Vault, new KeyCreate { Name = name, KeyType = "RSA" });
        var key = Keys.ResolveOperationKey(Vault, name, null);
        var secret = RandomNumberGenerator.GetBytes(32);
        var padding = algorithm switch { "RSA-OAEP" => RSAEncryptionPadding.OaepSHA1, "RSA-OAEP-256" => RSAEncryptionPadding.OaepSHA256, _ => RSAEncryptionPadding.Pkcs1 };
        using var rsa = key.Key!.ToRSA();
        var local = rsa.Encrypt(secret, padding);
        var opened = Keys.Decrypt(key, algorithm, local, wrap);
        Assert.Equal(secret, opened.Result);
        Assert.Equal(wrap ? "UnwrapKey" : "Decrypt", opened.Operation);
        Assert.Equal(key.Id, opened.KeyId);

        var protectedByVault = Keys.Encrypt(key, algorithm, secret, wrap);
        Assert.Equal(256, protectedByVault.Result.Length);
        Assert.Equal(secret, Keys.Decrypt(key, algorithm, protectedByVault.Result, wrap).Result);
    }

    [Theory]
    [InlineData("RSA", null, "RS256")]
    [InlineData("RSA", null, "RS384")]
    [InlineData("RSA", null, "RS512")]
    [InlineData("RSA", null, "PS256")]
    [InlineData("RSA", null, "PS384")]
    [InlineData("RSA", null, "PS512")]
    [InlineData("EC", "P-256", "ES256")]
    [InlineData("EC", "P-384", "ES384")]
    [InlineData("EC", "P-521", "ES512")]
    [InlineData("EC", "P-256K", "ES256K")]
    public void Signed_by_the_vault_verifies_locally_and_Verify_agrees(string keyType, string? curve, string algorithm)
    {
        var name = Unique("sign");
        Keys.Create(Vault, new KeyCreate { Name = name, KeyType = keyType, CurveName = curve });
        var key = Keys.ResolveOperationKey(Vault, name, null);
        var data = Encoding.UTF8.GetBytes("data for " + algorithm);
        var signature = Keys.Sign(key, algorithm, data, null);
        Assert.Equal(algorithm, signature.Algorithm);
        var hash = new HashAlgorithmName("SHA" + (algorithm == "ES256K" ? "256" : algorithm[2..]));
        if (keyType == "RSA")
        {
            using var rsa = key.Key!.ToRSA();
            Assert.True(rsa.VerifyData(data, signature.Result, hash, algorithm.StartsWith("PS", StringComparison.Ordinal) ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1));
        }
        else
        {
            using var ec = key.Key!.ToECDsa();
            Assert.True(ec.VerifyData(data, signature.Result, hash));
        }
        Assert.True(Keys.Verify(key, algorithm, data, null, signature.Result));
        Assert.False(Keys.Verify(key, algorithm, Encoding.UTF8.GetBytes("other"), null, signature.Result));
    }

    [Fact]
    public void An_operation_the_key_does_not_permit_is_the_service_KeyOperationForbidden()
    {
        var name = Unique("ops");
        Keys.Create(Vault, new KeyCreate { Name = name, KeyType = "RSA", KeyOps = new[] { "sign", "verify" } });
        var key = Keys.ResolveOperationKey(Vault, name, null);
        var refused = Assert.Throws<VaultException>(() => Keys.Encrypt(key, null, new byte[8], wrap: false));
        Assert.Equal("VaultKeyOperationNotAllowed", refused.ErrorId);
        Assert.Equal("KeyOperationForbidden", refused.ServiceErrorCode);
        Assert.Equal(403, refused.Status);
    }
}
