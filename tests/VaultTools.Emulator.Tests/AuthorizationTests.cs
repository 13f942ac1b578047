using System.Net;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;
using static VaultTools.Emulator.Tests.Infrastructure.ArmHelpers;

namespace VaultTools.Emulator.Tests;

/// <summary>
/// Who may do what, decided as Key Vault and ARM decide it: role assignments with wildcard actions and
/// scope inheritance on RBAC vaults, access policies otherwise, ARM actions for the control plane, and
/// the services' 403 bodies. Raw HTTP with tokens from the emulator's own token endpoint.
/// </summary>
[Collection(AccessCollection.Name)]
public sealed class AuthorizationTests(AccessFixture emulator)
{
    private const string ApiVersion = "api-version=2025-07-01";

    private string Issuer => $"https://sts.windows.net/{emulator.Info.TenantId}/";

    private async Task<(string Vault, string AdminToken)> VaultWithSecretsAsync(string prefix, params string[] secrets)
    {
        var vault = await CreateVaultAsync(emulator, prefix);
        var admin = await emulator.GetTokenAsync();
        foreach (var secret in secrets)
        {
            Assert.Equal(HttpStatusCode.OK, (await SetSecretAsync(emulator, vault, secret, admin)).Status);
        }
        return (vault, admin);
    }

    [Fact]
    public async Task Data_actions_are_matched_with_Azure_wildcards()
    {
        var (vault, _) = await VaultWithSecretsAsync("wild", "s1");
        var scope = emulator.VaultId(vault);
        var alpha = emulator.Info.Identity("alpha").ObjectId;
        var token = await emulator.TokenForAsync("alpha");

        // Key Vault Reader: "Microsoft.KeyVault/vaults/*/read" and ".../secrets/readMetadata/action". Listing is
        // readMetadata; "*/read" does not reach getSecret/action or setSecret/action.
        var reader = await GrantAsync(emulator, alpha, KeyVaultReader, scope);
        Assert.Equal(HttpStatusCode.OK, (await ListSecretsAsync(emulator, vault, token)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetSecretAsync(emulator, vault, "s1", token)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SetSecretAsync(emulator, vault, "s2", token)).Status);
        await RevokeAsync(emulator, scope, reader);

        // Key Vault Certificate User reaches secrets through its explicit getSecret/action.
        var certificateUser = await GrantAsync(emulator, alpha, KeyVaultCertificateUser, scope);
        Assert.Equal(HttpStatusCode.OK, (await GetSecretAsync(emulator, vault, "s1", token)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SetSecretAsync(emulator, vault, "s1", token)).Status);
        await RevokeAsync(emulator, scope, certificateUser);

        // Key Vault Secrets Officer: "secrets/*" covers set, update, delete, backup and purge of secrets.
        var officer = await GrantAsync(emulator, alpha, KeyVaultSecretsOfficer, scope);
        Assert.Equal(HttpStatusCode.OK, (await SetSecretAsync(emulator, vault, "s2", token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await emulator.VaultAsync(HttpMethod.Post, vault, $"/secrets/s2/backup?{ApiVersion}", token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await emulator.VaultAsync(HttpMethod.Delete, vault, $"/secrets/s2?{ApiVersion}", token)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await emulator.VaultAsync(HttpMethod.Delete, vault, $"/deletedsecrets/s2?{ApiVersion}", token)).Status);
        await RevokeAsync(emulator, scope, officer);

        // Control-plane roles carry no data actions: Owner and Key Vault Contributor of the vault read no secret.
        var owner = await GrantAsync(emulator, alpha, "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", scope);
        var contributor = await GrantAsync(emulator, alpha, KeyVaultContributor, scope);
        Assert.Equal(HttpStatusCode.Forbidden, (await ListSecretsAsync(emulator, vault, token)).Status);
        await RevokeAsync(emulator, scope, owner);
        await RevokeAsync(emulator, scope, contributor);
        Assert.Equal(HttpStatusCode.Forbidden, (await ListSecretsAsync(emulator, vault, token)).Status);
    }

    [Fact]
    public async Task A_role_at_an_enclosing_scope_reaches_the_vault_and_a_revoke_takes_effect_with_the_next_request()
    {
        var (vault, _) = await VaultWithSecretsAsync("inh", "s1");
        var alpha = emulator.Info.Identity("alpha").ObjectId;
        var token = await emulator.TokenForAsync("alpha");
        Assert.Equal(HttpStatusCode.Forbidden, (await GetSecretAsync(emulator, vault, "s1", token)).Status);

        foreach (var scope in new[] { $"/subscriptions/{emulator.Info.SubscriptionId}", $"/subscriptions/{emulator.Info.SubscriptionId}/resourceGroups/emulator" })
        {
            var grant = await GrantAsync(emulator, alpha, KeyVaultSecretsUser, scope);
            var allowed = await GetSecretAsync(emulator, vault, "s1", token);
            Assert.Equal(HttpStatusCode.OK, allowed.Status);
            // The service names the deciding assignment (its name without hyphens).
            Assert.Equal(grant.Replace("-", "", StringComparison.Ordinal), allowed.Headers.GetValues("x-ms-keyvault-rbac-assignment-id").Single());
            await RevokeAsync(emulator, scope, grant);
            Assert.Equal(HttpStatusCode.Forbidden, (await GetSecretAsync(emulator, vault, "s1", token)).Status);
        }
    }

    [Fact]
    public async Task A_role_on_an_entry_that_does_not_exist_yet_is_accepted_and_applies_once_it_is_created()
    {
        // ARM does not look into the vault: the grant is accepted (201) and reaches a secret created later under that name.
        var (vault, admin) = await VaultWithSecretsAsync("later");
        var alpha = emulator.Info.Identity("alpha").ObjectId;
        var token = await emulator.TokenForAsync("alpha");
        var entryScope = $"{emulator.VaultId(vault)}/secrets/later";
        var grant = await GrantAsync(emulator, alpha, KeyVaultSecretsUser, entryScope);

        Assert.Equal(HttpStatusCode.NotFound, (await GetSecretAsync(emulator, vault, "later", token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await SetSecretAsync(emulator, vault, "later", admin)).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetSecretAsync(emulator, vault, "later", token)).Status);
        await RevokeAsync(emulator, entryScope, grant);
    }

    [Fact]
    public async Task A_role_on_one_entry_reads_that_entry_only_and_cannot_list_the_vault()
    {
        var (vault, _) = await VaultWithSecretsAsync("entry", "app", "app-2", "other");
        var alpha = emulator.Info.Identity("alpha").ObjectId;
        var token = await emulator.TokenForAsync("alpha");
        var entryScope = $"{emulator.VaultId(vault)}/secrets/app";
        var grant = await GrantAsync(emulator, alpha, KeyVaultSecretsUser, entryScope);

        Assert.Equal(HttpStatusCode.OK, (await GetSecretAsync(emulator, vault, "app", token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetSecretAsync(emulator, vault, "APP", token)).Status); // names ignore case
        Assert.Equal(HttpStatusCode.OK, (await emulator.VaultAsync(HttpMethod.Get, vault, $"/secrets/app/versions?{ApiVersion}", token)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetSecretAsync(emulator, vault, "app-2", token)).Status); // a prefix is not a parent
        Assert.Equal(HttpStatusCode.Forbidden, (await GetSecretAsync(emulator, vault, "other", token)).Status);

        var list = await ListSecretsAsync(emulator, vault, token);
        Assert.Equal(HttpStatusCode.Forbidden, list.Status);
        Assert.Equal("ForbiddenByRbac", list.InnerCode);
        Assert.Contains("Action: 'Microsoft.KeyVault/vaults/secrets/readMetadata/action'", list.ErrorMessage);
        Assert.Contains($"Resource: '{emulator.VaultId(vault).ToLowerInvariant()}'", list.ErrorMessage);
        await RevokeAsync(emulator, entryScope, grant);
    }

    [Fact]
    public async Task The_RBAC_denial_is_the_services_ForbiddenByRbac_body()
    {
        var (vault, _) = await VaultWithSecretsAsync("deny", "Mixed-Case");
        var alpha = emulator.Info.Identity("alpha");
        var denied = await GetSecretAsync(emulator, vault, "Mixed-Case", await emulator.TokenForAsync("alpha"));
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        var resource = $"{emulator.VaultId(vault)}/secrets/Mixed-Case".ToLowerInvariant();
        Assert.Equal(
            "{\"error\":{\"code\":\"Forbidden\",\"message\":\"Caller is not authorized to perform action on resource.\\r\\n" +
            "If role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\\r\\n" +
            $"Caller: appid={alpha.ClientId};oid={alpha.ObjectId};iss={Issuer}\\r\\n" +
            "Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'\\r\\n" +
            $"Resource: '{resource}'\\r\\n" +
            "Assignment: (not found)\\r\\nDenyAssignmentId: null\\r\\nDecisionReason: null \\r\\n" +
            $"Vault: {vault};location=emulator\\r\\n\",\"innererror\":{{\"code\":\"ForbiddenByRbac\"}}}}}}",
            denied.Text);
    }

    [Fact]
    public async Task Access_policies_decide_on_an_access_policy_vault_and_RBAC_is_ignored_there()
    {
        var admin = await emulator.GetTokenAsync();
        var kvadmin = await emulator.TokenForAsync("kvadmin");
        var beta = emulator.Info.Identity("beta");

        // The administrator holds Key Vault Administrator of the subscription, which an access-policy vault ignores.
        var byAdmin = await SetSecretAsync(emulator, "policyvault", "s1", admin);
        Assert.Equal(HttpStatusCode.Forbidden, byAdmin.Status);
        Assert.Equal("AccessDenied", byAdmin.InnerCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ListSecretsAsync(emulator, "policyvault", kvadmin)).Status);

        // delta: a policy naming its own application id (and "All", in any case) allows everything on secrets.
        var delta = await emulator.TokenForAsync("delta");
        Assert.Equal(HttpStatusCode.OK, (await SetSecretAsync(emulator, "policyvault", "s1", delta)).Status);
        Assert.Equal(HttpStatusCode.OK, (await ListSecretsAsync(emulator, "policyvault", delta)).Status);

        // beta: "get" only.
        var betaToken = await emulator.TokenForAsync("beta");
        Assert.Equal(HttpStatusCode.OK, (await GetSecretAsync(emulator, "policyvault", "s1", betaToken)).Status);
        var list = await ListSecretsAsync(emulator, "policyvault", betaToken);
        Assert.Equal(HttpStatusCode.Forbidden, list.Status);
        Assert.Equal(
            "{\"error\":{\"code\":\"Forbidden\",\"message\":\"The user, group or application " +
            $"'appid={beta.ClientId};oid={beta.ObjectId};iss={Issuer}' does not have secrets list permission on key vault 'policyvault;location=emulator'. " +
            "For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287\",\"innererror\":{\"code\":\"AccessDenied\"}}}",
            list.Text);
        Assert.Contains("does not have secrets set permission", (await SetSecretAsync(emulator, "policyvault", "s2", betaToken)).ErrorMessage);
        // Update is the "set" permission, get-deleted the "get" permission (the REST reference's words).
        Assert.Contains("does not have secrets set permission",
            (await emulator.VaultAsync(HttpMethod.Patch, "policyvault", $"/secrets/s1?{ApiVersion}", betaToken, "{}")).ErrorMessage);

        // gamma: its policy is a compound identity (gamma through another application), so gamma alone has nothing.
        var gamma = await ListSecretsAsync(emulator, "policyvault", await emulator.TokenForAsync("gamma"));
        Assert.Equal("AccessDenied", gamma.InnerCode);

        // A role assignment on the access-policy vault itself changes nothing.
        var scope = emulator.VaultId("policyvault");
        var grant = await GrantAsync(emulator, beta.ObjectId, KeyVaultSecretsOfficer, scope);
        Assert.Equal("AccessDenied", (await ListSecretsAsync(emulator, "policyvault", betaToken)).InnerCode);
        await RevokeAsync(emulator, scope, grant);
    }

    [Fact]
    public async Task Access_policies_are_ignored_on_an_RBAC_vault_and_apply_once_the_vault_changes_model()
    {
        var (vault, _) = await VaultWithSecretsAsync("model", "s1");
        var id = emulator.VaultId(vault);
        var beta = emulator.Info.Identity("beta");
        var token = await emulator.TokenForAsync("beta");
        var policy = $$$"""{"properties":{"accessPolicies":[{"tenantId":"{{{emulator.Info.TenantId}}}","objectId":"{{{beta.ObjectId}}}","permissions":{"secrets":["get","list"]}}]}}""";
        Assert.Equal(HttpStatusCode.OK, (await emulator.ArmAsync(HttpMethod.Put, $"{id}/accessPolicies/add?{VaultApi}", policy)).Status);
        var denied = await ListSecretsAsync(emulator, vault, token);
        Assert.Equal("ForbiddenByRbac", denied.InnerCode);

        Assert.Equal(HttpStatusCode.OK, (await emulator.ArmAsync(HttpMethod.Patch, $"{id}?{VaultApi}", """{"properties":{"enableRbacAuthorization":false}}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await ListSecretsAsync(emulator, vault, token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetSecretAsync(emulator, vault, "s1", token)).Status);
    }

    [Fact]
    public async Task ARM_operations_need_role_actions_and_are_refused_with_AuthorizationFailed()
    {
        var gamma = emulator.Info.Identity("gamma");
        var gammaArm = await emulator.TokenForAsync("gamma", EmulatorFixture.ArmScope);
        var name = NewVaultName("nope");
        var vaultId = emulator.VaultId(name);
        var create = await emulator.ArmAsync(HttpMethod.Put, $"{vaultId}?{VaultApi}", VaultBody(emulator), gammaArm);
        Assert.Equal(HttpStatusCode.Forbidden, create.Status);
        Assert.Equal(
            $$$"""{"error":{"code":"AuthorizationFailed","message":"The client '{{{gamma.ObjectId}}}' with object id '{{{gamma.ObjectId}}}' does not have authorization to perform action 'Microsoft.KeyVault/vaults/write' over scope '{{{vaultId}}}' or the scope is invalid. If access was recently granted, please refresh your credentials."}}""",
            create.Text);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.ArmAsync(HttpMethod.Get, $"{vaultId}?{VaultApi}")).Status);

        // Key Vault Administrator of the subscription: every secret, but no vault writes and no role assignments.
        var kvadmin = emulator.Info.Identity("kvadmin");
        var kvadminArm = await emulator.TokenForAsync("kvadmin", EmulatorFixture.ArmScope);
        Assert.Equal("AuthorizationFailed", (await emulator.ArmAsync(HttpMethod.Put, $"{vaultId}?{VaultApi}", VaultBody(emulator), kvadminArm)).ErrorCode);
        var (vault, _) = await VaultWithSecretsAsync("kva", "s1");
        Assert.Equal(HttpStatusCode.OK, (await GetSecretAsync(emulator, vault, "s1", await emulator.TokenForAsync("kvadmin"))).Status);
        var scope = emulator.VaultId(vault);
        var assignmentName = Guid.NewGuid().ToString();
        var grant = await emulator.ArmAsync(HttpMethod.Put, $"{scope}/providers/Microsoft.Authorization/roleAssignments/{assignmentName}?{AuthorizationApi}",
            AssignmentBody(emulator, kvadmin.ObjectId, KeyVaultSecretsOfficer), kvadminArm);
        Assert.Equal(HttpStatusCode.Forbidden, grant.Status);
        Assert.Contains("'Microsoft.Authorization/roleAssignments/write'", grant.ErrorMessage);
        Assert.Contains($"over scope '{scope}/providers/Microsoft.Authorization/roleAssignments/{assignmentName}'", grant.ErrorMessage);
        // ...but it reads role assignments (Microsoft.Authorization/*/read).
        Assert.Equal(HttpStatusCode.OK, (await emulator.ArmAsync(HttpMethod.Get, $"{scope}/providers/Microsoft.Authorization/roleAssignments?{AuthorizationApi}&$filter=atScope()", token: kvadminArm)).Status);

        // Key Vault Contributor of a vault manages it (access policies, settings), not its access control.
        var alpha = emulator.Info.Identity("alpha");
        var alphaArm = await emulator.TokenForAsync("alpha", EmulatorFixture.ArmScope);
        var contributor = await GrantAsync(emulator, alpha.ObjectId, KeyVaultContributor, scope);
        Assert.Equal(HttpStatusCode.OK, (await emulator.ArmAsync(HttpMethod.Patch, $"{scope}?{VaultApi}", """{"tags":{"by":"alpha"}}""", alphaArm)).Status);
        Assert.Equal("AuthorizationFailed", (await emulator.ArmAsync(HttpMethod.Put, $"{scope}/providers/Microsoft.Authorization/roleAssignments/{Guid.NewGuid()}?{AuthorizationApi}",
            AssignmentBody(emulator, alpha.ObjectId, KeyVaultSecretsOfficer), alphaArm)).ErrorCode);
        await RevokeAsync(emulator, scope, contributor);
    }

    [Fact]
    public async Task Listing_vaults_shows_the_vaults_the_caller_may_read()
    {
        var (visible, _) = await VaultWithSecretsAsync("seen");
        var beta = emulator.Info.Identity("beta").ObjectId;
        var grant = await GrantAsync(emulator, beta, Reader, emulator.VaultId(visible));
        var listed = await emulator.ArmAsync(HttpMethod.Get, $"/subscriptions/{emulator.Info.SubscriptionId}/providers/Microsoft.KeyVault/vaults?{VaultApi}",
            token: await emulator.TokenForAsync("beta", EmulatorFixture.ArmScope));
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        Assert.Equal([visible], listed.Json!["value"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()));
        await RevokeAsync(emulator, emulator.VaultId(visible), grant);
    }
}
