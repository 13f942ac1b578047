using System.Net;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;
using static VaultTools.Emulator.Tests.Infrastructure.ArmHelpers;

namespace VaultTools.Emulator.Tests;

/// <summary>Microsoft.Authorization role assignments and role definitions, over raw HTTP: ARM's bodies and errors.</summary>
[Collection(AccessCollection.Name)]
public sealed class ArmRoleTests(AccessFixture emulator)
{
    private string Sub => $"/subscriptions/{emulator.Info.SubscriptionId}";

    private static string AssignmentsAt(string scope, string? name = null, string? filter = null) =>
        $"{scope}/providers/Microsoft.Authorization/roleAssignments{(name is null ? "" : "/" + name)}?{AuthorizationApi}{(filter is null ? "" : "&$filter=" + Uri.EscapeDataString(filter))}";

    private static List<string> Names(HttpAnswer list) => list.Json!["value"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task An_assignment_is_created_read_listed_and_deleted_at_every_scope_with_ARM_bodies()
    {
        var vault = await CreateVaultAsync(emulator, "ra");
        var beta = emulator.Info.Identity("beta").ObjectId;
        var vaultScope = emulator.VaultId(vault);
        var entryScopes = new[] { $"{vaultScope}/secrets/app-secret", $"{vaultScope}/keys/app-key", $"{vaultScope}/certificates/app-cert" };

        var name = Guid.NewGuid().ToString();
        var created = await emulator.ArmAsync(HttpMethod.Put, AssignmentsAt(entryScopes[0], name), AssignmentBody(emulator, beta, KeyVaultSecretsUser));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var body = created.Json!;
        Assert.Equal($"{entryScopes[0]}/providers/Microsoft.Authorization/roleAssignments/{name}", body["id"]!.GetValue<string>());
        Assert.Equal("Microsoft.Authorization/roleAssignments", body["type"]!.GetValue<string>());
        Assert.Equal(name, body["name"]!.GetValue<string>());
        var p = body["properties"]!;
        Assert.Equal($"{Sub}/providers/Microsoft.Authorization/roleDefinitions/{KeyVaultSecretsUser}", p["roleDefinitionId"]!.GetValue<string>());
        Assert.Equal(beta, p["principalId"]!.GetValue<string>());
        Assert.Equal("ServicePrincipal", p["principalType"]!.GetValue<string>());
        Assert.Equal(entryScopes[0], p["scope"]!.GetValue<string>());
        Assert.Equal(emulator.Info.Identity("admin").ObjectId, p["createdBy"]!.GetValue<string>());
        Assert.True(DateTimeOffset.TryParse(p["createdOn"]!.GetValue<string>(), out _));

        var read = await emulator.ArmAsync(HttpMethod.Get, AssignmentsAt(entryScopes[0], name));
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(body.ToJsonString(), read.Json!.ToJsonString());

        var others = new List<string>();
        foreach (var scope in new[] { Sub, $"{Sub}/resourceGroups/emulator", vaultScope, entryScopes[1], entryScopes[2] })
        {
            others.Add(await GrantAsync(emulator, beta, KeyVaultReader, scope));
        }

        // atScope(): at the scope and above it; principalId eq: the principal's at, above and below.
        var atVault = Names(await emulator.ArmAsync(HttpMethod.Get, AssignmentsAt(vaultScope, filter: "atScope()")));
        Assert.Contains(others[0], atVault);
        Assert.Contains(others[1], atVault);
        Assert.Contains(others[2], atVault);
        Assert.DoesNotContain(name, atVault);
        Assert.DoesNotContain(others[3], atVault);
        var forBeta = Names(await emulator.ArmAsync(HttpMethod.Get, AssignmentsAt(vaultScope, filter: $"principalId eq '{beta}'")));
        Assert.Equal(new[] { name }.Concat(others).Order(), forBeta.Order());
        var atEntry = Names(await emulator.ArmAsync(HttpMethod.Get, AssignmentsAt(entryScopes[0], filter: "atScope()")));
        Assert.Contains(name, atEntry);
        Assert.Contains(others[2], atEntry);
        Assert.DoesNotContain(others[3], atEntry);
        Assert.Contains(emulator.Info.Identity("kvadmin").ObjectId,
            (await emulator.ArmAsync(HttpMethod.Get, AssignmentsAt(entryScopes[0], filter: "atScope()"))).Json!["value"]!.AsArray().Select(a => a!["properties"]!["principalId"]!.GetValue<string>()));

        var deleted = await emulator.ArmAsync(HttpMethod.Delete, AssignmentsAt(entryScopes[0], name));
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(name, deleted.Json!["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await emulator.ArmAsync(HttpMethod.Delete, AssignmentsAt(entryScopes[0], name))).Status);
        var gone = await emulator.ArmAsync(HttpMethod.Get, AssignmentsAt(entryScopes[0], name));
        Assert.Equal($$$"""{"error":{"code":"RoleAssignmentNotFound","message":"The role assignment '{{{name}}}' is not found."}}""", gone.Text);
        // An assignment is addressed at its own scope only.
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.ArmAsync(HttpMethod.Get, AssignmentsAt(vaultScope, others[3]))).Status);
        foreach (var (scope, other) in new[] { Sub, $"{Sub}/resourceGroups/emulator", vaultScope, entryScopes[1], entryScopes[2] }.Zip(others))
        {
            await RevokeAsync(emulator, scope, other);
        }
    }

    [Fact]
    public async Task An_identical_assignment_is_409_RoleAssignmentExists_naming_the_existing_one()
    {
        var vault = await CreateVaultAsync(emulator, "dup");
        var scope = emulator.VaultId(vault);
        var beta = emulator.Info.Identity("beta").ObjectId;
        var first = await GrantAsync(emulator, beta, KeyVaultSecretsUser, scope);

        var again = await emulator.ArmAsync(HttpMethod.Put, AssignmentsAt(scope, Guid.NewGuid().ToString()), AssignmentBody(emulator, beta, KeyVaultSecretsUser, principalType: null));
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal(
            $$$"""{"error":{"code":"RoleAssignmentExists","message":"The role assignment already exists. The ID of the existing role assignment is {{{first.Replace("-", "", StringComparison.Ordinal)}}}."}}""",
            again.Text);

        // The same PUT again is not a conflict; the same name with other properties is not an update.
        Assert.Equal(HttpStatusCode.OK, (await emulator.ArmAsync(HttpMethod.Put, AssignmentsAt(scope, first), AssignmentBody(emulator, beta, KeyVaultSecretsUser))).Status);
        var changed = await emulator.ArmAsync(HttpMethod.Put, AssignmentsAt(scope, first), AssignmentBody(emulator, beta, KeyVaultReader));
        Assert.Equal("RoleAssignmentUpdateNotPermitted", changed.ErrorCode);

        // Another role, another scope or another principal is another assignment.
        await GrantAsync(emulator, beta, KeyVaultReader, scope);
        await GrantAsync(emulator, beta, KeyVaultSecretsUser, $"{scope}/secrets/one");
        await GrantAsync(emulator, emulator.Info.Identity("gamma").ObjectId, KeyVaultSecretsUser, scope);
    }

    [Fact]
    public async Task Bad_roles_principals_names_and_scopes_get_ARM_error_bodies()
    {
        var vault = await CreateVaultAsync(emulator, "bad");
        var scope = emulator.VaultId(vault);
        var beta = emulator.Info.Identity("beta").ObjectId;
        var unknownRole = Guid.NewGuid().ToString();

        var role = await emulator.ArmAsync(HttpMethod.Put, AssignmentsAt(scope, Guid.NewGuid().ToString()), AssignmentBody(emulator, beta, unknownRole));
        Assert.Equal(HttpStatusCode.BadRequest, role.Status);
        Assert.Equal($$$"""{"error":{"code":"RoleDefinitionDoesNotExist","message":"The specified role definition with ID '{{{unknownRole}}}' does not exist."}}""", role.Text);

        var stranger = Guid.NewGuid().ToString();
        var principal = await emulator.ArmAsync(HttpMethod.Put, AssignmentsAt(scope, Guid.NewGuid().ToString()), AssignmentBody(emulator, stranger, KeyVaultSecretsUser, principalType: null));
        Assert.Equal(HttpStatusCode.BadRequest, principal.Status);
        Assert.Equal("PrincipalNotFound", principal.ErrorCode);
        Assert.StartsWith($"Principal {stranger.Replace("-", "", StringComparison.Ordinal)} does not exist in the directory {emulator.Info.TenantId}.", principal.ErrorMessage);
        // With a principalType ARM does not look the principal up (it may be too new to have replicated, or a group).
        Assert.Equal(HttpStatusCode.Created,
            (await emulator.ArmAsync(HttpMethod.Put, AssignmentsAt(scope, Guid.NewGuid().ToString()), AssignmentBody(emulator, stranger, KeyVaultSecretsUser, "Group"))).Status);

        var mismatch = await emulator.ArmAsync(HttpMethod.Put, AssignmentsAt(scope, Guid.NewGuid().ToString()), AssignmentBody(emulator, beta, KeyVaultSecretsUser, "User"));
        Assert.Equal("UnmatchedPrincipalType", mismatch.ErrorCode);
        var notAnId = await emulator.ArmAsync(HttpMethod.Put, AssignmentsAt(scope, Guid.NewGuid().ToString()), AssignmentBody(emulator, "beta", KeyVaultSecretsUser));
        Assert.Equal("""{"error":{"code":"InvalidPrincipalId","message":"A valid principal ID must be provided for role assignment."}}""", notAnId.Text);
        var name = await emulator.ArmAsync(HttpMethod.Put, AssignmentsAt(scope, "not-a-guid"), AssignmentBody(emulator, beta, KeyVaultSecretsUser));
        Assert.Equal("InvalidRoleAssignmentId", name.ErrorCode);

        var missingVault = await emulator.ArmAsync(HttpMethod.Put, AssignmentsAt(emulator.VaultId("no-such-vault"), Guid.NewGuid().ToString()), AssignmentBody(emulator, beta, KeyVaultSecretsUser));
        Assert.Equal(HttpStatusCode.NotFound, missingVault.Status);
        Assert.Equal(
            """{"error":{"code":"ResourceNotFound","message":"The Resource 'Microsoft.KeyVault/vaults/no-such-vault' under resource group 'emulator' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix"}}""",
            missingVault.Text);

        foreach (var badScope in new[] { $"{scope}/secrets", $"{scope}/secrets/bad_name", $"{scope}/secrets/a/versions/b", $"{Sub}/resourceGroups" })
        {
            var answer = await emulator.ArmAsync(HttpMethod.Put, AssignmentsAt(badScope, Guid.NewGuid().ToString()), AssignmentBody(emulator, beta, KeyVaultSecretsUser));
            Assert.True(answer.Status == HttpStatusCode.BadRequest && answer.ErrorCode == "InvalidScope", $"{badScope}: {answer}");
        }
        var otherProvider = await emulator.ArmAsync(HttpMethod.Get, AssignmentsAt($"{Sub}/resourceGroups/emulator/providers/Microsoft.Storage/storageAccounts/x"));
        Assert.Equal("ResourceNotFound", otherProvider.ErrorCode);
        var filter = await emulator.ArmAsync(HttpMethod.Get, AssignmentsAt(scope, filter: "roleDefinitionId eq 'x'"));
        Assert.Equal(HttpStatusCode.BadRequest, filter.Status);
        Assert.Equal("UnsupportedQuery", filter.ErrorCode);
    }

    [Fact]
    public async Task Role_definitions_are_the_built_in_roles_with_their_real_ids_and_actions()
    {
        var byName = await emulator.ArmAsync(HttpMethod.Get,
            $"{Sub}/providers/Microsoft.Authorization/roleDefinitions?{AuthorizationApi}&$filter={Uri.EscapeDataString("roleName eq 'Key Vault Secrets User'")}");
        Assert.Equal(HttpStatusCode.OK, byName.Status);
        var role = Assert.Single(byName.Json!["value"]!.AsArray())!;
        Assert.Equal(KeyVaultSecretsUser, role["name"]!.GetValue<string>());
        Assert.Equal($"{Sub}/providers/Microsoft.Authorization/roleDefinitions/{KeyVaultSecretsUser}", role["id"]!.GetValue<string>());
        Assert.Equal("Microsoft.Authorization/roleDefinitions", role["type"]!.GetValue<string>());
        Assert.Equal("BuiltInRole", role["properties"]!["type"]!.GetValue<string>());
        Assert.Equal(
            ["Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/readMetadata/action"],
            role["properties"]!["permissions"]![0]!["dataActions"]!.AsArray().Select(a => a!.GetValue<string>()));

        var all = await emulator.ArmAsync(HttpMethod.Get, $"{Sub}/providers/Microsoft.Authorization/roleDefinitions?{AuthorizationApi}");
        var names = all.Json!["value"]!.AsArray().ToDictionary(r => r!["properties"]!["roleName"]!.GetValue<string>(), r => r!["name"]!.GetValue<string>());
        Assert.Equal("00482a5a-887f-4fb3-b363-3b7fe8e74483", names["Key Vault Administrator"]);
        Assert.Equal("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", names["Owner"]);
        Assert.Equal("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", names["User Access Administrator"]);
        Assert.Equal(14, names.Count);

        var atVault = await emulator.ArmAsync(HttpMethod.Get, $"{emulator.VaultId("policyvault")}/providers/Microsoft.Authorization/roleDefinitions/{KeyVaultCertificateUser}?{AuthorizationApi}");
        Assert.Equal("Key Vault Certificate User", atVault.Json!["properties"]!["roleName"]!.GetValue<string>());
        var unknown = Guid.NewGuid().ToString();
        var missing = await emulator.ArmAsync(HttpMethod.Get, $"{Sub}/providers/Microsoft.Authorization/roleDefinitions/{unknown}?{AuthorizationApi}");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("RoleDefinitionDoesNotExist", missing.ErrorCode);
    }
}
