using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VaultTools.Connection;
using VaultTools.Errors;
using VaultTools.Internal;
using VaultTools.Keys;
using Xunit;

namespace VaultTools.Core.Tests.Keys;

/// <summary>The keys client and KeyService against the real service's recorded responses.</summary>
public class KeyServiceRecordingTests
{
    internal static (KeyService Service, VaultAddress Vault, FakeCredential Credential) Connect(FakeTransport transport, string vaultUri = Recordings.Vault)
    {
        var credential = new FakeCredential();
        var connection = VaultConnection.ForTransport(new ConnectionRequest { Credential = CredentialKind.AccessToken, VaultUri = new Uri(vaultUri) }, transport, credential);
        return (new KeyService(connection), connection.DefaultVault!, credential);
    }

    [SkippableFact]
    public void Create_rsa_key_sends_the_spec_body_and_reads_the_recorded_bundle()
    {
        var transport = Recordings.Replay("KeyVaultKeyClient.CreateRsaKey");
        var (service, vault, _) = Connect(transport);

        var key = service.Create(vault, new KeyCreate { Name = "CreateRsaKey", KeyType = "rsa", Size = 2048, KeyOps = new[] { "Encrypt", "decrypt", "sign", "verify", "wrapkey", "unwrapKey" } });

        var create = transport.Authorized.Single();
        Assert.Equal("POST", create.Method);
        Assert.Equal("/keys/CreateRsaKey/create", create.Path);
        Assert.Equal("2025-07-01", create.Query("api-version"));
        Assert.Equal("RSA", create.Json.GetProperty("kty").GetString());
        Assert.Equal(2048, create.Json.GetProperty("key_size").GetInt32());
        Assert.Equal(new[] { "encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey" }, create.Json.GetProperty("key_ops").EnumerateArray().Select(e => e.GetString()));
        Assert.True(create.Json.GetProperty("attributes").GetProperty("enabled").GetBoolean());

        Assert.Equal("CreateRsaKey", key.Name);
        Assert.Equal("1e141cffaa43407b82179c2e2303dbc8", key.Version);
        Assert.Equal("https://cpp-recordings.vault.azure.net/keys/CreateRsaKey/1e141cffaa43407b82179c2e2303dbc8", key.Id);
        Assert.Equal("RSA", key.KeyType);
        Assert.Equal(2048, key.KeySize);
        Assert.False(key.HardwareProtected);
        Assert.Equal(6, key.KeyOps.Length);
        Assert.Equal(90, key.RecoverableDays);
        Assert.Equal("Recoverable+Purgeable", key.RecoveryLevel);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1638401410), key.Created);
        using var rsa = key.Key!.ToRSA();
        Assert.Equal(2048, rsa.KeySize);
        Assert.Equal(new byte[] { 1, 0, 1 }, rsa.ExportParameters(false).Exponent);

        var again = service.Get(vault, "CreateRsaKey", null);
        Assert.Equal("/keys/CreateRsaKey", transport.Authorized.Last().Path);
        Assert.Equal(key.Id, again.Id);
    }

    [SkippableFact]
    public void Listing_follows_nextLink_across_pages_and_keeps_short_pages()
    {
        var transport = Recordings.Replay("KeyVaultKeyClient.GetPropertiesOfKeysAllPages");
        var (service, vault, _) = Connect(transport);
        var recordedPages = Recordings.Load("KeyVaultKeyClient.GetPropertiesOfKeysAllPages").Where(r => r.Method == "GET").ToList();
        int expected = recordedPages.Sum(p => p.Json.GetProperty("value").GetArrayLength());

        var keys = service.List(vault).ToList();

        var gets = transport.Authorized.Where(r => r.Method == "GET").ToList();
        Assert.Equal(3, gets.Count);
        Assert.Equal("2025-07-01", gets[0].Query("api-version"));
        Assert.Null(gets[0].Query("$skiptoken"));
        Assert.NotNull(gets[1].Query("$skiptoken"));
        Assert.NotEqual(gets[1].Query("$skiptoken"), gets[2].Query("$skiptoken"));
        Assert.Equal(expected, keys.Count);
        Assert.Equal(59, keys.Count);
        Assert.Contains(keys, k => k.Name == "BackupKey" && k.Version is null && k.Id == "https://cpp-recordings.vault.azure.net/keys/BackupKey");
        Assert.All(keys, k => Assert.Equal("cpp-recordings", k.VaultName));
    }

    [SkippableFact]
    public void Versions_are_listed_newest_first()
    {
        var transport = Recordings.Replay("KeyVaultKeyClient.GetKeysVersions");
        var (service, vault, _) = Connect(transport);
        var recorded = Recordings.Load("KeyVaultKeyClient.GetKeysVersions").Where(r => r.Method == "GET" && r.Uri.AbsolutePath.EndsWith("/versions", StringComparison.Ordinal)).ToList();
        int expected = recorded.Sum(p => p.Json.GetProperty("value").GetArrayLength());

        var versions = service.ListVersions(vault, "GetKeysVersions").ToList();

        Assert.Equal("/keys/GetKeysVersions/versions", transport.Authorized.First().Path);
        Assert.Equal(expected, versions.Count);
        Assert.All(versions, v => Assert.Matches("^[0-9a-f]{32}$", v.Version!));
        Assert.Equal(versions.OrderByDescending(v => v.Created).Select(v => v.Version), versions.Select(v => v.Version));
    }

    [SkippableFact]
    public void Rotation_policy_put_body_matches_the_spec_and_rotate_returns_the_new_version()
    {
        var transport = Recordings.Replay("KeyVaultKeyClient.RotateKey");
        var (service, vault, _) = Connect(transport);

        var policy = service.SetRotationPolicy(vault, "RotateKey", new RotationPolicyWrite { ExpiresIn = "p48m", RotateAfterCreate = "P18M", NotifyBeforeExpiry = "P30D" });

        var put = transport.Authorized.Single(r => r.Method == "PUT");
        Assert.Equal("/keys/RotateKey/rotationpolicy", put.Path);
        Assert.Equal("""{"lifetimeActions":[{"trigger":{"timeAfterCreate":"P18M"},"action":{"type":"Rotate"}},{"trigger":{"timeBeforeExpiry":"P30D"},"action":{"type":"Notify"}}],"attributes":{"expiryTime":"P48M"}}""", put.BodyText);
        Assert.Equal("https://redacted.vault.azure.net/keys/RotateKey/rotationpolicy", policy.Id);
        Assert.Equal("P18M", policy.RotateAfterCreate);
        Assert.Equal("P30D", policy.NotifyBeforeExpiry);
        Assert.Equal("P48M", policy.ExpiresIn);
        Assert.Null(policy.RotateBeforeExpiry);
        Assert.Equal(2, policy.LifetimeActions.Length);

        var before = service.Get(vault, "RotateKey", null);
        var rotated = service.Rotate(vault, "RotateKey");
        var rotate = transport.Authorized.Last();
        Assert.Equal("POST", rotate.Method);
        Assert.Equal("/keys/RotateKey/rotate", rotate.Path);
        Assert.Null(rotate.Body);
        Assert.Equal("df9e586eb0d94a2bae281d067a2c1e2d", before.Version);
        Assert.Equal("05105ef03138429b8df43e0835f8218c", rotated.Version);
        Assert.Equal("EC", rotated.KeyType);
        Assert.Equal("P-256", rotated.CurveName);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1777413702), rotated.Expires);
    }

    [SkippableFact]
    public void Rotation_policy_get_reads_actions_and_expiry()
    {
        var transport = Recordings.Replay("KeyVaultKeyClient.GetKeyRotationPolicy");
        var (service, vault, _) = Connect(transport);

        var policy = service.GetRotationPolicy(vault, "GetKeyRotationPolicy");

        Assert.Equal("/keys/GetKeyRotationPolicy/rotationpolicy", transport.Authorized.Single().Path);
        Assert.Equal("P18M", policy.RotateAfterCreate);
        Assert.Equal("P30D", policy.NotifyBeforeExpiry);
        Assert.Equal("P48M", policy.ExpiresIn);
        Assert.Equal("GetKeyRotationPolicy", policy.KeyName);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1649797765), policy.Created);
    }

    [SkippableFact]
    public void Wrap_and_unwrap_go_to_the_key_version_with_base64url_values()
    {
        var transport = Recordings.Replay("Crypto-KeyVaultKeyClientWithParam.RemoteWrap-2048");
        var (service, vault, _) = Connect(transport);
        var key = service.Create(vault, new KeyCreate { Name = "RemoteWrap-2048", KeyType = "RSA", Size = 2048 });
        byte[] secret = Encoding.ASCII.GetBytes("A single block of plaintext\0");

        var wrapped = service.Encrypt(key, "rsa-oaep", secret, wrap: true);

        var wrap = transport.Authorized.Last();
        Assert.Equal("/keys/RemoteWrap-2048/87b7cff1f97b49ffaa3942aa010747a6/wrapKey", wrap.Path);
        Assert.Equal("RSA-OAEP", wrap.Json.GetProperty("alg").GetString());
        Assert.Equal(Base64Url.Encode(secret), wrap.Json.GetProperty("value").GetString());
        Assert.Equal("WrapKey", wrapped.Operation);
        Assert.Equal(256, wrapped.Result.Length);
        Assert.Equal("https://REDACTED.vault.azure.net/keys/RemoteWrap-2048/87b7cff1f97b49ffaa3942aa010747a6", wrapped.KeyId);
        Assert.Equal(wrapped.Result, Base64Url.Decode(wrapped.Base64Url));
        Assert.Equal(wrapped.Result, Convert.FromBase64String(wrapped.Base64));
        Assert.DoesNotContain(wrapped.Base64, wrapped.ToString());

        var unwrapped = service.Decrypt(key, "RSA-OAEP", wrapped.Result, unwrap: true);
        var unwrap = transport.Authorized.Last();
        Assert.Equal("/keys/RemoteWrap-2048/87b7cff1f97b49ffaa3942aa010747a6/unwrapKey", unwrap.Path);
        Assert.Equal(wrapped.Base64Url, unwrap.Json.GetProperty("value").GetString());
        Assert.Equal(secret, unwrapped.Result);
        Assert.Equal("UnwrapKey", unwrapped.Operation);
    }

    [SkippableFact]
    public void Creating_a_deleted_name_is_VaultKeyDeletedButRecoverable()
    {
        var transport = Recordings.Replay("KeyVaultKeyClient.CreateDeletedKey");
        var (service, vault, _) = Connect(transport);
        service.Create(vault, new KeyCreate { Name = "CreateDeletedKey", KeyType = "EC" });
        var deleted = service.Remove(vault, "CreateDeletedKey").Result;
        Assert.Equal("DELETE", transport.Authorized.Last().Method);
        Assert.Equal("/keys/CreateDeletedKey", transport.Authorized.Last().Path);
        Assert.Equal("https://cpp-recordings.vault.azure.net/deletedkeys/CreateDeletedKey", deleted.RecoveryId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1638401537), deleted.DeletedOn);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1646177537), deleted.ScheduledPurgeDate);

        // the recording polls the deleted key first (404 while deletion is in progress)
        var polling = Assert.Throws<VaultException>(() => service.GetDeleted(vault, "CreateDeletedKey"));
        Assert.Equal("VaultKeyNotFound", polling.ErrorId);

        var ex = Assert.Throws<VaultException>(() => service.Create(vault, new KeyCreate { Name = "CreateDeletedKey", KeyType = "EC" }));
        Assert.Equal(VaultErrorKind.Conflict, ex.Kind);
        Assert.Equal("VaultKeyDeletedButRecoverable", ex.ErrorId);
        Assert.Equal(409, ex.Status);
        Assert.Equal("ObjectIsDeletedButRecoverable", ex.ServiceErrorCode);
        Assert.IsType<Azure.RequestFailedException>(ex.InnerException);
    }

    [SkippableFact]
    public void A_missing_key_is_VaultKeyNotFound()
    {
        var transport = Recordings.Replay("KeyVaultKeyClient.DeleteInvalidKey");
        var (service, vault, _) = Connect(transport);

        var ex = Assert.Throws<VaultException>(() => service.Remove(vault, "DeleteInvalidKey"));

        Assert.Equal("VaultKeyNotFound", ex.ErrorId);
        Assert.Equal(VaultErrorKind.NotFound, ex.Kind);
        Assert.Equal("KeyNotFound", ex.ServiceErrorCode);
        Assert.Equal("https://cpp-recordings.vault.azure.net/keys/DeleteInvalidKey", ex.Target);
    }

    [SkippableFact]
    public void Backup_writes_the_blob_refuses_to_overwrite_and_restore_sends_it_back()
    {
        var transport = Recordings.Replay("KeyVaultKeyClient.BackupKey");
        var (service, vault, _) = Connect(transport);
        string file = Path.Combine(Directory.CreateTempSubdirectory("vt-keys").FullName, "key.backup");
        var recordedBlob = Base64Url.Decode(Recordings.Load("KeyVaultKeyClient.BackupKey").Single(r => r.Uri.AbsolutePath.EndsWith("/backup", StringComparison.Ordinal)).Json.GetProperty("value").GetString()!);
        service.Create(vault, new KeyCreate { Name = "BackupKey", KeyType = "EC" });

        var written = service.Backup(vault, "BackupKey", file, overwrite: false);

        Assert.Equal("/keys/BackupKey/backup", transport.Authorized.Last().Path);
        Assert.Equal(recordedBlob, File.ReadAllBytes(written.FullName));
        int sent = transport.Requests.Count;
        var exists = Assert.Throws<VaultException>(() => service.Backup(vault, "BackupKey", file, overwrite: false));
        Assert.Equal("OutputFileExists", exists.ErrorId);
        Assert.Equal(sent, transport.Requests.Count);

        service.Remove(vault, "BackupKey");
        var restored = service.Restore(vault, file);
        var restore = transport.Authorized.Last();
        Assert.Equal("/keys/restore", restore.Path);
        Assert.Equal(Base64Url.Encode(recordedBlob), restore.Json.GetProperty("value").GetString());
        Assert.Equal("BackupKey", restored.Name);
        Assert.Equal("67f92ccfe2604da68380647d043143e2", restored.Version);
    }

    [SkippableFact]
    public void Deleted_keys_are_listed_with_their_deletion_dates()
    {
        var transport = Recordings.Replay("KeyVaultKeyClient.GetDeletedKeys");
        var (service, vault, _) = Connect(transport);
        var recorded = Recordings.Load("KeyVaultKeyClient.GetDeletedKeys").Where(r => r.Method == "GET" && r.Uri.AbsolutePath.TrimEnd('/') == "/deletedkeys").ToList();
        Assert.NotEmpty(recorded);
        int expected = recorded.Sum(p => p.Json.GetProperty("value").GetArrayLength());

        var deleted = service.ListDeleted(vault).ToList();

        Assert.Equal(expected, deleted.Count);
        Assert.All(deleted, d => Assert.NotNull(d.RecoveryId));
        Assert.All(deleted, d => Assert.NotNull(d.ScheduledPurgeDate));
        Assert.All(deleted, d => Assert.False(string.IsNullOrEmpty(d.Name)));
    }

    [Fact]
    public void Hsm_refused_by_a_standard_vault_becomes_a_clear_error()
    {
        var transport = new FakeTransport(_ => FakeResponse.Json(403, """{"error":{"code":"Forbidden","message":"Hardware key operation not allowed on standard vault"}}"""));
        var (service, vault, _) = Connect(transport);

        var ex = Assert.Throws<VaultException>(() => service.Create(vault, new KeyCreate { Name = "hsm", KeyType = "RSA", Destination = KeyDestination.HSM }));

        Assert.Equal("RSA-HSM", transport.Authorized.Single().Json.GetProperty("kty").GetString());
        Assert.Equal("HsmKeyNotAllowedOnStandardVault", ex.ErrorId);
        Assert.Equal(VaultErrorKind.OperationNotAllowed, ex.Kind);
        Assert.Contains("premium", ex.Message);
        Assert.IsType<VaultException>(ex.InnerException);
    }

    [SkippableFact]
    public void Ec_hsm_and_curve_go_on_the_wire_as_the_spec_names_them()
    {
        var transport = Recordings.Replay("KeyVaultKeyClient.CreateEcKeyWithCurve");
        var name = Recordings.Load("KeyVaultKeyClient.CreateEcKeyWithCurve")[0].Uri.AbsolutePath.Split('/')[2];
        var (service, vault, _) = Connect(transport);

        service.Create(vault, new KeyCreate { Name = name, KeyType = "ec", CurveName = "p-384", Tags = new Dictionary<string, string> { ["team"] = "a" }, Expires = DateTimeOffset.FromUnixTimeSeconds(1900000000) });

        var body = transport.Authorized.Single().Json;
        Assert.Equal("EC", body.GetProperty("kty").GetString());
        Assert.Equal("P-384", body.GetProperty("crv").GetString());
        Assert.False(body.TryGetProperty("key_size", out _));
        Assert.Equal(1900000000, body.GetProperty("attributes").GetProperty("exp").GetInt64());
        Assert.Equal("a", body.GetProperty("tags").GetProperty("team").GetString());
    }

    [SkippableFact]
    public void Update_reads_the_latest_version_then_patches_it()
    {
        // The recording: create, PATCH the version, GET. Its create answer serves our first GET.
        var recorded = Recordings.Load("KeyVaultKeyClient.UpdateProperties");
        var getFirst = new FakeTransport(r => r.Method == "GET" ? FakeResponse.Json(200, recorded[0].Body) : FakeResponse.Json(200, recorded[1].Body));
        var (service, vault, _) = Connect(getFirst);

        var updated = service.Update(vault, "UpdateProperties", null, new KeyUpdate { Enabled = false, Expires = DateTimeOffset.FromUnixTimeSeconds(1919635200) });

        var patch = getFirst.Authorized.Last();
        Assert.Equal("PATCH", patch.Method);
        Assert.Equal("/keys/UpdateProperties/bc5aed53aa9d4c7a9f59b15483ced60a", patch.Path);
        Assert.False(patch.Json.GetProperty("attributes").GetProperty("enabled").GetBoolean());
        Assert.Equal(1919635200, patch.Json.GetProperty("attributes").GetProperty("exp").GetInt64());
        Assert.False(patch.Json.TryGetProperty("key_ops", out _));
        Assert.False(updated.Enabled);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1919635200), updated.Expires);
    }

    [Fact]
    public void Sign_hashes_data_locally_with_the_algorithms_sha_and_sends_the_digest()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var jwk = VaultTools.Keys.Client.JsonWebKey.FromECDsa(ec, false);
        string bundle = JsonSerializer.Serialize(new
        {
            key = new { kid = Recordings.Vault + "keys/signer/0123456789abcdef0123456789abcdef", kty = "EC", key_ops = new[] { "sign", "verify" }, crv = "P-256", x = Base64Url.Encode(jwk.X!), y = Base64Url.Encode(jwk.Y!) },
            attributes = new { enabled = true },
        });
        var transport = new FakeTransport(r =>
        {
            if (r.Method == "GET") return FakeResponse.Json(200, bundle);
            byte[] digest = Base64Url.Decode(r.Json.GetProperty("value").GetString()!);
            byte[] signature = ec.SignHash(digest);
            return FakeResponse.Json(200, JsonSerializer.Serialize(new { kid = Recordings.Vault + "keys/signer/0123456789abcdef0123456789abcdef", value = Base64Url.Encode(signature) }));
        });
        var (service, vault, _) = Connect(transport);
        byte[] data = Encoding.UTF8.GetBytes("release 1.2.3");

        var key = service.ResolveOperationKey(vault, "signer", null);
        var signed = service.Sign(key, null, data, null);

        var sign = transport.Authorized.Last();
        Assert.Equal("/keys/signer/0123456789abcdef0123456789abcdef/sign", sign.Path);
        Assert.Equal("ES256", sign.Json.GetProperty("alg").GetString());
        Assert.Equal(SHA256.HashData(data), Base64Url.Decode(sign.Json.GetProperty("value").GetString()!));
        Assert.Equal("ES256", signed.Algorithm);
        // verified locally with the public key from the vault's bundle, independently of the vault
        using var publicKey = key.Key!.ToECDsa();
        Assert.True(publicKey.VerifyData(data, signed.Result, HashAlgorithmName.SHA256));
        Assert.Same(key, service.ResolveOperationKey(vault, "signer", null));
    }
}
