using VaultTools.Access;
using VaultTools.Errors;
using Xunit;

namespace VaultTools.Core.Tests;

public class AccessScopeTests
{
    private static readonly string VaultScope = Arm.VaultId("kv-apps");

    [Fact]
    public void Vault_scope_is_the_vault_resource_id()
        => Assert.Equal($"/subscriptions/{Arm.Subscription}/resourceGroups/rg-apps/providers/Microsoft.KeyVault/vaults/kv-apps",
            AccessScope.Vault(Arm.Subscription, "rg-apps", "kv-apps"));

    [Theory]
    [InlineData(EntryKind.Secret, "app-secret", "/secrets/app-secret", ScopeKind.Secret)]
    [InlineData(EntryKind.Key, "cmk", "/keys/cmk", ScopeKind.Key)]
    [InlineData(EntryKind.Certificate, "web-tls", "/certificates/web-tls", ScopeKind.Certificate)]
    public void Entry_scopes_append_the_collection_and_name_and_parse_back(EntryKind kind, string name, string suffix, ScopeKind parsed)
    {
        string scope = AccessScope.Entry(VaultScope, kind, name, "SecretName");
        Assert.Equal(VaultScope + suffix, scope);

        var info = AccessScope.Parse(scope);
        Assert.Equal(parsed, info.Kind);
        Assert.Equal(Arm.Subscription, info.SubscriptionId);
        Assert.Equal("rg-apps", info.ResourceGroupName);
        Assert.Equal("kv-apps", info.VaultName);
        Assert.Equal(name, info.EntryName);
    }

    [Fact]
    public void A_bad_entry_name_is_refused_naming_the_parameter()
    {
        var ex = Assert.Throws<VaultException>(() => AccessScope.Entry(VaultScope, EntryKind.Key, "no_underscores", "KeyName"));
        Assert.Equal("InvalidKeyName", ex.ErrorId);
        Assert.Equal("KeyName", ex.ParameterName);
    }

    [Fact]
    public void Scopes_parse_whatever_their_case_and_trailing_slash()
    {
        var info = AccessScope.Parse($"/SUBSCRIPTIONS/{Arm.Subscription}/resourcegroups/rg-apps/PROVIDERS/microsoft.keyvault/VAULTS/kv-apps/");
        Assert.Equal(ScopeKind.Vault, info.Kind);
        Assert.Equal("kv-apps", info.VaultName);
        Assert.Equal(ScopeKind.Subscription, AccessScope.Parse($"/subscriptions/{Arm.Subscription}").Kind);
        Assert.Equal(ScopeKind.ResourceGroup, AccessScope.Parse($"/subscriptions/{Arm.Subscription}/resourceGroups/rg").Kind);
        Assert.Equal(ScopeKind.Root, AccessScope.Parse("/").Kind);
        Assert.Equal(ScopeKind.Other, AccessScope.Parse("/providers/Microsoft.Management/managementGroups/mg1").Kind);
    }

    [Fact]
    public void Enclosing_scopes_are_matched_on_whole_segments_and_ignore_case()
    {
        string secret = VaultScope + "/secrets/app-secret";
        Assert.True(AccessScope.Encloses(VaultScope, secret));
        Assert.True(AccessScope.Encloses($"/subscriptions/{Arm.Subscription}", secret));
        Assert.True(AccessScope.Encloses(VaultScope.ToUpperInvariant(), secret));
        Assert.True(AccessScope.Encloses(secret, secret));
        Assert.True(AccessScope.Encloses("/", secret));
        Assert.False(AccessScope.Encloses(secret, VaultScope));
        Assert.False(AccessScope.Encloses(VaultScope + "/secrets/app", secret)); // a prefix that is not a parent
        Assert.False(AccessScope.Encloses(Arm.VaultId("kv-app"), VaultScope));
    }

    [Theory]
    [InlineData("subscriptions/x")]
    [InlineData("")]
    [InlineData("/subscriptions/x?api-version=1")]
    public void Raw_scopes_must_be_ARM_paths(string scope)
        => Assert.Equal("InvalidScope", Assert.Throws<VaultException>(() => AccessScope.Check(scope, "Scope")).ErrorId);

    [Fact]
    public void Object_and_subscription_ids_must_be_guids()
    {
        Assert.Equal("ObjectId", Assert.Throws<VaultException>(() => AccessScope.CheckObjectId("alice@contoso.com", "ObjectId")).ParameterName);
        Assert.Equal("InvalidSubscriptionId", Assert.Throws<VaultException>(() => AccessScope.CheckSubscriptionId("prod", "SubscriptionId")).ErrorId);
        AccessScope.CheckObjectId(Arm.Principal, "ObjectId");
    }
}
