namespace VaultTools.Emulator.Storage;

/// <summary>
/// A vault as stored (table <c>vaults</c>): what the ARM subset (issue: Arm/) creates and what
/// authorization (issue 4) evaluates. Soft delete is always on, as in the service since 2020.
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
}
