using System.Text;
using System.Text.RegularExpressions;
using Azure;
using Azure.Core;
using VaultTools.Connection;

namespace VaultTools.Core.Tests;

/// <summary>One request as the fake transport received it.</summary>
public sealed record ArmCall(string Method, Uri Uri, string? Body, string? Authorization)
{
    public string PathAndQuery => Uri.PathAndQuery;
    public string Path => Uri.AbsolutePath;
    public string Query => Uri.UnescapeDataString(Uri.Query);
}

/// <summary>What the fake answers.</summary>
public sealed record ArmReply(int Status, string? Body = null);

/// <summary>
/// The fake transport (<see cref="FakeTransport"/>, without a challenge: ARM takes the token at once) answering
/// with bodies shaped as ARM sends them: the pipeline (retry, bearer token policy) runs for real. Routes are tried
/// in order; the first whose method and path regex match answers. An unmatched request fails the test with what
/// was asked.
/// </summary>
public sealed class FakeArm : FakeTransport
{
    private readonly List<(string Method, Regex Path, Func<ArmCall, ArmReply> Reply)> _routes = new();

    public FakeArm()
        : base(challenge: null)
    {
    }

    public List<ArmCall> Calls { get; } = new();

    public FakeArm On(string method, string pathRegex, Func<ArmCall, ArmReply> reply)
    {
        _routes.Add((method, new Regex(pathRegex, RegexOptions.IgnoreCase), reply));
        return this;
    }

    public FakeArm On(string method, string pathRegex, int status, string? body = null) => On(method, pathRegex, _ => new ArmReply(status, body));

    public IEnumerable<ArmCall> Writes => Calls.Where(c => c.Method is "PUT" or "DELETE" or "PATCH" or "POST");

    protected override Response Answer(SentRequest sent, HttpMessage message)
    {
        var call = new ArmCall(sent.Method, sent.Uri, sent.Body, sent.Authorization);
        Calls.Add(call);
        foreach (var (method, path, reply) in _routes)
        {
            if (string.Equals(method, call.Method, StringComparison.OrdinalIgnoreCase) && path.IsMatch(call.Path))
            {
                var r = reply(call);
                return new FakeResponse(r.Status, r.Body);
            }
        }

        throw new Xunit.Sdk.XunitException($"Unexpected request: {call.Method} {call.Uri}");
    }

    /// <summary>A connection to AzureCloud whose every request goes through this transport.</summary>
    public VaultConnection Connect(string? resourceGroup = null, string? tenantId = null)
        => VaultConnection.ForTransport(new ConnectionRequest
        {
            Credential = CredentialKind.AccessToken,
            AccessToken = Internal.SecureStrings.FromPlainText(Jwt.Make(new { tid = Arm.Tenant, oid = "00000000-0000-0000-0000-00000000aaaa", exp = 4102444800 })),
            SubscriptionId = Arm.Subscription,
            ResourceGroupName = resourceGroup,
            TenantId = tenantId,
        }, this);
}

/// <summary>Unsigned JWTs for tests (the client reads claims, it never validates).</summary>
public static class Jwt
{
    public static string Make(object claims)
        => $"{B64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}")}.{B64(System.Text.Json.JsonSerializer.Serialize(claims))}.c2lnbmF0dXJl";

    private static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>ARM's response bodies, shaped as the service sends them (Microsoft.KeyVault 2023-07-01, Microsoft.Authorization 2022-04-01).</summary>
public static class Arm
{
    public const string Subscription = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";
    public const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string Group = "rg-apps";
    public const string Principal = "2a0c1b9e-5f0a-4c11-9a7a-1d4a5b6c7d8e";

    public static string VaultId(string name, string group = Group) => $"/subscriptions/{Subscription}/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults/{name}";

    public static string Vault(string name, bool rbac = true, string sku = "standard", string group = Group, string policies = "[]", string state = "Succeeded", bool? purgeProtection = null) => $$"""
        {
          "id": "{{VaultId(name, group)}}",
          "name": "{{name}}",
          "type": "Microsoft.KeyVault/vaults",
          "location": "westeurope",
          "tags": { "env": "test" },
          "systemData": { "createdBy": "someone@contoso.com", "createdByType": "User", "createdAt": "2024-05-01T10:00:00.000Z" },
          "properties": {
            "sku": { "family": "A", "name": "{{sku}}" },
            "tenantId": "{{Tenant}}",
            "accessPolicies": {{policies}},
            "enabledForDeployment": false,
            "enabledForDiskEncryption": false,
            "enabledForTemplateDeployment": false,
            "enableSoftDelete": true,
            "softDeleteRetentionInDays": 90,
            "enableRbacAuthorization": {{(rbac ? "true" : "false")}},{{(purgeProtection is null ? "" : $"\n    \"enablePurgeProtection\": {(purgeProtection.Value ? "true" : "false")},")}}
            "vaultUri": "https://{{name}}.vault.azure.net/",
            "provisioningState": "{{state}}",
            "publicNetworkAccess": "Enabled"
          }
        }
        """;

    public static string Policy(string objectId, string secrets = "", string keys = "", string certificates = "") => $$"""
        { "tenantId": "{{Tenant}}", "objectId": "{{objectId}}", "permissions": { "keys": [{{Quote(keys)}}], "secrets": [{{Quote(secrets)}}], "certificates": [{{Quote(certificates)}}] } }
        """;

    public static string List(params string[] items) => Page(null, items);

    public static string Page(string? nextLink, params string[] items)
        => $"{{\"value\":[{string.Join(",", items)}]{(nextLink is null ? "" : $",\"nextLink\":\"{nextLink}\"")}}}";

    public static string Assignment(string scope, string roleGuid, string principalId = Principal, string? name = null, string principalType = "ServicePrincipal")
    {
        name ??= Guid.NewGuid().ToString();
        return $$"""
        {
          "properties": {
            "roleDefinitionId": "/subscriptions/{{Subscription}}/providers/Microsoft.Authorization/roleDefinitions/{{roleGuid}}",
            "principalId": "{{principalId}}",
            "principalType": "{{principalType}}",
            "scope": "{{scope}}",
            "condition": null,
            "conditionVersion": null,
            "createdOn": "2024-05-01T10:00:00.0000000Z",
            "updatedOn": "2024-05-01T10:00:00.0000000Z",
            "createdBy": null,
            "updatedBy": "b0c7ac2e-64d3-4c4f-9e8b-5d4a3b2c1d0e",
            "delegatedManagedIdentityResourceId": null,
            "description": null
          },
          "id": "{{(scope == "/" ? "" : scope)}}/providers/Microsoft.Authorization/roleAssignments/{{name}}",
          "type": "Microsoft.Authorization/roleAssignments",
          "name": "{{name}}"
        }
        """;
    }

    public static string RoleDefinition(string roleGuid, string roleName, string type = "CustomRole", string dataActions = "") => $$"""
        {
          "properties": {
            "roleName": "{{roleName}}",
            "type": "{{type}}",
            "description": "Lets you do things.",
            "assignableScopes": [ "/subscriptions/{{Subscription}}" ],
            "permissions": [ { "actions": [ "Microsoft.KeyVault/vaults/read" ], "notActions": [], "dataActions": [{{Quote(dataActions)}}], "notDataActions": [] } ],
            "createdOn": "2024-01-01T00:00:00.0000000Z",
            "updatedOn": "2024-01-01T00:00:00.0000000Z",
            "createdBy": null,
            "updatedBy": null
          },
          "id": "/subscriptions/{{Subscription}}/providers/Microsoft.Authorization/roleDefinitions/{{roleGuid}}",
          "type": "Microsoft.Authorization/roleDefinitions",
          "name": "{{roleGuid}}"
        }
        """;

    public static string Error(string code, string message)
        => System.Text.Json.JsonSerializer.Serialize(new { error = new { code, message } });

    public const string RoleAssignmentExists = """{"error":{"code":"RoleAssignmentExists","message":"The role assignment already exists."}}""";

    /// <summary>The body of the recorded 404 (the Azure SDK for .NET's recorded RoleAssignmentNotFound session).</summary>
    public const string RoleAssignmentNotFound = """{"error":{"code":"RoleAssignmentNotFound","message":"Requested role assignment not found (Activity ID: de05effa-6804-11eb-8747-0242ac120008)"}}""";

    private static string Quote(string csv) => string.Join(",", csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(x => $"\"{x}\""));
}
