using System;
using Azure;
using VaultTools.Access;
using VaultTools.Errors;
using VaultTools.Keys;
using VaultTools.Validation;
using Xunit;

namespace VaultTools.Core.Tests;

/// <summary>The rules of the bad-input corpus, case by case in Core: entry URLs, whole-string rules, durations, 403 refusals.</summary>
public class BadInputRulesTests
{
    private const string Version = "0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData(EntryKind.Secret, "https://kv.vault.azure.net/secrets/db", "db", null)]
    [InlineData(EntryKind.Secret, "https://kv.vault.azure.net/secrets/db/" + Version, "db", Version)]
    [InlineData(EntryKind.Key, "https://kv.vault.azure.net/keys/cmk/", "cmk", null)]
    [InlineData(EntryKind.Certificate, "https://kv.vault.azure.net/certificates/web-tls/" + Version, "web-tls", Version)]
    public void Entry_urls_of_their_own_kind_are_read(EntryKind kind, string id, string name, string? version)
    {
        var parsed = EntryRules.CheckEntryId(new Uri(id), kind, "Id");
        Assert.Equal(new Uri("https://kv.vault.azure.net/"), parsed.VaultUri);
        Assert.Equal(name, parsed.Name);
        Assert.Equal(version, parsed.Version);
    }

    [Theory]
    [InlineData(EntryKind.Secret, "https://kv.vault.azure.net/keys/db", "InvalidSecretId")]
    [InlineData(EntryKind.Secret, "https://kv.vault.azure.net/deletedsecrets/db", "InvalidSecretId")]
    [InlineData(EntryKind.Secret, "https://kv.vault.azure.net/certificates/db", "InvalidSecretId")]
    [InlineData(EntryKind.Secret, "http://kv.vault.azure.net/secrets/db", "InvalidSecretId")]
    [InlineData(EntryKind.Secret, "ftp://kv.vault.azure.net/secrets/db", "InvalidSecretId")]
    [InlineData(EntryKind.Secret, "https://kv.vault.azure.net/secrets/db?api-version=7.5", "InvalidSecretId")]
    [InlineData(EntryKind.Secret, "https://kv.vault.azure.net/secrets/db/" + Version + "/x", "InvalidSecretId")]
    [InlineData(EntryKind.Secret, "https://kv.vault.azure.net/", "InvalidSecretId")]
    [InlineData(EntryKind.Secret, "https://kv.vault.azure.net/secrets/db%0A", "InvalidSecretName")]
    [InlineData(EntryKind.Secret, "https://kv.vault.azure.net/secrets/db/xyz", "InvalidVersion")]
    [InlineData(EntryKind.Key, "https://kv.vault.azure.net/secrets/cmk", "InvalidKeyId")]
    [InlineData(EntryKind.Key, "https://kv.vault.azure.net/deletedkeys/cmk", "InvalidKeyId")]
    [InlineData(EntryKind.Certificate, "https://kv.vault.azure.net/keys/web", "InvalidCertificateId")]
    [InlineData(EntryKind.Certificate, "https://kv.vault.azure.net/certificates/issuers/digicert", "InvalidCertificateId")]
    [InlineData(EntryKind.Certificate, "https://kv.vault.azure.net/certificates/contacts", "InvalidCertificateId")]
    public void Entry_urls_of_another_collection_or_scheme_are_refused_naming_the_parameter(EntryKind kind, string id, string errorId)
    {
        var ex = Assert.Throws<VaultException>(() => EntryRules.CheckEntryId(new Uri(id), kind, "Id"));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal(VaultErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal("Id", ex.ParameterName);
        Assert.Contains("-Id", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_url_is_refused_not_an_invalid_operation()
    {
        var ex = Assert.Throws<VaultException>(() => EntryRules.CheckEntryId(new Uri("secrets/db", UriKind.Relative), EntryKind.Secret, "Id"));
        Assert.Equal("InvalidSecretId", ex.ErrorId);
        Assert.Null(EntryRules.TryParseEntryId("secrets/db", EntryKind.Secret));
    }

    [Theory]
    [InlineData("https://kv.vault.azure.net/keys/cmk", EntryKind.Key)]
    [InlineData("https://kv.vault.azure.net/certificates/web", EntryKind.Certificate)]
    public void Any_entry_url_names_its_kind(string id, EntryKind kind)
        => Assert.Equal(kind, EntryRules.CheckAnyEntryId(new Uri(id), "Id").Kind);

    [Fact]
    public void Any_entry_url_refuses_deleted_collections()
        => Assert.Equal("InvalidEntryId", Assert.Throws<VaultException>(() => EntryRules.CheckAnyEntryId(new Uri("https://kv.vault.azure.net/deletedsecrets/x"), "Id")).ErrorId);

    [Theory]
    [InlineData("/subscriptions/00000000-0000-0000-0000-000000000001\n", "InvalidScope")]
    [InlineData("/subscriptions/00000000-0000-0000-0000-000000000001 ", "InvalidScope")]
    [InlineData("/subscriptions/not-a-guid", "InvalidSubscriptionId")]
    [InlineData("/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg./providers/Microsoft.KeyVault/vaults/kv1", "InvalidResourceGroupName")]
    [InlineData("/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/k_v", "InvalidVaultName")]
    [InlineData("/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1/keys/a_b", "InvalidKeyName")]
    public void Scopes_are_checked_whole_and_part_by_part(string scope, string errorId)
        => Assert.Equal(errorId, Assert.Throws<VaultException>(() => AccessScope.Check(scope, "Scope")).ErrorId);

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000001\n")]
    [InlineData("00000000-0000-0000-0000-000000000001\r\n")]
    public void Guids_with_a_trailing_line_feed_are_not_guids(string value)
        => Assert.False(AccessScope.IsGuid(value));

    [Theory]
    [InlineData("P9000Y")]
    [InlineData("P99999999999D")]
    [InlineData("PT99999999999H")]
    [InlineData("P36501D")]
    public void Durations_over_100_years_are_too_long_not_too_short(string text)
    {
        var ex = Assert.Throws<VaultException>(() => IsoDuration.Parse(text, "ExpiresIn"));
        Assert.Equal("DurationTooLong", ex.ErrorId);
        Assert.Contains("-ExpiresIn", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("P100Y")]
    [InlineData("P1200M")]
    [InlineData("P36500D")]
    public void Durations_up_to_100_years_are_accepted(string text)
        => Assert.Equal(text, IsoDuration.Parse(text, "ExpiresIn").Text);

    [Theory]
    [InlineData("P90D\nP1D")]
    [InlineData("P")]
    [InlineData("90D")]
    public void Malformed_durations_are_invalid(string text)
        => Assert.Equal("InvalidDuration", Assert.Throws<VaultException>(() => IsoDuration.Parse(text, "ExpiresIn")).ErrorId);

    [Theory]
    [InlineData("bad tenant!")]
    [InlineData("contoso.test\n")]
    [InlineData(".contoso")]
    [InlineData("")]
    public void Malformed_tenants_are_refused_naming_TenantId(string tenant)
    {
        var ex = Assert.Throws<VaultException>(() => Connection.CredentialFactory.CheckTenantId(tenant));
        Assert.Equal("InvalidTenantId", ex.ErrorId);
        Assert.Equal("TenantId", ex.ParameterName);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000001")]
    [InlineData("contoso.onmicrosoft.com")]
    public void Tenant_ids_and_domains_are_accepted(string tenant) => Connection.CredentialFactory.CheckTenantId(tenant);

    private static VaultException Forbidden(string body, EntryKind kind = EntryKind.Secret)
        => Assert.IsType<VaultException>(ServiceErrors.Translate(new RequestFailedException(new FakeResponse(403, body)), kind, "https://kv/secrets/x"));

    [Fact]
    public void An_entry_managed_by_a_certificate_is_an_invalid_operation_with_the_service_reason()
    {
        var ex = Forbidden("""{"error":{"code":"Forbidden","message":"Operation \"backup\" is not allowed as this object's lifetime is managed by Key Vault.","innererror":{"code":"SecretManagedByKeyVault"}}}""");
        Assert.Equal("VaultSecretManagedByCertificate", ex.ErrorId);
        Assert.Equal(VaultErrorKind.OperationNotAllowed, ex.Kind);
        Assert.Contains("managed by Key Vault", ex.Message, StringComparison.Ordinal);
        Assert.Contains("certificate", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"error":{"code":"Forbidden","message":"Hardware key operation not allowed on standard vault"}}""")]
    [InlineData("""{"error":{"code":"Forbidden","message":"Operation \"purge\" is not allowed because purge protection is enabled for this vault.","innererror":{"code":"PurgeProtected"}}}""")]
    [InlineData("""{"error":{"code":"Forbidden","message":"Operation encrypt is not allowed on an expired key.","innererror":{"code":"KeyExpired"}}}""")]
    public void Refusals_of_the_operation_are_not_access_denials(string body)
        => Assert.Equal(VaultErrorKind.OperationNotAllowed, Forbidden(body, EntryKind.Key).Kind);

    [Theory]
    [InlineData("""{"error":{"code":"Forbidden","message":"The user, group or application 'appid=1;oid=2' does not have secrets get permission on key vault 'kv;location=westeurope'.","innererror":{"code":"AccessDenied"}}}""")]
    [InlineData("""{"error":{"code":"Forbidden","message":"The operation is not allowed for this caller: it does not have permission."}}""")]
    [InlineData("""{"error":{"code":"Forbidden"}}""")]
    public void Refusals_of_the_caller_stay_access_denied(string body)
        => Assert.Equal("VaultAccessDenied", Forbidden(body).ErrorId);
}
