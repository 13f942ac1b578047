namespace VaultTools.Emulator.Storage;

/// <summary>
/// A vault as stored (table <c>vaults</c>): what the ARM subset (Arm/) and the config create and what
/// authorization evaluates. Every vault lives in the emulator's one resource group. Soft delete is
/// always on, as in the service since 2020.
/// </summary>
public sealed record VaultRecord
{
    public required string Name { get; init; }
    /// <summary><c>standard</c> or <c>premium</c> (HSM key types need premium).</summary>
    public string Sku { get; init; } = "standard";
    public bool EnableRbacAuthorization { get; init; } = true;
    public IReadOnlyList<AccessPolicyEntry> AccessPolicies { get; init; } = [];
    /// <summary>7..90; below 90 the recovery level is "CustomizedRecoverable...".</summary>
    public int SoftDeleteRetentionInDays { get; init; } = 90;
    public bool EnablePurgeProtection { get; init; }
    public string Location { get; init; } = "emulator";
    public string TenantId { get; init; } = "";
    public long CreatedOn { get; init; }
    /// <summary>Last change through ARM (epoch seconds); 0 when never changed after creation.</summary>
    public long UpdatedOn { get; init; }
    /// <summary>ARM resource tags (at most 50).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
    // Stored and reported as given through ARM; the emulator does not act on them.
    public bool EnabledForDeployment { get; init; }
    public bool EnabledForDiskEncryption { get; init; }
    public bool EnabledForTemplateDeployment { get; init; }
    public string PublicNetworkAccess { get; init; } = "Enabled";

    /// <summary>The recoveryLevel attribute that entries of this vault carry.</summary>
    public string RecoveryLevel => (SoftDeleteRetentionInDays < 90, EnablePurgeProtection) switch
    {
        (false, false) => "Recoverable+Purgeable",
        (false, true) => "Recoverable",
        (true, false) => "CustomizedRecoverable+Purgeable",
        (true, true) => "CustomizedRecoverable",
    };
}

/// <summary>An access policy of a vault (used when EnableRbacAuthorization is false).</summary>
public sealed record AccessPolicyEntry
{
    public string? TenantId { get; init; }
    public required string ObjectId { get; init; }
    public string? ApplicationId { get; init; }
    public AccessPolicyPermissions Permissions { get; init; } = new();
}

/// <summary>Permission names as in ARM (lower-case words: get, list, set, ...).</summary>
public sealed record AccessPolicyPermissions
{
    public IReadOnlyList<string> Keys { get; init; } = [];
    public IReadOnlyList<string> Secrets { get; init; } = [];
    public IReadOnlyList<string> Certificates { get; init; } = [];
    public IReadOnlyList<string> Storage { get; init; } = [];
}

/// <summary>An ARM role assignment (table <c>role_assignments</c>); scopes are full ARM scopes.</summary>
public sealed record RoleAssignmentRecord
{
    /// <summary>The assignment's name (a GUID).</summary>
    public required string Id { get; init; }
    /// <summary>Full ARM scope, e.g. /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{v}/secrets/{n}.</summary>
    public required string Scope { get; init; }
    public required string PrincipalId { get; init; }
    /// <summary>Full role definition id: /subscriptions/{s}/providers/Microsoft.Authorization/roleDefinitions/{guid}.</summary>
    public required string RoleDefinitionId { get; init; }
    public string PrincipalType { get; init; } = "ServicePrincipal";
    public long CreatedOn { get; init; }
    /// <summary>Object id of who created it through ARM (null for the default and the config's).</summary>
    public string? CreatedBy { get; init; }
    public string? Description { get; init; }
}
