using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using VaultTools.Certificates;
using VaultTools.Core.Tests.Recorded;
using VaultTools.Errors;
using VaultTools.Internal;
using Xunit;

namespace VaultTools.Core.Tests;

/// <summary>
/// CertificateService through the official CertificateClient (and SecretClient for exports), against
/// responses the real service sent, served by a fake transport.
/// </summary>
public sealed class CertificateServiceTests : IDisposable
{
    private readonly RecordedVault _recorded = new();
    private readonly CertificateService _service;
    private readonly string _folder = Directory.CreateTempSubdirectory("vt-cert-tests").FullName;

    public CertificateServiceTests()
    {
        _service = new CertificateService(_recorded.Connection)
        {
            Polling = RecordedVault.FastPolling(),
            CreationPolling = RecordedVault.FastPolling(),
        };
    }

    public void Dispose() => Directory.Delete(_folder, true);

    private RecordedTransport Transport => _recorded.Transport;

    private static VaultCertificatePolicy Policy(string subject = "CN=xyz") => new()
    {
        SubjectName = subject,
        KeyType = "RSA",
        KeySize = 2048,
        ContentType = "Pkcs12",
        ValidityInMonths = 12,
        RenewAtPercentageLifetime = 80,
    };

    [SkippableFact]
    public void Create_answers_202_pending_then_polls_until_completed_and_returns_the_certificate()
    {
        var rec = Recordings.Load("KeyVaultCertificateClientTest.CreateCertificate");
        Transport.Serve(rec[0], rec[1], rec[2], rec[3]); // POST create 202, pending inProgress, pending completed, GET certificate

        var creation = _service.StartCreate(_recorded.Vault, "CreateCertificate", Policy(), new Dictionary<string, string> { ["env"] = "test" });
        Assert.Equal("inProgress", creation.Status.Status);
        Assert.NotNull(creation.Status.Csr);
        Assert.Equal("Self", creation.Status.IssuerName);

        var reports = new List<OperationProgress>();
        var certificate = _service.WaitForCreation(_recorded.Vault, creation, reports.Add);
        Assert.NotNull(certificate);
        Assert.Equal("completed", creation.Status.Status);
        Assert.Contains(reports, r => r.Status.Contains("inProgress"));
        Assert.Equal("8838738fd6b14e2196728afba1f0b904", certificate!.Version);
        Assert.Equal("CN=xyz", certificate.Subject);
        Assert.NotNull(certificate.Certificate);
        Assert.False(certificate.Certificate!.HasPrivateKey);
        Assert.Equal(certificate.Certificate.Thumbprint, certificate.Thumbprint);
        Assert.EndsWith("/keys/CreateCertificate/8838738fd6b14e2196728afba1f0b904", certificate.KeyId);
        Assert.EndsWith("/secrets/CreateCertificate/8838738fd6b14e2196728afba1f0b904", certificate.SecretId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1695232530), certificate.Expires);

        // What was asked of the vault: the policy as given, tags, no "enabled" (the service default).
        var body = JsonNode.Parse(Assert.Single(Transport.SentTo("POST", "/certificates/CreateCertificate/create")).Body!)!;
        Assert.Equal("CN=xyz", body["policy"]!["x509_props"]!["subject"]!.GetValue<string>());
        Assert.Equal(12, body["policy"]!["x509_props"]!["validity_months"]!.GetValue<int>());
        Assert.Equal("RSA", body["policy"]!["key_props"]!["kty"]!.GetValue<string>());
        Assert.Equal(2048, body["policy"]!["key_props"]!["key_size"]!.GetValue<int>());
        Assert.Equal("application/x-pkcs12", body["policy"]!["secret_props"]!["contentType"]!.GetValue<string>());
        Assert.Equal("Self", body["policy"]!["issuer"]!["name"]!.GetValue<string>());
        var action = body["policy"]!["lifetime_actions"]!.AsArray().Single()!;
        Assert.Equal(80, action["trigger"]!["lifetime_percentage"]!.GetValue<int>());
        Assert.Equal("AutoRenew", action["action"]!["action_type"]!.GetValue<string>());
        Assert.Equal("test", body["tags"]!["env"]!.GetValue<string>());
        Assert.Empty(Transport.Unexpected);
    }

    [SkippableFact]
    public void Create_with_EC_key_DNS_names_and_days_before_expiry_sends_them()
    {
        var rec = Recordings.Load("KeyVaultCertificateClientTest.CreateCertificate");
        Transport.Serve(rec[0]);
        var policy = new VaultCertificatePolicy
        {
            SubjectName = "CN=www.contoso.com",
            DnsNames = new[] { "www.contoso.com", "*.contoso.com" },
            CurveName = "p-384",
            ContentType = "pem",
            Exportable = false,
            RenewAtDaysBeforeExpiry = 30,
            EmailAtPercentageLifetime = 90,
        };

        _service.StartCreate(_recorded.Vault, "CreateCertificate", policy, null, enabled: false);
        var body = JsonNode.Parse(Transport.Sent.Single().Body!)!;
        var p = body["policy"]!;
        Assert.Equal("EC", p["key_props"]!["kty"]!.GetValue<string>());
        Assert.Equal("P-384", p["key_props"]!["crv"]!.GetValue<string>());
        Assert.False(p["key_props"]!["exportable"]!.GetValue<bool>());
        Assert.Equal("application/x-pem-file", p["secret_props"]!["contentType"]!.GetValue<string>());
        Assert.Equal(new[] { "www.contoso.com", "*.contoso.com" }, p["x509_props"]!["sans"]!["dns_names"]!.AsArray().Select(n => n!.GetValue<string>()));
        var actions = p["lifetime_actions"]!.AsArray();
        Assert.Contains(actions, a => a!["trigger"]!["days_before_expiry"]?.GetValue<int>() == 30 && a["action"]!["action_type"]!.GetValue<string>() == "AutoRenew");
        Assert.Contains(actions, a => a!["trigger"]!["lifetime_percentage"]?.GetValue<int>() == 90 && a["action"]!["action_type"]!.GetValue<string>() == "EmailContacts");
        Assert.False(body["attributes"]!["enabled"]!.GetValue<bool>());
    }

    [SkippableFact]
    public void A_failed_creation_is_VaultCertificateOperationFailed_with_the_service_error()
    {
        var rec = Recordings.Load("KeyVaultCertificateClientTest.CreateCertificate");
        var failed = rec[1].Json;
        failed["status"] = "failed";
        failed["status_details"] = "The certificate could not be issued.";
        failed["error"] = new JsonObject { ["code"] = "CertificateIssuanceFailed", ["message"] = "Issuer rejected the request." };
        Transport.Serve(rec[0]);
        Transport.Serve("GET", rec[1].Path, 200, failed.ToJsonString());

        var creation = _service.StartCreate(_recorded.Vault, "CreateCertificate", Policy(), null);
        var ex = Assert.Throws<VaultException>(() => _service.WaitForCreation(_recorded.Vault, creation));
        Assert.Equal("VaultCertificateOperationFailed", ex.ErrorId);
        Assert.Equal("CertificateIssuanceFailed", ex.ServiceErrorCode);
        Assert.Contains("Issuer rejected the request.", ex.Message);
        Assert.Empty(Transport.SentTo("GET", "/certificates/CreateCertificate"));
    }

    [SkippableFact]
    public void The_wait_for_a_creation_is_bounded_and_leaves_the_pending_status()
    {
        var rec = Recordings.Load("KeyVaultCertificateClientTest.CreateCertificate");
        Transport.Serve(rec[0], rec[1]); // stays inProgress, with the service's retry-after: 10
        _service.CreationPolling = RecordedVault.FastPolling(TimeSpan.FromMilliseconds(80));

        var creation = _service.StartCreate(_recorded.Vault, "CreateCertificate", Policy(), null);
        var started = DateTime.UtcNow;
        Assert.Null(_service.WaitForCreation(_recorded.Vault, creation));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "Retry-After must not stretch the bounded wait");
        Assert.Equal("inProgress", creation.Status.Status);
    }

    [SkippableFact]
    public void GetOperation_reads_the_pending_operation()
    {
        var rec = Recordings.Load("KeyVaultCertificateClientTest.CreateCertificate");
        Transport.Serve(rec[2]);
        var status = _service.GetOperation(_recorded.Vault, "CreateCertificate");
        Assert.Equal("completed", status.Status);
        Assert.EndsWith("/certificates/CreateCertificate", status.Target);
        Assert.Equal("810025c09b9c4ea78d6edefb43517995", status.RequestId);
    }

    [SkippableFact]
    public void Get_reads_the_latest_or_a_version_and_by_id()
    {
        var rec = Recordings.Load("KeyVaultCertificateClientTest.GetCertificateVersion");
        Transport.Serve(rec[3], rec[4]);

        var latest = _service.Get(_recorded.Vault, "GetCertificateVersion", null);
        var version = _service.Get(_recorded.Vault, "GetCertificateVersion", "cb45b54a12134e158dbc6e4a4bef29ed");
        Assert.Equal(latest.Thumbprint, version.Thumbprint);
        Assert.Equal("cb45b54a12134e158dbc6e4a4bef29ed", version.Version);
        var byId = _service.GetById(new Uri(version.Id));
        Assert.Equal(version.Version, byId.Version);
        Assert.Equal(2, Transport.SentTo("GET", "/certificates/GetCertificateVersion/cb45b54a12134e158dbc6e4a4bef29ed").Count());
    }

    [SkippableFact]
    public void A_missing_certificate_is_VaultCertificateNotFound_for_delete_and_recover()
    {
        var rec = Recordings.Load("KeyVaultCertificateClientTest.DeleteWrongCertificate");
        Transport.Serve(rec[0], rec[1]);
        var delete = Assert.Throws<VaultException>(() => _service.Remove(_recorded.Vault, "DeleteWrongCertificate"));
        Assert.Equal("VaultCertificateNotFound", delete.ErrorId);
        Assert.Equal(VaultErrorKind.NotFound, delete.Kind);
        Assert.Equal("CertificateNotFound", delete.ServiceErrorCode);
        var recover = Assert.Throws<VaultException>(() => _service.StartRecover(_recorded.Vault, "DeleteWrongCertificate"));
        Assert.Equal("VaultCertificateNotFound", recover.ErrorId);
    }

    [SkippableFact]
    public void List_follows_nextLink_and_filters_by_name()
    {
        // The recorded listing, split into two pages joined by a nextLink.
        var recorded = Recordings.Load("KeyVaultCertificateClientTest.GetPropertiesOfCertificates")[8].Json;
        var items = recorded["value"]!.AsArray().Select(n => n!.DeepClone()).ToList();
        var page1 = new JsonObject { ["value"] = new JsonArray(items.Take(4).ToArray()), ["nextLink"] = "https://REDACTED.vault.azure.net:443/certificates?api-version=7.3&$skiptoken=page-two&maxresults=4" };
        var page2 = new JsonObject { ["value"] = new JsonArray(items.Skip(4).ToArray()), ["nextLink"] = null };
        Transport.Serve("GET", "/certificates", 200, page1.ToJsonString());
        Transport.Serve("GET", "/certificates", 200, page2.ToJsonString(), skipToken: "page-two");

        var all = _service.List(_recorded.Vault).ToList();
        Assert.Equal(items.Count, all.Count);
        Assert.True(items.Count > 4);
        Assert.Equal(2, Transport.SentTo("GET", "/certificates").Count());
        Assert.All(all, c => Assert.Matches("^[0-9A-F]{40}$", c.Thumbprint!));
        Assert.Contains(all, c => c.Name == "GetPropertiesOfCertificates2");

        var some = _service.List(_recorded.Vault, n => n.StartsWith("GetPropertiesOfCertificates", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(2, some.Count);
    }

    [SkippableFact]
    public void ListVersions_is_newest_first()
    {
        Transport.Serve(Recordings.Load("KeyVaultCertificateClientTest.GetPropertiesOfCertificateVersions")[9]);
        var versions = _service.ListVersions(_recorded.Vault, "GetPropertiesOfCertificateVersions").ToList();
        Assert.Equal(2, versions.Count);
        Assert.True(versions[0].Created >= versions[1].Created);
    }

    [SkippableFact]
    public void ListVersions_of_an_unknown_name_is_not_found()
    {
        Transport.Serve(Recordings.Load("KeyVaultCertificateClientTest.GetPropertiesOfCertificatesVersionsNoCert")[0]);
        var ex = Assert.Throws<VaultException>(() => _service.ListVersions(_recorded.Vault, "GetPropertiesOfCertificatesVersionsNoCert").ToList());
        Assert.Equal("VaultCertificateNotFound", ex.ErrorId);
    }

    [SkippableFact]
    public void Soft_delete_cycle_delete_wait_recover_wait_then_purge()
    {
        var rec = Recordings.Load("KeyVaultCertificateClientTest.GetDeletedCertificate");
        // DELETE; deleted entry 404 then 200; recover; certificate 404 then 200 — as recorded.
        Transport.Serve(rec[4], rec[5], rec[6], rec[8], rec[9], rec[10]);

        var removal = _service.Remove(_recorded.Vault, "GetDeletedCertificate");
        Assert.EndsWith("/deletedcertificates/GetDeletedCertificate", removal.Result.RecoveryId);
        Assert.NotNull(removal.Result.Certificate);
        Assert.True(_service.WaitFor(removal));
        Assert.Equal(2, Transport.SentTo("GET", "/deletedcertificates/GetDeletedCertificate").Count());

        var recovery = _service.StartRecover(_recorded.Vault, "GetDeletedCertificate");
        Assert.Equal("GetDeletedCertificate", recovery.Result.Name);
        Assert.True(_service.WaitFor(recovery));
        Assert.Equal(2, Transport.SentTo("GET", "/certificates/GetDeletedCertificate").Count());

        Transport.Serve(Recordings.Load("KeyVaultCertificateClientTest.CreateCertificate")[8]); // DELETE deletedcertificates -> 204
        Transport.Serve("DELETE", "/deletedcertificates/GetDeletedCertificate", 204, "");
        _service.Purge(_recorded.Vault, "GetDeletedCertificate");
        Assert.Single(Transport.SentTo("DELETE", "/deletedcertificates/GetDeletedCertificate"));
    }

    [SkippableFact]
    public void GetDeleted_and_ListDeleted_return_deleted_certificates()
    {
        var rec = Recordings.Load("KeyVaultCertificateClientTest.GetDeletedCertificates");
        Transport.Serve(rec[10], rec[14]);
        var one = _service.GetDeleted(_recorded.Vault, "GetDeletedCertificates");
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1636059228), one.DeletedOn);
        Assert.NotNull(one.Certificate);

        var listed = _service.ListDeleted(_recorded.Vault).ToList();
        Assert.Equal(2, listed.Count);
        Assert.All(listed, d => Assert.NotNull(d.ScheduledPurgeDate));
        Assert.Single(_service.ListDeleted(_recorded.Vault, n => n == "GetDeletedCertificates2"));
    }

    [SkippableFact]
    public void Backup_and_restore_through_a_file()
    {
        var rec = Recordings.Load("KeyVaultCertificateClientTest.BackupRestoreCertificate");
        Transport.Serve(rec[4], rec[9]);
        string path = Path.Combine(_folder, "cert.blob");

        var file = _service.Backup(_recorded.Vault, "BackupRestoreCertificate", path, overwrite: false);
        byte[] blob = SecretLifecycleTests.Base64Url(rec[4].Json["value"]!.GetValue<string>());
        Assert.Equal(blob, File.ReadAllBytes(file.FullName));
        Assert.Equal("OutputFileExists", Assert.Throws<VaultException>(() => _service.Backup(_recorded.Vault, "BackupRestoreCertificate", path, overwrite: false)).ErrorId);
        Assert.Single(Transport.SentTo("POST", "/certificates/BackupRestoreCertificate/backup"));

        var restored = _service.Restore(_recorded.Vault, path);
        Assert.Equal("BackupRestoreCertificate", restored.Name);
        var sent = JsonNode.Parse(Assert.Single(Transport.SentTo("POST", "/certificates/restore")).Body!)!;
        Assert.Equal(blob, SecretLifecycleTests.Base64Url(sent["value"]!.GetValue<string>()));
    }

    [SkippableFact]
    public void GetPolicy_maps_the_service_policy_and_SetPolicy_sends_the_changed_one()
    {
        var rec = Recordings.Load("KeyVaultCertificateClientTest.UpdateCertificatePolicy");
        Transport.Serve(rec[4], rec[5]);

        var policy = _service.GetPolicy(_recorded.Vault, "UpdateCertificatePolicy");
        Assert.Equal("Self", policy.IssuerName);
        Assert.Equal("CN=xyz", policy.SubjectName);
        Assert.Equal("RSA", policy.KeyType);
        Assert.Equal(2048, policy.KeySize);
        Assert.Equal("Pkcs12", policy.ContentType);
        Assert.Equal(12, policy.ValidityInMonths);
        Assert.True(policy.Exportable);
        Assert.Equal("UpdateCertificatePolicy", policy.Name);

        policy.ValidityInMonths = 24;
        policy.RenewAtPercentageLifetime = null;
        policy.RenewAtDaysBeforeExpiry = 60;
        _service.SetPolicy(_recorded.Vault, "UpdateCertificatePolicy", policy);
        var body = JsonNode.Parse(Assert.Single(Transport.SentTo("PATCH", "/certificates/UpdateCertificatePolicy/policy")).Body!)!;
        Assert.Equal(24, body["x509_props"]!["validity_months"]!.GetValue<int>());
        Assert.Equal(60, body["lifetime_actions"]!.AsArray().Single()!["trigger"]!["days_before_expiry"]!.GetValue<int>());
    }

    [SkippableFact]
    public void Export_as_PFX_reads_the_backing_secret_and_protects_the_key_with_the_password()
    {
        var rec = Recordings.Load("KeyVaultCertificateClientTest.DownloadImportPkcs");
        Transport.Serve(rec[3], rec[5]); // the certificate, then its backing secret (PKCS#12, no password)
        string path = Path.Combine(_folder, "out.pfx");

        var file = _service.Export(_recorded.Vault, "DownloadImportPkcs", null, path, CertificateFileFormat.Pfx, SecureStrings.FromPlainText("s3cret!"), overwrite: false);
        using var loaded = X509CertificateLoader.LoadPkcs12FromFile(file.FullName, "s3cret!", X509KeyStorageFlags.EphemeralKeySet);
        Assert.True(loaded.HasPrivateKey);
        using (var rsa = loaded.GetRSAPrivateKey())
        {
            byte[] signature = rsa!.SignData(new byte[] { 1, 2, 3 }, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            Assert.True(loaded.GetRSAPublicKey()!.VerifyData(new byte[] { 1, 2, 3 }, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }

        var expected = _service.Get(_recorded.Vault, "DownloadImportPkcs", null);
        Assert.Equal(expected.Thumbprint, loaded.Thumbprint);
        Assert.ThrowsAny<CryptographicException>(() => X509CertificateLoader.LoadPkcs12FromFile(file.FullName, "wrong", X509KeyStorageFlags.EphemeralKeySet));
        Assert.Single(Transport.SentTo("GET", "/secrets/DownloadImportPkcs/53f7dd3711364168882b48026cb30f80"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file.FullName));
        }
    }

    [Fact]
    public void Export_refuses_a_missing_password_or_an_existing_file_before_any_request()
    {
        string path = Path.Combine(_folder, "exists.pfx");
        var noPassword = Assert.Throws<VaultException>(() => _service.Export(_recorded.Vault, "c", null, path, CertificateFileFormat.Pfx, null, false));
        Assert.Equal("PasswordRequired", noPassword.ErrorId);
        Assert.Equal("Password", noPassword.ParameterName);

        File.WriteAllText(path, "old");
        var exists = Assert.Throws<VaultException>(() => _service.Export(_recorded.Vault, "c", null, path, CertificateFileFormat.Pfx, SecureStrings.FromPlainText("p"), false));
        Assert.Equal("OutputFileExists", exists.ErrorId);
        Assert.Equal("FilePath", exists.ParameterName);
        Assert.Equal(VaultErrorKind.Conflict, exists.Kind);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Empty(Transport.Sent);
    }

    [SkippableFact]
    public void Export_as_Cer_writes_the_public_certificate_without_reading_the_secret()
    {
        var rec = Recordings.Load("KeyVaultCertificateClientTest.DownloadImportPkcs");
        Transport.Serve(rec[3]);
        string path = Path.Combine(_folder, "public.cer");
        _service.Export(_recorded.Vault, "DownloadImportPkcs", null, path, CertificateFiles.FormatFromPath(path), null, false);
        using var cer = X509CertificateLoader.LoadCertificateFromFile(path);
        Assert.False(cer.HasPrivateKey);
        Assert.Equal(Convert.FromBase64String(rec[3].Json["cer"]!.GetValue<string>()), cer.RawData);
        Assert.DoesNotContain(Transport.Sent, r => r.Uri.AbsolutePath.StartsWith("/secrets/", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Export_of_a_PEM_backed_certificate_as_PEM_and_as_PFX()
    {
        var rec = Recordings.Load("KeyVaultCertificateClientTest.DownloadImportPem");
        Transport.Serve(rec[3], rec[5]);
        string pemPath = Path.Combine(_folder, "out.pem");
        _service.Export(_recorded.Vault, "DownloadImportPem", null, pemPath, CertificateFileFormat.Pem, null, false);
        string pem = File.ReadAllText(pemPath);
        Assert.Contains("-----BEGIN PRIVATE KEY-----", pem);
        using (var fromPem = X509Certificate2.CreateFromPem(pem, pem))
        {
            Assert.True(fromPem.HasPrivateKey);
        }

        string pfxPath = Path.Combine(_folder, "out.pfx");
        _service.Export(_recorded.Vault, "DownloadImportPem", null, pfxPath, CertificateFileFormat.Pfx, SecureStrings.FromPlainText("pw"), false);
        using var fromPfx = X509CertificateLoader.LoadPkcs12FromFile(pfxPath, "pw", X509KeyStorageFlags.EphemeralKeySet);
        Assert.True(fromPfx.HasPrivateKey);

        string encryptedPath = Path.Combine(_folder, "encrypted.pem");
        _service.Export(_recorded.Vault, "DownloadImportPem", null, encryptedPath, CertificateFileFormat.Pem, SecureStrings.FromPlainText("pem-pw"), false);
        string encrypted = File.ReadAllText(encryptedPath);
        Assert.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", encrypted);
        Assert.DoesNotContain("-----BEGIN PRIVATE KEY-----", encrypted);
        using var decrypted = X509Certificate2.CreateFromEncryptedPem(encrypted, encrypted, "pem-pw");
        Assert.True(decrypted.HasPrivateKey);
    }

    [SkippableFact]
    public void Export_fails_clearly_when_the_secret_holds_no_private_key()
    {
        var rec = Recordings.Load("KeyVaultCertificateClientTest.DownloadImportPkcs");
        var publicOnly = rec[5].Json;
        using (var cer = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(rec[3].Json["cer"]!.GetValue<string>())))
        {
            publicOnly["value"] = Convert.ToBase64String(cer.Export(X509ContentType.Pkcs12)!);
        }

        Transport.Serve(rec[3]);
        Transport.Serve("GET", rec[5].Path, 200, publicOnly.ToJsonString());
        var ex = Assert.Throws<VaultException>(() => _service.Export(_recorded.Vault, "DownloadImportPkcs", null, Path.Combine(_folder, "x.pfx"), CertificateFileFormat.Pfx, SecureStrings.FromPlainText("p"), false));
        Assert.Equal("CertificateKeyNotExportable", ex.ErrorId);
        Assert.False(File.Exists(Path.Combine(_folder, "x.pfx")));
    }

    [SkippableFact]
    public void Import_of_a_PFX_sends_the_file_and_its_password_with_the_PKCS12_content_type()
    {
        var import = Recordings.Load("KeyVaultCertificateClientTest.DownloadImportPkcs")[6];
        Transport.Serve("POST", "/certificates/imported/import", 200, import.Body);
        string path = Path.Combine(_folder, "in.pfx");
        byte[] pfx = TestCertificates.Pfx("CN=imported", "pfx-pw", "imported.contoso.com");
        File.WriteAllBytes(path, pfx);

        var result = _service.Import(_recorded.Vault, new CertificateImport { Name = "imported", FilePath = path, Password = SecureStrings.FromPlainText("pfx-pw"), Tags = new Dictionary<string, string> { ["a"] = "b" } });
        Assert.NotNull(result.Certificate);
        var body = JsonNode.Parse(Transport.Sent.Single().Body!)!;
        Assert.Equal(pfx, Convert.FromBase64String(body["value"]!.GetValue<string>()));
        Assert.Equal("pfx-pw", body["pwd"]!.GetValue<string>());
        Assert.Equal("application/x-pkcs12", body["policy"]!["secret_props"]!["contentType"]!.GetValue<string>());
        Assert.Equal("b", body["tags"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public void Import_with_a_wrong_PFX_password_is_InvalidCertificatePassword_naming_Password_and_sends_nothing()
    {
        string path = Path.Combine(_folder, "in.pfx");
        File.WriteAllBytes(path, TestCertificates.Pfx("CN=imported", "R1ght-Pa55"));
        var ex = Assert.Throws<VaultException>(() => _service.Import(_recorded.Vault, new CertificateImport { Name = "imported", FilePath = path, Password = SecureStrings.FromPlainText("Wr0ng-Pa55") }));
        Assert.Equal("InvalidCertificatePassword", ex.ErrorId);
        Assert.Equal("Password", ex.ParameterName);
        Assert.Equal(VaultErrorKind.InvalidArgument, ex.Kind);
        Assert.DoesNotContain("Wr0ng-Pa55", ex.Message);
        Assert.DoesNotContain("R1ght-Pa55", ex.Message);
        Assert.Empty(Transport.Sent);
    }

    [Fact]
    public void Import_refuses_files_without_a_private_key_or_that_are_not_certificates()
    {
        string noKey = Path.Combine(_folder, "nokey.pfx");
        using (var cert = TestCertificates.Create("CN=nokey"))
        using (var publicOnly = X509CertificateLoader.LoadCertificate(cert.RawData))
        {
            File.WriteAllBytes(noKey, publicOnly.Export(X509ContentType.Pkcs12, "p")!);
        }

        var ex = Assert.Throws<VaultException>(() => _service.Import(_recorded.Vault, new CertificateImport { Name = "x", FilePath = noKey, Password = SecureStrings.FromPlainText("p") }));
        Assert.Equal("CertificateFileHasNoPrivateKey", ex.ErrorId);
        Assert.Equal("FilePath", ex.ParameterName);

        string junk = Path.Combine(_folder, "junk.pfx");
        File.WriteAllText(junk, "this is not a certificate");
        Assert.Equal("InvalidCertificateFile", Assert.Throws<VaultException>(() => _service.Import(_recorded.Vault, new CertificateImport { Name = "x", FilePath = junk })).ErrorId);
        Assert.Equal("InputFileNotFound", Assert.Throws<VaultException>(() => _service.Import(_recorded.Vault, new CertificateImport { Name = "x", FilePath = Path.Combine(_folder, "none.pfx") })).ErrorId);

        string certOnlyPem = Path.Combine(_folder, "cert.pem");
        using (var cert = TestCertificates.Create("CN=pem"))
        {
            File.WriteAllText(certOnlyPem, cert.ExportCertificatePem());
        }

        Assert.Equal("CertificateFileHasNoPrivateKey", Assert.Throws<VaultException>(() => _service.Import(_recorded.Vault, new CertificateImport { Name = "x", FilePath = certOnlyPem })).ErrorId);
        Assert.Empty(Transport.Sent);
    }

    [SkippableFact]
    public void Import_of_a_PEM_sends_the_PEM_text_with_the_PEM_content_type()
    {
        var import = Recordings.Load("KeyVaultCertificateClientTest.DownloadImportPem")[6];
        Transport.Serve("POST", "/certificates/pem/import", 200, import.Body);
        string path = Path.Combine(_folder, "in.pem");
        using var cert = TestCertificates.Create("CN=pem");
        using var key = cert.GetRSAPrivateKey()!;
        File.WriteAllText(path, cert.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());

        _service.Import(_recorded.Vault, new CertificateImport { Name = "pem", FilePath = path });
        var body = JsonNode.Parse(Transport.Sent.Single().Body!)!;
        string value = body["value"]!.GetValue<string>();
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", value);
        Assert.Contains("-----BEGIN CERTIFICATE-----", value);
        Assert.Equal("application/x-pem-file", body["policy"]!["secret_props"]!["contentType"]!.GetValue<string>());
        Assert.Null(body["pwd"]);
    }

    [SkippableFact]
    public void Import_of_an_encrypted_PEM_decrypts_it_locally_and_never_sends_the_password()
    {
        var import = Recordings.Load("KeyVaultCertificateClientTest.DownloadImportPem")[6];
        Transport.Serve("POST", "/certificates/pem/import", 200, import.Body);
        string path = Path.Combine(_folder, "enc.pem");
        using var cert = TestCertificates.Create("CN=pem");
        using var key = cert.GetRSAPrivateKey()!;
        var pbe = new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1000);
        File.WriteAllText(path, cert.ExportCertificatePem() + "\n" + key.ExportEncryptedPkcs8PrivateKeyPem("pem-secret-pw", pbe));

        var wrong = Assert.Throws<VaultException>(() => _service.Import(_recorded.Vault, new CertificateImport { Name = "pem", FilePath = path, Password = SecureStrings.FromPlainText("nope") }));
        Assert.Equal("InvalidCertificatePassword", wrong.ErrorId);
        var missing = Assert.Throws<VaultException>(() => _service.Import(_recorded.Vault, new CertificateImport { Name = "pem", FilePath = path }));
        Assert.Equal("Password", missing.ParameterName);
        Assert.Empty(Transport.Sent);

        _service.Import(_recorded.Vault, new CertificateImport { Name = "pem", FilePath = path, Password = SecureStrings.FromPlainText("pem-secret-pw") });
        string sent = Transport.Sent.Single().Body!;
        Assert.DoesNotContain("pem-secret-pw", sent);
        Assert.DoesNotContain("ENCRYPTED", sent);
        string value = JsonNode.Parse(sent)!["value"]!.GetValue<string>();
        using var roundTrip = X509Certificate2.CreateFromPem(value, value);
        Assert.Equal(cert.Thumbprint, roundTrip.Thumbprint);
        Assert.True(roundTrip.HasPrivateKey);
    }

    [Fact]
    public void Import_of_a_PEM_whose_key_belongs_to_another_certificate_is_refused()
    {
        string path = Path.Combine(_folder, "mismatch.pem");
        using var cert = TestCertificates.Create("CN=one");
        File.WriteAllText(path, cert.ExportCertificatePem() + "\n" + TestCertificates.OtherKey.ExportPkcs8PrivateKeyPem());
        var ex = Assert.Throws<VaultException>(() => _service.Import(_recorded.Vault, new CertificateImport { Name = "x", FilePath = path }));
        Assert.Equal("CertificateKeyMismatch", ex.ErrorId);
        Assert.Empty(Transport.Sent);
    }

    [SkippableFact]
    public void Export_then_import_round_trips_the_key_pair()
    {
        var rec = Recordings.Load("KeyVaultCertificateClientTest.DownloadImportPkcs");
        Transport.Serve(rec[3], rec[5]);
        Transport.Serve("POST", "/certificates/copy/import", 200, rec[6].Body);
        string path = Path.Combine(_folder, "copy.pfx");
        _service.Export(_recorded.Vault, "DownloadImportPkcs", null, path, CertificateFileFormat.Pfx, SecureStrings.FromPlainText("copy-pw"), false);
        _service.Import(_recorded.Vault, new CertificateImport { Name = "copy", FilePath = path, Password = SecureStrings.FromPlainText("copy-pw") });

        var body = JsonNode.Parse(Assert.Single(Transport.SentTo("POST", "/certificates/copy/import")).Body!)!;
        using var sent = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(body["value"]!.GetValue<string>()), body["pwd"]!.GetValue<string>(), X509KeyStorageFlags.EphemeralKeySet);
        Assert.Equal(Convert.FromBase64String(rec[3].Json["cer"]!.GetValue<string>()), sent.RawData);
        Assert.True(sent.HasPrivateKey);
    }

    [Theory]
    [InlineData("KeySize", 1024, "InvalidKeySize")]
    [InlineData("CurveName", "P-999", "InvalidCurveName")]
    [InlineData("ValidityInMonths", 0, "InvalidValidity")]
    [InlineData("ValidityInMonths", 1201, "InvalidValidity")]
    [InlineData("SubjectName", "www.contoso.com", "InvalidSubjectName")]
    [InlineData("DnsName", "bad_name.contoso.com", "InvalidDnsName")]
    [InlineData("RenewAtPercentageLifetime", 100, "InvalidLifetimePercentage")]
    [InlineData("RenewAtDaysBeforeExpiry", 325, "InvalidDaysBeforeExpiry")]
    [InlineData("KeyType", "DSA", "InvalidKeyType")]
    [InlineData("ContentType", "application/json", "InvalidContentType")]
    [InlineData("KeyUsage", "signEverything", "InvalidKeyUsage")]
    [InlineData("EnhancedKeyUsage", "server-auth", "InvalidEnhancedKeyUsage")]
    public void Create_refuses_a_bad_policy_before_any_request_naming_the_parameter(string parameter, object value, string errorId)
    {
        var policy = Policy();
        switch (parameter)
        {
            case "KeySize": policy.KeySize = (int)value; break;
            case "CurveName": policy.KeyType = "EC"; policy.KeySize = null; policy.CurveName = (string)value; break;
            case "ValidityInMonths": policy.ValidityInMonths = (int)value; break;
            case "SubjectName": policy.SubjectName = (string)value; break;
            case "DnsName": policy.DnsNames = new[] { "ok.contoso.com", (string)value }; break;
            case "RenewAtPercentageLifetime": policy.RenewAtPercentageLifetime = (int)value; break;
            case "RenewAtDaysBeforeExpiry": policy.RenewAtPercentageLifetime = null; policy.RenewAtDaysBeforeExpiry = (int)value; break;
            case "KeyType": policy.KeyType = (string)value; break;
            case "ContentType": policy.ContentType = (string)value; break;
            case "KeyUsage": policy.KeyUsage = new[] { "digitalSignature", (string)value }; break;
            case "EnhancedKeyUsage": policy.EnhancedKeyUsage = new[] { (string)value }; break;
        }

        var ex = Assert.Throws<VaultException>(() => _service.StartCreate(_recorded.Vault, "c", policy, null));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal(parameter, ex.ParameterName);
        Assert.Equal(VaultErrorKind.InvalidArgument, ex.Kind);
        Assert.Contains("-" + parameter, ex.Message);
        Assert.Empty(Transport.Sent);
    }

    [Fact]
    public void Create_refuses_a_bad_name_and_bad_tags_before_any_request()
    {
        Assert.Equal("InvalidCertificateName", Assert.Throws<VaultException>(() => _service.StartCreate(_recorded.Vault, "no_underscores", Policy(), null)).ErrorId);
        var tags = Enumerable.Range(0, 16).ToDictionary(i => "t" + i, i => "v");
        Assert.Equal("TooManyTags", Assert.Throws<VaultException>(() => _service.StartCreate(_recorded.Vault, "ok", Policy(), tags)).ErrorId);
        Assert.Empty(Transport.Sent);
    }
}

/// <summary>
/// Certificates made in the test with CertificateRequest. RSA key generation takes most of a second on a
/// small machine, so two keys are made once and shared; every certificate is still a new one.
/// </summary>
internal static class TestCertificates
{
    private static readonly Lazy<RSA> First = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> Second = new(() => RSA.Create(2048));

    /// <summary>A key that belongs to none of the certificates made by <see cref="Create"/>.</summary>
    public static RSA OtherKey => Second.Value;

    public static X509Certificate2 Create(string subject, params string[] dnsNames)
    {
        RSA rsa;
        lock (First)
        {
            rsa = First.Value;
        }

        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (dnsNames.Length > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var dns in dnsNames)
            {
                san.AddDnsName(dns);
            }

            request.CertificateExtensions.Add(san.Build());
        }

        lock (First)
        {
            using var withKey = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            // A copy with its own key handle, so callers may dispose it and its key freely.
            return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12, "t")!, "t", X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet);
        }
    }

    public static byte[] Pfx(string subject, string password, params string[] dnsNames)
    {
        using var cert = Create(subject, dnsNames);
        return cert.Export(X509ContentType.Pkcs12, password)!;
    }
}
