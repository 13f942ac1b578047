using System.Net;
using System.Text.Json.Nodes;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;
using static VaultTools.Emulator.Tests.Infrastructure.ArmHelpers;

namespace VaultTools.Emulator.Tests;

/// <summary>The ARM subset for vaults and access policies, over raw HTTP: ARM's bodies, statuses and errors.</summary>
[Collection(AccessCollection.Name)]
public sealed class ArmVaultTests(AccessFixture emulator)
{
    private string Sub => $"/subscriptions/{emulator.Info.SubscriptionId}";

    [Fact]
    public async Task A_vault_is_created_read_listed_and_deleted_with_ARM_bodies_and_is_usable_at_once()
    {
        var name = NewVaultName("life");
        var id = emulator.VaultId(name);
        var created = await emulator.ArmAsync(HttpMethod.Put, $"{id}?api-version=2022-07-01",
            VaultBody(emulator, extraProperties: ""","softDeleteRetentionInDays":30""").Replace("\"tags\":{}", "\"tags\":{\"team\":\"a\"}", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var body = created.Json!;
        Assert.Equal(id, body["id"]!.GetValue<string>());
        Assert.Equal(name, body["name"]!.GetValue<string>());
        Assert.Equal("Microsoft.KeyVault/vaults", body["type"]!.GetValue<string>());
        Assert.Equal("emulator", body["location"]!.GetValue<string>());
        Assert.Equal("a", body["tags"]!["team"]!.GetValue<string>());
        var p = body["properties"]!;
        Assert.Equal("A", p["sku"]!["family"]!.GetValue<string>());
        Assert.Equal("standard", p["sku"]!["name"]!.GetValue<string>());
        Assert.Equal(emulator.Info.TenantId, p["tenantId"]!.GetValue<string>());
        Assert.Empty(p["accessPolicies"]!.AsArray());
        Assert.True(p["enableSoftDelete"]!.GetValue<bool>());
        Assert.Equal(30, p["softDeleteRetentionInDays"]!.GetValue<int>());
        Assert.True(p["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.Null(p["enablePurgeProtection"]);
        Assert.Equal($"https://{name}.localhost:{emulator.Info.HttpsPort}/", p["vaultUri"]!.GetValue<string>());
        Assert.Equal("Succeeded", p["provisioningState"]!.GetValue<string>());

        // Reachable on the data plane at once, by the administrator's subscription-wide role.
        var token = await emulator.GetTokenAsync();
        Assert.Equal(HttpStatusCode.OK, (await SetSecretAsync(emulator, name, "first", token)).Status);

        var read = await emulator.ArmAsync(HttpMethod.Get, $"{id}?{VaultApi}");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(body["properties"]!.ToJsonString(), read.Json!["properties"]!.ToJsonString());

        foreach (var list in new[] { $"{Sub}/providers/Microsoft.KeyVault/vaults?{VaultApi}", $"{Sub}/resourceGroups/emulator/providers/Microsoft.KeyVault/vaults?api-version=2023-02-01" })
        {
            var listed = await emulator.ArmAsync(HttpMethod.Get, list);
            Assert.Equal(HttpStatusCode.OK, listed.Status);
            var names = listed.Json!["value"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()).ToList();
            Assert.Contains(name, names);
            Assert.Contains("policyvault", names);
        }

        Assert.Equal(HttpStatusCode.OK, (await emulator.ArmAsync(HttpMethod.Delete, $"{id}?{VaultApi}")).Status);
        var gone = await emulator.ArmAsync(HttpMethod.Get, $"{id}?{VaultApi}");
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Equal(
            $$$"""{"error":{"code":"ResourceNotFound","message":"The Resource 'Microsoft.KeyVault/vaults/{{{name}}}' under resource group 'emulator' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix"}}""",
            gone.Text);
        Assert.Equal(HttpStatusCode.NoContent, (await emulator.ArmAsync(HttpMethod.Delete, $"{id}?{VaultApi}")).Status);
        Assert.Equal("VaultNotFound", (await SetSecretAsync(emulator, name, "second", token)).ErrorCode);
    }

    [Fact]
    public async Task A_second_PUT_updates_but_purge_protection_and_retention_do_not_go_back_and_the_location_stays()
    {
        var name = NewVaultName("upd");
        var id = emulator.VaultId(name);
        Assert.Equal(HttpStatusCode.Created, (await emulator.ArmAsync(HttpMethod.Put, $"{id}?{VaultApi}", VaultBody(emulator, extraProperties: ""","enablePurgeProtection":true"""))).Status);

        var updated = await emulator.ArmAsync(HttpMethod.Put, $"{id}?{VaultApi}", VaultBody(emulator, rbac: false).Replace("standard", "premium", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal("premium", updated.Json!["properties"]!["sku"]!["name"]!.GetValue<string>());
        Assert.False(updated.Json!["properties"]!["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.True(updated.Json!["properties"]!["enablePurgeProtection"]!.GetValue<bool>());

        var off = await emulator.ArmAsync(HttpMethod.Put, $"{id}?{VaultApi}", VaultBody(emulator, extraProperties: ""","enablePurgeProtection":false"""));
        Assert.Equal(HttpStatusCode.BadRequest, off.Status);
        Assert.Contains("cannot be set to false", off.ErrorMessage);

        var retention = await emulator.ArmAsync(HttpMethod.Patch, $"{id}?{VaultApi}", """{"properties":{"softDeleteRetentionInDays":7}}""");
        Assert.Equal(HttpStatusCode.BadRequest, retention.Status);
        Assert.Contains("softDeleteRetentionInDays", retention.ErrorMessage);

        var moved = await emulator.ArmAsync(HttpMethod.Put, $"{id}?{VaultApi}", VaultBody(emulator).Replace("\"location\":\"emulator\"", "\"location\":\"westeurope\"", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, moved.Status);
        Assert.Equal("InvalidResourceLocation", moved.ErrorCode);

        var patched = await emulator.ArmAsync(HttpMethod.Patch, $"{id}?{VaultApi}", """{"tags":{"k":"v"},"properties":{"enableRbacAuthorization":true}}""");
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.True(patched.Json!["properties"]!["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.Equal("premium", patched.Json!["properties"]!["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("v", patched.Json!["tags"]!["k"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("bad--name", "VaultNameNotValid")]
    [InlineData("9starts-with-digit", "VaultNameNotValid")]
    [InlineData("ab", "VaultNameNotValid")]
    public async Task Invalid_vault_names_are_refused(string name, string code)
    {
        var answer = await emulator.ArmAsync(HttpMethod.Put, $"{emulator.VaultId(name)}?{VaultApi}", VaultBody(emulator));
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(code, answer.ErrorCode);
        Assert.Contains($"The vault name '{name}' is invalid.", answer.ErrorMessage);
    }

    [Fact]
    public async Task Bodies_ARM_refuses_are_400_with_its_codes()
    {
        var id = emulator.VaultId(NewVaultName("bad"));
        var noLocation = await emulator.ArmAsync(HttpMethod.Put, $"{id}?{VaultApi}", VaultBody(emulator).Replace("\"location\":\"emulator\",", "", StringComparison.Ordinal));
        Assert.Equal("""{"error":{"code":"LocationRequired","message":"The location property is required for this definition."}}""", noLocation.Text);

        var badSku = await emulator.ArmAsync(HttpMethod.Put, $"{id}?{VaultApi}", VaultBody(emulator).Replace("standard", "gold", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, badSku.Status);
        Assert.Contains("sku", badSku.ErrorMessage);

        var otherTenant = await emulator.ArmAsync(HttpMethod.Put, $"{id}?{VaultApi}", VaultBody(emulator).Replace(emulator.Info.TenantId, Guid.NewGuid().ToString(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, otherTenant.Status);

        var notJson = await emulator.ArmAsync(HttpMethod.Put, $"{id}?{VaultApi}", "{not json");
        Assert.Equal("InvalidRequestContent", notJson.ErrorCode);

        var badPermission = await emulator.ArmAsync(HttpMethod.Put, $"{id}?{VaultApi}",
            VaultBody(emulator, rbac: false).Replace("\"accessPolicies\":[]", $$$"""
                "accessPolicies":[{"tenantId":"{{{emulator.Info.TenantId}}}","objectId":"{{{Guid.NewGuid()}}}","permissions":{"secrets":["get","read"]}}]
                """, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, badPermission.Status);
        Assert.Contains("permissions.secrets[1]", badPermission.ErrorMessage);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.ArmAsync(HttpMethod.Get, $"{id}?{VaultApi}")).Status);
    }

    [Fact]
    public async Task Subscription_resource_group_and_api_version_errors_have_ARM_bodies()
    {
        var otherSubscription = Guid.NewGuid().ToString();
        var subscription = await emulator.ArmAsync(HttpMethod.Get, $"/subscriptions/{otherSubscription}/providers/Microsoft.KeyVault/vaults?{VaultApi}");
        Assert.Equal($$$"""{"error":{"code":"SubscriptionNotFound","message":"The subscription '{{{otherSubscription}}}' could not be found."}}""", subscription.Text);
        Assert.Equal(HttpStatusCode.NotFound, subscription.Status);

        var malformed = await emulator.ArmAsync(HttpMethod.Get, $"/subscriptions/not-a-guid/providers/Microsoft.KeyVault/vaults?{VaultApi}");
        Assert.Equal("""{"error":{"code":"InvalidSubscriptionId","message":"The provided subscription identifier 'not-a-guid' is malformed or invalid."}}""", malformed.Text);

        var group = await emulator.ArmAsync(HttpMethod.Get, $"{Sub}/resourceGroups/elsewhere/providers/Microsoft.KeyVault/vaults/x?{VaultApi}");
        Assert.Equal("""{"error":{"code":"ResourceGroupNotFound","message":"Resource group 'elsewhere' could not be found."}}""", group.Text);

        var noVersion = await emulator.ArmAsync(HttpMethod.Get, $"{emulator.VaultId("policyvault")}");
        Assert.Equal("""{"error":{"code":"MissingApiVersionParameter","message":"The api-version query parameter (?api-version=) is required for all requests."}}""", noVersion.Text);

        var oldVersion = await emulator.ArmAsync(HttpMethod.Get, $"{emulator.VaultId("policyvault")}?api-version=2015-06-01");
        Assert.Equal(HttpStatusCode.BadRequest, oldVersion.Status);
        Assert.Equal("NoRegisteredProviderFound", oldVersion.ErrorCode);

        foreach (var version in new[] { "2022-07-01", "2023-02-01", "2023-07-01", "2024-11-01", "2025-05-01-preview" })
        {
            Assert.Equal(HttpStatusCode.OK, (await emulator.ArmAsync(HttpMethod.Get, $"{emulator.VaultId("policyvault")}?api-version={version}")).Status);
        }

        var resourceGroup = await emulator.ArmAsync(HttpMethod.Get, $"{Sub}/resourcegroups/EMULATOR?api-version=2021-04-01");
        Assert.Equal(HttpStatusCode.OK, resourceGroup.Status);
        Assert.Equal($"{Sub}/resourceGroups/emulator", resourceGroup.Json!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ARM_wants_an_ARM_token_and_answers_401_in_its_own_words()
    {
        using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(emulator.Info.ManagementEndpoint), $"{Sub}/providers/Microsoft.KeyVault/vaults?{VaultApi}")))
        {
            using var response = await emulator.Http.SendAsync(request);
            var missing = await HttpAnswer.ReadAsync(response);
            Assert.Equal(HttpStatusCode.Unauthorized, missing.Status);
            Assert.Equal("""{"error":{"code":"AuthenticationFailed","message":"Authentication failed. The 'Authorization' header is missing."}}""", missing.Text);
            Assert.StartsWith("Bearer authorization_uri=", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        var vaultToken = await emulator.GetTokenAsync();
        var wrongAudience = await emulator.ArmAsync(HttpMethod.Get, $"{Sub}/providers/Microsoft.KeyVault/vaults?{VaultApi}", token: vaultToken);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongAudience.Status);
        Assert.Equal("InvalidAuthenticationTokenAudience", wrongAudience.ErrorCode);
        Assert.StartsWith("The access token has been obtained for wrong audience or resource 'https://vault.azure.net'.", wrongAudience.ErrorMessage);

        // ...and the vault refuses the ARM token.
        var armToken = await emulator.GetTokenAsync(EmulatorFixture.ArmScope);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ListSecretsAsync(emulator, "policyvault", armToken)).Status);
    }

    [Fact]
    public async Task Access_policies_add_merges_replace_sets_and_remove_takes_away()
    {
        var name = await CreateVaultAsync(emulator, "ap", rbac: false);
        var id = emulator.VaultId(name);
        var principal = Guid.NewGuid().ToString();
        var other = Guid.NewGuid().ToString();
        string Body(string objectId, string permissions) =>
            "{\"properties\":{\"accessPolicies\":[{\"tenantId\":\"" + emulator.Info.TenantId + "\",\"objectId\":\"" + objectId + "\",\"permissions\":{" + permissions + "}}]}}";
        async Task<JsonNode> PolicyOf(string objectId) =>
            (await emulator.ArmAsync(HttpMethod.Get, $"{id}?{VaultApi}")).Json!["properties"]!["accessPolicies"]!.AsArray()
                .Single(p => p!["objectId"]!.GetValue<string>() == objectId)!;
        string[] Names(JsonNode policy, string category) => policy["permissions"]![category]!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

        var added = await emulator.ArmAsync(HttpMethod.Put, $"{id}/accessPolicies/add?{VaultApi}", Body(principal, "\"secrets\":[\"get\"]"));
        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.Equal($"{id}/accessPolicies/add", added.Json!["id"]!.GetValue<string>());
        Assert.Equal(principal, added.Json!["properties"]!["accessPolicies"]![0]!["objectId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await emulator.ArmAsync(HttpMethod.Put, $"{id}/accessPolicies/add?{VaultApi}", Body(other, "\"keys\":[\"get\"]"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await emulator.ArmAsync(HttpMethod.Put, $"{id}/accessPolicies/add?{VaultApi}", Body(principal, "\"secrets\":[\"Get\",\"list\"],\"keys\":[\"wrapKey\"]"))).Status);
        var merged = await PolicyOf(principal);
        Assert.Equal(["get", "list"], Names(merged, "secrets"));
        Assert.Equal(["wrapKey"], Names(merged, "keys"));

        Assert.Equal(HttpStatusCode.OK, (await emulator.ArmAsync(HttpMethod.Put, $"{id}/accessPolicies/replace?{VaultApi}", Body(principal, "\"secrets\":[\"set\"]"))).Status);
        var replaced = await PolicyOf(principal);
        Assert.Equal(["set"], Names(replaced, "secrets"));
        Assert.Empty(Names(replaced, "keys"));

        Assert.Equal(HttpStatusCode.OK, (await emulator.ArmAsync(HttpMethod.Put, $"{id}/accessPolicies/remove?{VaultApi}", Body(principal, "\"secrets\":[\"set\"]"))).Status);
        var policies = (await emulator.ArmAsync(HttpMethod.Get, $"{id}?{VaultApi}")).Json!["properties"]!["accessPolicies"]!.AsArray();
        Assert.DoesNotContain(policies, p => p!["objectId"]!.GetValue<string>() == principal);
        Assert.Equal(["get"], Names(await PolicyOf(other), "keys"));

        var bad = await emulator.ArmAsync(HttpMethod.Put, $"{id}/accessPolicies/add?{VaultApi}", Body(principal, "\"secrets\":[\"read\"]"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        var kind = await emulator.ArmAsync(HttpMethod.Put, $"{id}/accessPolicies/merge?{VaultApi}", Body(principal, "\"secrets\":[\"get\"]"));
        Assert.Equal(HttpStatusCode.BadRequest, kind.Status);
        var missingVault = await emulator.ArmAsync(HttpMethod.Put, $"{emulator.VaultId("no-such-vault")}/accessPolicies/add?{VaultApi}", Body(principal, "\"secrets\":[\"get\"]"));
        Assert.Equal("ResourceNotFound", missingVault.ErrorCode);
    }
}
