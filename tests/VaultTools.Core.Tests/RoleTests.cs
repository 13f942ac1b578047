using System.Text.Json;
using VaultTools.Access;
using VaultTools.Connection;
using VaultTools.Errors;
using Xunit;

namespace VaultTools.Core.Tests;

public class BuiltInRoleTests
{
    [Theory]
    [InlineData("Key Vault Administrator", "00482a5a-887f-4fb3-b363-3b7fe8e74483")]
    [InlineData("Key Vault Reader", "21090545-7ca7-4776-b22c-e363652d74d2")]
    [InlineData("Key Vault Secrets Officer", "b86a8fe4-44ce-4948-aee5-eccb2c155cd7")]
    [InlineData("Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6")]
    [InlineData("Key Vault Crypto Officer", "14b46e9e-c2b7-41b4-b07b-48a6ebf60603")]
    [InlineData("Key Vault Crypto User", "12338af0-0e69-4776-bea7-57ae8d297424")]
    [InlineData("Key Vault Crypto Service Encryption User", "e147488a-f6f5-4113-8e2d-b22465e65bf6")]
    [InlineData("Key Vault Certificates Officer", "a4417e6f-fecd-4de8-b567-7b0420556985")]
    [InlineData("Key Vault Certificate User", "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba")]
    public void Every_built_in_role_resolves_by_name_and_id_without_a_request(string name, string id)
    {
        var arm = new FakeArm(); // no routes: any request fails the test
        var roles = new RoleService(arm.Connect());

        var byName = roles.ResolveRole(name.ToUpperInvariant(), Arm.Subscription);
        Assert.Equal(name, byName.RoleName);
        Assert.Equal(id, byName.Name);
        Assert.Equal($"/subscriptions/{Arm.Subscription}/providers/Microsoft.Authorization/roleDefinitions/{id}", byName.Id);

        Assert.Equal(name, roles.ResolveRole(id, Arm.Subscription).RoleName);
        Assert.Equal(name, roles.ResolveRole($"/subscriptions/{Arm.Subscription}/providers/Microsoft.Authorization/roleDefinitions/{id}", Arm.Subscription).RoleName);
        Assert.Empty(arm.Calls);
    }

    [Fact]
    public void Data_actions_are_the_documented_ones()
    {
        Assert.Equal(new[] { "Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/readMetadata/action" }, BuiltInRoles.SecretsUser.DataActions);
        Assert.Equal(new[] { "Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/vaults/secrets/readMetadata/action" }, BuiltInRoles.Reader.DataActions);
        Assert.DoesNotContain("Microsoft.KeyVault/vaults/keys/create/action", BuiltInRoles.CryptoUser.DataActions);
        Assert.Equal(9, BuiltInRoles.All.Count);
    }

    [Fact]
    public void Other_role_names_are_looked_up_with_a_roleName_filter()
    {
        const string custom = "7f951dda-4ed3-4680-a7ca-43fe172d538d";
        var arm = new FakeArm().On("GET", "/providers/Microsoft.Authorization/roleDefinitions$", 200, Arm.List(Arm.RoleDefinition(custom, "Contoso Secret Rotator")));
        var role = new RoleService(arm.Connect()).ResolveRole("Contoso Secret Rotator", Arm.Subscription);

        Assert.Equal(custom, role.Name);
        Assert.Equal("CustomRole", role.RoleType);
        var call = Assert.Single(arm.Calls);
        Assert.Equal($"/subscriptions/{Arm.Subscription}/providers/Microsoft.Authorization/roleDefinitions", call.Path);
        Assert.Contains("$filter=roleName eq 'Contoso Secret Rotator'", call.Query);
        Assert.Contains("api-version=2022-04-01", call.Query);
    }

    [Fact]
    public void An_unknown_role_name_is_not_found_and_lists_the_key_vault_roles()
    {
        var arm = new FakeArm().On("GET", "/roleDefinitions$", 200, Arm.List());
        var ex = Assert.Throws<VaultException>(() => new RoleService(arm.Connect()).ResolveRole("Key Vault Secret User", Arm.Subscription));
        Assert.Equal("VaultRoleDefinitionNotFound", ex.ErrorId);
        Assert.Equal(VaultErrorKind.NotFound, ex.Kind);
        Assert.Equal("Role", ex.ParameterName);
        Assert.Contains("Key Vault Secrets User", ex.Message);
    }
}

public class RoleAssignmentTests
{
    private static readonly string VaultScope = Arm.VaultId("kv-apps");
    private static readonly string SecretScope = VaultScope + "/secrets/app-secret";
    private const string AssignmentPath = "/providers/Microsoft.Authorization/roleAssignments";

    // What Grant-VaultRole does: the identical existing assignment when there is one, otherwise a new one.
    private static RoleAssignment Grant(RoleService roles, RoleTarget target, RoleDefinition role, string principalId, string? principalType)
        => roles.Find(target.Scope, principalId, role) ?? roles.Create(target, role, principalId, principalType);

    /// <summary>The vault's (or an entry's) target as the cmdlets make it: the vault read once through ARM, then the target.</summary>
    private static RoleTarget VaultTarget(RoleService roles, VaultConnection connection, EntryKind? entryKind, string? entryName, bool forGrant)
        => roles.VaultTarget(new VaultService(connection).Get(connection.ResolveVault("kv-apps", null), null, null), null, entryKind, entryName, forGrant);

    private static (FakeArm Arm, VaultConnection Connection) Rbac(bool rbac = true)
    {
        var arm = new FakeArm().On("GET", "/vaults/kv-apps$", 200, Arm.Vault("kv-apps", rbac));
        return (arm, arm.Connect(resourceGroup: Arm.Group));
    }

    [Fact]
    public void Grant_at_an_entry_puts_a_new_guid_assignment_with_the_full_role_definition_id()
    {
        var (arm, connection) = Rbac();
        string? putName = null;
        arm.On("GET", "/secrets/app-secret" + AssignmentPath + "$", 200, Arm.List())
           .On("PUT", "/secrets/app-secret" + AssignmentPath + "/[0-9a-f-]{36}$", call =>
           {
               putName = call.Path.Split('/').Last();
               return new ArmReply(201, Arm.Assignment(SecretScope, BuiltInRoles.SecretsUser.Id, name: putName));
           });
        var roles = new RoleService(connection);

        var target = VaultTarget(roles, connection, EntryKind.Secret, "app-secret", forGrant: true);
        Assert.Equal(SecretScope, target.Scope);
        var role = roles.ResolveRole("Key Vault Secrets User", target.SubscriptionId);
        var assignment = Grant(roles, target, role, Arm.Principal, "ServicePrincipal");

        var put = Assert.Single(arm.Calls, c => c.Method == "PUT");
        Assert.Equal($"{SecretScope}{AssignmentPath}/{putName}", put.Path);
        Assert.True(Guid.TryParse(putName, out _));
        Assert.Contains("api-version=2022-04-01", put.Query);
        using var body = JsonDocument.Parse(put.Body!);
        var p = body.RootElement.GetProperty("properties");
        Assert.Equal($"/subscriptions/{Arm.Subscription}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6", p.GetProperty("roleDefinitionId").GetString());
        Assert.Equal(Arm.Principal, p.GetProperty("principalId").GetString());
        Assert.Equal("ServicePrincipal", p.GetProperty("principalType").GetString());
        Assert.StartsWith("Bearer ", put.Authorization);

        Assert.Equal("Key Vault Secrets User", assignment.RoleDefinitionName);
        Assert.Equal("Secret", assignment.ScopeKind);
        Assert.Equal("app-secret", assignment.EntryName);
        Assert.Equal("kv-apps", assignment.VaultName);
        Assert.Equal(putName, assignment.Name);
    }

    [Fact]
    public void Grant_returns_an_identical_existing_assignment_found_by_listing_and_writes_nothing()
    {
        var (arm, connection) = Rbac();
        const string existing = "3b2e8c4a-1f0d-4e5a-9b8c-7d6e5f4a3b2c";
        arm.On("GET", "/secrets/app-secret" + AssignmentPath + "$", 200, Arm.List(
            Arm.Assignment(VaultScope, BuiltInRoles.SecretsUser.Id),                                  // same role, enclosing scope: not identical
            Arm.Assignment(SecretScope, BuiltInRoles.SecretsOfficer.Id),                              // same scope, other role
            Arm.Assignment(SecretScope, BuiltInRoles.SecretsUser.Id, name: existing)));               // identical
        var roles = new RoleService(connection);
        var target = VaultTarget(roles, connection, EntryKind.Secret, "app-secret", forGrant: true);

        var assignment = Grant(roles, target, roles.ResolveRole("key vault secrets user", target.SubscriptionId), Arm.Principal, "ServicePrincipal");

        Assert.Equal(existing, assignment.Name);
        Assert.Empty(arm.Writes);
        var list = Assert.Single(arm.Calls, c => c.Path.EndsWith(AssignmentPath, StringComparison.Ordinal));
        Assert.Contains($"$filter=principalId eq '{Arm.Principal}'", list.Query);
    }

    [Fact]
    public void A_409_RoleAssignmentExists_returns_the_existing_assignment()
    {
        var (arm, connection) = Rbac();
        const string existing = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
        int lists = 0;
        // The first listing races with another writer and sees nothing; ARM then answers 409; the next listing has it.
        arm.On("GET", "/vaults/kv-apps" + AssignmentPath + "$", _ => ++lists == 1
                ? new ArmReply(200, Arm.List())
                : new ArmReply(200, Arm.List(Arm.Assignment(VaultScope, BuiltInRoles.SecretsOfficer.Id, name: existing))))
           .On("PUT", AssignmentPath + "/", 409, Arm.RoleAssignmentExists);
        var roles = new RoleService(connection);
        var target = VaultTarget(roles, connection, null, null, forGrant: true);

        var assignment = Grant(roles, target, roles.ResolveRole("Key Vault Secrets Officer", target.SubscriptionId), Arm.Principal, null);

        Assert.Equal(existing, assignment.Name);
        Assert.Equal("Key Vault Secrets Officer", assignment.RoleDefinitionName);
        Assert.Single(arm.Writes);
        Assert.Equal(2, lists);
        using var body = JsonDocument.Parse(arm.Writes.Single().Body!);
        Assert.False(body.RootElement.GetProperty("properties").TryGetProperty("principalType", out _)); // not given: ARM resolves it
    }

    [Fact]
    public void A_409_that_names_the_existing_assignment_is_answered_by_reading_it()
    {
        var (arm, connection) = Rbac();
        const string existing = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
        arm.On("GET", "/vaults/kv-apps" + AssignmentPath + "$", 200, Arm.List())
           .On("PUT", AssignmentPath + "/", 409, Arm.Error("RoleAssignmentExists", "The role assignment already exists. The ID of the existing role assignment is 0f1e2d3c4b5a49688776a5b4c3d2e1f0."))
           .On("GET", AssignmentPath + "/" + existing + "$", 200, Arm.Assignment(VaultScope, BuiltInRoles.CryptoUser.Id, name: existing));
        var roles = new RoleService(connection);
        var target = VaultTarget(roles, connection, null, null, forGrant: true);

        var assignment = roles.Create(target, roles.ResolveRole("Key Vault Crypto User", target.SubscriptionId), Arm.Principal, "ServicePrincipal");

        Assert.Equal(existing, assignment.Name);
    }

    [Fact]
    public void A_409_whose_assignment_cannot_be_found_stays_a_conflict()
    {
        var (arm, connection) = Rbac();
        arm.On("GET", AssignmentPath + "$", 200, Arm.List()).On("PUT", AssignmentPath + "/", 409, Arm.RoleAssignmentExists);
        var roles = new RoleService(connection);
        var target = VaultTarget(roles, connection, null, null, forGrant: true);

        var ex = Assert.Throws<VaultException>(() => Grant(roles, target, roles.ResolveRole("Key Vault Reader", target.SubscriptionId), Arm.Principal, null));
        Assert.Equal("VaultRoleAssignmentConflict", ex.ErrorId);
        Assert.Equal(409, ex.Status);
    }

    [Fact]
    public void A_role_grant_on_an_access_policy_vault_is_refused_naming_the_model_before_any_write()
    {
        var (arm, connection) = Rbac(rbac: false);
        var roles = new RoleService(connection);

        var ex = Assert.Throws<VaultException>(() => VaultTarget(roles, connection, EntryKind.Secret, "app-secret", forGrant: true));

        Assert.Equal("VaultUsesAccessPolicies", ex.ErrorId);
        Assert.Equal(VaultErrorKind.OperationNotAllowed, ex.Kind);
        Assert.Contains("access policy permission model", ex.Message);
        Assert.Contains("Set-VaultAccessPolicy", ex.Message);
        Assert.Empty(arm.Writes);

        // Listing and revoking are not grants: they work on any vault.
        Assert.Equal(VaultScope, VaultTarget(roles, connection, null, null, forGrant: false).Scope);
    }

    [Fact]
    public void A_raw_vault_scope_is_checked_against_the_vault_model_too()
    {
        var (arm, connection) = Rbac(rbac: false);
        var ex = Assert.Throws<VaultException>(() => new RoleService(connection).ScopeTarget(SecretScope, forGrant: true));
        Assert.Equal("VaultUsesAccessPolicies", ex.ErrorId);
        Assert.Contains(arm.Calls, c => c.Path == VaultScope);
    }

    [Fact]
    public void Listing_at_a_scope_uses_atScope_and_keeps_inherited_assignments_only_when_asked()
    {
        var (arm, connection) = Rbac();
        string subscription = $"/subscriptions/{Arm.Subscription}";
        arm.On("GET", "/secrets/app-secret" + AssignmentPath + "$", 200, Arm.List(
            Arm.Assignment(subscription, BuiltInRoles.Administrator.Id, principalId: "11111111-1111-1111-1111-111111111111"),
            Arm.Assignment(VaultScope, BuiltInRoles.Reader.Id, principalId: "22222222-2222-2222-2222-222222222222"),
            Arm.Assignment(SecretScope, BuiltInRoles.SecretsUser.Id)));
        var roles = new RoleService(connection);

        var here = roles.List(SecretScope, principalId: null, includeInherited: false);
        var all = roles.List(SecretScope, principalId: null, includeInherited: true);

        Assert.Equal("Key Vault Secrets User", Assert.Single(here).RoleDefinitionName);
        Assert.Equal(new[] { "Subscription", "Vault", "Secret" }, all.Select(a => a.ScopeKind));
        Assert.Equal(new[] { "Key Vault Administrator", "Key Vault Reader", "Key Vault Secrets User" }, all.Select(a => a.RoleDefinitionName));
        Assert.All(arm.Calls.Where(c => c.Path.EndsWith(AssignmentPath, StringComparison.Ordinal)), c => Assert.Contains("$filter=atScope()", c.Query));
    }

    [Fact]
    public void Listing_for_a_principal_covers_the_vault_and_its_entries_and_with_inherited_the_scopes_above()
    {
        var (arm, connection) = Rbac();
        arm.On("GET", "/vaults/kv-apps" + AssignmentPath + "$", 200, Arm.List(
            Arm.Assignment($"/subscriptions/{Arm.Subscription}/resourceGroups/{Arm.Group}", BuiltInRoles.Reader.Id),
            Arm.Assignment(VaultScope, BuiltInRoles.SecretsUser.Id),
            Arm.Assignment(VaultScope + "/keys/cmk", BuiltInRoles.CryptoUser.Id),
            Arm.Assignment(Arm.VaultId("kv-other") + "/secrets/x", BuiltInRoles.SecretsOfficer.Id)));
        var roles = new RoleService(connection);

        var inVault = roles.List(VaultScope, Arm.Principal, includeInherited: false);
        var withInherited = roles.List(VaultScope, Arm.Principal, includeInherited: true);
        var onlyCrypto = roles.List(VaultScope, Arm.Principal, includeInherited: true, roles.ResolveRole("Key Vault Crypto User", Arm.Subscription));

        Assert.Equal(new[] { "Vault", "Key" }, inVault.Select(a => a.ScopeKind));
        Assert.Equal(new[] { "ResourceGroup", "Vault", "Key" }, withInherited.Select(a => a.ScopeKind));
        Assert.Equal("cmk", Assert.Single(onlyCrypto).EntryName);
        Assert.Contains(arm.Calls, c => c.Query.Contains($"$filter=principalId eq '{Arm.Principal}'"));
    }

    [Fact]
    public void Custom_role_names_are_read_once_per_session_for_the_view()
    {
        var (arm, connection) = Rbac();
        const string custom = "7f951dda-4ed3-4680-a7ca-43fe172d538d";
        arm.On("GET", AssignmentPath + "$", 200, Arm.List(Arm.Assignment(VaultScope, custom), Arm.Assignment(VaultScope, custom, principalId: "33333333-3333-3333-3333-333333333333")))
           .On("GET", "/roleDefinitions/" + custom + "$", 200, Arm.RoleDefinition(custom, "Contoso Secret Rotator"));
        var roles = new RoleService(connection);

        Assert.All(roles.List(VaultScope, null, false), a => Assert.Equal("Contoso Secret Rotator", a.RoleDefinitionName));
        roles.List(VaultScope, null, false);
        Assert.Single(arm.Calls, c => c.Path.EndsWith(custom, StringComparison.Ordinal));
    }

    [Fact]
    public void A_role_name_that_cannot_be_read_leaves_the_assignment_listed_by_id()
    {
        var (arm, connection) = Rbac();
        const string custom = "7f951dda-4ed3-4680-a7ca-43fe172d538d";
        arm.On("GET", AssignmentPath + "$", 200, Arm.List(Arm.Assignment(VaultScope, custom)))
           .On("GET", "/roleDefinitions/", 403, Arm.Error("AuthorizationFailed", "The client does not have authorization to perform action 'Microsoft.Authorization/roleDefinitions/read'."));
        var assignment = Assert.Single(new RoleService(connection).List(VaultScope, null, false));
        Assert.Null(assignment.RoleDefinitionName);
        Assert.Equal(custom, assignment.RoleDefinitionGuid);
    }

    [Fact]
    public void Revoke_deletes_by_id_and_a_204_means_it_was_already_gone()
    {
        var (arm, connection) = Rbac();
        const string name = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";
        string id = $"{SecretScope}{AssignmentPath}/{name}";
        int deletes = 0;
        arm.On("DELETE", AssignmentPath + "/" + name + "$", _ => ++deletes == 1
            ? new ArmReply(200, Arm.Assignment(SecretScope, BuiltInRoles.SecretsUser.Id, name: name))
            : new ArmReply(204));
        var roles = new RoleService(connection);

        var deleted = roles.Delete(id);
        Assert.NotNull(deleted);
        Assert.Equal("Key Vault Secrets User", deleted!.RoleDefinitionName);
        Assert.Null(roles.Delete(id));
        Assert.Equal(id, arm.Calls[0].Path);
        Assert.Contains("api-version=2022-04-01", arm.Calls[0].Query);
    }

    [Fact]
    public void Revoke_by_role_principal_and_scope_finds_only_the_exact_assignment()
    {
        var (arm, connection) = Rbac();
        const string exact = "6b5a4c3d-2e1f-4b0a-9d8c-7e6f5a4b3c2d";
        arm.On("GET", "/secrets/app-secret" + AssignmentPath + "$", 200, Arm.List(
            Arm.Assignment(VaultScope, BuiltInRoles.SecretsUser.Id),
            Arm.Assignment(SecretScope, BuiltInRoles.SecretsUser.Id, name: exact),
            Arm.Assignment(SecretScope, BuiltInRoles.SecretsUser.Id, principalId: "44444444-4444-4444-4444-444444444444")));
        var roles = new RoleService(connection);
        var found = roles.FindForRevoke(SecretScope, Arm.Principal, roles.ResolveRole("Key Vault Secrets User", Arm.Subscription));
        Assert.Equal(exact, Assert.Single(found).Name);
    }

    [Fact]
    public void Getting_a_missing_assignment_is_RoleAssignmentNotFound_as_the_service_says()
    {
        var (arm, connection) = Rbac();
        arm.On("GET", AssignmentPath + "/", 404, Arm.RoleAssignmentNotFound);
        var ex = Assert.Throws<VaultException>(() => new RoleService(connection).Get($"{VaultScope}{AssignmentPath}/{Guid.NewGuid()}"));
        Assert.Equal("VaultRoleAssignmentNotFound", ex.ErrorId);
        Assert.Equal(VaultErrorKind.NotFound, ex.Kind);
        Assert.Equal("RoleAssignmentNotFound", ex.ServiceErrorCode);
        Assert.Contains("Requested role assignment not found", ex.Message);
    }

    [Fact]
    public void An_ARM_403_is_VaultAccessDenied_and_keeps_who_what_and_where()
    {
        var (arm, connection) = Rbac();
        string message = $"The client 'app@contoso.com' with object id '{Arm.Principal}' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/write' over scope '{SecretScope}/providers/Microsoft.Authorization/roleAssignments/x' or the scope is invalid. If access was recently granted, please refresh your credentials.";
        arm.On("GET", AssignmentPath + "$", 200, Arm.List()).On("PUT", AssignmentPath + "/", 403, Arm.Error("AuthorizationFailed", message));
        var roles = new RoleService(connection);
        var target = VaultTarget(roles, connection, EntryKind.Secret, "app-secret", forGrant: true);

        var ex = Assert.Throws<VaultException>(() => Grant(roles, target, roles.ResolveRole("Key Vault Secrets User", Arm.Subscription), Arm.Principal, "User"));

        Assert.Equal("VaultAccessDenied", ex.ErrorId);
        Assert.Equal(VaultErrorKind.AccessDenied, ex.Kind);
        Assert.Equal("AuthorizationFailed", ex.ServiceErrorCode);
        Assert.Contains(Arm.Principal, ex.Message);
        Assert.Contains("Microsoft.Authorization/roleAssignments/write", ex.Message);
        Assert.Contains(SecretScope, ex.Message);
    }

    [Fact]
    public void A_principal_that_does_not_exist_is_reported_as_not_found()
    {
        var (arm, connection) = Rbac();
        arm.On("GET", AssignmentPath + "$", 200, Arm.List())
           .On("PUT", AssignmentPath + "/", 400, Arm.Error("PrincipalNotFound", $"Principal {Arm.Principal.Replace("-", "")} does not exist in the directory {Arm.Tenant}. Check that you have the correct principal ID."));
        var roles = new RoleService(connection);
        var target = VaultTarget(roles, connection, null, null, forGrant: true);
        var ex = Assert.Throws<VaultException>(() => Grant(roles, target, roles.ResolveRole("Key Vault Reader", Arm.Subscription), Arm.Principal, "ServicePrincipal"));
        Assert.Equal("VaultPrincipalNotFound", ex.ErrorId);
        Assert.Equal(VaultErrorKind.NotFound, ex.Kind);
    }

    [Theory]
    [InlineData("servicePrincipal", "ServicePrincipal")]
    [InlineData("USER", "User")]
    [InlineData("group", "Group")]
    public void Principal_types_are_checked_and_spelled_as_ARM_spells_them(string given, string expected)
        => Assert.Equal(expected, RoleService.CheckPrincipalType(given));

    [Fact]
    public void A_managed_identity_is_not_a_principal_type_of_its_own()
    {
        var ex = Assert.Throws<VaultException>(() => RoleService.CheckPrincipalType("ManagedIdentity"));
        Assert.Equal("InvalidPrincipalType", ex.ErrorId);
        Assert.Contains("managed identities are service principals", ex.Message);
    }

    [Fact]
    public void A_bad_object_id_is_refused_before_any_request()
    {
        var (arm, connection) = Rbac();
        var roles = new RoleService(connection);
        var target = new RoleTarget { Scope = VaultScope, SubscriptionId = Arm.Subscription };
        var ex = Assert.Throws<VaultException>(() => Grant(roles, target, roles.ResolveRole("Key Vault Reader", Arm.Subscription), "not-a-guid", null));
        Assert.Equal("InvalidObjectId", ex.ErrorId);
        Assert.Empty(arm.Calls);
    }
}
