using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VaultTools.Emulator.Authorization;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;
using VaultTools.Emulator.Identity;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Arm;

/// <summary>
/// The ARM subset, on the HTTPS port under <c>/subscriptions/...</c> (emulator.json's managementEndpoint).
/// Every request: bearer token for an ARM audience (ARM's 401 bodies otherwise), api-version present
/// and served, then the operation, authorized with Azure RBAC's actions (<see cref="ControlPlaneAuthorizer"/>)
/// before the target's existence is checked, as ARM does. Paths ARM has but the emulator does not
/// implement answer 501.
/// </summary>
public static partial class ArmEndpoints
{
    private const string AuthorizationApi = "Microsoft.Authorization";

    public static IEndpointRouteBuilder MapArm(this IEndpointRouteBuilder app)
    {
        app.Map("/subscriptions", Handle);
        app.Map("/subscriptions/{**rest}", Handle);
        return app;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(-preview)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex ApiVersionPattern();

    private static async Task Handle(HttpContext http)
    {
        var caller = await Authenticate(http);
        string? apiVersion = http.Request.Query["api-version"];
        if (string.IsNullOrWhiteSpace(apiVersion))
        {
            throw ArmErrors.MissingApiVersion().ToException();
        }
        var segments = (http.Request.Path.Value ?? "").Trim('/').Split('/');
        var result = await Dispatch(http, caller, segments, apiVersion);
        await result.ExecuteAsync(http);
    }

    private static async Task<CallerIdentity> Authenticate(HttpContext http)
    {
        string? header = http.Request.Headers.Authorization;
        if (string.IsNullOrWhiteSpace(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            throw ArmErrors.MissingAuthorization().ToException();
        }
        var tokens = http.RequestServices.GetRequiredService<TokenService>();
        var identities = http.RequestServices.GetRequiredService<IdentityDirectory>();
        var validation = await tokens.ValidateAsync(header["Bearer ".Length..].Trim(), TokenService.ManagementAudiences, identities.FindByObjectId);
        return validation.Caller ?? throw ArmErrors.InvalidToken(validation, tokens.TenantId, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()).ToException();
    }

    private static async Task<IResult> Dispatch(HttpContext http, CallerIdentity caller, string[] segments, string apiVersion)
    {
        var services = http.RequestServices;
        var runtime = services.GetRequiredService<EmulatorRuntime>();
        var method = http.Request.Method;

        if (segments.Length == 1)
        {
            return method == HttpMethods.Get ? Json(200, ArmJson.List([Subscription(runtime)])) : NotImplemented(http);
        }
        ArmScope.CheckSubscription(segments[1], runtime);

        var authorizationAt = Array.FindIndex(segments, 2, s => s.Equals(AuthorizationApi, StringComparison.OrdinalIgnoreCase));
        if (authorizationAt > 2 && segments[authorizationAt - 1].Equals("providers", StringComparison.OrdinalIgnoreCase))
        {
            CheckApiVersion(apiVersion, "2015-07-01", "roleAssignments");
            return await Authorization(http, caller, segments[..(authorizationAt - 1)], segments[(authorizationAt + 1)..]);
        }
        return await Resources(http, caller, segments, apiVersion);
    }

    // ------------------------------------------------------------------ subscriptions, resource groups, vaults

    private static async Task<IResult> Resources(HttpContext http, CallerIdentity caller, string[] s, string apiVersion)
    {
        var services = http.RequestServices;
        var runtime = services.GetRequiredService<EmulatorRuntime>();
        var access = services.GetRequiredService<ControlPlaneAuthorizer>();
        var vaults = services.GetRequiredService<ArmVaults>();
        var method = http.Request.Method;
        bool Is(int i, string literal) => s.Length > i && s[i].Equals(literal, StringComparison.OrdinalIgnoreCase);
        var subscriptionScope = $"/subscriptions/{runtime.SubscriptionId}";

        // GET /subscriptions/{s}
        if (s.Length == 2 && method == HttpMethods.Get)
        {
            return Json(200, Subscription(runtime));
        }

        // GET /subscriptions/{s}/resourceGroups[/{rg}]
        if (Is(2, "resourceGroups") && s.Length <= 4)
        {
            if (s.Length == 3 && method == HttpMethods.Get)
            {
                var groupId = $"{subscriptionScope}/resourceGroups/{EmulatorRuntime.ResourceGroupName}";
                var visible = access.Permits(caller, "Microsoft.Resources/subscriptions/resourceGroups/read", groupId);
                return Json(200, ArmJson.List(visible ? [ResourceGroup(runtime)] : []));
            }
            if (s.Length == 4 && method == HttpMethods.Get)
            {
                var group = ArmScope.CheckResourceGroup(s[3]);
                access.Demand(caller, "Microsoft.Resources/subscriptions/resourceGroups/read", $"{subscriptionScope}/resourceGroups/{group}");
                return Json(200, ResourceGroup(runtime));
            }
            return NotImplemented(http);
        }

        // GET /subscriptions/{s}/providers/Microsoft.KeyVault/vaults
        if (s.Length == 5 && Is(2, "providers") && Is(3, "Microsoft.KeyVault") && Is(4, "vaults") && method == HttpMethods.Get)
        {
            CheckApiVersion(apiVersion, "2019-09-01", "vaults");
            return Json(200, VaultList(vaults, runtime, access, caller));
        }

        if (Is(2, "resourceGroups") && Is(4, "providers") && Is(5, "Microsoft.KeyVault") && Is(6, "vaults"))
        {
            var group = ArmScope.CheckResourceGroup(s[3]);
            CheckApiVersion(apiVersion, "2019-09-01", "vaults");

            // GET .../resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults
            if (s.Length == 7 && method == HttpMethods.Get)
            {
                return Json(200, VaultList(vaults, runtime, access, caller));
            }
            if (s.Length < 8)
            {
                return NotImplemented(http);
            }
            var name = s[7];
            var vaultId = $"{subscriptionScope}/resourceGroups/{group}/providers/{ArmJson.VaultType}/{name}";
            var store = services.GetRequiredService<VaultStore>();

            // .../vaults/{v}/providers/Microsoft.EventGrid/eventSubscriptions[/{name}]
            if (s.Length >= 11 && Is(8, "providers") && Is(9, Events.EventSubscriptionEndpoints.Provider) && Is(10, "eventSubscriptions"))
            {
                var target = store.Get(name) ?? throw ArmErrors.ResourceNotFound($"{ArmJson.VaultType}/{name}", group).ToException();
                return await Events.EventSubscriptionEndpoints.HandleAsync(http, target.Name, runtime.VaultResourceId(target.Name), s[11..],
                    (action, scope) => access.Demand(caller, action, scope)) ?? NotImplemented(http);
            }

            // .../vaults/{v}
            if (s.Length == 8)
            {
                switch (method)
                {
                    case "GET":
                        access.Demand(caller, "Microsoft.KeyVault/vaults/read", vaultId);
                        var found = store.Get(name) ?? throw ArmErrors.ResourceNotFound($"{ArmJson.VaultType}/{name}", group).ToException();
                        return Json(200, ArmJson.Vault(found, runtime));
                    case "PUT":
                        access.Demand(caller, "Microsoft.KeyVault/vaults/write", vaultId);
                        var (vault, created) = vaults.CreateOrUpdate(name, await ArmJson.ReadBody(http));
                        return Json(created ? 201 : 200, ArmJson.Vault(vault, runtime));
                    case "PATCH":
                        access.Demand(caller, "Microsoft.KeyVault/vaults/write", vaultId);
                        return Json(200, ArmJson.Vault(vaults.Update(name, await ArmJson.ReadBody(http)), runtime));
                    case "DELETE":
                        access.Demand(caller, "Microsoft.KeyVault/vaults/delete", vaultId);
                        var existing = store.Get(name);
                        var deleted = existing is not null && vaults.Delete(name, runtime.VaultResourceId(existing.Name));
                        return deleted ? Results.Ok() : Results.NoContent();
                }
                return NotImplemented(http);
            }

            // PUT .../vaults/{v}/accessPolicies/{add|replace|remove}
            if (s.Length == 10 && Is(8, "accessPolicies") && method == HttpMethods.Put)
            {
                var kind = s[9].ToLowerInvariant();
                if (kind is not ("add" or "replace" or "remove"))
                {
                    throw ArmErrors.BadRequest($"The access policy operation '{s[9]}' is not one of add, replace, remove.").ToException();
                }
                access.Demand(caller, "Microsoft.KeyVault/vaults/accessPolicies/write", vaultId);
                var vault = store.Get(name) ?? throw ArmErrors.ResourceNotFound($"{ArmJson.VaultType}/{name}", group).ToException();
                var changes = vaults.ChangeAccessPolicies(vault.Name, kind, await ArmJson.ReadBody(http));
                return Json(200, new JsonObject
                {
                    ["id"] = $"{runtime.VaultResourceId(vault.Name)}/accessPolicies/{kind}",
                    ["type"] = "Microsoft.KeyVault/vaults/accessPolicies",
                    ["name"] = kind,
                    ["location"] = vault.Location,
                    ["properties"] = new JsonObject { ["accessPolicies"] = ArmJson.AccessPolicies(changes) },
                });
            }
        }
        return NotImplemented(http);
    }

    /// <summary>The vaults the caller may read (ARM lists what the caller can see).</summary>
    private static JsonObject VaultList(ArmVaults vaults, EmulatorRuntime runtime, ControlPlaneAuthorizer access, CallerIdentity caller) =>
        ArmJson.List(vaults.List()
            .Where(v => access.Permits(caller, "Microsoft.KeyVault/vaults/read", runtime.VaultResourceId(v.Name)))
            .Select(v => (JsonNode)ArmJson.Vault(v, runtime)));

    private static JsonObject Subscription(EmulatorRuntime runtime) => new()
    {
        ["id"] = $"/subscriptions/{runtime.SubscriptionId}",
        ["subscriptionId"] = runtime.SubscriptionId,
        ["tenantId"] = runtime.TenantId,
        ["displayName"] = "VaultTools emulator",
        ["state"] = "Enabled",
    };

    private static JsonObject ResourceGroup(EmulatorRuntime runtime) => new()
    {
        ["id"] = $"/subscriptions/{runtime.SubscriptionId}/resourceGroups/{EmulatorRuntime.ResourceGroupName}",
        ["name"] = EmulatorRuntime.ResourceGroupName,
        ["type"] = "Microsoft.Resources/resourceGroups",
        ["location"] = EmulatorRuntime.Region,
        ["properties"] = new JsonObject { ["provisioningState"] = "Succeeded" },
    };

    // ------------------------------------------------------------------ Microsoft.Authorization

    private static async Task<IResult> Authorization(HttpContext http, CallerIdentity caller, string[] scopeSegments, string[] rest)
    {
        var services = http.RequestServices;
        var runtime = services.GetRequiredService<EmulatorRuntime>();
        var access = services.GetRequiredService<ControlPlaneAuthorizer>();
        var store = services.GetRequiredService<VaultStore>();
        var method = http.Request.Method;
        if (rest.Length is < 1 or > 2)
        {
            return NotImplemented(http);
        }
        var scope = ArmScope.Parse(scopeSegments, runtime, store);
        var type = rest[0];
        var name = rest.Length == 2 ? rest[1] : null;

        if (type.Equals("roleDefinitions", StringComparison.OrdinalIgnoreCase) && method == HttpMethods.Get)
        {
            // Role definitions are readable by every signed-in caller of the tenant (they are built in).
            RequireVaultIfAny(scope, store);
            if (name is not null)
            {
                var role = BuiltInRoles.FindById(name) ?? throw ArmErrors.RoleDefinitionDoesNotExist(name, 404).ToException();
                return Json(200, ArmJson.RoleDefinition(role, runtime.SubscriptionId));
            }
            return Json(200, ArmJson.List(FilterRoleDefinitions(http.Request.Query["$filter"]).Select(r => (JsonNode)ArmJson.RoleDefinition(r, runtime.SubscriptionId))));
        }

        if (!type.Equals("roleAssignments", StringComparison.OrdinalIgnoreCase))
        {
            return NotImplemented(http);
        }
        var assignments = services.GetRequiredService<ArmRoleAssignments>();
        if (name is null)
        {
            if (method != HttpMethods.Get)
            {
                return NotImplemented(http);
            }
            access.Demand(caller, "Microsoft.Authorization/roleAssignments/read", scope.Id);
            RequireVaultIfAny(scope, store);
            var listed = assignments.List(scope.Id, http.Request.Query["$filter"]);
            return Json(200, ArmJson.List(listed.Select(a => (JsonNode)ArmJson.RoleAssignment(a))));
        }

        if (!ArmScope.IsGuid(name))
        {
            throw ArmErrors.InvalidRoleAssignmentId(name).ToException();
        }
        var assignmentId = ArmJson.RoleAssignmentId(scope.Id, name.ToLowerInvariant());
        switch (method)
        {
            case "GET":
                access.Demand(caller, "Microsoft.Authorization/roleAssignments/read", assignmentId);
                RequireVaultIfAny(scope, store);
                var found = assignments.Get(scope.Id, name) ?? throw ArmErrors.RoleAssignmentNotFound(name).ToException();
                return Json(200, ArmJson.RoleAssignment(found));
            case "PUT":
                access.Demand(caller, "Microsoft.Authorization/roleAssignments/write", assignmentId);
                RequireVaultIfAny(scope, store);
                var (assignment, created) = assignments.Create(scope, name, await ArmJson.ReadBody(http), caller);
                return Json(created ? 201 : 200, ArmJson.RoleAssignment(assignment));
            case "DELETE":
                access.Demand(caller, "Microsoft.Authorization/roleAssignments/delete", assignmentId);
                var deleted = assignments.Delete(scope.Id, name);
                return deleted is null ? Results.NoContent() : Json(200, ArmJson.RoleAssignment(deleted));
        }
        return NotImplemented(http);
    }

    private static void RequireVaultIfAny(ArmScope scope, VaultStore store)
    {
        if (scope.Level is ArmScopeLevel.Vault or ArmScopeLevel.Entry)
        {
            scope.RequireVault(store);
        }
    }

    [GeneratedRegex(@"^\s*roleName\s+eq\s+'(?<name>(?:[^']|'')*)'\s*\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RoleNameFilter();

    [GeneratedRegex(@"^\s*type\s+eq\s+'(?<type>[^']*)'\s*\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RoleTypeFilter();

    private static IEnumerable<RoleDefinition> FilterRoleDefinitions(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return BuiltInRoles.All;
        }
        if (RoleNameFilter().Match(filter) is { Success: true } byName)
        {
            var roleName = byName.Groups["name"].Value.Replace("''", "'", StringComparison.Ordinal);
            return BuiltInRoles.All.Where(r => r.Name.Equals(roleName, StringComparison.OrdinalIgnoreCase));
        }
        if (RoleTypeFilter().Match(filter) is { Success: true } byType)
        {
            return byType.Groups["type"].Value.Equals("BuiltInRole", StringComparison.OrdinalIgnoreCase) ? BuiltInRoles.All : [];
        }
        throw ArmErrors.UnsupportedFilter(filter).ToException();
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>
    /// The api-versions served: well-formed (<c>yyyy-MM-dd[-preview]</c>) and not older than
    /// <paramref name="oldest"/> (2019-09-01 for vaults, the first with enableRbacAuthorization; 2015-07-01
    /// for Microsoft.Authorization). Newer versions than the emulator knows are accepted.
    /// </summary>
    private static void CheckApiVersion(string apiVersion, string oldest, string resourceType)
    {
        if (!ApiVersionPattern().IsMatch(apiVersion) || string.CompareOrdinal(apiVersion[..10], oldest) < 0)
        {
            throw ArmErrors.UnsupportedApiVersion(apiVersion, resourceType, $"{oldest} and later, e.g. 2022-07-01, 2023-02-01, 2023-07-01, 2022-04-01").ToException();
        }
    }

    private static IResult Json(int status, JsonNode body) =>
        Results.Content(JsonResults.Serialize(body), "application/json; charset=utf-8", null, status);

    private static IResult NotImplemented(HttpContext http) =>
        ArmErrors.NotImplemented(http.Request.Method, http.Request.Path).ToResult();
}
