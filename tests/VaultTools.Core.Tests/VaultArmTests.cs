using System.Text.Json;
using VaultTools.Access;
using VaultTools.Errors;
using Xunit;

namespace VaultTools.Core.Tests;

public class VaultArmTests
{
    [Fact]
    public void Get_with_a_resource_group_reads_the_vault_and_its_model()
    {
        var arm = new FakeArm().On("GET", "/vaults/kv-apps$", 200, Arm.Vault("kv-apps", rbac: false, sku: "premium",
            policies: "[" + Arm.Policy(Arm.Principal, secrets: "get,list", keys: "unwrapKey") + "]", purgeProtection: true));

        var vault = new VaultService(arm.Connect()).Get("kv-apps", Arm.Group);

        var call = Assert.Single(arm.Calls);
        Assert.Equal(Arm.VaultId("kv-apps"), call.Path);
        Assert.Equal("?api-version=2023-07-01", call.Uri.Query);
        Assert.Equal("https://management.azure.com/", call.Uri.GetLeftPart(UriPartial.Authority) + "/");
        Assert.Equal("kv-apps", vault.Name);
        Assert.Equal(Arm.VaultId("kv-apps"), vault.ResourceId);
        Assert.Equal(Arm.Group, vault.ResourceGroupName);
        Assert.Equal(Arm.Subscription, vault.SubscriptionId);
        Assert.Equal("westeurope", vault.Location);
        Assert.Equal("Premium", vault.Sku);
        Assert.False(vault.EnableRbacAuthorization);
        Assert.Equal("AccessPolicy", vault.PermissionModel);
        Assert.True(vault.EnablePurgeProtection);
        Assert.Equal(90, vault.SoftDeleteRetentionInDays);
        Assert.Equal(new Uri("https://kv-apps.vault.azure.net/"), vault.VaultUri);
        Assert.Equal(Arm.Tenant, vault.TenantId);
        Assert.Equal("test", vault.Tags["env"]);
        var policy = Assert.Single(vault.AccessPolicies);
        Assert.Equal(Arm.Principal, policy.ObjectId);
        Assert.Equal(new[] { "get", "list" }, policy.PermissionsToSecrets);
        Assert.Equal(new[] { "unwrapKey" }, policy.PermissionsToKeys);
        Assert.Equal("kv-apps", policy.VaultName);
    }

    [Fact]
    public void Without_a_resource_group_the_vault_is_found_in_the_subscription_list_across_pages_and_remembered()
    {
        string page2 = $"https://management.azure.com/subscriptions/{Arm.Subscription}/providers/Microsoft.KeyVault/vaults?api-version=2023-07-01&$skiptoken=abc";
        var arm = new FakeArm()
            .On("GET", $"^/subscriptions/{Arm.Subscription}/providers/Microsoft.KeyVault/vaults$", call => call.Query.Contains("$skiptoken")
                ? new ArmReply(200, Arm.List(Arm.Vault("kv-apps", group: "rg-secrets")))
                : new ArmReply(200, Arm.Page(page2, Arm.Vault("kv-other"))))
            .On("GET", "/resourceGroups/rg-secrets/providers/Microsoft.KeyVault/vaults/kv-apps$", 200, Arm.Vault("kv-apps", group: "rg-secrets"));
        var service = new VaultService(arm.Connect());

        var vault = service.Get("KV-APPS");
        Assert.Equal("rg-secrets", vault.ResourceGroupName);
        Assert.Equal(2, arm.Calls.Count);

        service.Get("kv-apps"); // second time: straight to the vault
        Assert.Equal(Arm.VaultId("kv-apps", "rg-secrets"), arm.Calls[2].Path);
        Assert.Equal(3, arm.Calls.Count);
    }

    [Fact]
    public void A_vault_missing_from_the_session_resource_group_is_looked_up_in_the_subscription()
    {
        var arm = new FakeArm()
            .On("GET", $"/resourceGroups/{Arm.Group}/providers/Microsoft.KeyVault/vaults/kv-apps$", 404,
                Arm.Error("ResourceNotFound", $"The Resource 'Microsoft.KeyVault/vaults/kv-apps' under resource group '{Arm.Group}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix"))
            .On("GET", "/providers/Microsoft.KeyVault/vaults$", 200, Arm.List(Arm.Vault("kv-apps", group: "rg-elsewhere")));
        var vault = new VaultService(arm.Connect(resourceGroup: Arm.Group)).Get("kv-apps");
        Assert.Equal("rg-elsewhere", vault.ResourceGroupName);
    }

    [Fact]
    public void An_unknown_vault_is_VaultNotFound_and_an_explicit_resource_group_is_not_second_guessed()
    {
        var arm = new FakeArm()
            .On("GET", "/vaults/kv-nope$", 404, Arm.Error("ResourceNotFound", "The Resource 'Microsoft.KeyVault/vaults/kv-nope' under resource group 'rg-apps' was not found."))
            .On("GET", "/providers/Microsoft.KeyVault/vaults$", 200, Arm.List(Arm.Vault("kv-apps")));
        var service = new VaultService(arm.Connect());

        var explicitGroup = Assert.Throws<VaultException>(() => service.Get("kv-nope", Arm.Group));
        Assert.Equal("VaultNotFound", explicitGroup.ErrorId);
        Assert.Equal(VaultErrorKind.NotFound, explicitGroup.Kind);
        Assert.DoesNotContain(arm.Calls, c => c.Path.EndsWith("/providers/Microsoft.KeyVault/vaults", StringComparison.Ordinal));

        var lookedUp = Assert.Throws<VaultException>(() => service.Get("kv-nope"));
        Assert.Equal("VaultNotFound", lookedUp.ErrorId);
        Assert.Contains(Arm.Subscription, lookedUp.Message);
    }

    [Fact]
    public void A_missing_resource_group_is_its_own_error()
    {
        var arm = new FakeArm().On("GET", "/vaults/kv-apps$", 404, Arm.Error("ResourceGroupNotFound", "Resource group 'rg-gone' could not be found."));
        var ex = Assert.Throws<VaultException>(() => new VaultService(arm.Connect()).Get("kv-apps", "rg-gone"));
        Assert.Equal("ResourceGroupNotFound", ex.ErrorId);
    }

    [Fact]
    public void Create_puts_the_documented_body_and_takes_the_location_of_the_resource_group()
    {
        var arm = new FakeArm()
            .On("GET", "/vaults/kv-new$", 404, Arm.Error("ResourceNotFound", "The Resource 'Microsoft.KeyVault/vaults/kv-new' under resource group 'rg-apps' was not found."))
            .On("GET", $"^/subscriptions/{Arm.Subscription}/resourcegroups/{Arm.Group}$", 200, $$"""{"id":"/subscriptions/{{Arm.Subscription}}/resourceGroups/{{Arm.Group}}","name":"{{Arm.Group}}","type":"Microsoft.Resources/resourceGroups","location":"northeurope","properties":{"provisioningState":"Succeeded"} }""")
            .On("PUT", "/vaults/kv-new$", 200, Arm.Vault("kv-new", sku: "premium", purgeProtection: true));
        var service = new VaultService(arm.Connect(resourceGroup: Arm.Group));

        var vault = service.Create(new VaultCreateOptions
        {
            Name = "kv-new",
            Sku = "Premium",
            SoftDeleteRetentionInDays = 30,
            EnablePurgeProtection = true,
            Tags = new Dictionary<string, string> { ["owner"] = "team-a" },
        });

        Assert.Equal("Premium", vault.Sku);
        var put = Assert.Single(arm.Writes);
        Assert.Equal(Arm.VaultId("kv-new"), put.Path);
        Assert.Contains("api-version=2023-07-01", put.Query);
        using var body = JsonDocument.Parse(put.Body!);
        var root = body.RootElement;
        Assert.Equal("northeurope", root.GetProperty("location").GetString());
        Assert.Equal("team-a", root.GetProperty("tags").GetProperty("owner").GetString());
        var p = root.GetProperty("properties");
        Assert.Equal(Arm.Tenant, p.GetProperty("tenantId").GetString()); // from the token's tid claim
        Assert.Equal("A", p.GetProperty("sku").GetProperty("family").GetString());
        Assert.Equal("premium", p.GetProperty("sku").GetProperty("name").GetString());
        Assert.True(p.GetProperty("enableRbacAuthorization").GetBoolean());
        Assert.Equal(0, p.GetProperty("accessPolicies").GetArrayLength());
        Assert.True(p.GetProperty("enableSoftDelete").GetBoolean());
        Assert.Equal(30, p.GetProperty("softDeleteRetentionInDays").GetInt32());
        Assert.True(p.GetProperty("enablePurgeProtection").GetBoolean());
    }

    [Fact]
    public void Create_never_sends_purge_protection_false_and_waits_for_provisioning()
    {
        int gets = 0;
        var arm = new FakeArm()
            .On("GET", "/vaults/kv-new$", call => ++gets == 1
                ? new ArmReply(404, Arm.Error("ResourceNotFound", "not found"))
                : new ArmReply(200, Arm.Vault("kv-new", state: "Succeeded")))
            .On("PUT", "/vaults/kv-new$", 201, Arm.Vault("kv-new", state: "RegisteringDns"));
        var vault = new VaultService(arm.Connect(resourceGroup: Arm.Group, tenantId: Arm.Tenant))
            .Create(new VaultCreateOptions { Name = "kv-new", Location = "westeurope", EnableRbacAuthorization = false });

        Assert.Equal("Succeeded", vault.ProvisioningState);
        using var body = JsonDocument.Parse(arm.Writes.Single().Body!);
        Assert.False(body.RootElement.GetProperty("properties").TryGetProperty("enablePurgeProtection", out _));
        Assert.False(body.RootElement.GetProperty("properties").GetProperty("enableRbacAuthorization").GetBoolean());
        Assert.Equal(2, gets);
    }

    [Fact]
    public void Create_refuses_a_name_that_exists_instead_of_overwriting_its_access_policies()
    {
        var arm = new FakeArm().On("GET", "/vaults/kv-apps$", 200, Arm.Vault("kv-apps", rbac: false));
        var ex = Assert.Throws<VaultException>(() => new VaultService(arm.Connect(resourceGroup: Arm.Group)).Create(new VaultCreateOptions { Name = "kv-apps", Location = "westeurope" }));
        Assert.Equal("VaultAlreadyExists", ex.ErrorId);
        Assert.Equal(VaultErrorKind.Conflict, ex.Kind);
        Assert.Empty(arm.Writes);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(91)]
    public void Retention_outside_7_to_90_days_is_refused(int days)
    {
        var ex = Assert.Throws<VaultException>(() => VaultService.Validate(new VaultCreateOptions { Name = "kv-new", SoftDeleteRetentionInDays = days }));
        Assert.Equal("SoftDeleteRetentionInDays", ex.ParameterName);
    }

    [Fact]
    public void Create_without_a_resource_group_says_which_parameter_is_missing()
    {
        var arm = new FakeArm();
        var ex = Assert.Throws<VaultException>(() => new VaultService(arm.Connect()).Create(new VaultCreateOptions { Name = "kv-new", Location = "westeurope" }));
        Assert.Equal("ResourceGroupNotSpecified", ex.ErrorId);
        Assert.Equal("ResourceGroupName", ex.ParameterName);
        Assert.Empty(arm.Calls);
    }

    [Fact]
    public void Delete_sends_DELETE_to_the_resource_id()
    {
        var arm = new FakeArm().On("GET", "/vaults/kv-apps$", 200, Arm.Vault("kv-apps")).On("DELETE", "/vaults/kv-apps$", 200);
        var service = new VaultService(arm.Connect());
        service.Delete(service.Get("kv-apps", Arm.Group));
        var delete = Assert.Single(arm.Writes);
        Assert.Equal(Arm.VaultId("kv-apps"), delete.Path);
        Assert.Contains("api-version=2023-07-01", delete.Query);
    }

    [Fact]
    public void Listing_a_resource_group_uses_its_own_path()
    {
        var arm = new FakeArm().On("GET", $"/resourceGroups/{Arm.Group}/providers/Microsoft.KeyVault/vaults$", 200, Arm.List(Arm.Vault("kv-a"), Arm.Vault("kv-b", rbac: false)));
        var vaults = new VaultService(arm.Connect()).List(Arm.Group, null).ToList();
        Assert.Equal(new[] { "kv-a", "kv-b" }, vaults.Select(v => v.Name));
        Assert.Equal(new[] { "RBAC", "AccessPolicy" }, vaults.Select(v => v.PermissionModel));
    }

    [Fact]
    public void A_nextLink_to_another_host_is_not_followed_with_the_token()
    {
        var arm = new FakeArm().On("GET", "/providers/Microsoft.KeyVault/vaults$", 200, Arm.Page("https://evil.example.com/steal?x=1", Arm.Vault("kv-a")));
        var ex = Assert.Throws<VaultException>(() => new VaultService(arm.Connect()).List(null, null).ToList());
        Assert.Contains("another host", ex.Message);
        Assert.DoesNotContain(arm.Calls, c => c.Uri.Host == "evil.example.com");
    }

    [Fact]
    public void ARM_calls_need_a_subscription()
    {
        var connection = VaultTools.Connection.VaultConnection.Open(new VaultTools.Connection.ConnectionRequest
        {
            Credential = VaultTools.Connection.CredentialKind.AccessToken,
            AccessToken = Internal.SecureStrings.FromPlainText("a.b.c"),
        });
        var ex = Assert.Throws<VaultException>(() => new VaultService(connection).Get("kv-apps"));
        Assert.Equal("SubscriptionNotSpecified", ex.ErrorId);
        Assert.Equal("SubscriptionId", ex.ParameterName);
    }

    [Fact]
    public void Throttling_by_ARM_is_retried_by_the_pipeline()
    {
        int attempts = 0;
        var arm = new FakeArm().On("GET", "/vaults/kv-apps$", _ => ++attempts < 2
            ? new ArmReply(429, Arm.Error("TooManyRequests", "The request is being throttled."))
            : new ArmReply(200, Arm.Vault("kv-apps")));
        Assert.Equal("kv-apps", new VaultService(arm.Connect()).Get("kv-apps", Arm.Group).Name);
        Assert.Equal(2, attempts);
    }
}
