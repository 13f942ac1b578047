using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace VaultTools.Access
{
    /// <summary>ARM's JSON shapes (vaults 2023-07-01, role assignments and definitions 2022-04-01) into VaultTools' output types.</summary>
    internal static class ArmJson
    {
        public static RoleAssignment ToRoleAssignment(JsonElement e)
        {
            var p = Obj(e, "properties");
            string id = Str(e, "id") ?? "";
            string scope = Str(p, "scope") ?? ScopeOfAssignmentId(id);
            var info = AccessScope.Parse(scope);
            string roleDefinitionId = Str(p, "roleDefinitionId") ?? "";
            return new RoleAssignment
            {
                Id = id,
                Name = Str(e, "name") ?? LastSegment(id),
                Scope = info.Scope,
                ScopeKind = info.Kind.ToString(),
                VaultName = info.VaultName,
                EntryName = info.EntryName,
                RoleDefinitionId = roleDefinitionId,
                RoleDefinitionName = BuiltInRoles.FindById(roleDefinitionId)?.Name,
                PrincipalId = Str(p, "principalId") ?? "",
                PrincipalType = Str(p, "principalType"),
                Description = Str(p, "description"),
                Condition = Str(p, "condition"),
                CreatedOn = Date(p, "createdOn"),
                UpdatedOn = Date(p, "updatedOn"),
            };
        }

        public static RoleDefinition ToRoleDefinition(JsonElement e)
        {
            var p = Obj(e, "properties");
            string id = Str(e, "id") ?? "";
            var permissions = p.HasValue && p.Value.TryGetProperty("permissions", out var perms) && perms.ValueKind == JsonValueKind.Array
                ? perms.EnumerateArray().ToList()
                : new List<JsonElement>();
            return new RoleDefinition
            {
                Id = id,
                Name = Str(e, "name") ?? LastSegment(id),
                RoleName = Str(p, "roleName") ?? "",
                Description = Str(p, "description"),
                RoleType = Str(p, "type"),
                Actions = permissions.SelectMany(x => Strings(x, "actions")).ToArray(),
                NotActions = permissions.SelectMany(x => Strings(x, "notActions")).ToArray(),
                DataActions = permissions.SelectMany(x => Strings(x, "dataActions")).ToArray(),
                NotDataActions = permissions.SelectMany(x => Strings(x, "notDataActions")).ToArray(),
                AssignableScopes = Strings(p, "assignableScopes").ToArray(),
            };
        }

        public static RoleDefinition ToRoleDefinition(BuiltInRole role, string subscriptionId) => new RoleDefinition
        {
            Id = role.DefinitionId(subscriptionId),
            Name = role.Id,
            RoleName = role.Name,
            Description = role.Description,
            RoleType = "BuiltInRole",
            DataActions = role.DataActions.ToArray(),
            AssignableScopes = new[] { "/" },
        };

        public static Vault ToVault(JsonElement e)
        {
            var p = Obj(e, "properties");
            string id = Str(e, "id") ?? "";
            var info = AccessScope.Parse(id);
            string name = Str(e, "name") ?? info.VaultName ?? "";
            var sku = Obj(p, "sku");
            string? uri = Str(p, "vaultUri");
            var vault = new Vault
            {
                Name = name,
                ResourceId = id,
                ResourceGroupName = info.ResourceGroupName ?? "",
                SubscriptionId = info.SubscriptionId ?? "",
                Location = Str(e, "location"),
                VaultUri = uri is null ? null : new Uri(uri),
                Sku = SkuName(Str(sku, "name")),
                TenantId = Str(p, "tenantId"),
                EnableRbacAuthorization = Bool(p, "enableRbacAuthorization") ?? false,
                EnableSoftDelete = Bool(p, "enableSoftDelete") ?? true,
                SoftDeleteRetentionInDays = Int(p, "softDeleteRetentionInDays"),
                EnablePurgeProtection = Bool(p, "enablePurgeProtection") ?? false,
                ProvisioningState = Str(p, "provisioningState"),
                Tags = Tags(e),
            };
            vault.AccessPolicies = AccessPolicies(p, name).ToArray();
            return vault;
        }

        public static IEnumerable<VaultAccessPolicy> AccessPolicies(JsonElement? properties, string vaultName)
        {
            if (!properties.HasValue || !properties.Value.TryGetProperty("accessPolicies", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                yield break;
            }

            foreach (var policy in list.EnumerateArray())
            {
                var permissions = Obj(policy, "permissions");
                yield return new VaultAccessPolicy
                {
                    VaultName = vaultName,
                    TenantId = Str(policy, "tenantId"),
                    ObjectId = Str(policy, "objectId") ?? "",
                    ApplicationId = Str(policy, "applicationId"),
                    PermissionsToSecrets = Strings(permissions, "secrets").ToArray(),
                    PermissionsToKeys = Strings(permissions, "keys").ToArray(),
                    PermissionsToCertificates = Strings(permissions, "certificates").ToArray(),
                    PermissionsToStorage = Strings(permissions, "storage").ToArray(),
                };
            }
        }

        /// <summary>The access policy entry of a request body.</summary>
        public static Dictionary<string, object?> PolicyBody(string tenantId, string objectId, string[] secrets, string[] keys, string[] certificates) => new Dictionary<string, object?>
        {
            ["tenantId"] = tenantId,
            ["objectId"] = objectId,
            ["permissions"] = new Dictionary<string, object?>
            {
                ["secrets"] = secrets,
                ["keys"] = keys,
                ["certificates"] = certificates,
            },
        };

        public static string SkuName(string? name)
            => string.Equals(name, "premium", StringComparison.OrdinalIgnoreCase) ? "Premium" : "Standard";

        private static string ScopeOfAssignmentId(string id)
        {
            int at = id.IndexOf("/providers/Microsoft.Authorization/roleAssignments/", StringComparison.OrdinalIgnoreCase);
            return at < 0 ? "" : (at == 0 ? "/" : id.Substring(0, at));
        }

        internal static string LastSegment(string id)
        {
            string s = id.TrimEnd('/');
            int slash = s.LastIndexOf('/');
            return slash < 0 ? s : s.Substring(slash + 1);
        }

        private static JsonElement? Obj(JsonElement? e, string name)
            => e.HasValue && e.Value.ValueKind == JsonValueKind.Object && e.Value.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : (JsonElement?)null;

        private static string? Str(JsonElement? e, string name)
            => e.HasValue && e.Value.ValueKind == JsonValueKind.Object && e.Value.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static bool? Bool(JsonElement? e, string name)
        {
            if (!e.HasValue || e.Value.ValueKind != JsonValueKind.Object || !e.Value.TryGetProperty(name, out var v))
            {
                return null;
            }

            return v.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            };
        }

        private static int? Int(JsonElement? e, string name)
            => e.HasValue && e.Value.ValueKind == JsonValueKind.Object && e.Value.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i) ? i : (int?)null;

        private static DateTimeOffset? Date(JsonElement? e, string name)
        {
            string? s = Str(e, name);
            return s != null && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : (DateTimeOffset?)null;
        }

        private static IEnumerable<string> Strings(JsonElement? e, string name)
        {
            if (!e.HasValue || e.Value.ValueKind != JsonValueKind.Object || !e.Value.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Array)
            {
                return Enumerable.Empty<string>();
            }

            return v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList();
        }

        private static Dictionary<string, string> Tags(JsonElement e)
        {
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            if (e.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in t.EnumerateObject())
                {
                    tags[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText();
                }
            }

            return tags;
        }
    }
}
