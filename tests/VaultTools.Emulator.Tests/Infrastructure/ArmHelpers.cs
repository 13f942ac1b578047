using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace VaultTools.Emulator.Tests.Infrastructure;

/// <summary>ARM set-up steps the access tests share, each checked, all over raw HTTP as the administrator.</summary>
public static class ArmHelpers
{
    public const string VaultApi = "api-version=2023-07-01";
    public const string AuthorizationApi = "api-version=2022-04-01";

    public const string KeyVaultAdministrator = "00482a5a-887f-4fb3-b363-3b7fe8e74483";
    public const string KeyVaultReader = "21090545-7ca7-4776-b22c-e363652d74d2";
    public const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    public const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    public const string KeyVaultCertificateUser = "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba";
    public const string KeyVaultContributor = "f25e0fa2-a7c8-4377-a976-54943a77a395";
    public const string Reader = "acdd72a7-3385-48ef-bd42-f606fba81ae7";

    public static string NewVaultName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 11, 24)];

    public static string VaultBody(EmulatorFixture emulator, bool rbac = true, string extraProperties = "") =>
        "{\"location\":\"emulator\",\"tags\":{},\"properties\":{\"tenantId\":\"" + emulator.Info.TenantId +
        "\",\"sku\":{\"family\":\"A\",\"name\":\"standard\"},\"enableRbacAuthorization\":" + (rbac ? "true" : "false") +
        ",\"accessPolicies\":[]" + extraProperties + "}}";

    /// <summary>Creates a vault through ARM as the administrator; returns its name.</summary>
    public static async Task<string> CreateVaultAsync(EmulatorFixture emulator, string prefix, bool rbac = true)
    {
        var name = NewVaultName(prefix);
        var created = await emulator.ArmAsync(HttpMethod.Put, $"{emulator.VaultId(name)}?{VaultApi}", VaultBody(emulator, rbac));
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        return name;
    }

    /// <summary>Assigns a built-in role at a scope as the administrator; returns the assignment's name.</summary>
    public static async Task<string> GrantAsync(EmulatorFixture emulator, string principalId, string roleGuid, string scope, string principalType = "ServicePrincipal")
    {
        var name = Guid.NewGuid().ToString();
        var answer = await emulator.ArmAsync(HttpMethod.Put, $"{scope}/providers/Microsoft.Authorization/roleAssignments/{name}?{AuthorizationApi}",
            AssignmentBody(emulator, principalId, roleGuid, principalType));
        Assert.True(answer.Status == HttpStatusCode.Created, answer.ToString());
        return name;
    }

    public static async Task RevokeAsync(EmulatorFixture emulator, string scope, string name)
    {
        var answer = await emulator.ArmAsync(HttpMethod.Delete, $"{scope}/providers/Microsoft.Authorization/roleAssignments/{name}?{AuthorizationApi}");
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
    }

    public static string AssignmentBody(EmulatorFixture emulator, string principalId, string roleGuid, string? principalType = "ServicePrincipal")
    {
        var properties = new JsonObject
        {
            ["roleDefinitionId"] = $"/subscriptions/{emulator.Info.SubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{roleGuid}",
            ["principalId"] = principalId,
        };
        if (principalType is not null)
        {
            properties["principalType"] = principalType;
        }
        return new JsonObject { ["properties"] = properties }.ToJsonString();
    }

    public static Task<HttpAnswer> SetSecretAsync(EmulatorFixture emulator, string vault, string name, string token, string value = "v") =>
        emulator.VaultAsync(HttpMethod.Put, vault, $"/secrets/{name}?api-version=7.6", token, $$"""{"value":"{{value}}"}""");

    public static Task<HttpAnswer> GetSecretAsync(EmulatorFixture emulator, string vault, string name, string token) =>
        emulator.VaultAsync(HttpMethod.Get, vault, $"/secrets/{name}?api-version=7.6", token);

    public static Task<HttpAnswer> ListSecretsAsync(EmulatorFixture emulator, string vault, string token) =>
        emulator.VaultAsync(HttpMethod.Get, vault, "/secrets?api-version=7.6", token);
}
