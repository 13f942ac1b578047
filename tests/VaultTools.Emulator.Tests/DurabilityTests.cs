using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Net;
using Azure.Security.KeyVault.Secrets;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

[CollectionDefinition(Name)]
public sealed class DurabilityCollection
{
    public const string Name = "Durability";
}

/// <summary>--data-dir without --in-memory: an acknowledged write survives kill -9 and a restart.</summary>
[Collection(DurabilityCollection.Name)]
public sealed class DurabilityTests
{
    [Fact]
    public async Task Acknowledged_writes_survive_kill_9_and_restart_with_the_same_identity_and_ca()
    {
        var dataPath = EmulatorProcess.NewDataDirectory();
        try
        {
            string version;
            EmulatorInfo firstInfo;
            string caPem;
            using (var first = await EmulatorProcess.StartAsync(dataPath))
            {
                firstInfo = first.Info;
                Assert.True(firstInfo.Persistent);
                Assert.True(File.Exists(Path.Combine(dataPath, "vault.db")));
                caPem = await File.ReadAllTextAsync(firstInfo.CaCertificatePath);
                var client = Client(first.Info);
                await client.SetSecretAsync("durable", "v1");
                version = (await client.SetSecretAsync(new KeyVaultSecret("durable", "v2") { Properties = { Tags = { ["k"] = "v" } } })).Value.Properties.Version;
                await (await client.StartDeleteSecretAsync("durable")).WaitForCompletionAsync();
                await (await client.StartRecoverDeletedSecretAsync("durable")).WaitForCompletionAsync();
                await client.SetSecretAsync("deleted-one", "x");
                await client.StartDeleteSecretAsync("deleted-one");

                // ARM changes are durable too: a vault created, a role granted, a default role revoked.
                using var arm = new ArmCaller(first.Info);
                Assert.Equal(HttpStatusCode.Created, await arm.SendAsync(HttpMethod.Put, $"{VaultId(first.Info, "armvault")}?api-version=2023-07-01",
                    $$$"""{"location":"emulator","properties":{"tenantId":"{{{first.Info.TenantId}}}","sku":{"family":"A","name":"standard"},"enableRbacAuthorization":true}}"""));
                Assert.Equal(HttpStatusCode.Created, await arm.SendAsync(HttpMethod.Put,
                    $"{VaultId(first.Info, "armvault")}/providers/Microsoft.Authorization/roleAssignments/{GrantName}?api-version=2022-04-01",
                    $$$"""{"properties":{"roleDefinitionId":"/subscriptions/{{{first.Info.SubscriptionId}}}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6","principalId":"{{{first.Info.Identity("system").ObjectId}}}"}}"""));
                var systemDefault = await arm.FindAsync(first.Info, first.Info.Identity("system").ObjectId, "00482a5a-887f-4fb3-b363-3b7fe8e74483");
                Assert.NotNull(systemDefault);
                Assert.Equal(HttpStatusCode.OK, await arm.SendAsync(HttpMethod.Delete, $"/subscriptions/{first.Info.SubscriptionId}/providers/Microsoft.Authorization/roleAssignments/{systemDefault}?api-version=2022-04-01"));
                first.KillHard();
                Assert.True(first.HasExited);
            }

            using var second = await EmulatorProcess.StartAsync(dataPath);
            Assert.Equal(firstInfo.TenantId, second.Info.TenantId);
            Assert.Equal(firstInfo.SubscriptionId, second.Info.SubscriptionId);
            Assert.Equal(firstInfo.Identity("admin").ClientSecret, second.Info.Identity("admin").ClientSecret);
            Assert.Equal(firstInfo.Identity("system").ObjectId, second.Info.Identity("system").ObjectId);
            Assert.Equal(caPem, await File.ReadAllTextAsync(second.Info.CaCertificatePath));

            var again = Client(second.Info);
            KeyVaultSecret read = await again.GetSecretAsync("durable");
            Assert.Equal("v2", read.Value);
            Assert.Equal(version, read.Properties.Version);
            Assert.Equal("v", read.Properties.Tags["k"]);
            var versions = 0;
            await foreach (var _ in again.GetPropertiesOfSecretVersionsAsync("durable"))
            {
                versions++;
            }
            Assert.Equal(2, versions);
            DeletedSecret stillDeleted = await again.GetDeletedSecretAsync("deleted-one");
            Assert.Equal("deleted-one", stillDeleted.Name);

            using var armAgain = new ArmCaller(second.Info);
            Assert.Equal(HttpStatusCode.OK, await armAgain.SendAsync(HttpMethod.Get, $"{VaultId(second.Info, "armvault")}?api-version=2023-07-01"));
            Assert.Equal(HttpStatusCode.OK, await armAgain.SendAsync(HttpMethod.Get,
                $"{VaultId(second.Info, "armvault")}/providers/Microsoft.Authorization/roleAssignments/{GrantName}?api-version=2022-04-01"));
            // The revoked default stays revoked: the defaults are seeded once per database, not at every start.
            Assert.Null(await armAgain.FindAsync(second.Info, second.Info.Identity("system").ObjectId, "00482a5a-887f-4fb3-b363-3b7fe8e74483"));
            Assert.NotNull(await armAgain.FindAsync(second.Info, second.Info.Identity("admin").ObjectId, "00482a5a-887f-4fb3-b363-3b7fe8e74483"));
        }
        finally
        {
            try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { }
        }
    }

    private static Azure.Security.KeyVault.Certificates.CertificateClient CertificateClient(EmulatorInfo info)
    {
        var ca = EmulatorTransport.LoadCa(info.CaCertificatePath);
        var transport = EmulatorTransport.CreateTransport(ca);
        var admin = info.Identity("admin");
        var credential = new Azure.Identity.ClientSecretCredential(info.TenantId, admin.ClientId, admin.ClientSecret,
            new Azure.Identity.ClientSecretCredentialOptions { AuthorityHost = new Uri(info.AuthorityHost), DisableInstanceDiscovery = true, Transport = transport });
        return new Azure.Security.KeyVault.Certificates.CertificateClient(new Uri(info.VaultUri), credential,
            new Azure.Security.KeyVault.Certificates.CertificateClientOptions { Transport = transport, DisableChallengeResourceVerification = true });
    }

    private static byte[]? TryDecode(string text)
    {
        try
        {
            return KeyApi.FromB64(text.TrimEnd('='));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The private key's D, P and Q appear neither raw in the stored bytes nor inside any base64 or base64url run
    /// (a PKCS#8 or JWK stored as text would show there).
    /// </summary>
    private static void AssertNotStoredInClear(string stored, System.Security.Cryptography.RSAParameters privateParameters)
    {
        var unescaped = stored.Replace("\\u002B", "+", StringComparison.Ordinal).Replace("\\u002F", "/", StringComparison.Ordinal);
        var decodedRuns = System.Text.RegularExpressions.Regex.Matches(unescaped, "[A-Za-z0-9+/_-]{64,}={0,2}")
            .Select(m => TryDecode(m.Value)).Where(b => b is not null).Select(b => System.Text.Encoding.Latin1.GetString(b!)).ToList();
        Assert.NotEmpty(decodedRuns);
        foreach (var secret in new[] { privateParameters.D!, privateParameters.P!, privateParameters.Q! })
        {
            var needle = System.Text.Encoding.Latin1.GetString(secret[..24]);
            Assert.DoesNotContain(needle, stored);
            Assert.DoesNotContain(decodedRuns, run => run.Contains(needle, StringComparison.Ordinal));
        }
    }

    private static Task<KeyApi> KeysAsync(EmulatorInfo info) => Task.FromResult(KeyApi.For(info));

    private const string GrantName = "5c6a3d1e-7d2b-4c61-9a55-0b1f3e2d4c5a";

    private static string VaultId(EmulatorInfo info, string vault) =>
        $"/subscriptions/{info.SubscriptionId}/resourceGroups/{info.ResourceGroupName}/providers/Microsoft.KeyVault/vaults/{vault}";

    /// <summary>Raw ARM calls as the administrator, on the pinned transport.</summary>
    private sealed class ArmCaller(EmulatorInfo info) : IDisposable
    {
        private readonly HttpClient _http = EmulatorTransport.CreateHttpClient(EmulatorTransport.LoadCa(info.CaCertificatePath));
        private string? _token;

        public async Task<HttpStatusCode> SendAsync(HttpMethod method, string pathAndQuery, string? body = null) =>
            (await SendForBodyAsync(method, pathAndQuery, body)).Status;

        /// <summary>The name of the principal's assignment of a role at subscription scope, or null.</summary>
        public async Task<string?> FindAsync(EmulatorInfo emulator, string principalId, string roleGuid)
        {
            var (_, text) = await SendForBodyAsync(HttpMethod.Get,
                $"/subscriptions/{emulator.SubscriptionId}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=atScope()");
            var value = System.Text.Json.Nodes.JsonNode.Parse(text)!["value"]!.AsArray();
            return value.FirstOrDefault(a => a!["properties"]!["principalId"]!.GetValue<string>() == principalId
                && a["properties"]!["roleDefinitionId"]!.GetValue<string>().EndsWith(roleGuid, StringComparison.Ordinal))?["name"]!.GetValue<string>();
        }

        private async Task<(HttpStatusCode Status, string Text)> SendForBodyAsync(HttpMethod method, string pathAndQuery, string? body = null)
        {
            if (_token is null)
            {
                var admin = info.Identity("admin");
                using var form = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = admin.ClientId!,
                    ["client_secret"] = admin.ClientSecret!,
                    ["scope"] = "https://management.azure.com/.default",
                });
                using var tokenResponse = await _http.PostAsync($"{info.AuthorityHost}{info.TenantId}/oauth2/v2.0/token", form);
                _token = System.Text.Json.Nodes.JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
            }
            using var request = new HttpRequestMessage(method, new Uri(new Uri(info.ManagementEndpoint), pathAndQuery));
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _token);
            if (body is not null)
            {
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            }
            using var response = await _http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        public void Dispose() => _http.Dispose();
    }

    internal static SecretClient Client(EmulatorInfo info)
    {
        var ca = EmulatorTransport.LoadCa(info.CaCertificatePath);
        var transport = EmulatorTransport.CreateTransport(ca);
        var admin = info.Identity("admin");
        var credential = new Azure.Identity.ClientSecretCredential(info.TenantId, admin.ClientId, admin.ClientSecret,
            new Azure.Identity.ClientSecretCredentialOptions { AuthorityHost = new Uri(info.AuthorityHost), DisableInstanceDiscovery = true, Transport = transport });
        return new SecretClient(new Uri(info.VaultUri), credential,
            new SecretClientOptions { Transport = transport, DisableChallengeResourceVerification = true });
    }

    /// <summary>Its own class, so its own xunit collection: the kill-and-restart cases run side by side.</summary>
    public sealed class KeyDurability
    {
        [Fact]
        public async Task Keys_survive_kill_9_and_restart_and_their_private_parts_are_never_stored_in_clear()
        {
            var dataPath = EmulatorProcess.NewDataDirectory();
            try
            {
                using var original = System.Security.Cryptography.RSA.Create(2048);
                var privateParameters = original.ExportParameters(true);
                JsonObject imported, created, rotated;
                string firstUri;
                using (var first = await EmulatorProcess.StartAsync(dataPath))
                {
                    firstUri = first.Info.VaultUri;
                    var keys = await KeysAsync(first.Info);
                    imported = (await keys.Put("/keys/durable-imported", new JsonObject { ["key"] = KeyApi.PrivateJwk(original) })).Ok();
                    created = await keys.CreateEcAsync("durable-ec", "P-384");
                    (await keys.Put("/keys/durable-ec/rotationpolicy", JsonNode.Parse("""{"attributes":{"expiryTime":"P1Y"}}""")!)).Ok();
                    rotated = (await keys.Post("/keys/durable-ec/rotate")).Ok();
                    await keys.CreateEcAsync("durable-deleted");
                    (await keys.Delete("/keys/durable-deleted")).Ok();
                    first.KillHard();
                }

                // Neither the database nor its write-ahead log holds the private key in any plain encoding.
                var stored = string.Concat(Directory.GetFiles(dataPath, "vault.db*").Select(f => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f))));
                Assert.Contains("durable-imported", stored);
                AssertNotStoredInClear(stored, privateParameters);
                Assert.True(File.Exists(Path.Combine(dataPath, "key-material.key")));

                using var second = await EmulatorProcess.StartAsync(dataPath);
                var again = await KeysAsync(second.Info);
                // Ids carry the port the request came in on, which changed with the restart.
                string Moved(string json) => json.Replace(firstUri, second.Info.VaultUri, StringComparison.Ordinal);
                Assert.Equal(Moved(imported.ToJsonString()), (await again.Get("/keys/durable-imported")).Ok().ToJsonString());
                Assert.Equal(Moved(KeyApi.Kid(rotated)), KeyApi.Kid((await again.Get("/keys/durable-ec")).Ok()));
                Assert.Equal(Moved(created["key"]!.ToJsonString()), (await again.Get(KeyApi.PathOf(KeyApi.Kid(created)))).Ok()["key"]!.ToJsonString());
                Assert.Equal("P1Y", (await again.Get("/keys/durable-ec/rotationpolicy")).Ok()["attributes"]!["expiryTime"]!.GetValue<string>());
                (await again.Get("/deletedkeys/durable-deleted")).Ok();

                // The private key that was stored works after the restart: the vault decrypts what the original encrypts.
                var secretBytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
                var ciphertext = original.Encrypt(secretBytes, System.Security.Cryptography.RSAEncryptionPadding.OaepSHA256);
                Assert.Equal(secretBytes, await again.OperateAsync(Moved(KeyApi.Kid(imported)), "unwrapKey", "RSA-OAEP-256", ciphertext));
            }
            finally
            {
                try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { }
            }
        }
    }

    /// <summary>Its own class, so its own xunit collection (see KeyDurability).</summary>
    public sealed class CertificateDurability
    {
        [Fact]
        public async Task Certificates_survive_kill_9_and_restart_and_their_private_keys_are_never_stored_in_clear()
        {
            var dataPath = EmulatorProcess.NewDataDirectory();
            try
            {
                using var local = CertificateConformanceTests.LocalCertificate("CN=durable-import", TimeSpan.FromDays(60));
                using var localKey = local.GetRSAPrivateKey()!;
                var privateParameters = localKey.ExportParameters(true);
                string importedVersion, createdVersion;
                using (var first = await EmulatorProcess.StartAsync(dataPath))
                {
                    var certificates = CertificateClient(first.Info);
                    importedVersion = (await certificates.ImportCertificateAsync(new Azure.Security.KeyVault.Certificates.ImportCertificateOptions(
                        "durable-cert", local.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "pw")) { Password = "pw" })).Value.Properties.Version;
                    var operation = await certificates.StartCreateCertificateAsync("durable-created",
                        new Azure.Security.KeyVault.Certificates.CertificatePolicy("Self", "CN=durable-created") { ContentType = Azure.Security.KeyVault.Certificates.CertificateContentType.Pem });
                    createdVersion = (await operation.WaitForCompletionAsync(TimeSpan.FromMilliseconds(100), default)).Value.Properties.Version;
                    await (await certificates.StartCreateCertificateAsync("durable-gone", new Azure.Security.KeyVault.Certificates.CertificatePolicy("Self", "CN=gone")))
                        .WaitForCompletionAsync(TimeSpan.FromMilliseconds(100), default);
                    await certificates.StartDeleteCertificateAsync("durable-gone");
                    first.KillHard();
                }

                // Neither the database nor its write-ahead log holds the imported private key in any plain encoding.
                var stored = string.Concat(Directory.GetFiles(dataPath, "vault.db*").Select(f => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f))));
                Assert.Contains("durable-cert", stored);
                Assert.DoesNotContain("PRIVATE KEY", stored);
                AssertNotStoredInClear(stored, privateParameters);

                using var second = await EmulatorProcess.StartAsync(dataPath);
                var again = CertificateClient(second.Info);
                var imported = (await again.GetCertificateAsync("durable-cert")).Value;
                Assert.Equal(importedVersion, imported.Properties.Version);
                Assert.Equal(local.RawData, imported.Cer);
                Assert.Equal("CN=durable-import", imported.Policy.Subject);
                var created = (await again.GetCertificateAsync("durable-created")).Value;
                Assert.Equal(createdVersion, created.Properties.Version);
                Assert.Equal("completed", (await again.GetCertificateOperationAsync("durable-created")).Properties.Status);
                Assert.Equal("durable-gone", (await again.GetDeletedCertificateAsync("durable-gone")).Value.Name);

                // The backing secrets still hold the private keys, decrypted with the data folder's key.
                var secrets = Client(second.Info);
                var pfxSecret = (await secrets.GetSecretAsync("durable-cert")).Value;
                using var pfx = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(pfxSecret.Value), null);
                Assert.Equal(privateParameters.D, pfx.GetRSAPrivateKey()!.ExportParameters(true).D);
                var pemSecret = (await secrets.GetSecretAsync("durable-created")).Value;
                using var pem = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(pemSecret.Value, pemSecret.Value);
                Assert.Equal(created.Cer, pem.RawData);
                CertificateConformanceTests.AssertKeyBelongs(pem);
                Assert.StartsWith(second.Info.VaultUri, created.KeyId.ToString(), StringComparison.Ordinal);
            }
            finally
            {
                try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { }
            }
        }
    }

    /// <summary>Its own class, so its own xunit collection (see KeyDurability).</summary>
    public sealed class FileModes
    {
        [SkippableFact]
        public async Task The_data_folder_the_database_and_its_journal_are_readable_by_their_owner_only()
        {
            if (OperatingSystem.IsWindows())
            {
                throw new SkipException("Unix file modes are checked on Linux and macOS only: on Windows the data folder inherits the user profile's ACL.");
            }

            var parent = EmulatorProcess.NewDataDirectory();
            var dataPath = Path.Combine(parent, "fresh"); // not there yet: the emulator creates it
            try
            {
                using var emulator = await EmulatorProcess.StartAsync(dataPath);
                await Client(emulator.Info).SetSecretAsync("mode-check", "stored as given");

                const UnixFileMode ownerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                Assert.Equal(ownerOnlyFile | UnixFileMode.UserExecute, File.GetUnixFileMode(dataPath));
                foreach (var file in new[] { "vault.db", "vault.db-wal", "vault.db-shm", "emulator.json", "state.json", "key-material.key", "backup.key", "jwt-signing-key.pem", "ca.key.pem" })
                {
                    var path = Path.Combine(dataPath, file);
                    Assert.True(File.Exists(path), file + " exists");
                    Assert.True((File.GetUnixFileMode(path) & ~ownerOnlyFile) == 0, $"{file} is {File.GetUnixFileMode(path)}");
                }
            }
            finally
            {
                Directory.Delete(parent, recursive: true);
            }
        }
    }

    /// <summary>Its own class, so its own xunit collection (see KeyDurability).</summary>
    public sealed class InMemory
    {
        [Fact]
        public async Task In_memory_entries_are_gone_after_a_restart_but_identities_stay()
        {
            var dataPath = EmulatorProcess.NewDataDirectory();
            try
            {
                EmulatorInfo firstInfo;
                using (var first = await EmulatorProcess.StartAsync(dataPath, "--in-memory"))
                {
                    firstInfo = first.Info;
                    Assert.False(firstInfo.Persistent);
                    await Client(first.Info).SetSecretAsync("ephemeral", "x");
                }
                Assert.False(File.Exists(Path.Combine(dataPath, "vault.db")));
                using var second = await EmulatorProcess.StartAsync(dataPath, "--in-memory");
                Assert.Equal(firstInfo.Identity("admin").ClientId, second.Info.Identity("admin").ClientId);
                var ex = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => Client(second.Info).GetSecretAsync("ephemeral"));
                Assert.Equal(404, ex.Status);
            }
            finally
            {
                try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { }
            }
        }
    }
}
