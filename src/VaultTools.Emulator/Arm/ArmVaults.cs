using System.Text.Json.Nodes;
using VaultTools.Emulator.Entries;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Arm;

/// <summary>
/// Microsoft.KeyVault/vaults through ARM: create or update (PUT), update (PATCH), get, list, delete,
/// and access policies (PUT .../accessPolicies/{add|replace|remove}). Every vault lives in the
/// emulator's resource group; a vault created here is reachable on the data plane at once
/// (<c>https://{vault}.localhost:{port}/</c>), because the data plane reads the same table.
/// </summary>
public sealed class ArmVaults(EmulatorDatabase database, EmulatorRuntime runtime, TimeProvider time, EntryVisibility visibility)
{
    private long Now => time.GetUtcNow().ToUnixTimeSeconds();

    public IReadOnlyList<VaultRecord> List() =>
        database.Read(s => s.ListVaultDocuments()).Select(StorageJson.Deserialize<VaultRecord>).ToList();

    /// <summary>
    /// A region as ARM spells it ("westeurope") or displays it ("West Europe"): letters, digits and spaces only, so
    /// that a location with a line feed or any other control character is refused instead of stored. The emulator
    /// has no list of regions, so any such name is accepted.
    /// </summary>
    private static bool IsLocationName(string location) =>
        location.Length <= 64 && location.All(c => char.IsAsciiLetterOrDigit(c) || c == ' ') && location.Trim().Length == location.Length;

    /// <summary>PUT: the body is the whole vault (properties.tenantId and properties.sku required). Returns the vault and whether it was created.</summary>
    public (VaultRecord Vault, bool Created) CreateOrUpdate(string name, JsonObject body)
    {
        if (!VaultStore.IsValidName(name))
        {
            throw ArmErrors.VaultNameNotValid(name).ToException();
        }
        var location = ArmJson.OptionalString(body, "location", "location");
        if (string.IsNullOrWhiteSpace(location))
        {
            throw ArmErrors.LocationRequired().ToException();
        }
        if (!IsLocationName(location))
        {
            throw ArmErrors.LocationNotAvailable(location).ToException();
        }
        var properties = ArmJson.OptionalObject(body, "properties", "properties")
            ?? throw ArmErrors.BadRequest("The request body must contain 'properties' with at least 'tenantId' and 'sku'.").ToException();
        var tags = ArmJson.OptionalObject(body, "tags", "tags") is { } t ? ArmJson.Tags(t) : new Dictionary<string, string>();
        var tenantId = ArmJson.OptionalString(properties, "tenantId", "properties.tenantId")
            ?? throw ArmErrors.BadRequest("'properties.tenantId' is required.").ToException();
        var sku = ReadSku(properties) ?? throw ArmErrors.BadRequest("'properties.sku' is required: {\"family\":\"A\",\"name\":\"standard\"|\"premium\"}.").ToException();
        CheckCreateMode(properties);
        var now = Now;

        return database.Write(s =>
        {
            var existing = Load(s, name);
            if (existing is not null && !string.Equals(NormalizeLocation(existing.Location), NormalizeLocation(location), StringComparison.OrdinalIgnoreCase))
            {
                throw ArmErrors.InvalidResourceLocation(existing.Name, existing.Location, EmulatorRuntime.ResourceGroupName, location).ToException();
            }
            var vault = Apply(existing ?? new VaultRecord { Name = name.ToLowerInvariant(), CreatedOn = now }, properties, replaceAll: true, exists: existing is not null) with
            {
                Location = existing?.Location ?? location,
                TenantId = CheckTenant(tenantId),
                Sku = sku,
                Tags = tags,
                UpdatedOn = existing is null ? 0 : now,
            };
            s.UpsertVault(vault.Name, StorageJson.Serialize(vault));
            return (vault, existing is null);
        });
    }

    /// <summary>PATCH: only the properties given change (tags replace the tags when given).</summary>
    public VaultRecord Update(string name, JsonObject body)
    {
        var properties = ArmJson.OptionalObject(body, "properties", "properties") ?? new JsonObject();
        var tags = ArmJson.OptionalObject(body, "tags", "tags") is { } t ? ArmJson.Tags(t) : null;
        var tenantId = ArmJson.OptionalString(properties, "tenantId", "properties.tenantId");
        var sku = ReadSku(properties);
        var now = Now;
        return database.Write(s =>
        {
            var existing = Load(s, name) ?? throw ArmErrors.ResourceNotFound($"{ArmJson.VaultType}/{name}", EmulatorRuntime.ResourceGroupName).ToException();
            var vault = Apply(existing, properties, replaceAll: false, exists: true) with
            {
                TenantId = tenantId is null ? existing.TenantId : CheckTenant(tenantId),
                Sku = sku ?? existing.Sku,
                Tags = tags ?? existing.Tags,
                UpdatedOn = now,
            };
            s.UpsertVault(vault.Name, StorageJson.Serialize(vault));
            return vault;
        });
    }

    /// <summary>Deletes the vault, its entries and the role assignments at and below it. False when there was no such vault.</summary>
    public bool Delete(string name, string vaultScope) =>
        database.Write(s =>
        {
            var existing = Load(s, name);
            if (existing is null)
            {
                return false;
            }
            s.DeleteVault(existing.Name);
            s.DeleteRoleAssignmentsAtOrBelow(vaultScope);
            visibility.ForgetVault(existing.Name);
            return true;
        });

    /// <summary>
    /// Access policies, as ARM's accessPolicies/{operationKind}: <c>add</c> merges the permissions into the
    /// entry of the same tenant, object and application (or adds the entry), <c>replace</c> makes them
    /// the entry's permissions (or adds it), <c>remove</c> takes the listed permissions away and drops an
    /// entry left with none (or listed without any). Other principals' entries are never touched.
    /// </summary>
    public IReadOnlyList<AccessPolicyEntry> ChangeAccessPolicies(string name, string operationKind, JsonObject body)
    {
        var properties = ArmJson.OptionalObject(body, "properties", "properties")
            ?? throw ArmErrors.BadRequest("The request body must contain 'properties.accessPolicies'.").ToException();
        var changes = ArmJson.ReadAccessPolicies(properties["accessPolicies"], "properties.accessPolicies");
        var now = Now;
        database.Write(s =>
        {
            var vault = Load(s, name) ?? throw ArmErrors.ResourceNotFound($"{ArmJson.VaultType}/{name}", EmulatorRuntime.ResourceGroupName).ToException();
            var policies = vault.AccessPolicies.ToList();
            foreach (var change in changes)
            {
                var index = policies.FindIndex(p => SamePrincipal(p, change));
                var current = index >= 0 ? policies[index] : null;
                AccessPolicyEntry? updated = operationKind switch
                {
                    "add" => current is null ? change : current with { Permissions = Merge(current.Permissions, change.Permissions) },
                    "replace" => current is null ? change : current with { Permissions = change.Permissions },
                    _ => current is null ? null : Subtract(current, change.Permissions),
                };
                if (index >= 0 && updated is null)
                {
                    policies.RemoveAt(index);
                }
                else if (index >= 0)
                {
                    policies[index] = updated!;
                }
                else if (updated is not null)
                {
                    policies.Add(updated);
                }
            }
            if (policies.Count > 1024)
            {
                throw ArmErrors.BadRequest("A vault has at most 1024 access policies.").ToException();
            }
            var changed = vault with { AccessPolicies = policies, UpdatedOn = now };
            s.UpsertVault(changed.Name, StorageJson.Serialize(changed));
        });
        return changes;
    }

    /// <summary>ARM compares locations without spaces and case ("West Europe" is "westeurope").</summary>
    private static string NormalizeLocation(string location) => location.Replace(" ", "", StringComparison.Ordinal);

    private static VaultRecord? Load(StorageSession s, string name) =>
        s.GetVaultDocument(name) is { } document ? StorageJson.Deserialize<VaultRecord>(document) : null;

    private string CheckTenant(string tenantId)
    {
        if (!ArmScope.IsGuid(tenantId))
        {
            throw ArmErrors.BadRequest($"'properties.tenantId' must be a tenant id (a GUID); got '{tenantId}'.").ToException();
        }
        if (!string.Equals(tenantId, runtime.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            // The emulator has one tenant; a vault of another tenant could never be used with its tokens.
            throw ArmErrors.BadRequest($"The tenant '{tenantId}' is not the emulator's tenant '{runtime.TenantId}': a vault belongs to the tenant of its subscription.").ToException();
        }
        return runtime.TenantId;
    }

    private static string? ReadSku(JsonObject properties)
    {
        var sku = ArmJson.OptionalObject(properties, "sku", "properties.sku");
        if (sku is null)
        {
            return null;
        }
        var family = ArmJson.OptionalString(sku, "family", "properties.sku.family") ?? "A";
        var name = ArmJson.OptionalString(sku, "name", "properties.sku.name");
        if (!string.Equals(family, "A", StringComparison.OrdinalIgnoreCase) || name is null
            || !(name.Equals("standard", StringComparison.OrdinalIgnoreCase) || name.Equals("premium", StringComparison.OrdinalIgnoreCase)))
        {
            throw ArmErrors.BadRequest($"'properties.sku' must be {{\"family\":\"A\",\"name\":\"standard\"|\"premium\"}}; got family '{family}', name '{name}'.").ToException();
        }
        return name.ToLowerInvariant();
    }

    private static void CheckCreateMode(JsonObject properties)
    {
        var mode = ArmJson.OptionalString(properties, "createMode", "properties.createMode");
        if (mode is not null && !mode.Equals("default", StringComparison.OrdinalIgnoreCase))
        {
            throw ArmErrors.NotImplemented("PUT", $"vault with createMode '{mode}' (soft-deleted vaults are not kept by the emulator)").ToException();
        }
    }

    /// <summary>
    /// The vault's settings from <paramref name="properties"/>. With <paramref name="replaceAll"/> (PUT) a
    /// setting not given takes ARM's default; otherwise (PATCH) it keeps its value. Soft delete cannot be
    /// turned off, purge protection cannot be turned off once on, retention cannot change after creation.
    /// </summary>
    private static VaultRecord Apply(VaultRecord vault, JsonObject properties, bool replaceAll, bool exists)
    {
        if (ArmJson.OptionalBool(properties, "enableSoftDelete", "properties.enableSoftDelete") == false)
        {
            throw ArmErrors.BadRequest("Soft delete cannot be disabled: 'properties.enableSoftDelete' must be true (soft delete is always on for vaults).").ToException();
        }
        var retention = ArmJson.OptionalInt(properties, "softDeleteRetentionInDays", "properties.softDeleteRetentionInDays");
        if (retention is < 7 or > 90)
        {
            throw ArmErrors.BadRequest($"'properties.softDeleteRetentionInDays' must be from 7 to 90; got {retention}.").ToException();
        }
        if (exists && retention is not null && retention != vault.SoftDeleteRetentionInDays)
        {
            throw ArmErrors.BadRequest(
                $"The property \"softDeleteRetentionInDays\" cannot be changed once the vault is created (it is {vault.SoftDeleteRetentionInDays}; the request asks for {retention}).").ToException();
        }
        var purgeProtection = ArmJson.OptionalBool(properties, "enablePurgeProtection", "properties.enablePurgeProtection");
        if (purgeProtection == false && vault.EnablePurgeProtection)
        {
            throw ArmErrors.BadRequest("The property \"enablePurgeProtection\" cannot be set to false. Enabling the purge protection for a vault is an irreversible action.").ToException();
        }
        var rbac = ArmJson.OptionalBool(properties, "enableRbacAuthorization", "properties.enableRbacAuthorization");
        var policies = properties.ContainsKey("accessPolicies") ? ArmJson.ReadAccessPolicies(properties["accessPolicies"], "properties.accessPolicies") : null;
        var network = ArmJson.OptionalString(properties, "publicNetworkAccess", "properties.publicNetworkAccess");
        return vault with
        {
            // ARM's default for enableRbacAuthorization is false (access policies) when the property is absent.
            EnableRbacAuthorization = rbac ?? (replaceAll ? false : vault.EnableRbacAuthorization),
            AccessPolicies = policies ?? (replaceAll ? [] : vault.AccessPolicies),
            SoftDeleteRetentionInDays = retention ?? vault.SoftDeleteRetentionInDays,
            EnablePurgeProtection = purgeProtection ?? vault.EnablePurgeProtection,
            EnabledForDeployment = ArmJson.OptionalBool(properties, "enabledForDeployment", "properties.enabledForDeployment") ?? (replaceAll ? false : vault.EnabledForDeployment),
            EnabledForDiskEncryption = ArmJson.OptionalBool(properties, "enabledForDiskEncryption", "properties.enabledForDiskEncryption") ?? (replaceAll ? false : vault.EnabledForDiskEncryption),
            EnabledForTemplateDeployment = ArmJson.OptionalBool(properties, "enabledForTemplateDeployment", "properties.enabledForTemplateDeployment") ?? (replaceAll ? false : vault.EnabledForTemplateDeployment),
            PublicNetworkAccess = network ?? (replaceAll ? "Enabled" : vault.PublicNetworkAccess),
        };
    }

    private static bool SamePrincipal(AccessPolicyEntry a, AccessPolicyEntry b) =>
        string.Equals(a.ObjectId, b.ObjectId, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.TenantId ?? "", b.TenantId ?? "", StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.ApplicationId ?? "", b.ApplicationId ?? "", StringComparison.OrdinalIgnoreCase);

    private static AccessPolicyPermissions Merge(AccessPolicyPermissions a, AccessPolicyPermissions b) => new()
    {
        Keys = Union(a.Keys, b.Keys),
        Secrets = Union(a.Secrets, b.Secrets),
        Certificates = Union(a.Certificates, b.Certificates),
        Storage = Union(a.Storage, b.Storage),
    };

    private static AccessPolicyEntry? Subtract(AccessPolicyEntry entry, AccessPolicyPermissions removed)
    {
        var nothingListed = removed.Keys.Count + removed.Secrets.Count + removed.Certificates.Count + removed.Storage.Count == 0;
        var left = new AccessPolicyPermissions
        {
            Keys = Except(entry.Permissions.Keys, removed.Keys),
            Secrets = Except(entry.Permissions.Secrets, removed.Secrets),
            Certificates = Except(entry.Permissions.Certificates, removed.Certificates),
            Storage = Except(entry.Permissions.Storage, removed.Storage),
        };
        var empty = left.Keys.Count + left.Secrets.Count + left.Certificates.Count + left.Storage.Count == 0;
        return nothingListed || empty ? null : entry with { Permissions = left };
    }

    private static List<string> Union(IEnumerable<string> a, IEnumerable<string> b) =>
        a.Concat(b).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static List<string> Except(IEnumerable<string> a, IEnumerable<string> b) =>
        a.Where(x => !b.Contains(x, StringComparer.OrdinalIgnoreCase)).ToList();
}
