using System.Net;
using System.Security.Cryptography.X509Certificates;
using Azure;
using Azure.Security.KeyVault.Certificates;
using Azure.Security.KeyVault.Secrets;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

/// <summary>Certificate refusals, with the service's statuses, codes and (where recorded or reported) texts.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class CertificateErrorTests(EmulatorFixture emulator)
{
    [Fact]
    public async Task Unknown_certificate_is_404_with_the_recorded_bodies()
    {
        using var live = await emulator.SendAsync(HttpMethod.Delete, "/certificates/never-existed?api-version=7.6");
        Assert.Equal(
            """{"error":{"code":"CertificateNotFound","message":"A certificate with (name/id) never-existed was not found in this key vault. If you recently deleted this certificate you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182"}}""",
            await live.Content.ReadAsStringAsync());
        using var deleted = await emulator.SendAsync(HttpMethod.Get, "/deletedcertificates/never-existed?api-version=7.6");
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
        Assert.Equal("""{"error":{"code":"CertificateNotFound","message":"Deleted Certificate not found: never-existed"}}""", await deleted.Content.ReadAsStringAsync());
        using var versions = await emulator.SendAsync(HttpMethod.Get, "/certificates/never-existed/versions?api-version=7.6");
        Assert.Equal("""{"value":[],"nextLink":null}""", await versions.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_pfx_password_is_the_service_400_and_imports_nothing()
    {
        using var local = CertificateConformanceTests.LocalCertificate("CN=wrong-password", TimeSpan.FromDays(30));
        var client = emulator.CreateCertificateClient();
        var name = EmulatorFixture.UniqueName("wrongpw");
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => client.ImportCertificateAsync(
            new ImportCertificateOptions(name, local.Export(X509ContentType.Pfx, "right")) { Password = "wrong" }));
        Assert.Equal(400, ex.Status);
        Assert.Equal("BadParameter", ex.ErrorCode);
        Assert.Contains("The specified PKCS#12 X.509 certificate content can not be read. Please check if certificate is in valid PKCS#12 format.", ex.Message);
        Assert.DoesNotContain("wrong", ex.Message.Split('\n')[0]);
        Assert.Equal(404, (await Assert.ThrowsAsync<RequestFailedException>(() => client.GetCertificateAsync(name))).Status);
        Assert.Equal(404, (await Assert.ThrowsAsync<RequestFailedException>(() => emulator.CreateSecretClient().GetSecretAsync(name))).Status);
    }

    [Fact]
    public async Task Content_without_a_private_key_is_refused()
    {
        using var local = CertificateConformanceTests.LocalCertificate("CN=public-only", TimeSpan.FromDays(30));
        var client = emulator.CreateCertificateClient();
        var pem = await Assert.ThrowsAsync<RequestFailedException>(() => client.ImportCertificateAsync(
            new ImportCertificateOptions(EmulatorFixture.UniqueName("nokey"), System.Text.Encoding.UTF8.GetBytes(local.ExportCertificatePem()))
            {
                Policy = new CertificatePolicy { ContentType = CertificateContentType.Pem },
            }));
        Assert.Equal(400, pem.Status);
        Assert.Contains("No certificate with private key found in the specified X.509 certificate content.", pem.Message);

        var cer = await Assert.ThrowsAsync<RequestFailedException>(() => client.ImportCertificateAsync(
            new ImportCertificateOptions(EmulatorFixture.UniqueName("nokey"), local.Export(X509ContentType.Cert))));
        Assert.Equal(400, cer.Status);
    }

    public static TheoryData<string, string> BadPolicies => new()
    {
        { """{"key_props":{"kty":"RSA","key_size":1024}}""", "Unsupported key size (1024)" },
        { """{"key_props":{"kty":"EC","crv":"P-999"}}""", "Unsupported curve (P-999)" },
        { """{"key_props":{"kty":"EC","crv":"P-256","key_size":384}}""", "Unsupported key size (384) for curve P-256" },
        { """{"key_props":{"kty":"RSA","crv":"P-256"}}""", "applies to EC keys only" },
        { """{"key_props":{"kty":"oct"}}""", "Unsupported key type (oct)" },
        { """{"secret_props":{"contentType":"text/plain"}}""", "content type 'text/plain' is not supported" },
        { """{"x509_props":{"validity_months":0}}""", "validity (0 months)" },
        { """{"x509_props":{"subject":"just-a-name"}}""", "not a valid X.500 distinguished name" },
        { """{"x509_props":{"subject":"CN=x","sans":{"dns_names":["under_score.contoso.com"]}}}""", "not a valid host name" },
        { """{"x509_props":{"key_usage":["signEverything"]}}""", "Unknown key usage 'signEverything'" },
        { """{"lifetime_actions":[{"trigger":{"lifetime_percentage":100},"action":{"action_type":"AutoRenew"}}]}""", "lifetime percentage (100)" },
        { """{"lifetime_actions":[{"trigger":{"lifetime_percentage":80,"days_before_expiry":10},"action":{"action_type":"AutoRenew"}}]}""", "exactly one of" },
    };

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public async Task Bad_policies_are_BadParameter_and_create_nothing(string policyPart, string expected)
    {
        var name = EmulatorFixture.UniqueName("badpolicy");
        var policy = System.Text.Json.Nodes.JsonNode.Parse(policyPart)!.AsObject();
        policy["issuer"] ??= new System.Text.Json.Nodes.JsonObject { ["name"] = "Self" };
        if (policy["x509_props"] is System.Text.Json.Nodes.JsonObject x509)
        {
            x509["subject"] ??= "CN=bad";
        }
        else
        {
            policy["x509_props"] = new System.Text.Json.Nodes.JsonObject { ["subject"] = "CN=bad" };
        }
        using var response = await emulator.SendAsync(HttpMethod.Post, $"/certificates/{name}/create?api-version=7.6",
            jsonBody: new System.Text.Json.Nodes.JsonObject { ["policy"] = policy }.ToJsonString());
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"code\":\"BadParameter\"", body);
        Assert.Contains(expected, body);
        using var pending = await emulator.SendAsync(HttpMethod.Get, $"/certificates/{name}/pending?api-version=7.6");
        Assert.Equal(HttpStatusCode.NotFound, pending.StatusCode);
    }

    [Fact]
    public async Task Hsm_keys_need_a_premium_vault()
    {
        var policy = new CertificatePolicy("Self", "CN=hsm") { KeyType = CertificateKeyType.RsaHsm };
        var standard = await Assert.ThrowsAsync<RequestFailedException>(() =>
            emulator.CreateCertificateClient().StartCreateCertificateAsync(EmulatorFixture.UniqueName("hsm"), policy));
        Assert.Equal(403, standard.Status);
        Assert.Contains("Hardware key operation not allowed on standard vault", standard.Message);

        var premiumClient = emulator.CreateCertificateClient("second");
        var premium = await (await premiumClient.StartCreateCertificateAsync(EmulatorFixture.UniqueName("hsm"), policy))
            .WaitForCompletionAsync(TimeSpan.FromMilliseconds(100), default);
        Assert.Equal(CertificateKeyType.RsaHsm, premium.Value.Policy.KeyType);

        // Its backup does not restore into a standard vault either.
        byte[] blob = await premiumClient.BackupCertificateAsync(premium.Value.Name);
        var restore = await Assert.ThrowsAsync<RequestFailedException>(() => emulator.CreateCertificateClient().RestoreCertificateBackupAsync(blob));
        Assert.Equal(403, restore.Status);
    }

    [Fact]
    public async Task The_managed_secret_cannot_be_set_updated_deleted_or_backed_up_on_its_own()
    {
        var name = EmulatorFixture.UniqueName("managed");
        await (await emulator.CreateCertificateClient().StartCreateCertificateAsync(name, new CertificatePolicy("Self", "CN=managed")))
            .WaitForCompletionAsync(TimeSpan.FromMilliseconds(100), default);
        var secrets = emulator.CreateSecretClient();

        var set = await Assert.ThrowsAsync<RequestFailedException>(() => secrets.SetSecretAsync(name, "overwrite"));
        Assert.Equal(403, set.Status);
        Assert.Equal("Forbidden", set.ErrorCode);
        Assert.Contains("Operation \"set\" is not allowed as this object's lifetime is managed by Key Vault.", set.Message);
        Assert.Contains("SecretManagedByKeyVault", set.Message);

        var delete = await Assert.ThrowsAsync<RequestFailedException>(() => secrets.StartDeleteSecretAsync(name));
        Assert.Equal(403, delete.Status);
        Assert.Contains("Operation \"delete\" is not allowed", delete.Message);

        KeyVaultSecret current = await secrets.GetSecretAsync(name);
        current.Properties.ContentType = "text/plain";
        var update = await Assert.ThrowsAsync<RequestFailedException>(() => secrets.UpdateSecretPropertiesAsync(current.Properties));
        Assert.Equal(403, update.Status);

        var backup = await Assert.ThrowsAsync<RequestFailedException>(() => secrets.BackupSecretAsync(name));
        Assert.Equal(403, backup.Status);

        Assert.Equal("application/x-pkcs12", (await secrets.GetSecretAsync(name)).Value.Properties.ContentType);
        Assert.NotNull((await emulator.CreateCertificateClient().GetCertificateAsync(name)).Value);
    }

    [Fact]
    public async Task A_name_held_by_an_ordinary_secret_cannot_become_a_certificate()
    {
        var name = EmulatorFixture.UniqueName("taken");
        await emulator.CreateSecretClient().SetSecretAsync(name, "mine");
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() =>
            emulator.CreateCertificateClient().StartCreateCertificateAsync(name, new CertificatePolicy("Self", "CN=taken")));
        Assert.Equal(409, ex.Status);
        Assert.Equal("mine", (await emulator.CreateSecretClient().GetSecretAsync(name)).Value.Value);
    }

    [Fact]
    public async Task A_second_create_while_one_is_in_progress_is_a_conflict()
    {
        var client = emulator.CreateCertificateClient();
        var name = EmulatorFixture.UniqueName("twice");
        await client.StartCreateCertificateAsync(name, new CertificatePolicy("Self", "CN=one"));
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => client.StartCreateCertificateAsync(name, new CertificatePolicy("Self", "CN=two")));
        Assert.Equal(409, ex.Status);
    }

    [Fact]
    public async Task The_unknown_issuer_and_merge_are_501_with_a_clear_message()
    {
        var client = emulator.CreateCertificateClient();
        var unknown = await Assert.ThrowsAsync<RequestFailedException>(() =>
            client.StartCreateCertificateAsync(EmulatorFixture.UniqueName("unknown"), new CertificatePolicy("Unknown", "CN=unknown")));
        Assert.Equal(501, unknown.Status);
        Assert.Contains("issuer 'Unknown'", unknown.Message);

        using var merge = await emulator.SendAsync(HttpMethod.Post, "/certificates/any/pending/merge?api-version=7.6", jsonBody: """{"x5c":["AQ=="]}""");
        Assert.Equal(HttpStatusCode.NotImplemented, merge.StatusCode);
    }

    [Fact]
    public async Task Bodies_have_the_recorded_shapes()
    {
        var name = EmulatorFixture.UniqueName("shape");
        using (var created = await emulator.SendAsync(HttpMethod.Post, $"/certificates/{name}/create?api-version=7.6",
            jsonBody: """{"policy":{"x509_props":{"subject":"CN=xyz"},"issuer":{"name":"Self"}}}"""))
        {
            var op = await created.Content.ReadAsStringAsync();
            Assert.Matches("""^\{"id":"[^"]+/certificates/shape-[0-9a-f]+/pending","issuer":\{"name":"Self"\},"csr":"[A-Za-z0-9+/=]+","cancellation_requested":false,"status":"inProgress","status_details":"Pending certificate created\. Certificate request is in progress\. This may take some time based on the issuer provider\. Please check again later\.","request_id":"[0-9a-f]{32}"\}$""", op);
        }
        using (var polled = await emulator.SendAsync(HttpMethod.Get, $"/certificates/{name}/pending?api-version=7.6"))
        {
            Assert.Matches("""^\{"id":"[^"]+/pending","issuer":\{"name":"Self"\},"csr":"[^"]+","cancellation_requested":false,"status":"completed","target":"[^"]+/certificates/shape-[0-9a-f]+","request_id":"[0-9a-f]{32}"\}$""", await polled.Content.ReadAsStringAsync());
        }
        using var latest = await emulator.SendAsync(HttpMethod.Get, $"/certificates/{name}?api-version=7.6");
        var body = await latest.Content.ReadAsStringAsync();
        Assert.Matches("""^\{"id":"[^"]+","kid":"[^"]+/keys/[^"]+","sid":"[^"]+/secrets/[^"]+","x5t":"[A-Za-z0-9_-]{27}","cer":"[^"]+","attributes":\{"enabled":true,"nbf":\d+,"exp":\d+,"created":\d+,"updated":\d+,"recoveryLevel":"Recoverable\+Purgeable","recoverableDays":90\},"tags":\{\},"policy":\{"id":"[^"]+/policy","key_props":\{"exportable":true,"kty":"RSA","key_size":2048,"reuse_key":false\},"secret_props":\{"contentType":"application/x-pkcs12"\},"x509_props":\{"subject":"CN=xyz","ekus":\[\],"key_usage":\["digitalSignature","keyEncipherment"\],"validity_months":12,"basic_constraints":\{"ca":false\}\},"lifetime_actions":\[\{"trigger":\{"lifetime_percentage":80\},"action":\{"action_type":"AutoRenew"\}\}\],"issuer":\{"name":"Self"\},"attributes":\{"enabled":true,"created":\d+,"updated":\d+\}\},"pending":\{"id":"[^"]+/pending"\}\}$""", body);

        var version = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!.Split('/')[^1];
        using var byVersion = await emulator.SendAsync(HttpMethod.Get, $"/certificates/{name}/{version}?api-version=7.6");
        var versionBody = await byVersion.Content.ReadAsStringAsync();
        Assert.Matches("""^\{"id":.*"tags":\{\},"subject":"CN=xyz","issuer":"CN=xyz","serialnumber":"[0-9A-F]{32}"\}$""", versionBody);
        Assert.DoesNotContain("\"policy\"", versionBody);
    }
}
