using System.Security.Cryptography;
using Azure.Security.KeyVault.Secrets;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

/// <summary>
/// Many clients at once: every storage call runs under one lock (EmulatorDatabase), key generation runs
/// outside it. Concurrent writes, reads, lists, deletes, recoveries and cryptographic operations on the same
/// and on different entries must all finish, each with its own right answer, and leave the store consistent.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class ConcurrencyTests(EmulatorFixture emulator)
{
    [Fact]
    public async Task Concurrent_requests_all_complete_with_their_own_results()
    {
        var client = emulator.CreateSecretClient();
        var keys = new KeyApi(emulator);
        string prefix = EmulatorFixture.UniqueName("conc");
        const int Workers = 24;

        async Task Work(int i)
        {
            string name = $"{prefix}-{i % 6}"; // six names shared by four workers each: same-entry races too
            var written = (await client.SetSecretAsync(name, $"value-{i}")).Value;
            KeyVaultSecret read = await client.GetSecretAsync(name, written.Properties.Version);
            Assert.Equal($"value-{i}", read.Value);
            await foreach (var _ in client.GetPropertiesOfSecretsAsync())
            {
            }

            switch (i % 3)
            {
                case 0:
                {
                    var key = await keys.CreateEcAsync($"{prefix}-key-{i}");
                    var digest = SHA256.HashData(BitConverter.GetBytes(i));
                    var signature = await keys.OperateAsync(KeyApi.Kid(key), "sign", "ES256", digest);
                    Assert.True(await keys.VerifyAsync(KeyApi.Kid(key), "ES256", digest, signature));
                    break;
                }

                case 1:
                {
                    string own = $"{prefix}-own-{i}";
                    await client.SetSecretAsync(own, "x");
                    await (await client.StartDeleteSecretAsync(own)).WaitForCompletionAsync();
                    await (await client.StartRecoverDeletedSecretAsync(own)).WaitForCompletionAsync();
                    Assert.Equal("x", (await client.GetSecretAsync(own)).Value.Value);
                    break;
                }

                default:
                {
                    var key = await keys.CreateRsaAsync($"{prefix}-rsa-{i}");
                    using var rsa = KeyApi.PublicRsa(key);
                    var plain = RandomNumberGenerator.GetBytes(32);
                    Assert.Equal(plain, await keys.OperateAsync(KeyApi.Kid(key), "decrypt", "RSA-OAEP-256", rsa.Encrypt(plain, RSAEncryptionPadding.OaepSHA256)));
                    break;
                }
            }
        }

        // A deadlock or a lost request shows as a timeout rather than a hung test run.
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(i => Task.Run(() => Work(i)))).WaitAsync(TimeSpan.FromSeconds(90));

        // Every shared name has exactly as many versions as writes, and its latest value is one of them.
        for (int n = 0; n < 6; n++)
        {
            string name = $"{prefix}-{n}";
            var versions = new List<SecretProperties>();
            await foreach (var version in client.GetPropertiesOfSecretVersionsAsync(name))
            {
                versions.Add(version);
            }

            Assert.Equal(Workers / 6, versions.Count);
            Assert.Equal(Workers / 6, versions.Select(v => v.Version).Distinct().Count());
            string latest = (await client.GetSecretAsync(name)).Value.Value;
            Assert.Contains(latest, Enumerable.Range(0, Workers).Where(i => i % 6 == n).Select(i => $"value-{i}"));
        }
    }
}
