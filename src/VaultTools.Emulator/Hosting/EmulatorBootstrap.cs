using System.Security.Cryptography;
using System.Text;
using VaultTools.Emulator.Authorization;
using VaultTools.Emulator.Identity;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Hosting;

/// <summary>
/// Applies the zero-configuration default and the --config file to storage at start:
/// vault <c>local</c> (standard, RBAC), Key Vault Administrator at subscription scope for
/// <c>admin</c> and <c>system</c> and Owner for <c>admin</c> (so that it can also manage vaults and
/// role assignments through ARM), then the config's vaults (created or updated) and role assignments.
/// The default assignments are written once per database, so that revoking them through ARM lasts
/// across restarts with --data-dir; the config's are applied at every start. Role-assignment ids are
/// derived from (principal, role, scope), so a restart does not duplicate them.
/// </summary>
public static class EmulatorBootstrap
{
    public static void Seed(EmulatorDatabase database, EmulatorRuntime runtime, EmulatorConfig config, IdentityDirectory identities, TimeProvider time)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var vaults = new VaultStore(database);
        if (vaults.Get(EmulatorRuntime.DefaultVaultName) is null)
        {
            vaults.Upsert(new VaultRecord { Name = EmulatorRuntime.DefaultVaultName, TenantId = runtime.TenantId, CreatedOn = now });
        }

        foreach (var v in config.Vaults)
        {
            if (!VaultStore.IsValidName(v.Name))
            {
                throw new ArgumentException($"Vault name '{v.Name}' is invalid: 3-24 letters, digits and hyphens, starting with a letter, ending with a letter or digit, no '--'.");
            }
            if (v.Sku is not ("standard" or "premium"))
            {
                throw new ArgumentException($"Vault '{v.Name}': sku must be 'standard' or 'premium', not '{v.Sku}'.");
            }
            if (v.SoftDeleteRetentionInDays is < 7 or > 90)
            {
                throw new ArgumentException($"Vault '{v.Name}': softDeleteRetentionInDays must be from 7 to 90.");
            }
            var existing = vaults.Get(v.Name);
            vaults.Upsert(new VaultRecord
            {
                Name = existing?.Name ?? v.Name.ToLowerInvariant(),
                Sku = v.Sku,
                EnableRbacAuthorization = v.EnableRbacAuthorization,
                AccessPolicies = v.AccessPolicies.Select(p => new AccessPolicyEntry
                {
                    TenantId = p.TenantId ?? runtime.TenantId,
                    ObjectId = p.ObjectId ?? (p.Identity is not null
                        ? identities.FindByName(p.Identity)?.ObjectId ?? throw new ArgumentException($"Vault '{v.Name}': access policy names unknown identity '{p.Identity}'.")
                        : throw new ArgumentException($"Vault '{v.Name}': an access policy needs objectId or identity.")),
                    ApplicationId = p.ApplicationId,
                    Permissions = p.Permissions,
                }).ToList(),
                SoftDeleteRetentionInDays = v.SoftDeleteRetentionInDays,
                EnablePurgeProtection = v.EnablePurgeProtection,
                TenantId = runtime.TenantId,
                CreatedOn = existing?.CreatedOn ?? now,
            });
        }

        var assignments = new List<RoleAssignmentRecord>();
        var seedDefaults = database.Read(s => s.GetSetting(BootstrapSettingsVault, "bootstrap", DefaultsSeeded)) is null;
        if (seedDefaults)
        {
            var admin = identities.FindByName("admin")!;
            var system = identities.FindByName("system")!;
            assignments.Add(Assignment(runtime, admin.ObjectId, admin.PrincipalType, BuiltInRoles.KeyVaultAdministrator, "/", now));
            assignments.Add(Assignment(runtime, admin.ObjectId, admin.PrincipalType, BuiltInRoles.Owner, "/", now));
            assignments.Add(Assignment(runtime, system.ObjectId, system.PrincipalType, BuiltInRoles.KeyVaultAdministrator, "/", now));
        }
        foreach (var ra in config.RoleAssignments)
        {
            var principal = ra.PrincipalId is not null
                ? identities.FindByObjectId(ra.PrincipalId)
                : ra.Principal is not null ? identities.FindByName(ra.Principal) : null;
            var principalId = ra.PrincipalId ?? principal?.ObjectId
                ?? throw new ArgumentException($"Role assignment: unknown principal '{ra.Principal}' (give principalId or the name of a configured identity).");
            var role = (ra.RoleDefinitionId is not null ? BuiltInRoles.FindById(ra.RoleDefinitionId) : null)
                ?? (ra.RoleDefinitionName is not null ? BuiltInRoles.FindByName(ra.RoleDefinitionName) : null)
                ?? throw new ArgumentException($"Role assignment: unknown role '{ra.RoleDefinitionName ?? ra.RoleDefinitionId}'. Known: {string.Join(", ", BuiltInRoles.All.Select(r => r.Name))}.");
            assignments.Add(Assignment(runtime, principalId, principal?.PrincipalType ?? "ServicePrincipal", role, ra.Scope, now));
        }
        database.Write(s =>
        {
            foreach (var a in assignments)
            {
                var existing = s.GetRoleAssignment(a.Id);
                s.UpsertRoleAssignment(existing is null ? a : a with { CreatedOn = existing.CreatedOn });
            }
            s.SetSetting(BootstrapSettingsVault, "bootstrap", DefaultsSeeded, "{\"seeded\":true}");
        });
    }

    /// <summary>A pseudo-vault name (not a valid vault name) under which the database remembers that the defaults were seeded.</summary>
    private const string BootstrapSettingsVault = "$emulator";
    private const string DefaultsSeeded = "default-role-assignments";

    private static RoleAssignmentRecord Assignment(EmulatorRuntime runtime, string principalId, string principalType, RoleDefinition role, string scope, long now)
    {
        var fullScope = runtime.ExpandScope(scope);
        return new RoleAssignmentRecord
        {
            Id = DeterministicGuid($"{principalId.ToLowerInvariant()}|{role.Id}|{fullScope.ToLowerInvariant()}"),
            Scope = fullScope,
            PrincipalId = principalId,
            RoleDefinitionId = role.FullId(runtime.SubscriptionId),
            PrincipalType = principalType,
            CreatedOn = now,
        };
    }

    private static string DeterministicGuid(string seed)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(seed))[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50); // version 5-style marker
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }
}
