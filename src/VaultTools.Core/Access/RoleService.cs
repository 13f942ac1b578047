using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Azure.Core;
using VaultTools.Connection;
using VaultTools.Errors;

namespace VaultTools.Access
{
    /// <summary>Where a role is granted, listed or revoked: an ARM scope and, when it is a vault or one of its entries, that vault.</summary>
    public sealed class RoleTarget
    {
        public string Scope { get; set; } = "";
        public ScopeKind Kind { get; set; }
        /// <summary>The subscription of the scope (or the session's, for scopes above subscriptions).</summary>
        public string SubscriptionId { get; set; } = "";
        /// <summary>The vault, when the scope is a vault or an entry of one and it was looked up.</summary>
        public Vault? Vault { get; set; }
        public string? EntryName { get; set; }

        public override string ToString() => Scope;
    }

    /// <summary>
    /// Azure RBAC for vaults (Microsoft.Authorization, api-version 2022-04-01): role definitions and role
    /// assignments at subscription, resource group, vault and single-entry scope. Granting is idempotent:
    /// an identical assignment (same principal, role and scope) is returned instead of created, whether it
    /// is found by listing first or reported by ARM as 409 RoleAssignmentExists.
    /// </summary>
    public sealed class RoleService
    {
        private const string AssignmentsSegment = "/providers/Microsoft.Authorization/roleAssignments";
        private const string DefinitionsSegment = "/providers/Microsoft.Authorization/roleDefinitions";
        private static readonly Regex ExistingId = new Regex("existing role assignment is ([0-9a-fA-F]{32}|[0-9a-fA-F-]{36})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        private static readonly string[] PrincipalTypes = { "User", "Group", "ServicePrincipal" };

        private readonly VaultConnection _connection;

        public RoleService(VaultConnection connection)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        }

        // ---- targets ----

        /// <summary>
        /// The scope of a vault already read through ARM (a cmdlet reads it once for a whole pipeline), or of one of
        /// its entries when <paramref name="entryKind"/> is given. With <paramref name="forGrant"/>, a vault on the
        /// access-policy model is refused: role assignments do not give access to its data.
        /// </summary>
        public RoleTarget VaultTarget(Vault resource, string? subscriptionId, EntryKind? entryKind, string? entryName, bool forGrant)
        {
            if (entryKind.HasValue)
            {
                Validation.EntryRules.CheckEntryName(entryName, entryKind.Value, EntryParameter(entryKind.Value));
            }

            if (forGrant)
            {
                CheckRbacModel(resource);
            }

            string scope = entryKind.HasValue ? AccessScope.Entry(resource.ResourceId, entryKind.Value, entryName!, EntryParameter(entryKind.Value)) : AccessScope.Normalize(resource.ResourceId);
            var info = AccessScope.Parse(scope);
            return new RoleTarget
            {
                Scope = scope,
                Kind = info.Kind,
                SubscriptionId = resource.SubscriptionId.Length > 0 ? resource.SubscriptionId : _connection.RequireSubscription(subscriptionId),
                Vault = resource,
                EntryName = entryName,
            };
        }

        /// <summary>A raw ARM scope (-Scope). Vault and entry scopes are checked against the vault's model when granting.</summary>
        public RoleTarget ScopeTarget(string scope, bool forGrant, CancellationToken cancellationToken = default)
        {
            string normalized = AccessScope.Check(scope, "Scope");
            var info = AccessScope.Parse(normalized);
            var target = new RoleTarget
            {
                Scope = normalized,
                Kind = info.Kind,
                SubscriptionId = info.SubscriptionId ?? _connection.RequireSubscription(null),
                EntryName = info.EntryName,
            };
            if (forGrant && info.VaultName != null && info.ResourceGroupName != null)
            {
                target.Vault = new VaultService(_connection).Get(info.VaultName, info.ResourceGroupName, info.SubscriptionId, "Scope", cancellationToken);
                CheckRbacModel(target.Vault);
            }

            return target;
        }

        /// <summary>Refuses a role grant on a vault whose data is governed by access policies.</summary>
        public static void CheckRbacModel(Vault vault)
        {
            if (!vault.EnableRbacAuthorization)
            {
                throw new VaultException(VaultErrorKind.OperationNotAllowed, "VaultUsesAccessPolicies",
                    $"The vault '{vault.Name}' uses the access policy permission model (enableRbacAuthorization is false): Azure does not use role assignments to decide who may read or change its secrets, keys and certificates. Grant access with Set-VaultAccessPolicy, or move the vault to the Azure RBAC model first.",
                    null, vault.ResourceId)
                {
                    RecommendedAction = "Use Set-VaultAccessPolicy for this vault.",
                };
            }
        }

        /// <summary>
        /// A warning when the secret, key or certificate a grant names does not exist in its vault (a likely typo),
        /// else null. ARM accepts a role on an entry that does not exist (it does not look into the vault) and the
        /// role then applies to an entry created later under that name, so this warns instead of refusing. Null too
        /// when it cannot be told (the caller may not list the entry's versions): a grant never fails for a check.
        /// </summary>
        public string? MissingEntryWarning(RoleTarget target, CancellationToken cancellationToken = default)
        {
            if (target.EntryName is null || target.Vault?.VaultUri is null)
            {
                return null;
            }

            var vault = new VaultAddress(target.Vault.Name, target.Vault.VaultUri);
            string name = target.EntryName;
            try
            {
                // Listing versions reads metadata only (never a secret's value) and is allowed to a role on the entry itself.
                bool exists = target.Kind switch
                {
                    ScopeKind.Secret => new Secrets.SecretService(_connection).ListVersions(vault, name, cancellationToken).Any(),
                    ScopeKind.Key => new Keys.KeyService(_connection).ListVersions(vault, name, cancellationToken).Any(),
                    ScopeKind.Certificate => new Certificates.CertificateService(_connection).ListVersions(vault, name, cancellationToken).Any(),
                    _ => true,
                };
                if (exists)
                {
                    return null;
                }
            }
            catch (VaultException e) when (e.Kind == VaultErrorKind.NotFound && e.ErrorId != "VaultNotFound")
            {
                // Not found (or deleted): warn below.
            }
            catch (VaultException)
            {
                return null;
            }

            string kind = target.Kind.ToString().ToLowerInvariant();
            return $"The vault '{vault.Name}' has no {kind} named '{name}' (or it is deleted). The role is granted on that name anyway, as Azure does, " +
                   $"and applies to a {kind} created under it later; check the name (Get-Vault{target.Kind} -VaultName {vault.Name}) if you meant an existing one.";
        }

        // ---- role definitions ----

        /// <summary>
        /// A role by name or id: the built-in Key Vault roles are resolved locally; other names through
        /// ARM ($filter=roleName eq '...'), other ids by GET.
        /// </summary>
        public RoleDefinition ResolveRole(string nameOrId, string subscriptionId, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(nameOrId))
            {
                throw VaultException.InvalidArgument("MissingRole", "Role", "-Role is empty: give a role name such as 'Key Vault Secrets User', or a role definition id.");
            }

            var builtIn = BuiltInRoles.FindByName(nameOrId) ?? BuiltInRoles.FindById(nameOrId);
            if (builtIn != null)
            {
                return ArmJson.ToRoleDefinition(builtIn, subscriptionId);
            }

            string? guid = RoleDefinitionIds.GuidOf(nameOrId);
            if (guid != null)
            {
                return GetDefinition(guid, subscriptionId, cancellationToken);
            }

            var found = ListDefinitions(subscriptionId, nameOrId.Trim(), cancellationToken)
                .FirstOrDefault(d => string.Equals(d.RoleName, nameOrId.Trim(), StringComparison.OrdinalIgnoreCase));
            return found ?? throw new VaultException(VaultErrorKind.NotFound, "VaultRoleDefinitionNotFound",
                $"There is no role named '{nameOrId}' (given to -Role). The Key Vault roles are: {string.Join(", ", BuiltInRoles.All.Select(r => r.Name))}.", null, nameOrId)
            {
                ParameterName = "Role",
            };
        }

        /// <summary>Role definitions visible in the subscription; with <paramref name="exactName"/>, only that role ($filter=roleName eq).</summary>
        public IEnumerable<RoleDefinition> ListDefinitions(string subscriptionId, string? exactName = null, CancellationToken cancellationToken = default)
        {
            string scope = AccessScope.Subscription(subscriptionId);
            string filter = exactName is null ? "" : "&$filter=" + ArmClient.Escape("roleName eq ") + ArmClient.ODataString(exactName);
            var definitions = _connection.Arm.List($"{scope}{DefinitionsSegment}?api-version={ArmClient.AuthorizationApiVersion}{filter}", EntryKind.RoleDefinition, exactName ?? scope, cancellationToken)
                .Select(ArmJson.ToRoleDefinition);
            foreach (var definition in definitions)
            {
                _connection.RoleNames[definition.Name] = definition.RoleName;
                yield return definition;
            }
        }

        /// <summary>One role definition by GUID or full id.</summary>
        public RoleDefinition GetDefinition(string idOrGuid, string subscriptionId, CancellationToken cancellationToken = default)
        {
            string guid = RoleDefinitionIds.GuidOf(idOrGuid) ?? throw VaultException.InvalidArgument("InvalidRoleDefinitionId", "Id",
                $"-Id '{idOrGuid}' is not a role definition id: give a GUID or /subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<guid>.", idOrGuid);
            string id = RoleDefinitionIds.Full(subscriptionId, guid);
            using var response = _connection.Arm.Send(RequestMethod.Get, $"{id}?api-version={ArmClient.AuthorizationApiVersion}", null, EntryKind.RoleDefinition, idOrGuid, cancellationToken);
            var definition = response.Body is null
                ? throw new VaultException(VaultErrorKind.NotFound, "VaultRoleDefinitionNotFound", $"The role definition '{idOrGuid}' was not found.", null, idOrGuid)
                : ArmJson.ToRoleDefinition(response.Body.RootElement);
            _connection.RoleNames[definition.Name] = definition.RoleName;
            return definition;
        }

        // ---- role assignments ----

        /// <summary>Checks a principal type; returns it in ARM's spelling (null stays null: ARM then looks the principal up).</summary>
        public static string? CheckPrincipalType(string? principalType, string parameterName = "PrincipalType")
        {
            if (principalType is null)
            {
                return null;
            }

            return PrincipalTypes.FirstOrDefault(t => string.Equals(t, principalType.Trim(), StringComparison.OrdinalIgnoreCase))
                   ?? throw VaultException.InvalidArgument("InvalidPrincipalType", parameterName,
                       $"-{parameterName} '{principalType}' is not a principal type: use User, Group or ServicePrincipal (managed identities are service principals).", principalType);
        }

        /// <summary>The assignment of exactly this role to this principal at exactly this scope, if any.</summary>
        public RoleAssignment? Find(string scope, string principalId, RoleDefinition role, CancellationToken cancellationToken = default)
        {
            AccessScope.CheckObjectId(principalId, "ObjectId");
            return ListRaw(scope, principalId, cancellationToken)
                .FirstOrDefault(a => AccessScope.SameScope(a.Scope, scope)
                                     && string.Equals(a.PrincipalId, principalId, StringComparison.OrdinalIgnoreCase)
                                     && RoleDefinitionIds.Same(a.RoleDefinitionId, role.Id.Length > 0 ? role.Id : role.Name));
        }

        /// <summary>
        /// Creates the assignment (PUT with a new GUID). When ARM answers 409 RoleAssignmentExists, the
        /// existing assignment is found and returned: granting what exists is not an error.
        /// </summary>
        public RoleAssignment Create(RoleTarget target, RoleDefinition role, string principalId, string? principalType, CancellationToken cancellationToken = default)
        {
            AccessScope.CheckObjectId(principalId, "ObjectId");
            string? type = CheckPrincipalType(principalType);
            string roleGuid = RoleDefinitionIds.GuidOf(role.Id) ?? RoleDefinitionIds.GuidOf(role.Name)
                ?? throw VaultException.InvalidArgument("InvalidRoleDefinitionId", "Role", $"The role '{role.RoleName}' given to -Role has no usable id.", role.Id);
            string roleDefinitionId = AccessScope.Parse(target.Scope).SubscriptionId is string sub
                ? RoleDefinitionIds.Full(sub, roleGuid)
                : DefinitionsSegment + "/" + roleGuid;

            var properties = new Dictionary<string, object?>
            {
                ["roleDefinitionId"] = roleDefinitionId,
                ["principalId"] = principalId,
            };
            if (type != null)
            {
                properties["principalType"] = type;
            }

            string name = Guid.NewGuid().ToString("D");
            string path = $"{ScopePrefix(target.Scope)}{AssignmentsSegment}/{name}?api-version={ArmClient.AuthorizationApiVersion}";
            try
            {
                using var response = _connection.Arm.Send(RequestMethod.Put, path, new Dictionary<string, object?> { ["properties"] = properties }, EntryKind.RoleAssignment, target.Scope, cancellationToken);
                var created = response.Body is null ? Get(ScopePrefix(target.Scope) + AssignmentsSegment + "/" + name, cancellationToken) : ArmJson.ToRoleAssignment(response.Body.RootElement);
                return Named(created, role);
            }
            catch (VaultException ex) when (ex.Status == 409 && string.Equals(ex.ServiceErrorCode, "RoleAssignmentExists", StringComparison.OrdinalIgnoreCase))
            {
                var existing = FromConflict(ex, target.Scope, cancellationToken) ?? Find(target.Scope, principalId, role, cancellationToken);
                if (existing is null)
                {
                    throw;
                }

                return Named(existing, role);
            }
        }

        /// <summary>One assignment by its full id.</summary>
        public RoleAssignment Get(string assignmentId, CancellationToken cancellationToken = default)
        {
            string id = CheckAssignmentId(assignmentId);
            using var response = _connection.Arm.Send(RequestMethod.Get, $"{id}?api-version={ArmClient.AuthorizationApiVersion}", null, EntryKind.RoleAssignment, id, cancellationToken);
            if (response.Body is null)
            {
                throw new VaultException(VaultErrorKind.NotFound, "VaultRoleAssignmentNotFound", $"The role assignment '{id}' was not found.", null, id);
            }

            return NameRoles(new[] { ArmJson.ToRoleAssignment(response.Body.RootElement) }, cancellationToken)[0];
        }

        /// <summary>
        /// Assignments at a scope. Without a principal: those at the scope ($filter=atScope()), and with
        /// <paramref name="includeInherited"/> also those at enclosing scopes (resource group, subscription,
        /// the vault for an entry). For a principal ($filter=principalId eq '...'): those at the scope and
        /// below it (a vault's entries), and with <paramref name="includeInherited"/> those above it too.
        /// </summary>
        public IReadOnlyList<RoleAssignment> List(string scope, string? principalId, bool includeInherited, RoleDefinition? role = null, CancellationToken cancellationToken = default)
        {
            string normalized = AccessScope.Normalize(scope);
            if (principalId != null)
            {
                AccessScope.CheckObjectId(principalId, "ObjectId");
            }

            IEnumerable<RoleAssignment> found = ListRaw(normalized, principalId, cancellationToken);
            found = principalId is null
                ? found.Where(a => includeInherited ? AccessScope.Encloses(a.Scope, normalized) : AccessScope.SameScope(a.Scope, normalized))
                : found.Where(a => string.Equals(a.PrincipalId, principalId, StringComparison.OrdinalIgnoreCase)
                                   && (AccessScope.Encloses(normalized, a.Scope) || (includeInherited && AccessScope.Encloses(a.Scope, normalized))));
            if (role != null)
            {
                found = found.Where(a => RoleDefinitionIds.Same(a.RoleDefinitionId, role.Id.Length > 0 ? role.Id : role.Name));
            }

            return NameRoles(found.ToList(), cancellationToken);
        }

        /// <summary>The assignments a revoke by role, principal and scope removes: exactly that role, that principal, that scope.</summary>
        public IReadOnlyList<RoleAssignment> FindForRevoke(string scope, string principalId, RoleDefinition role, CancellationToken cancellationToken = default)
            => List(scope, principalId, includeInherited: false, role, cancellationToken).Where(a => AccessScope.SameScope(a.Scope, scope)).ToList();

        /// <summary>Deletes an assignment by id. Returns the deleted assignment, or null when ARM says there was none (204).</summary>
        public RoleAssignment? Delete(string assignmentId, CancellationToken cancellationToken = default)
        {
            string id = CheckAssignmentId(assignmentId);
            using var response = _connection.Arm.Send(RequestMethod.Delete, $"{id}?api-version={ArmClient.AuthorizationApiVersion}", null, EntryKind.RoleAssignment, id, cancellationToken);
            if (response.Status == 204 || response.Body is null)
            {
                return null;
            }

            return NameRoles(new[] { ArmJson.ToRoleAssignment(response.Body.RootElement) }, cancellationToken)[0];
        }

        private IEnumerable<RoleAssignment> ListRaw(string scope, string? principalId, CancellationToken cancellationToken)
        {
            string filter = principalId is null
                ? ArmClient.Escape("atScope()")
                : ArmClient.Escape("principalId eq ") + ArmClient.ODataString(principalId);
            string path = $"{ScopePrefix(scope)}{AssignmentsSegment}?$filter={filter}&api-version={ArmClient.AuthorizationApiVersion}";
            return _connection.Arm.List(path, EntryKind.RoleAssignment, AccessScope.Normalize(scope), cancellationToken).Select(ArmJson.ToRoleAssignment);
        }

        private RoleAssignment? FromConflict(VaultException conflict, string scope, CancellationToken cancellationToken)
        {
            var match = ExistingId.Match(conflict.Message);
            if (!match.Success || !Guid.TryParse(match.Groups[1].Value, out var guid))
            {
                return null;
            }

            try
            {
                var existing = Get(ScopePrefix(scope) + AssignmentsSegment + "/" + guid.ToString("D"), cancellationToken);
                return AccessScope.SameScope(existing.Scope, scope) ? existing : null;
            }
            catch (VaultException ex) when (ex.Kind == VaultErrorKind.NotFound)
            {
                return null;
            }
        }

        /// <summary>Fills RoleDefinitionName: built-in roles locally, others from the session's cache or one GET per role.</summary>
        private IReadOnlyList<RoleAssignment> NameRoles(IReadOnlyList<RoleAssignment> assignments, CancellationToken cancellationToken)
        {
            foreach (var a in assignments.Where(a => a.RoleDefinitionName is null))
            {
                string guid = a.RoleDefinitionGuid;
                if (_connection.RoleNames.TryGetValue(guid, out string? name))
                {
                    a.RoleDefinitionName = name;
                    continue;
                }

                try
                {
                    using var response = _connection.Arm.Send(RequestMethod.Get, $"{a.RoleDefinitionId}?api-version={ArmClient.AuthorizationApiVersion}", null, EntryKind.RoleDefinition, a.RoleDefinitionId, cancellationToken);
                    if (response.Body != null)
                    {
                        var definition = ArmJson.ToRoleDefinition(response.Body.RootElement);
                        _connection.RoleNames[guid] = definition.RoleName;
                        a.RoleDefinitionName = definition.RoleName;
                    }
                }
                catch (VaultException ex) when (ex.Kind != VaultErrorKind.Cancelled && ex.Kind != VaultErrorKind.AuthenticationFailed)
                {
                    // The name is a convenience: an assignment whose role cannot be read is still listed, by id.
                }
            }

            return assignments;
        }

        private static RoleAssignment Named(RoleAssignment assignment, RoleDefinition role)
        {
            if (assignment.RoleDefinitionName is null && role.RoleName.Length > 0)
            {
                assignment.RoleDefinitionName = role.RoleName;
            }

            return assignment;
        }

        private static string CheckAssignmentId(string assignmentId)
        {
            string id = AccessScope.Normalize(assignmentId ?? "");
            int at = id.IndexOf(AssignmentsSegment + "/", StringComparison.OrdinalIgnoreCase);
            if (at < 0 || !AccessScope.IsGuid(id.Substring(at + AssignmentsSegment.Length + 1)))
            {
                throw VaultException.InvalidArgument("InvalidRoleAssignmentId", "InputObject",
                    $"The role assignment given to -InputObject ('{assignmentId}') is not a role assignment id: expected <scope>/providers/Microsoft.Authorization/roleAssignments/<guid>.", assignmentId);
            }

            return id;
        }

        /// <summary>A scope as the prefix of a path: the root scope "/" becomes "" (so paths start /providers/...).</summary>
        private static string ScopePrefix(string scope)
        {
            string s = AccessScope.Normalize(scope);
            return s == "/" ? "" : s;
        }

        private static string EntryParameter(EntryKind kind) => kind switch
        {
            EntryKind.Secret => "SecretName",
            EntryKind.Key => "KeyName",
            EntryKind.Certificate => "CertificateName",
            _ => kind.ToString(),
        };

        /// <summary>The ShouldProcess action of a grant, e.g. "Grant role 'Key Vault Secrets User' to ServicePrincipal {id}".</summary>
        public static string GrantDescription(string principalId, string? principalType, RoleDefinition role)
            => string.Format(CultureInfo.InvariantCulture, "Grant role '{0}' to {1}{2}", role.RoleName.Length > 0 ? role.RoleName : role.Name, principalType is null ? "" : principalType + " ", principalId);
    }
}
