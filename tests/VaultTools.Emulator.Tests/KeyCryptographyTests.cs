using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

/// <summary>
/// The cryptographic operations, checked with an independent implementation (.NET's RSA/ECDsa with
/// the public JSON web key the emulator returned, or with the original of an imported key): what is
/// encrypted or wrapped here is decrypted or unwrapped by the emulator; what the emulator signs
/// verifies here. Plus the service's refusals: key_ops (KeyOperationForbidden), disabled keys,
/// algorithms that do not fit the key, wrong digest lengths.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class KeyCryptographyTests(EmulatorFixture emulator)
{
    private readonly KeyApi _keys = new(emulator);

    public static TheoryData<string, string> EncryptionCases => new()
    {
        { "RSA-OAEP", "decrypt" },
        { "RSA-OAEP-256", "decrypt" },
        { "RSA1_5", "decrypt" },
        { "RSA-OAEP", "unwrapKey" },
        { "RSA-OAEP-256", "unwrapkey" },
        { "RSA1_5", "UNWRAPKEY" },
    };

    [Theory]
    [MemberData(nameof(EncryptionCases))]
    public async Task Encrypted_locally_with_the_public_key_is_decrypted_by_the_vault(string algorithm, string operation)
    {
        var bundle = await _keys.CreateRsaAsync(EmulatorFixture.UniqueName("dec"));
        using var rsa = KeyApi.PublicRsa(bundle);
        var secret = RandomNumberGenerator.GetBytes(32);
        var ciphertext = rsa.Encrypt(secret, Padding(algorithm));
        Assert.Equal(secret, await _keys.OperateAsync(KeyApi.Kid(bundle), operation, algorithm, ciphertext));
    }

    [Theory]
    [InlineData("RSA-OAEP", "encrypt")]
    [InlineData("RSA-OAEP-256", "wrapKey")]
    [InlineData("RSA1_5", "wrapkey")]
    public async Task Encrypted_by_the_vault_is_decrypted_by_the_original_private_key(string algorithm, string operation)
    {
        using var original = RSA.Create(2048);
        var jwk = KeyApi.PrivateJwk(original);
        var imported = (await _keys.Put($"/keys/{EmulatorFixture.UniqueName("enc")}", new JsonObject { ["key"] = jwk })).Ok();
        var plaintext = RandomNumberGenerator.GetBytes(48);
        var ciphertext = await _keys.OperateAsync(KeyApi.Kid(imported), operation, algorithm, plaintext);
        Assert.Equal(256, ciphertext.Length);
        Assert.Equal(plaintext, original.Decrypt(ciphertext, Padding(algorithm)));
        // ... and the vault itself round-trips it.
        var back = await _keys.OperateAsync(KeyApi.Kid(imported), operation.Equals("encrypt", StringComparison.OrdinalIgnoreCase) ? "decrypt" : "unwrapKey", algorithm, ciphertext);
        Assert.Equal(plaintext, back);
    }

    public static TheoryData<string, string, int> RsaSignatures => new()
    {
        { "RS256", "SHA256", 2048 },
        { "RS384", "SHA384", 2048 },
        { "RS512", "SHA512", 3072 },
        { "PS256", "SHA256", 2048 },
        { "PS384", "SHA384", 2048 },
        { "PS512", "SHA512", 2048 },
    };

    [Theory]
    [MemberData(nameof(RsaSignatures))]
    public async Task Rsa_signatures_by_the_vault_verify_locally_and_the_vault_verifies_them_too(string algorithm, string hash, int size)
    {
        var bundle = await _keys.CreateRsaAsync(EmulatorFixture.UniqueName("sig"), size);
        var hashName = new HashAlgorithmName(hash);
        var data = System.Text.Encoding.UTF8.GetBytes("signed by the emulator with " + algorithm);
        var digest = Digest(hashName, data);
        var signature = await _keys.OperateAsync(KeyApi.Kid(bundle), "sign", algorithm, digest);
        Assert.Equal(size / 8, signature.Length);

        using var rsa = KeyApi.PublicRsa(bundle);
        var padding = algorithm.StartsWith("PS", StringComparison.Ordinal) ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
        Assert.True(rsa.VerifyData(data, signature, hashName, padding));
        Assert.False(rsa.VerifyData("other data"u8.ToArray(), signature, hashName, padding));

        Assert.True(await _keys.VerifyAsync(KeyApi.Kid(bundle), algorithm, digest, signature));
        var wrong = (byte[])signature.Clone();
        wrong[10] ^= 0x40;
        Assert.False(await _keys.VerifyAsync(KeyApi.Kid(bundle), algorithm, digest, wrong));
    }

    [Theory]
    [InlineData("P-256", "ES256", "SHA256", 64)]
    [InlineData("P-384", "ES384", "SHA384", 96)]
    [InlineData("P-521", "ES512", "SHA512", 132)]
    [InlineData("P-256K", "ES256K", "SHA256", 64)]
    public async Task Ec_signatures_by_the_vault_are_r_concatenated_with_s_and_verify_locally(string curve, string algorithm, string hash, int signatureLength)
    {
        var bundle = await _keys.CreateEcAsync(EmulatorFixture.UniqueName("ecsig"), curve);
        var hashName = new HashAlgorithmName(hash);
        var data = System.Text.Encoding.UTF8.GetBytes("ec " + algorithm);
        var digest = Digest(hashName, data);
        var signature = await _keys.OperateAsync(KeyApi.Kid(bundle), "sign", algorithm, digest);
        Assert.Equal(signatureLength, signature.Length);

        using var ec = KeyApi.PublicEc(bundle);
        Assert.True(ec.VerifyData(data, signature, hashName));
        Assert.False(ec.VerifyData("something else"u8.ToArray(), signature, hashName));
        Assert.True(await _keys.VerifyAsync(KeyApi.Kid(bundle), algorithm, digest, signature));
        Assert.False(await _keys.VerifyAsync(KeyApi.Kid(bundle), algorithm, Digest(hashName, "x"u8.ToArray()), signature));
    }

    [Fact]
    public async Task An_imported_key_signs_as_its_original_and_the_vault_verifies_local_signatures()
    {
        using var original = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var imported = (await _keys.Put($"/keys/{EmulatorFixture.UniqueName("impsig")}", new JsonObject { ["key"] = KeyApi.PrivateJwk(original, "P-256") })).Ok();
        var digest = SHA256.HashData("imported"u8);
        Assert.True(original.VerifyHash(digest, await _keys.OperateAsync(KeyApi.Kid(imported), "sign", "ES256", digest)));
        Assert.True(await _keys.VerifyAsync(KeyApi.Kid(imported), "ES256", digest, original.SignHash(digest)));
    }

    [Fact]
    public async Task Operations_without_a_version_use_the_latest_and_literal_segments_ignore_case()
    {
        var name = EmulatorFixture.UniqueName("latest");
        await _keys.CreateRsaAsync(name);
        var latest = await _keys.CreateRsaAsync(name);
        var digest = SHA256.HashData("latest"u8);
        var result = (await _keys.Post($"/keys/{name}/sign", new JsonObject { ["alg"] = "RS256", ["value"] = KeyApi.B64(digest) })).Ok();
        Assert.Equal(KeyApi.Kid(latest), result["kid"]!.GetValue<string>());
        using var rsa = KeyApi.PublicRsa(latest);
        Assert.True(rsa.VerifyHash(digest, KeyApi.FromB64(result["value"]!.GetValue<string>()), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        var shouting = $"/KEYS/{name}/{KeyApi.VersionOf(latest)}/WRAPKEY";
        var wrapped = (await _keys.Post(shouting, new JsonObject { ["alg"] = "RSA-OAEP", ["value"] = KeyApi.B64([1, 2, 3]) })).Ok();
        Assert.Equal(KeyApi.Kid(latest), wrapped["kid"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_operation_missing_from_key_ops_is_KeyOperationForbidden_with_the_service_body()
    {
        var signOnly = await _keys.CreateAsync(EmulatorFixture.UniqueName("ops"), new JsonObject { ["kty"] = "RSA", ["key_ops"] = new JsonArray("sign", "verify") });
        var path = KeyApi.PathOf(KeyApi.Kid(signOnly));
        foreach (var (segment, op) in new[] { ("encrypt", "encrypt"), ("decrypt", "decrypt"), ("wrapkey", "wrapKey"), ("unwrapKey", "unwrapKey") })
        {
            var refused = await _keys.Post($"{path}/{segment}", new JsonObject { ["alg"] = "RSA-OAEP", ["value"] = KeyApi.B64(new byte[256]) });
            Assert.Equal(
                "{\"error\":{\"code\":\"Forbidden\",\"message\":\"Operation " + op + " is not permitted on this key.\",\"innererror\":{\"code\":\"KeyOperationForbidden\"}}}",
                refused.Expect(HttpStatusCode.Forbidden).Text);
        }

        var verifyOnly = await _keys.CreateAsync(EmulatorFixture.UniqueName("ops"), new JsonObject { ["kty"] = "EC", ["key_ops"] = new JsonArray("verify") });
        var sign = await _keys.Post(KeyApi.PathOf(KeyApi.Kid(verifyOnly)) + "/sign", new JsonObject { ["alg"] = "ES256", ["value"] = KeyApi.B64(new byte[32]) });
        Assert.Equal(("Forbidden", "Operation sign is not permitted on this key.", "KeyOperationForbidden"), sign.Error(HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task A_disabled_key_refuses_every_operation_until_it_is_enabled_again()
    {
        var bundle = await _keys.CreateAsync(EmulatorFixture.UniqueName("dis"), new JsonObject { ["kty"] = "RSA", ["attributes"] = new JsonObject { ["enabled"] = false } });
        var path = KeyApi.PathOf(KeyApi.Kid(bundle));
        var digest = SHA256.HashData("x"u8);
        foreach (var (segment, op, body) in new[]
        {
            ("encrypt", "encrypt", new JsonObject { ["alg"] = "RSA-OAEP", ["value"] = "AQID" }),
            ("sign", "sign", new JsonObject { ["alg"] = "RS256", ["value"] = KeyApi.B64(digest) }),
            ("verify", "verify", new JsonObject { ["alg"] = "RS256", ["digest"] = KeyApi.B64(digest), ["value"] = "AQID" }),
            ("unwrapkey", "unwrapKey", new JsonObject { ["alg"] = "RSA-OAEP", ["value"] = KeyApi.B64(new byte[256]) }),
        })
        {
            var refused = await _keys.Post($"{path}/{segment}", body);
            Assert.Equal(
                "{\"error\":{\"code\":\"Forbidden\",\"message\":\"Operation " + op + " is not allowed on a disabled key.\",\"innererror\":{\"code\":\"KeyDisabled\"}}}",
                refused.Expect(HttpStatusCode.Forbidden).Text);
        }
        (await _keys.Patch(path, new JsonObject { ["attributes"] = new JsonObject { ["enabled"] = true } })).Ok();
        Assert.NotEmpty(await _keys.OperateAsync(KeyApi.Kid(bundle), "sign", "RS256", digest));
    }

    [Fact]
    public async Task Algorithms_digests_and_values_that_do_not_fit_the_key_are_BadParameter()
    {
        var rsa = await _keys.CreateRsaAsync(EmulatorFixture.UniqueName("alg"));
        var ec = await _keys.CreateEcAsync(EmulatorFixture.UniqueName("alg"), "P-384");
        var rsaPath = KeyApi.PathOf(KeyApi.Kid(rsa));
        var ecPath = KeyApi.PathOf(KeyApi.Kid(ec));
        var sha256 = KeyApi.B64(new byte[32]);
        var sha384 = KeyApi.B64(new byte[48]);
        foreach (var (path, body) in new[]
        {
            ($"{rsaPath}/sign", new JsonObject { ["alg"] = "ES256", ["value"] = sha256 }),
            ($"{rsaPath}/sign", new JsonObject { ["alg"] = "RS256", ["value"] = sha384 }),
            ($"{rsaPath}/sign", new JsonObject { ["alg"] = "HS256", ["value"] = sha256 }),
            ($"{rsaPath}/sign", new JsonObject { ["value"] = sha256 }),
            ($"{rsaPath}/encrypt", new JsonObject { ["alg"] = "A256GCM", ["value"] = "AQID" }),
            ($"{rsaPath}/encrypt", new JsonObject { ["alg"] = "RSA-OAEP-256", ["value"] = KeyApi.B64(new byte[191]) }),
            ($"{rsaPath}/decrypt", new JsonObject { ["alg"] = "RSA-OAEP", ["value"] = KeyApi.B64(new byte[256]) }),
            ($"{rsaPath}/decrypt", new JsonObject { ["alg"] = "RSA-OAEP", ["value"] = "not base64url!" }),
            ($"{ecPath}/sign", new JsonObject { ["alg"] = "ES256", ["value"] = sha256 }),
            ($"{ecPath}/sign", new JsonObject { ["alg"] = "ES384", ["value"] = sha256 }),
            ($"{ecPath}/verify", new JsonObject { ["alg"] = "ES384", ["value"] = sha384 }),
        })
        {
            var (code, _, _) = (await _keys.Post(path, body)).Error(HttpStatusCode.BadRequest);
            Assert.Equal("BadParameter", code);
        }
        // EC keys have no encryption operations at all.
        var ecEncrypt = await _keys.CreateAsync(EmulatorFixture.UniqueName("alg"), new JsonObject { ["kty"] = "EC" });
        Assert.Equal(HttpStatusCode.Forbidden, (await _keys.Post(KeyApi.PathOf(KeyApi.Kid(ecEncrypt)) + "/encrypt", new JsonObject { ["alg"] = "RSA-OAEP", ["value"] = "AQID" })).Status);
        // The largest RSA-OAEP-256 plaintext for 2048 bits is 190 bytes.
        Assert.Equal(256, (await _keys.OperateAsync(KeyApi.Kid(rsa), "encrypt", "RSA-OAEP-256", new byte[190])).Length);
    }

    private static RSAEncryptionPadding Padding(string algorithm) => algorithm switch
    {
        "RSA-OAEP" => RSAEncryptionPadding.OaepSHA1,
        "RSA-OAEP-256" => RSAEncryptionPadding.OaepSHA256,
        _ => RSAEncryptionPadding.Pkcs1,
    };

    private static byte[] Digest(HashAlgorithmName hash, byte[] data) =>
        hash == HashAlgorithmName.SHA256 ? SHA256.HashData(data) : hash == HashAlgorithmName.SHA384 ? SHA384.HashData(data) : SHA512.HashData(data);
}
