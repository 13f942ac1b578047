using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VaultTools.Emulator.Authorization;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;
using VaultTools.Emulator.Identity;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Arm;

/// <summary>
/// Microsoft.Authorization/roleAssignments (api-version 2022-04-01 shape) at subscription, resource
/// group, vault and single-entry scope: PUT with a GUID name, GET, DELETE, and list at a scope with
/// <c>$filter=atScope()</c>, <c>principalId eq '...'</c> or <c>assignedTo('...')</c>. Only built-in roles.
/// </summary>
public sealed partial class ArmRoleAssignments(EmulatorDatabase database, EmulatorRuntime runtime, IdentityDirectory identities, TimeProvider time)
{
    private static readonly string[] PrincipalTypes = ["User", "Group", "ServicePrincipal", "ForeignGroup", "Device"];

    [GeneratedRegex(@"^(/subscriptions/[^/]+)?/providers/Microsoft\.Authorization/roleDefinitions/(?<guid>[^/]+)\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RoleDefinitionIdPattern();

    [GeneratedRegex(@"^\s*principalId\s+eq\s+'(?<id>[^']*)'\s*\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PrincipalFilter();

    [GeneratedRegex(@"^\s*(?<at>atScope\(\)\s+and\s+)?assignedTo\('(?<id>[^']*)'\)\s*\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AssignedToFilter();

    [GeneratedRegex(@"^\s*atScope\(\)\s*\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AtScopeFilter();

    /// <summary>
    /// The assignments a list at <paramref name="scope"/> returns. No filter: at, above and below the scope.
    /// <c>atScope()</c>: at and above. <c>principalId eq</c> / <c>assignedTo()</c>: the principal's, at, above
    /// and below (with <c>atScope() and</c>: at and above).
    /// </summary>
    public IReadOnlyList<RoleAssignmentRecord> List(string scope, string? filter)
    {
        string? principal = null;
        var atScopeOnly = false;
        if (!string.IsNullOrWhiteSpace(filter))
        {
            if (AtScopeFilter().IsMatch(filter))
            {
                atScopeOnly = true;
            }
            else if (PrincipalFilter().Match(filter) is { Success: true } p)
            {
                principal = p.Groups["id"].Value;
            }
            else if (AssignedToFilter().Match(filter) is { Success: true } a)
            {
                principal = a.Groups["id"].Value;
                atScopeOnly = a.Groups["at"].Success;
            }
            else
            {
                throw ArmErrors.UnsupportedFilter(filter).ToException();
            }
        }
        var all = database.Read(s => principal is null ? s.ListRoleAssignments() : s.ListRoleAssignments(principal));
        return all.Where(a => ResourceScope.Encloses(a.Scope, scope) || (!atScopeOnly && ResourceScope.Encloses(scope, a.Scope))).ToList();
    }

    /// <summary>The assignment <paramref name="name"/> at exactly <paramref name="scope"/>, or null.</summary>
    public RoleAssignmentRecord? Get(string scope, string name)
    {
        var found = database.Read(s => s.GetRoleAssignment(name));
        return found is not null && ResourceScope.Same(found.Scope, scope) ? found : null;
    }

    /// <summary>
    /// PUT. Returns the assignment and whether it was created. An identical assignment under another name
    /// is 409 RoleAssignmentExists; the same name with other properties is 400 RoleAssignmentUpdateNotPermitted.
    /// </summary>
    public (RoleAssignmentRecord Assignment, bool Created) Create(ArmScope scope, string name, JsonObject body, CallerIdentity caller)
    {
        var properties = ArmJson.OptionalObject(body, "properties", "properties")
            ?? throw ArmErrors.InvalidRequestContent("the body must be {\"properties\":{\"roleDefinitionId\":...,\"principalId\":...}}.").ToException();
        var roleDefinitionId = ArmJson.OptionalString(properties, "roleDefinitionId", "properties.roleDefinitionId")
            ?? throw ArmErrors.InvalidRequestContent("'properties.roleDefinitionId' is required.").ToException();
        var match = RoleDefinitionIdPattern().Match(roleDefinitionId.Trim());
        var guid = match.Success ? match.Groups["guid"].Value : roleDefinitionId.Trim().TrimEnd('/').Split('/')[^1];
        var role = (match.Success ? BuiltInRoles.FindById(guid) : null) ?? throw ArmErrors.RoleDefinitionDoesNotExist(guid).ToException();

        var principalId = ArmJson.OptionalString(properties, "principalId", "properties.principalId");
        if (!ArmScope.IsGuid(principalId))
        {
            throw ArmErrors.InvalidPrincipalId().ToException();
        }
        var givenType = ArmJson.OptionalString(properties, "principalType", "properties.principalType");
        string? principalType = null;
        if (givenType is not null)
        {
            principalType = PrincipalTypes.FirstOrDefault(t => t.Equals(givenType, StringComparison.OrdinalIgnoreCase))
                ?? throw ArmErrors.InvalidRequestContent($"'properties.principalType' must be one of {string.Join(", ", PrincipalTypes)}; got '{givenType}'.").ToException();
        }
        var identity = identities.FindByObjectId(principalId!);
        if (identity is null && principalType is null)
        {
            // ARM looks the principal up only when no principalType is given (a new principal may not have replicated yet).
            throw ArmErrors.PrincipalNotFound(principalId!, runtime.TenantId).ToException();
        }
        if (identity is not null && principalType is not null && principalType != identity.PrincipalType)
        {
            throw ArmErrors.UnmatchedPrincipalType(principalId!, identity.PrincipalType, principalType).ToException();
        }
        if (properties["condition"] is JsonValue condition && condition.TryGetValue<string>(out var c) && c.Length > 0)
        {
            throw ArmErrors.NotImplemented("PUT", "role assignment with a condition (ABAC conditions are not supported)").ToException();
        }

        var record = new RoleAssignmentRecord
        {
            Id = name.ToLowerInvariant(),
            Scope = scope.Id,
            PrincipalId = identity?.ObjectId ?? principalId!.ToLowerInvariant(),
            RoleDefinitionId = role.FullId(runtime.SubscriptionId),
            PrincipalType = principalType ?? identity!.PrincipalType,
            CreatedOn = time.GetUtcNow().ToUnixTimeSeconds(),
            CreatedBy = caller.ObjectId,
            Description = ArmJson.OptionalString(properties, "description", "properties.description"),
        };
        return database.Write(s =>
        {
            var sameName = s.GetRoleAssignment(record.Id);
            if (sameName is not null)
            {
                if (Identical(sameName, record))
                {
                    return (sameName, false);
                }
                throw ArmErrors.RoleAssignmentUpdateNotPermitted().ToException();
            }
            var duplicate = s.ListRoleAssignments(record.PrincipalId).FirstOrDefault(a => Identical(a, record));
            if (duplicate is not null)
            {
                throw ArmErrors.RoleAssignmentExists(duplicate.Id).ToException();
            }
            s.UpsertRoleAssignment(record);
            return (record, true);
        });
    }

    /// <summary>DELETE: the deleted assignment, or null when there was none at that scope (ARM then answers 204).</summary>
    public RoleAssignmentRecord? Delete(string scope, string name) =>
        database.Write(s =>
        {
            var found = s.GetRoleAssignment(name);
            if (found is null || !ResourceScope.Same(found.Scope, scope))
            {
                return null;
            }
            s.DeleteRoleAssignment(found.Id);
            return found;
        });

    private static bool Identical(RoleAssignmentRecord a, RoleAssignmentRecord b) =>
        string.Equals(a.PrincipalId, b.PrincipalId, StringComparison.OrdinalIgnoreCase)
        && ResourceScope.Same(a.Scope, b.Scope)
        && string.Equals(BuiltInRoles.FindById(a.RoleDefinitionId)?.Id ?? a.RoleDefinitionId, BuiltInRoles.FindById(b.RoleDefinitionId)?.Id ?? b.RoleDefinitionId, StringComparison.OrdinalIgnoreCase);
}
