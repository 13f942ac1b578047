using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Azure.Security.KeyVault.Certificates;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

/// <summary>
/// A certificate's backing key through the keys API (raw HTTP: there is no .NET keys SDK here): the
/// public key of the certificate, managed, usable for signing and verification, and written only
/// through its certificate.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class CertificateBackingKeyTests(EmulatorFixture emulator)
{
    [Fact]
    public async Task The_backing_key_is_the_certificate_public_key_and_signs_for_it()
    {
        var name = EmulatorFixture.UniqueName("certkey");
        var certificate = await CreateAsync(name, new CertificatePolicy("Self", "CN=certkey"));
        using var x509 = X509CertificateLoader.LoadCertificate(certificate.Cer);
        var keys = new KeyApi(emulator);

        var bundle = (await keys.Get($"/keys/{name}")).Ok();
        Assert.Equal(certificate.KeyId.ToString(), KeyApi.Kid(bundle));
        Assert.True(bundle["managed"]!.GetValue<bool>());
        Assert.Equal("RSA", bundle["key"]!["kty"]!.GetValue<string>());
        Assert.Null(bundle["key"]!["d"]);
        Assert.Equal(["sign", "verify", "wrapKey", "unwrapKey", "encrypt", "decrypt"], bundle["key"]!["key_ops"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal(certificate.Properties.ExpiresOn!.Value.ToUnixTimeSeconds(), bundle["attributes"]!["exp"]!.GetValue<long>());
        using var publicKey = KeyApi.PublicRsa(bundle);
        Assert.Equal(x509.GetRSAPublicKey()!.ExportSubjectPublicKeyInfo(), publicKey.ExportSubjectPublicKeyInfo());

        // Sign with the vault's key, verify with the certificate's public key (independently of the emulator).
        var digest = SHA256.HashData("signed by the certificate's key"u8);
        var signature = await keys.OperateAsync(KeyApi.Kid(bundle), "sign", "RS256", digest);
        Assert.True(x509.GetRSAPublicKey()!.VerifyHash(digest, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.True(await keys.VerifyAsync(KeyApi.Kid(bundle), "RS256", digest, signature));

        // Wrap locally with the certificate's public key, unwrap in the vault.
        var secret = RandomNumberGenerator.GetBytes(32);
        var wrapped = x509.GetRSAPublicKey()!.Encrypt(secret, RSAEncryptionPadding.OaepSHA256);
        Assert.Equal(secret, await keys.OperateAsync(KeyApi.Kid(bundle), "unwrapKey", "RSA-OAEP-256", wrapped));

        var listed = (await keys.Get("/keys")).Ok();
        Assert.Contains(listed["value"]!.AsArray(), item => item!["kid"]!.GetValue<string>().EndsWith("/keys/" + name, StringComparison.Ordinal)
            && item["managed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_ec_certificate_key_signs_es384()
    {
        var name = EmulatorFixture.UniqueName("eckey");
        var certificate = await CreateAsync(name, new CertificatePolicy("Self", "CN=eckey") { KeyType = CertificateKeyType.Ec, KeyCurveName = CertificateKeyCurveName.P384 });
        using var x509 = X509CertificateLoader.LoadCertificate(certificate.Cer);
        var keys = new KeyApi(emulator);
        var bundle = (await keys.Get($"/keys/{name}")).Ok();
        Assert.Equal("P-384", bundle["key"]!["crv"]!.GetValue<string>());
        Assert.Equal(["sign", "verify"], bundle["key"]!["key_ops"]!.AsArray().Select(o => o!.GetValue<string>()));
        var digest = SHA384.HashData("es384"u8);
        var signature = await keys.OperateAsync(KeyApi.Kid(bundle), "sign", "ES384", digest);
        Assert.True(x509.GetECDsaPublicKey()!.VerifyHash(digest, signature));
    }

    [Fact]
    public async Task The_keys_api_refuses_to_write_the_backing_key_on_its_own()
    {
        var name = EmulatorFixture.UniqueName("keyrefuse");
        await CreateAsync(name, new CertificatePolicy("Self", "CN=keyrefuse"));
        var keys = new KeyApi(emulator);

        var (code, message, inner) = (await keys.Delete($"/keys/{name}")).Error(HttpStatusCode.Forbidden);
        Assert.Equal("Forbidden", code);
        Assert.Equal("KeyManagedByKeyVault", inner);
        Assert.Contains("Operation \"delete\" is not allowed as this object's lifetime is managed by Key Vault.", message);
        (await keys.Post($"/keys/{name}/create", new JsonObject { ["kty"] = "RSA" })).Error(HttpStatusCode.Forbidden);
        (await keys.Post($"/keys/{name}/rotate")).Error(HttpStatusCode.Forbidden);
        (await keys.Post($"/keys/{name}/backup")).Error(HttpStatusCode.Forbidden);
        (await keys.Patch($"/keys/{name}", new JsonObject { ["attributes"] = new JsonObject { ["enabled"] = false } })).Error(HttpStatusCode.Forbidden);
        Assert.True((await keys.Get($"/keys/{name}")).Ok()["attributes"]!["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_key_is_deleted_recovered_and_purged_with_its_certificate()
    {
        var client = emulator.CreateCertificateClient();
        var keys = new KeyApi(emulator);
        var name = EmulatorFixture.UniqueName("keycycle");
        var certificate = await CreateAsync(name, new CertificatePolicy("Self", "CN=keycycle"));

        await (await client.StartDeleteCertificateAsync(name)).WaitForCompletionAsync(TimeSpan.FromMilliseconds(100), default);
        (await keys.Get($"/keys/{name}")).Expect(HttpStatusCode.NotFound);
        var deleted = (await keys.Get($"/deletedkeys/{name}")).Ok();
        Assert.True(deleted["managed"]!.GetValue<bool>());
        Assert.DoesNotContain((await keys.Get("/deletedkeys")).Ok()["value"]!.AsArray(),
            item => item!["kid"]!.GetValue<string>().EndsWith("/keys/" + name, StringComparison.Ordinal));
        (await keys.Post($"/deletedkeys/{name}/recover")).Error(HttpStatusCode.Forbidden);
        (await keys.Delete($"/deletedkeys/{name}")).Error(HttpStatusCode.Forbidden);

        await (await client.StartRecoverDeletedCertificateAsync(name)).WaitForCompletionAsync(TimeSpan.FromMilliseconds(100), default);
        Assert.Equal(certificate.KeyId.ToString(), KeyApi.Kid((await keys.Get($"/keys/{name}")).Ok()));

        await (await client.StartDeleteCertificateAsync(name)).WaitForCompletionAsync(TimeSpan.FromMilliseconds(100), default);
        await client.PurgeDeletedCertificateAsync(name);
        (await keys.Get($"/deletedkeys/{name}")).Expect(HttpStatusCode.NotFound);
    }

    private async Task<KeyVaultCertificateWithPolicy> CreateAsync(string name, CertificatePolicy policy)
    {
        var operation = await emulator.CreateCertificateClient().StartCreateCertificateAsync(name, policy);
        return await operation.WaitForCompletionAsync(TimeSpan.FromMilliseconds(100), default);
    }
}
