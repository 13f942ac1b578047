using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Azure;
using Azure.Security.KeyVault.Certificates;
using Azure.Security.KeyVault.Secrets;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

/// <summary>
/// The official CertificateClient (Azure.Security.KeyVault.Certificates 4.10.0) against the emulator
/// for every certificate operation, and the backing secret through the official SecretClient.
/// Certificates are checked as X.509 objects, independently of the emulator: self-signature,
/// subject, SANs, usages, validity, and that the backing secret's private key belongs to them.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class CertificateConformanceTests(EmulatorFixture emulator)
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";

    [Fact]
    public async Task Create_answers_202_in_progress_then_completes_with_a_real_self_signed_certificate()
    {
        var client = emulator.CreateCertificateClient();
        var name = EmulatorFixture.UniqueName("create");
        var policy = new CertificatePolicy("Self", "CN=www.contoso.com, O=Contoso",
            new SubjectAlternativeNames { DnsNames = { "www.contoso.com", "*.contoso.com" }, Emails = { "admin@contoso.com" }, UserPrincipalNames = { "svc@contoso.com" } })
        {
            ValidityInMonths = 6,
            KeyUsage = { CertificateKeyUsage.DigitalSignature, CertificateKeyUsage.KeyEncipherment },
            EnhancedKeyUsage = { ServerAuth },
        };
        var before = DateTimeOffset.UtcNow;

        CertificateOperation operation = await client.StartCreateCertificateAsync(name, policy, tags: new Dictionary<string, string> { ["env"] = "test" });
        Assert.Equal("inProgress", operation.Properties.Status);
        Assert.Equal("Self", operation.Properties.IssuerName);
        Assert.False(operation.HasCompleted);
        var csr = CertificateRequest.LoadSigningRequest(operation.Properties.Csr, HashAlgorithmName.SHA256);
        Assert.Equal("CN=www.contoso.com, O=Contoso", csr.SubjectName.Name);

        // Not visible until the operation completes (the service makes it visible when it is issued).
        using (var early = await emulator.SendAsync(HttpMethod.Get, $"/certificates/{name}?api-version=7.6"))
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, early.StatusCode);
        }

        KeyVaultCertificateWithPolicy created = await operation.WaitForCompletionAsync(TimeSpan.FromMilliseconds(200), default);
        Assert.True(operation.HasCompleted);
        Assert.Equal("completed", operation.Properties.Status);
        Assert.Matches("^[0-9a-f]{32}$", created.Properties.Version);
        Assert.Equal(new Uri($"{emulator.Info.VaultUri}keys/{name}/{created.Properties.Version}"), created.KeyId);
        Assert.Equal(new Uri($"{emulator.Info.VaultUri}secrets/{name}/{created.Properties.Version}"), created.SecretId);
        Assert.Equal("test", created.Properties.Tags["env"]);
        Assert.True(created.Properties.Enabled);
        Assert.Equal("Recoverable+Purgeable", created.Properties.RecoveryLevel);

        using var x509 = X509CertificateLoader.LoadCertificate(created.Cer);
        Assert.Equal(x509.GetCertHash(), created.Properties.X509Thumbprint);
        Assert.Equal("CN=www.contoso.com, O=Contoso", x509.Subject);
        Assert.Equal(x509.Subject, x509.Issuer);
        AssertSelfSigned(x509);
        Assert.Equal(csr.PublicKey.EncodedKeyValue.RawData, x509.PublicKey.EncodedKeyValue.RawData);
        Assert.Equal(2048, x509.GetRSAPublicKey()!.KeySize);
        Assert.InRange(x509.NotBefore.ToUniversalTime(), before.UtcDateTime.AddMinutes(-11), before.UtcDateTime);
        Assert.InRange(x509.NotAfter.ToUniversalTime(), before.UtcDateTime.AddMonths(6).AddMinutes(-1), DateTime.UtcNow.AddMonths(6).AddMinutes(1));
        Assert.Equal(new DateTimeOffset(x509.NotAfter.ToUniversalTime()), created.Properties.ExpiresOn);
        Assert.Equal(new DateTimeOffset(x509.NotBefore.ToUniversalTime()), created.Properties.NotBefore);

        var usage = x509.Extensions.OfType<X509KeyUsageExtension>().Single();
        Assert.True(usage.Critical);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, usage.KeyUsages);
        Assert.Equal([ServerAuth], x509.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value));
        Assert.False(x509.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        var san = x509.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["www.contoso.com", "*.contoso.com"], san.EnumerateDnsNames());
        var sanText = san.Format(false);
        Assert.Contains("admin@contoso.com", sanText);
        Assert.Contains("svc@contoso.com", sanText);

        Assert.Equal("CN=www.contoso.com, O=Contoso", created.Policy.Subject);
        Assert.Equal(6, created.Policy.ValidityInMonths);
        Assert.Equal(CertificateKeyType.Rsa, created.Policy.KeyType);
        Assert.Equal(2048, created.Policy.KeySize);
        Assert.Equal(CertificateContentType.Pkcs12, created.Policy.ContentType);
        Assert.Equal(["www.contoso.com", "*.contoso.com"], created.Policy.SubjectAlternativeNames.DnsNames);

        CertificateOperation after = await client.GetCertificateOperationAsync(name);
        Assert.Equal("completed", after.Properties.Status);
        Assert.Equal(operation.Properties.RequestId, after.Properties.RequestId);
    }

    [Fact]
    public async Task The_backing_secret_is_a_managed_pfx_with_the_private_key_of_the_certificate()
    {
        var name = EmulatorFixture.UniqueName("backing");
        var certificate = await CreateAsync(name, new CertificatePolicy("Self", "CN=backing"));

        var secrets = emulator.CreateSecretClient();
        KeyVaultSecret secret = await secrets.GetSecretAsync(name);
        Assert.Equal(certificate.Properties.Version, secret.Properties.Version);
        Assert.True(secret.Properties.Managed);
        Assert.Equal("application/x-pkcs12", secret.Properties.ContentType);
        Assert.Equal(certificate.KeyId, secret.Properties.KeyId);
        Assert.Equal(certificate.Properties.ExpiresOn, secret.Properties.ExpiresOn);

        using var pfx = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(secret.Value), null, X509KeyStorageFlags.EphemeralKeySet);
        Assert.True(pfx.HasPrivateKey);
        Assert.Equal(certificate.Cer, pfx.RawData);
        AssertKeyBelongs(pfx);

        // The download through the certificate client gives the same certificate with its key.
        using var downloaded = (await emulator.CreateCertificateClient().DownloadCertificateAsync(name)).Value;
        Assert.True(downloaded.HasPrivateKey);
        Assert.Equal(pfx.Thumbprint, downloaded.Thumbprint);

        var listed = new List<SecretProperties>();
        await foreach (var p in secrets.GetPropertiesOfSecretsAsync())
        {
            listed.Add(p);
        }
        Assert.True(listed.Single(p => p.Name == name).Managed);
    }

    [Fact]
    public async Task An_ec_certificate_with_pem_content_has_a_pem_secret_with_its_key()
    {
        var name = EmulatorFixture.UniqueName("ecpem");
        var certificate = await CreateAsync(name, new CertificatePolicy("Self", "CN=ec-pem")
        {
            KeyType = CertificateKeyType.Ec,
            KeyCurveName = CertificateKeyCurveName.P384,
            ContentType = CertificateContentType.Pem,
        });
        Assert.Equal(CertificateKeyCurveName.P384, certificate.Policy.KeyCurveName);
        using var x509 = X509CertificateLoader.LoadCertificate(certificate.Cer);
        Assert.Equal(384, x509.GetECDsaPublicKey()!.KeySize);
        AssertSelfSigned(x509);

        KeyVaultSecret secret = await emulator.CreateSecretClient().GetSecretAsync(name);
        Assert.Equal("application/x-pem-file", secret.Properties.ContentType);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----\n", secret.Value);
        Assert.Contains("-----BEGIN CERTIFICATE-----", secret.Value);
        using var pem = X509Certificate2.CreateFromPem(secret.Value, secret.Value);
        Assert.True(pem.HasPrivateKey);
        Assert.Equal(x509.Thumbprint, pem.Thumbprint);
        AssertKeyBelongs(pem);
    }

    [Theory]
    [InlineData(3072)] // 4096 takes the same path and seconds of key generation: left out to keep the suite fast
    public async Task Rsa_key_sizes_are_honoured(int size)
    {
        var certificate = await CreateAsync(EmulatorFixture.UniqueName("rsa"), new CertificatePolicy("Self", "CN=rsa") { KeySize = size });
        using var x509 = X509CertificateLoader.LoadCertificate(certificate.Cer);
        Assert.Equal(size, x509.GetRSAPublicKey()!.KeySize);
        Assert.Equal(size, certificate.Policy.KeySize);
    }

    [Theory]
    [InlineData("P-256", 256)]
    [InlineData("P-521", 521)]
    [InlineData("P-256K", 256)]
    public async Task Ec_curves_are_honoured(string curve, int bits)
    {
        var name = EmulatorFixture.UniqueName("curve");
        var certificate = await CreateAsync(name, new CertificatePolicy("Self", "CN=curve") { KeyType = CertificateKeyType.Ec, KeyCurveName = new CertificateKeyCurveName(curve) });
        Assert.Equal(curve, certificate.Policy.KeyCurveName.ToString());
        Assert.Equal(bits, certificate.Policy.KeySize);
        using var x509 = X509CertificateLoader.LoadCertificate(certificate.Cer);
        Assert.Equal(bits, x509.GetECDsaPublicKey()!.KeySize);
        AssertSelfSigned(x509);
        KeyVaultSecret secret = await emulator.CreateSecretClient().GetSecretAsync(name);
        using var pfx = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(secret.Value), null, X509KeyStorageFlags.EphemeralKeySet);
        AssertKeyBelongs(pfx);
    }

    [Fact]
    public async Task A_non_exportable_key_stays_out_of_the_secret()
    {
        var name = EmulatorFixture.UniqueName("noexport");
        var certificate = await CreateAsync(name, new CertificatePolicy("Self", "CN=noexport") { Exportable = false });
        Assert.False(certificate.Policy.Exportable);
        KeyVaultSecret secret = await emulator.CreateSecretClient().GetSecretAsync(name);
        using var pfx = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(secret.Value), null, X509KeyStorageFlags.EphemeralKeySet);
        Assert.False(pfx.HasPrivateKey);
        Assert.Equal(certificate.Cer, pfx.RawData);
    }

    [Fact]
    public async Task Imports_a_pfx_with_its_password_as_the_service_reports_it()
    {
        // As the recorded import: valid 12 months and 10 minutes, which the service reports as 13 months.
        using var local = LocalCertificate("CN=imported-pfx", DateTimeOffset.UtcNow.AddMonths(12).AddMinutes(10) - DateTimeOffset.UtcNow);
        var name = EmulatorFixture.UniqueName("imppfx");
        var client = emulator.CreateCertificateClient();

        KeyVaultCertificateWithPolicy imported = await client.ImportCertificateAsync(new ImportCertificateOptions(name, local.Export(X509ContentType.Pfx, "pfx-Pa55"))
        {
            Password = "pfx-Pa55",
            Tags = { ["source"] = "pfx" },
        });

        Assert.Equal(local.RawData, imported.Cer);
        Assert.Equal("pfx", imported.Properties.Tags["source"]);
        Assert.Equal("CN=imported-pfx", imported.Policy.Subject);
        Assert.Equal("Unknown", imported.Policy.IssuerName);
        Assert.Equal(13, imported.Policy.ValidityInMonths); // whole months, rounded up
        Assert.Equal(CertificateKeyType.Rsa, imported.Policy.KeyType);
        Assert.Equal(2048, imported.Policy.KeySize);
        Assert.Empty(imported.Policy.LifetimeActions);
        Assert.Equal(new DateTimeOffset(local.NotAfter.ToUniversalTime()), imported.Properties.ExpiresOn);

        KeyVaultSecret secret = await emulator.CreateSecretClient().GetSecretAsync(name);
        Assert.Equal("application/x-pkcs12", secret.Properties.ContentType);
        using var pfx = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(secret.Value), null, X509KeyStorageFlags.EphemeralKeySet);
        Assert.Equal(local.Thumbprint, pfx.Thumbprint);
        AssertKeyBelongs(pfx);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Imports_pem_with_its_private_key_plain_or_encrypted_with_a_password(bool encrypted)
    {
        using var local = LocalCertificate("CN=imported-pem", TimeSpan.FromDays(90));
        using var rsa = local.GetRSAPrivateKey()!;
        var keyPem = encrypted
            ? rsa.ExportEncryptedPkcs8PrivateKeyPem("pem-Pa55", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000))
            : rsa.ExportPkcs8PrivateKeyPem();
        var content = local.ExportCertificatePem() + "\n" + keyPem + "\n";
        var name = EmulatorFixture.UniqueName("imppem");

        KeyVaultCertificateWithPolicy imported = await emulator.CreateCertificateClient().ImportCertificateAsync(
            new ImportCertificateOptions(name, Encoding.UTF8.GetBytes(content))
            {
                Policy = new CertificatePolicy { ContentType = CertificateContentType.Pem },
                Password = encrypted ? "pem-Pa55" : null,
            });
        Assert.Equal(local.RawData, imported.Cer);
        Assert.Equal(CertificateContentType.Pem, imported.Policy.ContentType);

        KeyVaultSecret secret = await emulator.CreateSecretClient().GetSecretAsync(name);
        Assert.Equal("application/x-pem-file", secret.Properties.ContentType);
        Assert.DoesNotContain("ENCRYPTED", secret.Value);
        using var pem = X509Certificate2.CreateFromPem(secret.Value, secret.Value);
        Assert.Equal(local.Thumbprint, pem.Thumbprint);
        AssertKeyBelongs(pem);
    }

    [Fact]
    public async Task Get_latest_has_the_policy_and_get_by_version_reads_older_versions()
    {
        var client = emulator.CreateCertificateClient();
        var name = EmulatorFixture.UniqueName("versions");
        var first = await CreateAsync(name, new CertificatePolicy("Self", "CN=first"));
        var second = await CreateAsync(name, new CertificatePolicy("Self", "CN=second"));
        Assert.NotEqual(first.Properties.Version, second.Properties.Version);

        KeyVaultCertificateWithPolicy latest = await client.GetCertificateAsync(name);
        Assert.Equal(second.Properties.Version, latest.Properties.Version);
        Assert.Equal("CN=second", latest.Policy.Subject);

        KeyVaultCertificate old = await client.GetCertificateVersionAsync(name, first.Properties.Version);
        Assert.Equal(first.Cer, old.Cer);
        Assert.Equal(first.Properties.Version, old.Properties.Version);

        // The old version's secret is still the old key.
        KeyVaultSecret oldSecret = await emulator.CreateSecretClient().GetSecretAsync(name, first.Properties.Version);
        using var oldPfx = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(oldSecret.Value), null, X509KeyStorageFlags.EphemeralKeySet);
        Assert.Equal(first.Cer, oldPfx.RawData);

        var missing = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetCertificateVersionAsync(name, "0123456789abcdef0123456789abcdef"));
        Assert.Equal(404, missing.Status);
        Assert.Equal("CertificateNotFound", missing.ErrorCode);
    }

    [Fact]
    public async Task Lists_and_versions_page_over_more_than_25()
    {
        // Vault "paging" (its secrets are named page-NN, its certificates cert-page-NN).
        var client = emulator.CreateCertificateClient("paging");
        var names = Enumerable.Range(0, 26).Select(i => $"cert-page-{i:D2}").ToList();
        var fast = new CertificatePolicy("Self", "CN=page") { KeyType = CertificateKeyType.Ec, KeyCurveName = CertificateKeyCurveName.P256 };
        foreach (var n in names)
        {
            await (await client.StartCreateCertificateAsync(n, fast)).WaitForCompletionAsync(TimeSpan.FromMilliseconds(100), default);
        }
        var pages = new List<Page<CertificateProperties>>();
        await foreach (var page in client.GetPropertiesOfCertificatesAsync().AsPages())
        {
            pages.Add(page);
        }
        Assert.Equal([25, 1], pages.Select(p => p.Values.Count));
        Assert.Equal(names, pages.SelectMany(p => p.Values).Select(p => p.Name));
        Assert.All(pages.SelectMany(p => p.Values), p => Assert.Null(p.Version));
        Assert.All(pages.SelectMany(p => p.Values), p => Assert.Equal(20, p.X509Thumbprint.Length));

        var versioned = names[0];
        var created = new List<string> { (await client.GetCertificateAsync(versioned)).Value.Properties.Version };
        for (var i = 0; i < 26; i++)
        {
            var op = await client.StartCreateCertificateAsync(versioned, fast);
            created.Add((await op.WaitForCompletionAsync(TimeSpan.FromMilliseconds(100), default)).Value.Properties.Version);
        }
        var versionPages = new List<Page<CertificateProperties>>();
        await foreach (var page in client.GetPropertiesOfCertificateVersionsAsync(versioned).AsPages())
        {
            versionPages.Add(page);
        }
        Assert.Equal([25, 2], versionPages.Select(p => p.Values.Count));
        Assert.Equal(created.Order(StringComparer.Ordinal), versionPages.SelectMany(p => p.Values).Select(p => p.Version));

        // The wire: list items carry no recovery attributes and an empty subject, as recorded.
        using var raw = await emulator.SendAsync(HttpMethod.Get, "/certificates?api-version=7.6&maxresults=2", "paging");
        var body = await raw.Content.ReadAsStringAsync();
        Assert.DoesNotContain("recoveryLevel", body);
        Assert.Contains("\"subject\":\"\"", body);
        Assert.Contains($"\"nextLink\":\"{emulator.Info.VaultUriFor("paging")}certificates?api-version=7.6&$skiptoken=", body);
    }

    [Fact]
    public async Task Update_changes_enabled_and_tags_and_disables_the_backing_secret()
    {
        var client = emulator.CreateCertificateClient();
        var name = EmulatorFixture.UniqueName("update");
        var certificate = await CreateAsync(name, new CertificatePolicy("Self", "CN=update"));
        certificate.Properties.Enabled = false;
        certificate.Properties.Tags["owner"] = "team-b";

        KeyVaultCertificate updated = await client.UpdateCertificatePropertiesAsync(certificate.Properties);
        Assert.False(updated.Properties.Enabled);
        Assert.Equal("team-b", updated.Properties.Tags["owner"]);
        Assert.Equal(certificate.Cer, updated.Cer);
        Assert.False((await client.GetCertificateAsync(name)).Value.Properties.Enabled);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => emulator.CreateSecretClient().GetSecretAsync(name));
        Assert.Equal(403, ex.Status);
        Assert.Equal("Forbidden", ex.ErrorCode);
    }

    [Fact]
    public async Task Policy_is_read_and_updated_property_by_property_and_governs_the_next_version()
    {
        var client = emulator.CreateCertificateClient();
        var name = EmulatorFixture.UniqueName("policy");
        var first = await CreateAsync(name, new CertificatePolicy("Self", "CN=before") { KeySize = 3072, ReuseKey = true, ValidityInMonths = 12 });

        CertificatePolicy read = await client.GetCertificatePolicyAsync(name);
        Assert.Equal("CN=before", read.Subject);
        Assert.Equal(3072, read.KeySize);
        Assert.True(read.ReuseKey);
        Assert.Equal(80, read.LifetimeActions.Single().LifetimePercentage);
        Assert.Equal(CertificatePolicyAction.AutoRenew, read.LifetimeActions.Single().Action);
        Assert.Equal([CertificateKeyUsage.DigitalSignature, CertificateKeyUsage.KeyEncipherment], read.KeyUsage);

        // A partial policy changes only what it says (the SDK sends x509_props subject/validity and the issuer).
        var partial = new CertificatePolicy("Self", "CN=after") { ValidityInMonths = 3 };
        partial.LifetimeActions.Add(new LifetimeAction(CertificatePolicyAction.EmailContacts) { DaysBeforeExpiry = 20 });
        CertificatePolicy updated = await client.UpdateCertificatePolicyAsync(name, partial);
        Assert.Equal("CN=after", updated.Subject);
        Assert.Equal(3, updated.ValidityInMonths);
        Assert.Equal(3072, updated.KeySize);
        Assert.Equal(20, updated.LifetimeActions.Single().DaysBeforeExpiry);
        Assert.True(updated.UpdatedOn >= read.UpdatedOn);
        Assert.Equal(first.Properties.Version, (await client.GetCertificateAsync(name)).Value.Properties.Version);

        // reuse_key: the next version (created without a new policy: the stored one) keeps the key pair.
        using (var raw = await emulator.SendAsync(HttpMethod.Post, $"/certificates/{name}/create?api-version=7.6", jsonBody: "{}"))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, raw.StatusCode);
        }
        var next = await (new CertificateOperation(client, name)).WaitForCompletionAsync(TimeSpan.FromMilliseconds(100), default);
        using var firstX509 = X509CertificateLoader.LoadCertificate(first.Cer);
        using var nextX509 = X509CertificateLoader.LoadCertificate(next.Value.Cer);
        Assert.Equal("CN=after", nextX509.Subject);
        Assert.Equal(firstX509.PublicKey.EncodedKeyValue.RawData, nextX509.PublicKey.EncodedKeyValue.RawData);
    }

    [Fact]
    public async Task Delete_takes_key_and_secret_along_recover_brings_them_back_and_purge_frees_the_name()
    {
        var client = emulator.CreateCertificateClient();
        var secrets = emulator.CreateSecretClient();
        var name = EmulatorFixture.UniqueName("lifecycle");
        var certificate = await CreateAsync(name, new CertificatePolicy("Self", "CN=lifecycle"));

        DeleteCertificateOperation deletion = await client.StartDeleteCertificateAsync(name);
        DeletedCertificate deleted = await deletion.WaitForCompletionAsync(TimeSpan.FromMilliseconds(100), default);
        Assert.Equal(new Uri($"{emulator.Info.VaultUri}deletedcertificates/{name}"), deleted.RecoveryId);
        Assert.Equal(deleted.DeletedOn!.Value.AddDays(90), deleted.ScheduledPurgeDate);
        Assert.Equal(certificate.Cer, deleted.Cer);
        Assert.Equal(404, (await Assert.ThrowsAsync<RequestFailedException>(() => client.GetCertificateAsync(name))).Status);
        Assert.Equal(404, (await Assert.ThrowsAsync<RequestFailedException>(() => secrets.GetSecretAsync(name))).Status);

        // As the service: the deleted managed secret is readable but not listed among deleted secrets.
        DeletedSecret deletedSecret = await secrets.GetDeletedSecretAsync(name);
        Assert.True(deletedSecret.Properties.Managed);
        await foreach (var d in secrets.GetDeletedSecretsAsync())
        {
            Assert.NotEqual(name, d.Name);
        }
        var deletedNames = new List<string>();
        await foreach (var d in client.GetDeletedCertificatesAsync())
        {
            deletedNames.Add(d.Name);
        }
        Assert.Contains(name, deletedNames);

        var again = await Assert.ThrowsAsync<RequestFailedException>(() => client.StartCreateCertificateAsync(name, new CertificatePolicy("Self", "CN=again")));
        Assert.Equal(409, again.Status);
        Assert.Contains("ObjectIsDeletedButRecoverable", again.Message);

        RecoverDeletedCertificateOperation recovery = await client.StartRecoverDeletedCertificateAsync(name);
        KeyVaultCertificateWithPolicy recovered = await recovery.WaitForCompletionAsync(TimeSpan.FromMilliseconds(100), default);
        Assert.Equal(certificate.Properties.Version, recovered.Properties.Version);
        Assert.Equal("CN=lifecycle", recovered.Policy.Subject);
        Assert.True((await secrets.GetSecretAsync(name)).Value.Properties.Managed);

        await (await client.StartDeleteCertificateAsync(name)).WaitForCompletionAsync(TimeSpan.FromMilliseconds(100), default);
        await client.PurgeDeletedCertificateAsync(name);
        Assert.Equal(404, (await Assert.ThrowsAsync<RequestFailedException>(() => client.GetDeletedCertificateAsync(name))).Status);
        Assert.Equal(404, (await Assert.ThrowsAsync<RequestFailedException>(() => secrets.GetDeletedSecretAsync(name))).Status);
        Assert.Equal(404, (await Assert.ThrowsAsync<RequestFailedException>(() => client.GetCertificatePolicyAsync(name))).Status);

        var reborn = await CreateAsync(name, new CertificatePolicy("Self", "CN=reborn"));
        Assert.Equal("CN=reborn", reborn.Policy.Subject);
    }

    [Fact]
    public async Task Backup_and_restore_bring_back_versions_key_secret_and_policy()
    {
        var client = emulator.CreateCertificateClient();
        var name = EmulatorFixture.UniqueName("backup");
        var first = await CreateAsync(name, new CertificatePolicy("Self", "CN=backup-1"));
        var second = await CreateAsync(name, new CertificatePolicy("Self", "CN=backup-2") { ContentType = CertificateContentType.Pem });

        byte[] blob = await client.BackupCertificateAsync(name);
        Assert.DoesNotContain("PRIVATE KEY", Encoding.ASCII.GetString(blob));
        await (await client.StartDeleteCertificateAsync(name)).WaitForCompletionAsync(TimeSpan.FromMilliseconds(100), default);

        var conflict = await Assert.ThrowsAsync<RequestFailedException>(() => client.RestoreCertificateBackupAsync(blob));
        Assert.Equal(409, conflict.Status);
        await client.PurgeDeletedCertificateAsync(name);

        KeyVaultCertificateWithPolicy restored = await client.RestoreCertificateBackupAsync(blob);
        Assert.Equal(second.Properties.Version, restored.Properties.Version);
        Assert.Equal(second.Cer, restored.Cer);
        Assert.Equal("CN=backup-2", restored.Policy.Subject);
        KeyVaultCertificate old = await client.GetCertificateVersionAsync(name, first.Properties.Version);
        Assert.Equal(first.Cer, old.Cer);

        var secrets = emulator.CreateSecretClient();
        KeyVaultSecret latestSecret = await secrets.GetSecretAsync(name);
        using var pem = X509Certificate2.CreateFromPem(latestSecret.Value, latestSecret.Value);
        Assert.Equal(second.Cer, pem.RawData);
        AssertKeyBelongs(pem);
        KeyVaultSecret firstSecret = await secrets.GetSecretAsync(name, first.Properties.Version);
        using var pfx = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(firstSecret.Value), null, X509KeyStorageFlags.EphemeralKeySet);
        AssertKeyBelongs(pfx);

        blob[^5] ^= 0x55;
        var tampered = await Assert.ThrowsAsync<RequestFailedException>(() => client.RestoreCertificateBackupAsync(blob));
        Assert.Equal(400, tampered.Status);
    }

    [Fact]
    public async Task A_pending_operation_can_be_cancelled_or_deleted_before_it_completes()
    {
        var client = emulator.CreateCertificateClient();
        var cancelled = EmulatorFixture.UniqueName("cancel");
        CertificateOperation operation = await client.StartCreateCertificateAsync(cancelled, new CertificatePolicy("Self", "CN=cancel"));
        await operation.CancelAsync();
        Assert.Equal("cancelled", operation.Properties.Status);
        Assert.True(operation.Properties.CancellationRequested);
        await operation.UpdateStatusAsync();
        Assert.True(operation.HasCompleted);
        Assert.Equal(404, (await Assert.ThrowsAsync<RequestFailedException>(() => client.GetCertificateAsync(cancelled))).Status);

        var deletedOp = EmulatorFixture.UniqueName("delop");
        CertificateOperation second = await client.StartCreateCertificateAsync(deletedOp, new CertificatePolicy("Self", "CN=delop"));
        await second.DeleteAsync();
        using var pending = await emulator.SendAsync(HttpMethod.Get, $"/certificates/{deletedOp}/pending?api-version=7.6");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, pending.StatusCode);
        Assert.Contains("PendingCertificateNotFound", await pending.Content.ReadAsStringAsync());
        Assert.Equal(404, (await Assert.ThrowsAsync<RequestFailedException>(() => client.GetCertificateAsync(deletedOp))).Status);
    }

    [Fact]
    public async Task An_operation_nobody_polls_completes_on_its_own()
    {
        var name = EmulatorFixture.UniqueName("unpolled");
        using (var created = await emulator.SendAsync(HttpMethod.Post, $"/certificates/{name}/create?api-version=7.6",
            jsonBody: """{"policy":{"x509_props":{"subject":"CN=unpolled"},"issuer":{"name":"Self"}}}"""))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, created.StatusCode);
            Assert.Equal("10", created.Headers.RetryAfter!.ToString());
            Assert.StartsWith($"{emulator.Info.VaultUri}certificates/{name}/pending?api-version=7.6&request_id=", created.Headers.Location!.ToString());
        }
        await Task.Delay(3200); // CompletionDelay (2 s) counted in whole seconds, rounded up
        KeyVaultCertificateWithPolicy certificate = await emulator.CreateCertificateClient().GetCertificateAsync(name);
        Assert.Equal("CN=unpolled", certificate.Policy.Subject);
    }

    private async Task<KeyVaultCertificateWithPolicy> CreateAsync(string name, CertificatePolicy policy)
    {
        var operation = await emulator.CreateCertificateClient().StartCreateCertificateAsync(name, policy);
        return await operation.WaitForCompletionAsync(TimeSpan.FromMilliseconds(100), default);
    }

    internal static X509Certificate2 LocalCertificate(string subject, TimeSpan validity)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var made = request.CreateSelfSigned(now, now + validity);
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet);
    }

    /// <summary>Signed by its own key: a chain that trusts only the certificate itself builds.</summary>
    private static void AssertSelfSigned(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreWrongUsage;
        Assert.True(chain.Build(certificate), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    /// <summary>The private key signs what the certificate's public key verifies.</summary>
    internal static void AssertKeyBelongs(X509Certificate2 withKey)
    {
        var data = RandomNumberGenerator.GetBytes(64);
        if (withKey.GetRSAPrivateKey() is { } rsa)
        {
            using (rsa)
            {
                var signature = rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using var check = X509CertificateLoader.LoadCertificate(withKey.RawData).GetRSAPublicKey()!;
                Assert.True(check.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            }
            return;
        }
        using var ec = withKey.GetECDsaPrivateKey()!;
        var ecSignature = ec.SignData(data, HashAlgorithmName.SHA256);
        using var ecCheck = X509CertificateLoader.LoadCertificate(withKey.RawData).GetECDsaPublicKey()!;
        Assert.True(ecCheck.VerifyData(data, ecSignature, HashAlgorithmName.SHA256));
    }
}
