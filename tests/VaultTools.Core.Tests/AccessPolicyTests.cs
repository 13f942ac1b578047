using System.Text.Json;
using VaultTools.Access;
using VaultTools.Errors;
using Xunit;

namespace VaultTools.Core.Tests;

public class AccessPolicyTests
{
    [Fact]
    public void Permission_names_are_matched_case_insensitively_and_written_as_the_service_spells_them()
    {
        Assert.Equal(new[] { "get", "list" }, AccessPolicyPermissions.Normalize(EntryKind.Secret, new[] { "Get", "LIST", "get" }, "PermissionsToSecrets"));
        Assert.Equal(new[] { "unwrapKey", "wrapKey", "getrotationpolicy" }, AccessPolicyPermissions.Normalize(EntryKind.Key, new[] { "UnwrapKey", "wrapkey", "GetRotationPolicy" }, "PermissionsToKeys"));
        Assert.Equal(new[] { "managecontacts" }, AccessPolicyPermissions.Normalize(EntryKind.Certificate, new[] { "ManageContacts" }, "PermissionsToCertificates"));
    }

    [Theory]
    [InlineData(EntryKind.Secret, "get,list,set,delete,backup,restore,recover,purge")]
    [InlineData(EntryKind.Key, "get,list,update,create,import,delete,recover,backup,restore,decrypt,encrypt,unwrapKey,wrapKey,verify,sign,purge,rotate,getrotationpolicy,setrotationpolicy")]
    [InlineData(EntryKind.Certificate, "get,list,update,create,import,delete,recover,backup,restore,managecontacts,manageissuers,getissuers,listissuers,setissuers,deleteissuers,purge")]
    public void Every_documented_permission_is_accepted(EntryKind kind, string csv)
        => Assert.Equal(csv.Split(','), AccessPolicyPermissions.Normalize(kind, csv.Split(','), "P"));

    [Theory]
    [InlineData(EntryKind.Secret, "read", "PermissionsToSecrets")]
    [InlineData(EntryKind.Secret, "unwrapKey", "PermissionsToSecrets")]   // a key permission, not a secret one
    [InlineData(EntryKind.Key, "all", "PermissionsToKeys")]
    [InlineData(EntryKind.Certificate, "set", "PermissionsToCertificates")]
    public void An_unknown_permission_is_refused_naming_the_parameter_and_the_value(EntryKind kind, string bad, string parameter)
    {
        var ex = Assert.Throws<VaultException>(() => AccessPolicyPermissions.Normalize(kind, new[] { "get", bad }, parameter));
        Assert.Equal("InvalidAccessPolicyPermission", ex.ErrorId);
        Assert.Equal(VaultErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal(parameter, ex.ParameterName);
        Assert.Equal(bad, ex.Target);
        Assert.Contains($"'{bad}'", ex.Message);
        Assert.Contains("-" + parameter, ex.Message);
    }

    [Fact]
    public void A_change_without_any_permission_is_refused()
    {
        var ex = Assert.Throws<VaultException>(() => AccessPolicyService.Validate(new AccessPolicyChange { ObjectId = Arm.Principal }));
        Assert.Equal("NoAccessPolicyPermissions", ex.ErrorId);
        Assert.Contains("Remove-VaultAccessPolicy", ex.Message);
    }

    [Fact]
    public void Add_puts_one_policy_to_accessPolicies_add_and_returns_what_the_vault_then_holds()
    {
        int gets = 0;
        var arm = new FakeArm()
            .On("GET", "/vaults/kv-ap$", _ => ++gets == 1
                ? new ArmReply(200, Arm.Vault("kv-ap", rbac: false, policies: "[" + Arm.Policy(Arm.Principal, secrets: "get") + "]"))
                : new ArmReply(200, Arm.Vault("kv-ap", rbac: false, policies: "[" + Arm.Policy(Arm.Principal, secrets: "get,list", keys: "get") + "]")))
            .On("PUT", "/vaults/kv-ap/accessPolicies/add$", 201, """{"id":"x/accessPolicies/add","type":"Microsoft.KeyVault/vaults/accessPolicies","properties":{"accessPolicies":[]}}""");
        var connection = arm.Connect();
        var vault = new VaultService(connection).Get("kv-ap", Arm.Group);

        var policy = new AccessPolicyService(connection).Set(vault, new AccessPolicyChange { ObjectId = Arm.Principal, PermissionsToSecrets = new[] { "List" }, PermissionsToKeys = new[] { "GET" } });

        Assert.Equal(new[] { "get", "list" }, policy.PermissionsToSecrets);
        Assert.Equal(new[] { "get" }, policy.PermissionsToKeys);
        var put = Assert.Single(arm.Writes);
        Assert.Equal(Arm.VaultId("kv-ap") + "/accessPolicies/add", put.Path);
        Assert.Contains("api-version=2023-07-01", put.Query);
        using var body = JsonDocument.Parse(put.Body!);
        var entry = Assert.Single(body.RootElement.GetProperty("properties").GetProperty("accessPolicies").EnumerateArray());
        Assert.Equal(Arm.Tenant, entry.GetProperty("tenantId").GetString());
        Assert.Equal(Arm.Principal, entry.GetProperty("objectId").GetString());
        var permissions = entry.GetProperty("permissions");
        Assert.Equal(new[] { "list" }, permissions.GetProperty("secrets").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new[] { "get" }, permissions.GetProperty("keys").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, permissions.GetProperty("certificates").GetArrayLength());
    }

    [Fact]
    public void Replace_goes_to_accessPolicies_replace()
    {
        var arm = new FakeArm()
            .On("GET", "/vaults/kv-ap$", 200, Arm.Vault("kv-ap", rbac: false, policies: "[" + Arm.Policy(Arm.Principal, certificates: "get") + "]"))
            .On("PUT", "/accessPolicies/replace$", 200, """{"properties":{"accessPolicies":[]}}""");
        var connection = arm.Connect();
        var vault = new VaultService(connection).Get("kv-ap", Arm.Group);
        new AccessPolicyService(connection).Set(vault, new AccessPolicyChange { ObjectId = Arm.Principal, PermissionsToCertificates = new[] { "get" }, Replace = true });
        Assert.EndsWith("/accessPolicies/replace", arm.Writes.Single().Path);
    }

    [Fact]
    public void Remove_sends_the_principal_s_whole_policy_to_accessPolicies_remove()
    {
        var arm = new FakeArm()
            .On("GET", "/vaults/kv-ap$", 200, Arm.Vault("kv-ap", rbac: false, policies: "[" + Arm.Policy(Arm.Principal, secrets: "get,list", certificates: "get") + "," + Arm.Policy("55555555-5555-5555-5555-555555555555", keys: "get") + "]"))
            .On("PUT", "/accessPolicies/remove$", 200, """{"properties":{"accessPolicies":[]}}""");
        var connection = arm.Connect();
        var vault = new VaultService(connection).Get("kv-ap", Arm.Group);

        var removed = new AccessPolicyService(connection).Remove(vault, Arm.Principal.ToUpperInvariant());

        Assert.Equal(Arm.Principal, removed.ObjectId);
        var put = Assert.Single(arm.Writes);
        Assert.EndsWith("/accessPolicies/remove", put.Path);
        using var body = JsonDocument.Parse(put.Body!);
        var entry = Assert.Single(body.RootElement.GetProperty("properties").GetProperty("accessPolicies").EnumerateArray());
        Assert.Equal(Arm.Principal, entry.GetProperty("objectId").GetString());
        Assert.Equal(new[] { "get", "list" }, entry.GetProperty("permissions").GetProperty("secrets").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new[] { "get" }, entry.GetProperty("permissions").GetProperty("certificates").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Removing_a_policy_that_is_not_there_is_not_found_and_sends_nothing()
    {
        var arm = new FakeArm().On("GET", "/vaults/kv-ap$", 200, Arm.Vault("kv-ap", rbac: false));
        var connection = arm.Connect();
        var ex = Assert.Throws<VaultException>(() => new AccessPolicyService(connection).Remove(new VaultService(connection).Get("kv-ap", Arm.Group), Arm.Principal));
        Assert.Equal("VaultAccessPolicyNotFound", ex.ErrorId);
        Assert.Equal(VaultErrorKind.NotFound, ex.Kind);
        Assert.Empty(arm.Writes);
    }

    [Fact]
    public void An_access_policy_on_an_RBAC_vault_is_refused_naming_the_model_before_any_write()
    {
        var arm = new FakeArm().On("GET", "/vaults/kv-apps$", 200, Arm.Vault("kv-apps", rbac: true));
        var connection = arm.Connect();
        var vault = new VaultService(connection).Get("kv-apps", Arm.Group);

        var ex = Assert.Throws<VaultException>(() => new AccessPolicyService(connection).Set(vault, new AccessPolicyChange { ObjectId = Arm.Principal, PermissionsToSecrets = new[] { "get" } }));

        Assert.Equal("VaultUsesRbac", ex.ErrorId);
        Assert.Equal(VaultErrorKind.OperationNotAllowed, ex.Kind);
        Assert.Contains("Azure RBAC permission model", ex.Message);
        Assert.Contains("Grant-VaultRole", ex.Message);
        Assert.Empty(arm.Writes);
    }

    [Fact]
    public void Bad_permission_names_are_refused_before_the_model_check_or_any_request()
    {
        var arm = new FakeArm();
        var vault = new Vault { Name = "kv-apps", EnableRbacAuthorization = true, ResourceId = Arm.VaultId("kv-apps") };
        var ex = Assert.Throws<VaultException>(() => new AccessPolicyService(arm.Connect()).Set(vault, new AccessPolicyChange { ObjectId = Arm.Principal, PermissionsToKeys = new[] { "wrap" } }));
        Assert.Equal("InvalidAccessPolicyPermission", ex.ErrorId);
        Assert.Empty(arm.Calls);
    }
}
