using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

/// <summary>
/// The keys API over raw HTTP (the keys REST specification; bodies, statuses and errors as recorded sessions show):
/// create, import, get, list and versions with paging, update, the soft-delete cycle, backup and
/// restore, and the premium-only HSM rule.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class KeyConformanceTests(EmulatorFixture emulator)
{
    private readonly KeyApi _keys = new(emulator);

    private static readonly string[] PrivateParameters = ["d", "p", "q", "dp", "dq", "qi", "k", "key_hsm"];

    [Theory]
    [InlineData(null, 2048)]
    [InlineData(3072, 3072)]
    [InlineData(4096, 4096)]
    public async Task Create_rsa_returns_the_public_key_with_the_service_defaults(int? size, int expectedBits)
    {
        var name = EmulatorFixture.UniqueName("rsa");
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 2;
        var bundle = await _keys.CreateRsaAsync(name, size);

        Assert.Equal(["key", "attributes"], KeyApi.Names(bundle));
        var key = bundle["key"]!;
        Assert.Equal(["kid", "kty", "key_ops", "n", "e"], KeyApi.Names(key));
        Assert.Matches($"^{emulator.Info.VaultUri}keys/{name}/[0-9a-f]{{32}}$", KeyApi.Kid(bundle));
        Assert.Equal("RSA", key["kty"]!.GetValue<string>());
        Assert.Equal(["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"], key["key_ops"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal(expectedBits / 8, KeyApi.FromB64(key["n"]!.GetValue<string>()).Length);
        Assert.Equal("AQAB", key["e"]!.GetValue<string>());

        var attributes = bundle["attributes"]!;
        // The service's newer bodies end with exportable (recording KeyVaultKeyClient.RecoverOperationResumeToken).
        Assert.Equal(["enabled", "created", "updated", "recoveryLevel", "recoverableDays", "exportable"], KeyApi.Names(attributes));
        Assert.True(attributes["enabled"]!.GetValue<bool>());
        Assert.InRange(attributes["created"]!.GetValue<long>(), before, before + 30);
        Assert.Equal("Recoverable+Purgeable", attributes["recoveryLevel"]!.GetValue<string>());
        Assert.Equal(90, attributes["recoverableDays"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(null, "P-256", 32)]
    [InlineData("P-256", "P-256", 32)]
    [InlineData("P-384", "P-384", 48)]
    [InlineData("P-521", "P-521", 66)]
    [InlineData("P-256K", "P-256K", 32)]
    public async Task Create_ec_on_each_curve(string? curve, string expectedCurve, int coordinateBytes)
    {
        var bundle = await _keys.CreateEcAsync(EmulatorFixture.UniqueName("ec"), curve);
        var key = bundle["key"]!;
        Assert.Equal(["kid", "kty", "key_ops", "crv", "x", "y"], KeyApi.Names(key));
        Assert.Equal("EC", key["kty"]!.GetValue<string>());
        Assert.Equal(expectedCurve, key["crv"]!.GetValue<string>());
        Assert.Equal(["sign", "verify"], key["key_ops"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal(coordinateBytes, KeyApi.FromB64(key["x"]!.GetValue<string>()).Length);
        Assert.Equal(coordinateBytes, KeyApi.FromB64(key["y"]!.GetValue<string>()).Length);
        using var ec = KeyApi.PublicEc(bundle); // the point is on the curve, or this throws
    }

    [Fact]
    public async Task Create_with_key_ops_attributes_and_tags_and_a_new_version_under_the_same_name()
    {
        var name = EmulatorFixture.UniqueName("opts");
        var exp = DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds();
        var nbf = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds();
        var first = await _keys.CreateAsync(name, new JsonObject
        {
            ["kty"] = "RSA",
            ["key_ops"] = new JsonArray("wrapKey", "unwrapKey", "wrapKey"),
            ["attributes"] = new JsonObject { ["enabled"] = false, ["nbf"] = nbf, ["exp"] = exp },
            ["tags"] = new JsonObject { ["owner"] = "team-a" },
        });
        Assert.Equal(["key", "attributes", "tags"], KeyApi.Names(first));
        Assert.Equal(["wrapKey", "unwrapKey"], first["key"]!["key_ops"]!.AsArray().Select(o => o!.GetValue<string>()));
        var attributes = first["attributes"]!;
        Assert.Equal(["enabled", "nbf", "exp", "created", "updated", "recoveryLevel", "recoverableDays", "exportable"], KeyApi.Names(attributes));
        Assert.False(attributes["enabled"]!.GetValue<bool>());
        Assert.Equal(exp, attributes["exp"]!.GetValue<long>());
        Assert.Equal("team-a", first["tags"]!["owner"]!.GetValue<string>());

        var second = await _keys.CreateEcAsync(name.ToUpperInvariant());
        Assert.Contains($"/keys/{name}/", KeyApi.Kid(second)); // the first spelling stays
        Assert.NotEqual(KeyApi.VersionOf(first), KeyApi.VersionOf(second));
        Assert.Equal(KeyApi.Kid(second), KeyApi.Kid((await _keys.Get($"/keys/{name}")).Ok()));
    }

    [Fact]
    public async Task Hsm_keys_are_refused_on_a_standard_vault_and_created_on_a_premium_vault()
    {
        foreach (var body in new[] { new JsonObject { ["kty"] = "RSA-HSM" }, new JsonObject { ["kty"] = "EC-HSM", ["crv"] = "P-384" } })
        {
            var refused = await _keys.Post($"/keys/{EmulatorFixture.UniqueName("hsm")}/create", body);
            Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
            Assert.Equal("""{"error":{"code":"Forbidden","message":"Hardware key operation not allowed on standard vault"}}""", refused.Text);
        }

        var premium = new KeyApi(emulator, "second");
        var rsa = await premium.CreateAsync(EmulatorFixture.UniqueName("hsm"), new JsonObject { ["kty"] = "RSA-HSM", ["key_size"] = 2048 });
        Assert.Equal("RSA-HSM", rsa["key"]!["kty"]!.GetValue<string>());
        Assert.StartsWith(emulator.Info.VaultUriFor("second").ToString(), KeyApi.Kid(rsa));
        var ec = await premium.CreateAsync(EmulatorFixture.UniqueName("hsm"), new JsonObject { ["kty"] = "EC-HSM", ["crv"] = "P-384" });
        Assert.Equal("EC-HSM", ec["key"]!["kty"]!.GetValue<string>());

        var rsaImport = await _keys.Put($"/keys/{EmulatorFixture.UniqueName("hsmimport")}", new JsonObject { ["key"] = KeyApi.PrivateJwk(RSA.Create(2048)), ["Hsm"] = true });
        Assert.Equal(HttpStatusCode.Forbidden, rsaImport.Status);
        var premiumImport = (await premium.Put($"/keys/{EmulatorFixture.UniqueName("hsmimport")}", new JsonObject { ["key"] = KeyApi.PrivateJwk(RSA.Create(2048)), ["Hsm"] = true })).Ok();
        Assert.Equal("RSA-HSM", premiumImport["key"]!["kty"]!.GetValue<string>());
    }

    public static TheoryData<string, string> BadCreates => new()
    {
        { """{"kty":"RSA","key_size":1024}""", "1024" },
        { """{"kty":"RSA","key_size":8192}""", "8192" },
        { """{"kty":"RSA","public_exponent":3}""", "exponent" },
        { """{"kty":"EC","crv":"P-192"}""", "P-192" },
        { """{"kty":"oct"}""", "oct" },
        { """{"kty":"DSA"}""", "DSA" },
        { """{"key_size":2048}""", "kty" },
        { """{"kty":"RSA","key_ops":["sign","fly"]}""", "fly" },
        { """{"kty":"EC","key_ops":["encrypt"]}""", "encrypt" },
        { """{"kty":"RSA","attributes":{"enabled":"yes"}}""", "attributes" },
        { """{"kty":"RSA","attributes":{"exportable":true}}""", "release policy" },
        { """{"kty":"RSA","tags":{"a":1}}""", "tag" },
    };

    [Theory]
    [MemberData(nameof(BadCreates))]
    public async Task Bad_create_requests_are_BadParameter_and_create_nothing(string body, string messagePart)
    {
        var name = EmulatorFixture.UniqueName("bad");
        var (code, message, _) = (await _keys.Post($"/keys/{name}/create", JsonNode.Parse(body))).Error(HttpStatusCode.BadRequest);
        Assert.Equal("BadParameter", code);
        Assert.Contains(messagePart, message, StringComparison.OrdinalIgnoreCase);
        (await _keys.Get($"/keys/{name}")).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_names_are_BadParameter_and_unknown_keys_are_KeyNotFound_with_the_service_text()
    {
        var bad = await _keys.Post("/keys/bad_name/create", new JsonObject { ["kty"] = "EC" });
        Assert.Equal("""{"error":{"code":"BadParameter","message":"The request URI contains an invalid name: bad_name"}}""", bad.Expect(HttpStatusCode.BadRequest).Text);

        var missing = await _keys.Get("/keys/no-such-key");
        Assert.Equal(
            """{"error":{"code":"KeyNotFound","message":"A key with (name/id) no-such-key was not found in this key vault. If you recently deleted this key you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182"}}""",
            missing.Expect(HttpStatusCode.NotFound).Text);

        var name = EmulatorFixture.UniqueName("ver");
        await _keys.CreateEcAsync(name);
        Assert.Equal("KeyNotFound", (await _keys.Get($"/keys/{name}/0123456789abcdef0123456789abcdef")).Error(HttpStatusCode.NotFound).Code);
        Assert.Equal("KeyNotFound", (await _keys.Get($"/keys/{name}/not-a-version")).Error(HttpStatusCode.NotFound).Code);
        Assert.Equal("KeyNotFound", (await _keys.Post("/keys/no-such-key/rotate")).Error(HttpStatusCode.NotFound).Code);
        Assert.Equal("KeyNotFound", (await _keys.Get("/keys/no-such-key/rotationpolicy")).Error(HttpStatusCode.NotFound).Code);
        Assert.Equal("KeyNotFound", (await _keys.Delete("/keys/no-such-key")).Error(HttpStatusCode.NotFound).Code);
        Assert.Equal("KeyNotFound", (await _keys.Post("/keys/no-such-key/backup")).Error(HttpStatusCode.NotFound).Code);
    }

    [Fact]
    public async Task Get_latest_with_or_without_trailing_slash_and_by_version_in_any_api_version()
    {
        var name = EmulatorFixture.UniqueName("get");
        var first = await _keys.CreateEcAsync(name);
        var second = await _keys.CreateEcAsync(name);
        foreach (var apiVersion in new[] { "7.3", "7.6", "2025-07-01" })
        {
            var api = new KeyApi(emulator, apiVersion: apiVersion);
            Assert.Equal(KeyApi.Kid(second), KeyApi.Kid((await api.Get($"/keys/{name}")).Ok()));
            Assert.Equal(KeyApi.Kid(second), KeyApi.Kid((await api.Get($"/keys/{name}/")).Ok()));
            Assert.Equal(KeyApi.Kid(first), KeyApi.Kid((await api.Get(KeyApi.PathOf(KeyApi.Kid(first)))).Ok()));
        }
        // Same public key as created; never private parts.
        var read = (await _keys.Get(KeyApi.PathOf(KeyApi.Kid(first)))).Ok();
        Assert.Equal(first["key"]!.ToJsonString(), read["key"]!.ToJsonString());
        Assert.DoesNotContain(KeyApi.Names(read["key"]), PrivateParameters.Contains);
    }

    [Fact]
    public async Task Lists_page_with_maxresults_and_nextLink_and_never_show_key_material()
    {
        var paging = new KeyApi(emulator, "paging");
        var name = EmulatorFixture.UniqueName("pg");
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(KeyApi.VersionOf(await paging.CreateEcAsync($"{name}-{i}")));
        }
        for (var i = 0; i < 2; i++)
        {
            created.Add(KeyApi.VersionOf(await paging.CreateEcAsync($"{name}-0")));
        }

        var seen = new List<string>();
        var pages = 0;
        var page = (await paging.Get("/keys", "&maxresults=2")).Ok();
        while (true)
        {
            pages++;
            Assert.Equal(["value", "nextLink"], KeyApi.Names(page));
            foreach (var item in page["value"]!.AsArray())
            {
                Assert.Equal(["kid", "attributes"], KeyApi.Names(item));
                seen.Add(item!["kid"]!.GetValue<string>());
            }
            if (page["nextLink"] is null)
            {
                break;
            }
            var next = new Uri(page["nextLink"]!.GetValue<string>());
            Assert.Equal("/keys", next.AbsolutePath);
            Assert.Contains("api-version=2025-07-01", next.Query);
            Assert.Contains("$skiptoken=", next.Query);
            Assert.Contains("maxresults=2", next.Query);
            using var response = await emulator.SendAsync(HttpMethod.Get, next.PathAndQuery, "paging");
            page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        }
        var ours = seen.Where(k => k.Contains($"/keys/{name}-", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{emulator.Info.VaultUriFor("paging")}keys/{name}-{i}"), ours);
        Assert.True(pages >= 3);

        var versions = (await paging.Get($"/keys/{name}-0/versions", "&maxresults=1")).Ok();
        var versionKids = new List<string>();
        while (true)
        {
            versionKids.AddRange(versions["value"]!.AsArray().Select(v => v!["kid"]!.GetValue<string>()));
            if (versions["nextLink"] is null)
            {
                break;
            }
            using var response = await emulator.SendAsync(HttpMethod.Get, new Uri(versions["nextLink"]!.GetValue<string>()).PathAndQuery, "paging");
            versions = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        }
        Assert.Equal(3, versionKids.Count);
        Assert.Equal(versionKids.OrderBy(k => k, StringComparer.Ordinal), versionKids);
        Assert.Equal(new[] { created[0], created[5], created[6] }.Order(StringComparer.Ordinal), versionKids.Select(k => k.Split('/')[^1]));

        Assert.Empty((await paging.Get("/keys/never-made/versions")).Ok()["value"]!.AsArray());
        Assert.Equal("BadParameter", (await paging.Get("/keys", "&maxresults=26")).Error(HttpStatusCode.BadRequest).Code);
    }

    [Fact]
    public async Task Update_changes_attributes_tags_and_key_ops_of_one_version()
    {
        var name = EmulatorFixture.UniqueName("upd");
        var first = await _keys.CreateRsaAsync(name);
        var second = await _keys.CreateAsync(name, new JsonObject { ["kty"] = "RSA", ["tags"] = new JsonObject { ["a"] = "1" } });
        var exp = DateTimeOffset.UtcNow.AddDays(10).ToUnixTimeSeconds();

        var updated = (await _keys.Patch(KeyApi.PathOf(KeyApi.Kid(first)), new JsonObject
        {
            ["key_ops"] = new JsonArray("sign", "verify"),
            ["attributes"] = new JsonObject { ["enabled"] = false, ["exp"] = exp },
            ["tags"] = new JsonObject { ["b"] = "2" },
        })).Ok();
        Assert.Equal(KeyApi.Kid(first), KeyApi.Kid(updated));
        Assert.Equal(["sign", "verify"], updated["key"]!["key_ops"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.False(updated["attributes"]!["enabled"]!.GetValue<bool>());
        Assert.Equal(exp, updated["attributes"]!["exp"]!.GetValue<long>());
        Assert.Equal("2", updated["tags"]!["b"]!.GetValue<string>());
        Assert.Equal(first["key"]!["n"]!.GetValue<string>(), updated["key"]!["n"]!.GetValue<string>());

        // A disabled key is still readable: only operations are refused.
        var read = (await _keys.Get(KeyApi.PathOf(KeyApi.Kid(first)))).Ok();
        Assert.False(read["attributes"]!["enabled"]!.GetValue<bool>());
        // The other version is untouched; PATCH without a version updates the latest; {} clears tags.
        Assert.Equal("1", (await _keys.Get(KeyApi.PathOf(KeyApi.Kid(second)))).Ok()["tags"]!["a"]!.GetValue<string>());
        var cleared = (await _keys.Patch($"/keys/{name}", new JsonObject { ["tags"] = new JsonObject() })).Ok();
        Assert.Equal(KeyApi.Kid(second), KeyApi.Kid(cleared));
        Assert.Null(cleared["tags"]);

        Assert.Equal("BadParameter", (await _keys.Patch($"/keys/{name}", new JsonObject { ["key_ops"] = new JsonArray("teleport") })).Error(HttpStatusCode.BadRequest).Code);
        Assert.Equal("KeyNotFound", (await _keys.Patch($"/keys/{name}/0123456789abcdef0123456789abcdef", new JsonObject())).Error(HttpStatusCode.NotFound).Code);
    }

    [Fact]
    public async Task Delete_get_deleted_list_deleted_recover_and_purge()
    {
        var name = EmulatorFixture.UniqueName("del");
        var created = await _keys.CreateAsync(name, new JsonObject { ["kty"] = "EC", ["tags"] = new JsonObject { ["t"] = "v" } });

        var deleted = (await _keys.Delete($"/keys/{name}")).Ok();
        Assert.Equal(["recoveryId", "deletedDate", "scheduledPurgeDate", "key", "attributes", "tags"], KeyApi.Names(deleted));
        Assert.Equal($"{emulator.Info.VaultUri}deletedkeys/{name}", deleted["recoveryId"]!.GetValue<string>());
        Assert.Equal(90 * 86_400L, deleted["scheduledPurgeDate"]!.GetValue<long>() - deleted["deletedDate"]!.GetValue<long>());
        Assert.Equal(KeyApi.Kid(created), KeyApi.Kid(deleted));

        Assert.Equal("KeyNotFound", (await _keys.Get($"/keys/{name}")).Error(HttpStatusCode.NotFound).Code);
        Assert.Empty((await _keys.Get($"/keys/{name}/versions")).Ok()["value"]!.AsArray());
        Assert.Equal(deleted.ToJsonString(), (await _keys.Get($"/deletedkeys/{name}")).Ok().ToJsonString());
        var listed = (await _keys.Get("/deletedkeys")).Ok()["value"]!.AsArray().Single(i => i!["kid"]!.GetValue<string>().EndsWith("/" + name, StringComparison.Ordinal))!;
        Assert.Equal(["recoveryId", "deletedDate", "scheduledPurgeDate", "kid", "attributes", "tags"], KeyApi.Names(listed));

        var conflict = await _keys.Post($"/keys/{name}/create", new JsonObject { ["kty"] = "EC" });
        Assert.Equal(
            "{\"error\":{\"code\":\"Conflict\",\"message\":\"Key " + name + " is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the key can only be recovered or purged.\",\"innererror\":{\"code\":\"ObjectIsDeletedButRecoverable\"}}}",
            conflict.Expect(HttpStatusCode.Conflict).Text);
        Assert.Equal(HttpStatusCode.NotFound, (await _keys.Delete($"/keys/{name}")).Status);

        var recovered = (await _keys.Post($"/deletedkeys/{name}/recover")).Ok();
        Assert.Equal(KeyApi.Kid(created), KeyApi.Kid(recovered));
        Assert.Equal("KeyNotFound", (await _keys.Post($"/deletedkeys/{name}/recover")).Error(HttpStatusCode.NotFound).Code);

        (await _keys.Delete($"/keys/{name}")).Ok();
        var purged = await _keys.Delete($"/deletedkeys/{name}");
        Assert.Equal(HttpStatusCode.NoContent, purged.Status);
        Assert.Equal("", purged.Text);
        Assert.Equal(
            $$$"""{"error":{"code":"KeyNotFound","message":"Deleted Key not found: {{{name}}}"}}""",
            (await _keys.Get($"/deletedkeys/{name}")).Expect(HttpStatusCode.NotFound).Text);
        Assert.Equal(HttpStatusCode.NotFound, (await _keys.Delete($"/deletedkeys/{name}")).Status);
        // The name is free again.
        await _keys.CreateEcAsync(name);
    }

    [Fact]
    public async Task Purge_protection_refuses_purge_and_retention_sets_the_recovery_level()
    {
        var protectedVault = new KeyApi(emulator, "protected");
        var name = EmulatorFixture.UniqueName("prot");
        var created = await protectedVault.CreateEcAsync(name);
        Assert.Equal("CustomizedRecoverable", created["attributes"]!["recoveryLevel"]!.GetValue<string>());
        Assert.Equal(7, created["attributes"]!["recoverableDays"]!.GetValue<int>());
        var deleted = (await protectedVault.Delete($"/keys/{name}")).Ok();
        Assert.Equal(7 * 86_400L, deleted["scheduledPurgeDate"]!.GetValue<long>() - deleted["deletedDate"]!.GetValue<long>());
        Assert.Equal("PurgeProtected", (await protectedVault.Delete($"/deletedkeys/{name}")).Error(HttpStatusCode.Forbidden).Inner);
    }

    [Fact]
    public async Task Backup_and_restore_bring_back_every_version_that_still_works()
    {
        var name = EmulatorFixture.UniqueName("bak");
        var first = await _keys.CreateRsaAsync(name);
        var second = await _keys.CreateAsync(name, new JsonObject { ["kty"] = "RSA", ["key_ops"] = new JsonArray("sign", "verify"), ["tags"] = new JsonObject { ["x"] = "y" } });
        (await _keys.Put($"/keys/{name}/rotationpolicy", JsonNode.Parse("""{"attributes":{"expiryTime":"P90D"}}""")!)).Ok();

        var backup = (await _keys.Post($"/keys/{name}/backup")).Ok();
        Assert.Equal(["value"], KeyApi.Names(backup));
        var blob = backup["value"]!.GetValue<string>();
        Assert.Matches("^[A-Za-z0-9_-]+$", blob);
        // The blob is opaque: no public or private key material in clear.
        var blobText = System.Text.Encoding.Latin1.GetString(KeyApi.FromB64(blob));
        Assert.DoesNotContain(first["key"]!["n"]!.GetValue<string>()[..40], blobText);

        var conflict = await _keys.Post("/keys/restore", new JsonObject { ["value"] = blob });
        Assert.Equal("ObjectAlreadyExists", conflict.Error(HttpStatusCode.Conflict).Inner);

        (await _keys.Delete($"/keys/{name}")).Ok();
        Assert.Equal("ObjectIsDeletedButRecoverable", (await _keys.Post("/keys/restore", new JsonObject { ["value"] = blob })).Error(HttpStatusCode.Conflict).Inner);
        Assert.Equal(HttpStatusCode.NoContent, (await _keys.Delete($"/deletedkeys/{name}")).Status);

        var restored = (await _keys.Post("/keys/restore", new JsonObject { ["value"] = blob })).Ok();
        Assert.Equal(KeyApi.Kid(second), KeyApi.Kid(restored));
        Assert.Equal(second.ToJsonString(), restored.ToJsonString());
        Assert.Equal(first["key"]!.ToJsonString(), (await _keys.Get(KeyApi.PathOf(KeyApi.Kid(first)))).Ok()["key"]!.ToJsonString());
        Assert.Equal("P90D", (await _keys.Get($"/keys/{name}/rotationpolicy")).Ok()["attributes"]!["expiryTime"]!.GetValue<string>());

        // The restored private key is the original one: the vault's signature verifies with the old public key.
        var digest = SHA256.HashData("restored"u8);
        var signature = await _keys.OperateAsync(KeyApi.Kid(first), "sign", "RS256", digest);
        using var publicKey = KeyApi.PublicRsa(first);
        Assert.True(publicKey.VerifyHash(digest, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        // A restore into another vault of the same emulator keeps name and versions.
        var other = new KeyApi(emulator, "second");
        Assert.Equal(KeyApi.VersionOf(second), KeyApi.VersionOf((await other.Post("/keys/restore", new JsonObject { ["value"] = blob })).Ok()));

        var tampered = KeyApi.FromB64(blob);
        tampered[^5] ^= 0x01;
        Assert.Equal("BadParameter", (await _keys.Post("/keys/restore", new JsonObject { ["value"] = KeyApi.B64(tampered) })).Error(HttpStatusCode.BadRequest).Code);
        using var secretSet = await emulator.SendAsync(HttpMethod.Put, $"/secrets/{name}?api-version=7.6", jsonBody: """{"value":"x"}""");
        using var secretBlob = await emulator.SendAsync(HttpMethod.Post, $"/secrets/{name}/backup?api-version=7.6");
        var secretValue = JsonNode.Parse(await secretBlob.Content.ReadAsStringAsync())!["value"]!.GetValue<string>();
        Assert.Equal("BadParameter", (await _keys.Post("/keys/restore", new JsonObject { ["value"] = secretValue })).Error(HttpStatusCode.BadRequest).Code);
    }

    [Fact]
    public async Task Import_keeps_the_public_key_and_refuses_keys_without_a_valid_private_part()
    {
        using var rsa = RSA.Create(2048);
        var name = EmulatorFixture.UniqueName("imp");
        var jwk = KeyApi.PrivateJwk(rsa);
        jwk["key_ops"] = new JsonArray("sign", "decrypt");
        var imported = (await _keys.Put($"/keys/{name}", new JsonObject
        {
            ["key"] = jwk,
            ["attributes"] = new JsonObject { ["enabled"] = true },
            ["tags"] = new JsonObject { ["source"] = "test" },
        })).Ok();
        var key = imported["key"]!;
        Assert.Equal(["kid", "kty", "key_ops", "n", "e"], KeyApi.Names(key));
        Assert.Equal("RSA", key["kty"]!.GetValue<string>());
        Assert.Equal(["sign", "decrypt"], key["key_ops"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal(KeyApi.B64(rsa.ExportParameters(false).Modulus!), key["n"]!.GetValue<string>());
        Assert.Equal("test", imported["tags"]!["source"]!.GetValue<string>());

        // The service keeps a crv sent with an RSA key (recording KeyVaultKeyClient.ImportKey).
        using var other = RSA.Create(2048);
        var withCurve = KeyApi.PrivateJwk(other);
        withCurve["crv"] = "P-521";
        var quirk = (await _keys.Put($"/keys/{EmulatorFixture.UniqueName("imp")}", new JsonObject { ["key"] = withCurve })).Ok();
        Assert.Equal(["kid", "kty", "key_ops", "n", "e", "crv"], KeyApi.Names(quirk["key"]));

        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var ecImported = (await _keys.Put($"/keys/{EmulatorFixture.UniqueName("imp")}", new JsonObject { ["key"] = KeyApi.PrivateJwk(ec, "P-384") })).Ok();
        Assert.Equal(["sign", "verify"], ecImported["key"]!["key_ops"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal(KeyApi.B64(ec.ExportParameters(false).Q.X!), ecImported["key"]!["x"]!.GetValue<string>());

        var publicOnly = KeyApi.PrivateJwk(rsa);
        foreach (var p in new[] { "d", "p", "q", "dp", "dq", "qi" })
        {
            publicOnly.Remove(p);
        }
        var mismatched = KeyApi.PrivateJwk(rsa);
        mismatched["n"] = KeyApi.B64(other.ExportParameters(false).Modulus!);
        using var small = RSA.Create(1024);
        foreach (var bad in new JsonObject[]
        {
            new() { ["key"] = publicOnly },
            new() { ["key"] = mismatched },
            new() { ["key"] = KeyApi.PrivateJwk(small) },
            new() { ["key"] = new JsonObject { ["kty"] = "oct", ["k"] = "AAAA" } },
            new() { ["key"] = new JsonObject { ["kty"] = "EC", ["crv"] = "P-192", ["x"] = "AA", ["y"] = "AA", ["d"] = "AA" } },
            new() { ["tags"] = new JsonObject() },
        })
        {
            var badName = EmulatorFixture.UniqueName("imp");
            Assert.Equal("BadParameter", (await _keys.Put($"/keys/{badName}", bad)).Error(HttpStatusCode.BadRequest).Code);
            (await _keys.Get($"/keys/{badName}")).Expect(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Unimplemented_key_operations_answer_501_and_keys_paths_are_implemented()
    {
        var name = EmulatorFixture.UniqueName("n501");
        var version = KeyApi.VersionOf(await _keys.CreateEcAsync(name));
        Assert.Equal("NotImplemented", (await _keys.Get($"/keys/{name}/{version}/attestation")).Error(HttpStatusCode.NotImplemented).Code);
        Assert.Equal("NotImplemented", (await _keys.Post($"/keys/{name}/{version}/release", new JsonObject { ["target"] = "x" })).Error(HttpStatusCode.NotImplemented).Code);
        Assert.Equal("NotImplemented", (await _keys.Post($"/keys/{name}/create", JsonNode.Parse("""{"kty":"RSA","release_policy":{"data":"e30"}}"""))).Error(HttpStatusCode.NotImplemented).Code);
        (await _keys.Get("/keys")).Ok();
        (await _keys.Get("/deletedkeys")).Ok();
    }
}
