using System.Security.Cryptography;
using System.Text;
using VaultTools.Internal;
using VaultTools.Keys;
using VaultTools.Keys.Client;
using Xunit;

namespace VaultTools.Core.Tests.Keys;

/// <summary>
/// The JWK to RSA/ECDsa helper, checked independently of the vault: a key made here, its public part
/// turned into a JWK and back, used to encrypt or verify, and the private original to decrypt or sign.
/// </summary>
public class JsonWebKeyTests
{
    [Theory]
    [InlineData(2048)]
    [InlineData(3072)]
    public void Rsa_public_jwk_encrypts_what_the_private_key_decrypts(int size)
    {
        using var original = RSA.Create(size);
        var jwk = JsonWebKey.FromRsa(original, includePrivateParameters: false);
        Assert.False(jwk.HasPrivateKey);
        Assert.Equal(size, jwk.RsaKeySize);

        var published = ToVaultJwk(jwk);
        using var publicKey = published.ToRSA();
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        byte[] wrapped = publicKey.Encrypt(secret, RSAEncryptionPadding.OaepSHA256);

        Assert.Equal(secret, original.Decrypt(wrapped, RSAEncryptionPadding.OaepSHA256));
        Assert.ThrowsAny<CryptographicException>(() => publicKey.Decrypt(wrapped, RSAEncryptionPadding.OaepSHA256));
    }

    [Fact]
    public void Rsa_jwk_with_a_leading_zero_modulus_byte_still_converts()
    {
        using var original = RSA.Create(2048);
        var jwk = JsonWebKey.FromRsa(original, false);
        jwk.N = new byte[] { 0 }.Concat(jwk.N!).ToArray();
        using var rsa = jwk.ToRSA();
        Assert.Equal(2048, rsa.KeySize);
    }

    [Theory]
    [InlineData("P-256", "nistP256")]
    [InlineData("P-384", "nistP384")]
    [InlineData("P-521", "nistP521")]
    public void Ec_public_jwk_verifies_what_the_private_key_signs(string curveName, string dotnetCurve)
    {
        using var original = ECDsa.Create(ECCurve.CreateFromFriendlyName(dotnetCurve));
        var jwk = JsonWebKey.FromECDsa(original, false);
        Assert.Equal(curveName, jwk.CurveName.ToString());

        using var publicKey = ToVaultJwk(jwk).ToECDsa();
        byte[] data = Encoding.UTF8.GetBytes("signed by the private key");
        var hash = curveName == "P-256" ? HashAlgorithmName.SHA256 : curveName == "P-384" ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA512;
        byte[] signature = original.SignData(data, hash);

        Assert.True(publicKey.VerifyData(data, signature, hash));
        Assert.False(publicKey.VerifyData(Encoding.UTF8.GetBytes("something else"), signature, hash));
    }

    [SkippableFact]
    public void The_recorded_service_key_converts_and_has_the_recorded_modulus()
    {
        var bundle = Recordings.Load("KeyVaultKeyClient.CreateRsaKey")[0].Json;
        var jwk = JsonWebKey.Read(bundle.GetProperty("key"));
        using var rsa = jwk.ToRSA();
        Assert.Equal(2048, rsa.KeySize);
        Assert.Equal(Base64Url.Decode(bundle.GetProperty("key").GetProperty("n").GetString()!), rsa.ExportParameters(false).Modulus);
        Assert.Throws<InvalidOperationException>(() => jwk.ToECDsa());
    }

    [Fact]
    public void Pem_export_is_read_back_by_dotnet_as_the_same_public_key()
    {
        using var rsa = RSA.Create(2048);
        string rsaPem = ToVaultJwk(JsonWebKey.FromRsa(rsa, false)).Pem!;
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----\n", rsaPem);
        using var rsaBack = RSA.Create();
        rsaBack.ImportFromPem(rsaPem);
        Assert.Equal(rsa.ExportParameters(false).Modulus, rsaBack.ExportParameters(false).Modulus);
        Assert.Equal(rsa.ExportSubjectPublicKeyInfoPem().Replace("\r", ""), rsaPem.TrimEnd('\n'));

        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        string ecPem = ToVaultJwk(JsonWebKey.FromECDsa(ec, false)).Pem!;
        Assert.Equal(ec.ExportSubjectPublicKeyInfoPem().Replace("\r", ""), ecPem.TrimEnd('\n'));
    }

    [Fact]
    public void Jwk_json_round_trips_with_base64url_fields_and_no_private_parts()
    {
        using var rsa = RSA.Create(2048);
        var full = JsonWebKey.FromRsa(rsa, includePrivateParameters: true);
        full.KeyOps.Add(KeyOperation.WrapKey);
        string json = KeyValidationTests.Jwk(full);
        Assert.DoesNotContain("=", json.Replace("\":", "").Replace("\": ", ""));
        var back = KeyFiles.FromJson(json);
        Assert.True(back.HasPrivateKey);
        Assert.Equal(full.N, back.N);
        Assert.Equal(full.D, back.D);
        Assert.Equal(new[] { KeyOperation.WrapKey }, back.KeyOps);

        // Even from a JWK that holds private parts, the published key's JSON has none.
        var published = ToVaultJwk(full);
        string publicJson = published.Json!;
        Assert.Contains("\"n\"", publicJson);
        Assert.DoesNotContain("\"d\"", publicJson);
    }

    private static VaultJsonWebKey ToVaultJwk(JsonWebKey jwk) =>
        KeyService.PublicKey(jwk, jwk.KeyType.ToString(), jwk.CurveName?.ToString(), jwk.KeyOps.Select(o => o.ToString()).ToArray());
}
