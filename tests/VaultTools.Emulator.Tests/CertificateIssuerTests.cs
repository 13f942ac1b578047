using System.Net;
using System.Security.Cryptography.X509Certificates;
using Azure;
using Azure.Security.KeyVault.Certificates;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

/// <summary>
/// Certificate issuers and contacts through the official CertificateClient, and certificates created and
/// renewed from a registered issuer (signed by the emulator's CA, checked with a chain that trusts only the CA).
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class CertificateIssuerTests(EmulatorFixture emulator)
{
    private static CertificateIssuer DigiCertIssuer(string name)
    {
        var issuer = new CertificateIssuer(name, "DigiCert")
        {
            AccountId = "keyvaultuser",
            Password = "not-returned",
            OrganizationId = "org-42",
            Enabled = true,
        };
        issuer.AdministratorContacts.Add(new AdministratorContact { FirstName = "John", LastName = "Doe", Email = "admin@contoso.com", Phone = "4255555555" });
        return issuer;
    }

    [Fact]
    public async Task Issuers_are_created_read_listed_updated_and_deleted_as_the_service_answers()
    {
        var client = emulator.CreateCertificateClient();
        var name = EmulatorFixture.UniqueName("issuer");
        var before = DateTimeOffset.UtcNow.AddSeconds(-2);

        CertificateIssuer created = await client.CreateIssuerAsync(DigiCertIssuer(name));
        Assert.Equal(name, created.Name);
        Assert.Equal(new Uri($"{emulator.Info.VaultUri}certificates/issuers/{name}"), created.Id);
        Assert.Equal("DigiCert", created.Provider);
        Assert.Equal("keyvaultuser", created.AccountId);
        Assert.Null(created.Password); // never returned
        Assert.Equal("org-42", created.OrganizationId);
        Assert.Equal("admin@contoso.com", created.AdministratorContacts.Single().Email);
        Assert.Equal("John", created.AdministratorContacts.Single().FirstName);
        Assert.True(created.Enabled);
        Assert.InRange(created.CreatedOn!.Value, before, DateTimeOffset.UtcNow.AddSeconds(2));

        CertificateIssuer read = await client.GetIssuerAsync(name);
        Assert.Equal(created.Id, read.Id);
        Assert.Equal("4255555555", read.AdministratorContacts.Single().Phone);

        var listed = new List<IssuerProperties>();
        await foreach (var item in client.GetPropertiesOfIssuersAsync())
        {
            listed.Add(item);
        }
        Assert.Contains(listed, i => i.Name == name && i.Provider == "DigiCert");

        var change = new CertificateIssuer(name) { Enabled = false, AccountId = "other" };
        CertificateIssuer updated = await client.UpdateIssuerAsync(change);
        Assert.False(updated.Enabled);
        Assert.Equal("other", updated.AccountId);
        Assert.Equal("DigiCert", updated.Provider); // kept
        Assert.Equal("org-42", updated.OrganizationId);

        CertificateIssuer deleted = await client.DeleteIssuerAsync(name);
        Assert.Equal(name, deleted.Name);
        var gone = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetIssuerAsync(name));
        Assert.Equal(404, gone.Status);
        Assert.Equal("CertificateIssuerNotFound", gone.ErrorCode);
    }

    [Fact]
    public async Task Issuer_requests_that_break_the_rules_are_refused_with_BadParameter()
    {
        var client = emulator.CreateCertificateClient();
        var noOrg = new CertificateIssuer(EmulatorFixture.UniqueName("issuer"), "DigiCert") { AccountId = "a" };
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => client.CreateIssuerAsync(noOrg));
        Assert.Equal((400, "BadParameter"), (ex.Status, ex.ErrorCode));
        Assert.Contains("Id in organization details is not set", ex.Message, StringComparison.Ordinal);

        var missing = await Assert.ThrowsAsync<RequestFailedException>(() => client.UpdateIssuerAsync(new CertificateIssuer(EmulatorFixture.UniqueName("nope")) { AccountId = "x" }));
        Assert.Equal(404, missing.Status);

        using var raw = await emulator.SendAsync(HttpMethod.Put, "/certificates/issuers/noprovider?api-version=7.6", jsonBody: "{}");
        Assert.Equal(HttpStatusCode.BadRequest, raw.StatusCode);
        using var badName = await emulator.SendAsync(HttpMethod.Put, "/certificates/issuers/bad_name?api-version=7.6", jsonBody: "{\"provider\":\"Test\"}");
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
    }

    [Fact]
    public async Task Contacts_are_set_read_and_deleted_and_an_empty_vault_has_none()
    {
        var client = emulator.CreateCertificateClient("second");
        CertificateContact[] contacts =
        [
            new() { Email = "one@contoso.com", Name = "One", Phone = "1234567890" },
            new() { Email = "two@contoso.com" },
        ];

        var set = (await client.SetContactsAsync(contacts)).Value;
        Assert.Equal(["one@contoso.com", "two@contoso.com"], set.Select(c => c.Email));
        Assert.Equal("One", set[0].Name);
        Assert.Null(set[1].Phone);

        var read = (await client.GetContactsAsync()).Value;
        Assert.Equal("1234567890", read[0].Phone);
        Assert.Equal(2, read.Count);

        var deleted = (await client.DeleteContactsAsync()).Value;
        Assert.Equal(2, deleted.Count);
        var none = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetContactsAsync());
        Assert.Equal(404, none.Status);

        var bad = await Assert.ThrowsAsync<RequestFailedException>(() => client.SetContactsAsync([new CertificateContact { Name = "no email" }]));
        Assert.Equal((400, "BadParameter"), (bad.Status, bad.ErrorCode));
    }

    [Fact]
    public async Task A_certificate_from_a_registered_issuer_is_signed_by_the_emulators_CA_and_renews_from_it()
    {
        var client = emulator.CreateCertificateClient();
        var issuer = EmulatorFixture.UniqueName("globalsign");
        await client.CreateIssuerAsync(new CertificateIssuer(issuer, "GlobalSign") { AccountId = "acct" });
        var name = EmulatorFixture.UniqueName("from-ca");
        var policy = new CertificatePolicy(issuer, "CN=shop.contoso.com") { ValidityInMonths = 12, KeySize = 2048 };

        var operation = await client.StartCreateCertificateAsync(name, policy);
        Assert.Equal(issuer, operation.Properties.IssuerName);
        KeyVaultCertificateWithPolicy first = await operation.WaitForCompletionAsync(TimeSpan.FromMilliseconds(100), default);
        Assert.Equal(issuer, first.Policy.IssuerName);
        using var firstX509 = X509CertificateLoader.LoadCertificate(first.Cer);
        AssertIssuedByEmulatorCa(firstX509);
        Assert.Equal(emulator.Ca.Subject, firstX509.Issuer);

        // The backing secret holds the chain: the leaf with its key, then the CA.
        var secret = (await emulator.CreateSecretClient().GetSecretAsync(name)).Value;
        var pfx = X509CertificateLoader.LoadPkcs12Collection(Convert.FromBase64String(secret.Value), null);
        Assert.Contains(pfx, c => c.Thumbprint == emulator.Ca.Thumbprint);

        // Renewal: a new version from the stored policy, from the same issuer.
        using (var raw = await emulator.SendAsync(HttpMethod.Post, $"/certificates/{name}/create?api-version=7.6", jsonBody: "{}"))
        {
            Assert.Equal(HttpStatusCode.Accepted, raw.StatusCode);
        }
        var next = await new CertificateOperation(client, name).WaitForCompletionAsync(TimeSpan.FromMilliseconds(100), default);
        Assert.NotEqual(first.Properties.Version, next.Value.Properties.Version);
        using var nextX509 = X509CertificateLoader.LoadCertificate(next.Value.Cer);
        AssertIssuedByEmulatorCa(nextX509);
        Assert.NotEqual(firstX509.SerialNumber, nextX509.SerialNumber);
    }

    [Fact]
    public async Task A_policy_naming_an_unregistered_or_disabled_issuer_is_refused_and_creates_nothing()
    {
        var client = emulator.CreateCertificateClient();
        var name = EmulatorFixture.UniqueName("no-issuer");
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() =>
            client.StartCreateCertificateAsync(name, new CertificatePolicy("DigiCert", "CN=x") { KeySize = 2048 }));
        Assert.Equal((400, "BadParameter"), (ex.Status, ex.ErrorCode));
        Assert.Contains("DigiCert", ex.Message, StringComparison.Ordinal);
        var notThere = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetCertificateAsync(name));
        Assert.Equal(404, notThere.Status);

        var disabled = EmulatorFixture.UniqueName("disabled");
        await client.CreateIssuerAsync(new CertificateIssuer(disabled, "Test") { Enabled = false });
        var off = await Assert.ThrowsAsync<RequestFailedException>(() =>
            client.StartCreateCertificateAsync(name, new CertificatePolicy(disabled, "CN=x") { KeySize = 2048 }));
        Assert.Equal(400, off.Status);
    }

    [Fact]
    public async Task Issuers_and_contacts_need_their_permissions()
    {
        // ops: no role on the RBAC vault "local"; only secrets get/list on the access-policy vault "apvault".
        foreach (var vault in new[] { "local", "apvault" })
        {
            var client = emulator.CreateCertificateClient(vault, emulator.CreateCredential("ops"));
            var denied = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetIssuerAsync("any"));
            Assert.Equal(403, denied.Status);
            var contacts = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetContactsAsync());
            Assert.Equal(403, contacts.Status);
        }
        var ap = await emulator.VaultAsync(HttpMethod.Get, "apvault", "/certificates/issuers?api-version=7.6", await emulator.TokenForAsync("ops"));
        Assert.Contains("does not have certificates listissuers permission", ap.ErrorMessage, StringComparison.Ordinal);
        var rbac = await emulator.VaultAsync(HttpMethod.Put, "local", "/certificates/contacts?api-version=7.6", await emulator.TokenForAsync("ops"), "{\"contacts\":[]}");
        Assert.Contains("Microsoft.KeyVault/vaults/certificatecontacts/write", rbac.ErrorMessage, StringComparison.Ordinal);
    }

    private void AssertIssuedByEmulatorCa(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(emulator.Ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreWrongUsage;
        Assert.True(chain.Build(certificate), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal(2, chain.ChainElements.Count); // not self-signed: the CA signed it
    }
}

/// <summary>A certificate from a registered issuer is renewed by its AutoRenew lifetime action from the same CA when the emulator's clock passes it.</summary>
[Collection(Time.ClockCollection.Name)]
public sealed class CertificateIssuerRenewalTests(Time.ClockFixture emulator)
{
    [Fact]
    public async Task An_issuer_backed_certificate_is_auto_renewed_by_the_same_CA()
    {
        var certificates = emulator.FreshCertificateClient();
        var issuer = EmulatorFixture.UniqueName("renewing-ca");
        await certificates.CreateIssuerAsync(new CertificateIssuer(issuer, "GlobalSign") { AccountId = "acct" });
        var name = EmulatorFixture.UniqueName("ca-renew");
        var policy = new CertificatePolicy(issuer, "CN=ca-renew.test")
        {
            KeyType = CertificateKeyType.Ec,
            KeyCurveName = CertificateKeyCurveName.P256,
            ValidityInMonths = 12,
            LifetimeActions = { new LifetimeAction(CertificatePolicyAction.AutoRenew) { DaysBeforeExpiry = 30 } },
        };
        var first = (await (await certificates.StartCreateCertificateAsync(name, policy)).WaitForCompletionAsync()).Value;
        var now = (await emulator.GetClockAsync()).Now;

        await emulator.AdvanceAsync(first.Properties.ExpiresOn!.Value.AddDays(-29) - now);
        var renewed = (await emulator.FreshCertificateClient().GetCertificateAsync(name)).Value;
        Assert.NotEqual(first.Properties.Version, renewed.Properties.Version);
        Assert.Equal(issuer, renewed.Policy.IssuerName);
        using var x509 = X509CertificateLoader.LoadCertificate(renewed.Cer);
        Assert.Equal(emulator.Ca.Subject, x509.Issuer);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(emulator.Ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = x509.NotBefore.AddMinutes(20); // the certificate is dated on the emulator's (advanced) clock
        Assert.True(chain.Build(x509), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }
}
