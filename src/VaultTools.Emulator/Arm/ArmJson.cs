using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VaultTools.Emulator.Authorization;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Arm;

/// <summary>
/// ARM's bodies, in ARM's property order: the Microsoft.KeyVault vault resource (api-version 2023-07-01
/// shape), access policies, and Microsoft.Authorization role assignments and role definitions
/// (api-version 2022-04-01 shape). Also reads request bodies, refusing what ARM refuses.
/// </summary>
public static class ArmJson
{
    public const string VaultType = "Microsoft.KeyVault/vaults";
    public const string RoleAssignmentType = "Microsoft.Authorization/roleAssignments";
    public const string RoleDefinitionType = "Microsoft.Authorization/roleDefinitions";

    // ------------------------------------------------------------------ writing

    public static JsonObject Vault(VaultRecord vault, EmulatorRuntime runtime)
    {
        var tags = new JsonObject();
        foreach (var (name, value) in vault.Tags)
        {
            tags[name] = value;
        }
        var properties = new JsonObject
        {
            ["sku"] = new JsonObject { ["family"] = "A", ["name"] = vault.Sku },
            ["tenantId"] = vault.TenantId,
            ["accessPolicies"] = AccessPolicies(vault.AccessPolicies),
            ["enabledForDeployment"] = vault.EnabledForDeployment,
            ["enabledForDiskEncryption"] = vault.EnabledForDiskEncryption,
            ["enabledForTemplateDeployment"] = vault.EnabledForTemplateDeployment,
            ["enableSoftDelete"] = true,
            ["softDeleteRetentionInDays"] = vault.SoftDeleteRetentionInDays,
            ["enableRbacAuthorization"] = vault.EnableRbacAuthorization,
        };
        if (vault.EnablePurgeProtection)
        {
            // ARM reports the property only once it is on (it cannot be switched off).
            properties["enablePurgeProtection"] = true;
        }
        // The default vault is served at https://localhost:{port}/, the address emulator.json gives clients for it.
        properties["vaultUri"] = string.Equals(vault.Name, EmulatorRuntime.DefaultVaultName, StringComparison.OrdinalIgnoreCase)
            ? $"https://localhost:{runtime.HttpsPort}/"
            : $"https://{vault.Name}.localhost:{runtime.HttpsPort}/";
        properties["provisioningState"] = "Succeeded";
        properties["publicNetworkAccess"] = vault.PublicNetworkAccess;
        return new JsonObject
        {
            ["id"] = runtime.VaultResourceId(vault.Name),
            ["name"] = vault.Name,
            ["type"] = VaultType,
            ["location"] = vault.Location,
            ["tags"] = tags,
            ["systemData"] = new JsonObject
            {
                ["createdAt"] = Timestamp(vault.CreatedOn),
                ["lastModifiedAt"] = Timestamp(vault.UpdatedOn == 0 ? vault.CreatedOn : vault.UpdatedOn),
            },
            ["properties"] = properties,
        };
    }

    public static JsonArray AccessPolicies(IEnumerable<AccessPolicyEntry> policies) =>
        new(policies.Select(p => (JsonNode)AccessPolicy(p)).ToArray());

    public static JsonObject AccessPolicy(AccessPolicyEntry policy)
    {
        var permissions = new JsonObject
        {
            ["keys"] = Strings(policy.Permissions.Keys),
            ["secrets"] = Strings(policy.Permissions.Secrets),
            ["certificates"] = Strings(policy.Permissions.Certificates),
        };
        if (policy.Permissions.Storage.Count > 0)
        {
            permissions["storage"] = Strings(policy.Permissions.Storage);
        }
        var entry = new JsonObject { ["tenantId"] = policy.TenantId, ["objectId"] = policy.ObjectId };
        if (policy.ApplicationId is not null)
        {
            entry["applicationId"] = policy.ApplicationId;
        }
        entry["permissions"] = permissions;
        return entry;
    }

    public static JsonObject RoleAssignment(RoleAssignmentRecord assignment) => new()
    {
        ["properties"] = new JsonObject
        {
            ["roleDefinitionId"] = assignment.RoleDefinitionId,
            ["principalId"] = assignment.PrincipalId,
            ["principalType"] = assignment.PrincipalType,
            ["scope"] = assignment.Scope,
            ["condition"] = null,
            ["conditionVersion"] = null,
            ["createdOn"] = Timestamp(assignment.CreatedOn),
            ["updatedOn"] = Timestamp(assignment.CreatedOn),
            ["createdBy"] = assignment.CreatedBy,
            ["updatedBy"] = assignment.CreatedBy,
            ["delegatedManagedIdentityResourceId"] = null,
            ["description"] = assignment.Description,
        },
        ["id"] = RoleAssignmentId(assignment.Scope, assignment.Id),
        ["type"] = RoleAssignmentType,
        ["name"] = assignment.Id,
    };

    public static string RoleAssignmentId(string scope, string name) =>
        $"{(scope == "/" ? "" : scope)}/providers/Microsoft.Authorization/roleAssignments/{name}";

    public static JsonObject RoleDefinition(RoleDefinition role, string subscriptionId) => new()
    {
        ["properties"] = new JsonObject
        {
            ["roleName"] = role.Name,
            ["type"] = "BuiltInRole",
            ["description"] = role.Description,
            ["assignableScopes"] = new JsonArray("/"),
            ["permissions"] = new JsonArray(new JsonObject
            {
                ["actions"] = Strings(role.Actions),
                ["notActions"] = Strings(role.NotActions),
                ["dataActions"] = Strings(role.DataActions),
                ["notDataActions"] = Strings(role.NotDataActions),
            }),
            ["createdBy"] = null,
            ["updatedBy"] = null,
        },
        ["id"] = role.FullId(subscriptionId),
        ["type"] = RoleDefinitionType,
        ["name"] = role.Id,
    };

    public static JsonObject List(IEnumerable<JsonNode> items) => new() { ["value"] = new JsonArray(items.ToArray()) };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());

    private static string Timestamp(long epochSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(epochSeconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    // ------------------------------------------------------------------ reading

    /// <summary>Reads a JSON object body; anything else is 400 InvalidRequestContent.</summary>
    public static async Task<JsonObject> ReadBody(HttpContext http)
    {
        try
        {
            var node = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            return node as JsonObject ?? throw ArmErrors.InvalidRequestContent("the body must be a JSON object.").ToException();
        }
        catch (JsonException ex)
        {
            throw ArmErrors.InvalidRequestContent(ex.Message).ToException();
        }
    }

    public static string? OptionalString(JsonObject body, string name, string path)
    {
        var node = body[name];
        if (node is null)
        {
            return null;
        }
        return node is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : throw ArmErrors.InvalidRequestContent($"'{path}' must be a string.").ToException();
    }

    public static bool? OptionalBool(JsonObject body, string name, string path)
    {
        var node = body[name];
        if (node is null)
        {
            return null;
        }
        return node is JsonValue v && v.TryGetValue<bool>(out var b)
            ? b
            : throw ArmErrors.InvalidRequestContent($"'{path}' must be true or false.").ToException();
    }

    public static int? OptionalInt(JsonObject body, string name, string path)
    {
        var node = body[name];
        if (node is null)
        {
            return null;
        }
        return node is JsonValue v && v.TryGetValue<int>(out var i)
            ? i
            : throw ArmErrors.InvalidRequestContent($"'{path}' must be an integer.").ToException();
    }

    public static JsonObject? OptionalObject(JsonObject body, string name, string path)
    {
        var node = body[name];
        return node is null ? null : node as JsonObject ?? throw ArmErrors.InvalidRequestContent($"'{path}' must be an object.").ToException();
    }

    /// <summary>Resource tags: at most 50, names up to 512 characters, values up to 256 (ARM's limits).</summary>
    public static Dictionary<string, string> Tags(JsonObject tags)
    {
        if (tags.Count > 50)
        {
            throw ArmErrors.BadRequest($"The resource has {tags.Count} tags; a resource can have at most 50.").ToException();
        }
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in tags)
        {
            if (name.Length is 0 or > 512)
            {
                throw ArmErrors.BadRequest($"The tag name '{name}' must be 1 to 512 characters.").ToException();
            }
            var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
            if (text.Length > 256)
            {
                throw ArmErrors.BadRequest($"The value of tag '{name}' is longer than 256 characters.").ToException();
            }
            result[name] = text;
        }
        return result;
    }

    /// <summary>
    /// Reads <c>accessPolicies</c> entries: tenantId (GUID), objectId, optional applicationId (GUID), and
    /// permissions whose names are the service's (any case; <c>all</c> included). At most 1024 entries.
    /// </summary>
    public static List<AccessPolicyEntry> ReadAccessPolicies(JsonNode? node, string path)
    {
        if (node is null)
        {
            return [];
        }
        if (node is not JsonArray array)
        {
            throw ArmErrors.InvalidRequestContent($"'{path}' must be an array.").ToException();
        }
        if (array.Count > 1024)
        {
            throw ArmErrors.BadRequest($"'{path}' has {array.Count} entries; a vault has at most 1024 access policies.").ToException();
        }
        var entries = new List<AccessPolicyEntry>();
        for (var i = 0; i < array.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (array[i] is not JsonObject entry)
            {
                throw ArmErrors.InvalidRequestContent($"'{at}' must be an object.").ToException();
            }
            var tenantId = OptionalString(entry, "tenantId", at + ".tenantId");
            if (!ArmScope.IsGuid(tenantId))
            {
                throw ArmErrors.BadRequest($"'{at}.tenantId' must be the tenant id (a GUID).").ToException();
            }
            var objectId = OptionalString(entry, "objectId", at + ".objectId");
            if (string.IsNullOrWhiteSpace(objectId))
            {
                throw ArmErrors.BadRequest($"'{at}.objectId' is required.").ToException();
            }
            var applicationId = OptionalString(entry, "applicationId", at + ".applicationId");
            if (applicationId is not null && !ArmScope.IsGuid(applicationId))
            {
                throw ArmErrors.BadRequest($"'{at}.applicationId' must be an application id (a GUID).").ToException();
            }
            var permissions = OptionalObject(entry, "permissions", at + ".permissions") ?? new JsonObject();
            entries.Add(new AccessPolicyEntry
            {
                TenantId = tenantId,
                ObjectId = objectId,
                ApplicationId = applicationId,
                Permissions = new AccessPolicyPermissions
                {
                    Keys = Permissions(permissions, "keys", at),
                    Secrets = Permissions(permissions, "secrets", at),
                    Certificates = Permissions(permissions, "certificates", at),
                    Storage = Permissions(permissions, "storage", at),
                },
            });
        }
        return entries;
    }

    private static List<string> Permissions(JsonObject permissions, string category, string at)
    {
        var node = permissions[category];
        if (node is null)
        {
            return [];
        }
        if (node is not JsonArray array)
        {
            throw ArmErrors.InvalidRequestContent($"'{at}.permissions.{category}' must be an array.").ToException();
        }
        var known = AccessPolicyNames.For(category);
        var names = AccessPolicyNames.List(category);
        var result = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            var name = array[i] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (name is null || !known.Contains(name))
            {
                throw ArmErrors.BadRequest(
                    $"Invalid value found at {at}.permissions.{category}[{i}]: '{array[i]?.ToJsonString()}'. Allowed values: {string.Join(", ", names)}.").ToException();
            }
            if (!result.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                result.Add(name);
            }
        }
        return result;
    }
}

/// <summary>The access-policy permission names ARM accepts, per category (matched ignoring case).</summary>
public static class AccessPolicyNames
{
    public static readonly IReadOnlyList<string> Keys =
    [
        "all", "encrypt", "decrypt", "wrapKey", "unwrapKey", "sign", "verify", "get", "list", "create", "update", "import",
        "delete", "backup", "restore", "recover", "purge", "release", "rotate", "getrotationpolicy", "setrotationpolicy",
    ];

    public static readonly IReadOnlyList<string> Secrets = ["all", "get", "list", "set", "delete", "backup", "restore", "recover", "purge"];

    public static readonly IReadOnlyList<string> Certificates =
    [
        "all", "get", "list", "delete", "create", "import", "update", "managecontacts", "getissuers", "listissuers",
        "setissuers", "deleteissuers", "manageissuers", "recover", "purge", "backup", "restore",
    ];

    public static readonly IReadOnlyList<string> Storage =
    [
        "all", "get", "list", "delete", "set", "update", "regeneratekey", "recover", "purge", "backup", "restore",
        "setsas", "listsas", "getsas", "deletesas",
    ];

    public static IReadOnlyList<string> List(string category) => category switch
    {
        "keys" => Keys,
        "secrets" => Secrets,
        "certificates" => Certificates,
        _ => Storage,
    };

    public static HashSet<string> For(string category) => new(List(category), StringComparer.OrdinalIgnoreCase);
}
