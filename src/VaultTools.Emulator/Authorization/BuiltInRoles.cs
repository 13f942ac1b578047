namespace VaultTools.Emulator.Authorization;

/// <summary>
/// A built-in Azure role definition: control-plane <see cref="Actions"/> (ARM operations such as
/// <c>Microsoft.KeyVault/vaults/write</c>) and data-plane <see cref="DataActions"/> (vault operations
/// such as <c>Microsoft.KeyVault/vaults/secrets/getSecret/action</c>), each minus its "not" list.
/// </summary>
public sealed record RoleDefinition(
    string Name,
    string Id,
    string Description,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> NotActions,
    IReadOnlyList<string> DataActions,
    IReadOnlyList<string> NotDataActions)
{
    /// <summary>The full id under a subscription, as ARM reports it.</summary>
    public string FullId(string subscriptionId) =>
        $"/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{Id}";

    /// <summary>
    /// Whether this role permits <paramref name="action"/>: a data action (<paramref name="dataAction"/>)
    /// is checked against DataActions minus NotDataActions, an ARM action against Actions minus NotActions,
    /// with Azure's wildcards (<see cref="ActionPattern"/>).
    /// </summary>
    public bool Permits(string action, bool dataAction) =>
        dataAction
            ? ActionPattern.AnyMatch(DataActions, action) && !ActionPattern.AnyMatch(NotDataActions, action)
            : ActionPattern.AnyMatch(Actions, action) && !ActionPattern.AnyMatch(NotActions, action);
}

/// <summary>
/// The built-in roles the emulator knows, with their real ids, names, descriptions and permissions:
/// the built-in Key Vault roles as Azure defines them (az role definition list) and the general control-plane roles that manage
/// vaults and role assignments (Owner, Contributor, Reader, User Access Administrator, Key Vault
/// Contributor). Custom roles are not supported.
/// </summary>
public static class BuiltInRoles
{
    private const string Vaults = "Microsoft.KeyVault/vaults/";
    private const string RbacOnly = " Only works for key vaults that use the 'Azure role-based access control' permission model.";

    /// <summary>The control-plane actions the Key Vault "officer", reader and administrator roles share: read the vault and its access control.</summary>
    private static readonly string[] KeyVaultManagementRead =
    [
        "Microsoft.Authorization/*/read",
        "Microsoft.Insights/alertRules/*",
        "Microsoft.Resources/deployments/*",
        "Microsoft.Resources/subscriptions/resourceGroups/read",
        "Microsoft.Support/*",
        "Microsoft.KeyVault/checkNameAvailability/read",
        "Microsoft.KeyVault/deletedVaults/read",
        "Microsoft.KeyVault/locations/*/read",
        "Microsoft.KeyVault/vaults/*/read",
        "Microsoft.KeyVault/operations/read",
    ];

    private static RoleDefinition KeyVaultRole(string name, string id, string description, string[] actions, params string[] dataActions) =>
        new(name, id, description + RbacOnly, actions, [], dataActions.Select(a => Vaults + a).ToArray(), []);

    public static readonly RoleDefinition KeyVaultAdministrator = KeyVaultRole("Key Vault Administrator", "00482a5a-887f-4fb3-b363-3b7fe8e74483",
        "Perform all data plane operations on a key vault and all objects in it, including certificates, keys, and secrets. Cannot manage key vault resources or manage role assignments.",
        KeyVaultManagementRead, "*");

    public static readonly RoleDefinition Owner = new("Owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
        "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.", ["*"], [], [], []);

    public static readonly IReadOnlyList<RoleDefinition> All =
    [
        KeyVaultAdministrator,
        KeyVaultRole("Key Vault Reader", "21090545-7ca7-4776-b22c-e363652d74d2",
            "Read metadata of key vaults and its certificates, keys, and secrets. Cannot read sensitive values such as secret contents or key material.",
            KeyVaultManagementRead, "*/read", "secrets/readMetadata/action"),
        KeyVaultRole("Key Vault Secrets Officer", "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
            "Perform any action on the secrets of a key vault, except manage permissions.", KeyVaultManagementRead, "secrets/*"),
        KeyVaultRole("Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6",
            "Read secret contents.", [], "secrets/getSecret/action", "secrets/readMetadata/action"),
        KeyVaultRole("Key Vault Crypto Officer", "14b46e9e-c2b7-41b4-b07b-48a6ebf60603",
            "Perform any action on the keys of a key vault, except manage permissions.", KeyVaultManagementRead, "keys/*", "keyrotationpolicies/*"),
        KeyVaultRole("Key Vault Crypto User", "12338af0-0e69-4776-bea7-57ae8d297424",
            "Perform cryptographic operations using keys.", [], "keys/read", "keys/update/action", "keys/backup/action",
            "keys/encrypt/action", "keys/decrypt/action", "keys/wrap/action", "keys/unwrap/action", "keys/sign/action", "keys/verify/action"),
        KeyVaultRole("Key Vault Crypto Service Encryption User", "e147488a-f6f5-4113-8e2d-b22465e65bf6",
            "Read metadata of keys and perform wrap/unwrap operations.",
            ["Microsoft.EventGrid/eventSubscriptions/write", "Microsoft.EventGrid/eventSubscriptions/read", "Microsoft.EventGrid/eventSubscriptions/delete"],
            "keys/read", "keys/wrap/action", "keys/unwrap/action"),
        KeyVaultRole("Key Vault Certificates Officer", "a4417e6f-fecd-4de8-b567-7b0420556985",
            "Perform any action on the certificates of a key vault, except manage permissions.", KeyVaultManagementRead,
            "certificatecas/*", "certificates/*", "certificatecontacts/write"),
        KeyVaultRole("Key Vault Certificate User", "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba",
            "Read entire certificate contents including secret and key portion.", [],
            "certificates/read", "secrets/getSecret/action", "secrets/readMetadata/action", "keys/read"),
        new("Key Vault Contributor", "f25e0fa2-a7c8-4377-a976-54943a77a395",
            "Lets you manage key vaults, but not access to them.",
            ["Microsoft.Authorization/*/read", "Microsoft.Insights/alertRules/*", "Microsoft.KeyVault/*", "Microsoft.Resources/deployments/*",
             "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Support/*"],
            ["Microsoft.KeyVault/locations/deletedVaults/purge/action", "Microsoft.KeyVault/hsmPools/*", "Microsoft.KeyVault/managedHsms/*"], [], []),
        Owner,
        new("Contributor", "b24988ac-6180-42a0-ab88-20f7382dd24c",
            "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.",
            ["*"],
            ["Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action",
             "Microsoft.Blueprint/blueprintAssignments/write", "Microsoft.Blueprint/blueprintAssignments/delete", "Microsoft.Compute/galleries/share/action"],
            [], []),
        new("Reader", "acdd72a7-3385-48ef-bd42-f606fba81ae7",
            "View all resources, but does not allow you to make any changes.", ["*/read"], [], [], []),
        new("User Access Administrator", "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
            "Lets you manage user access to Azure resources.", ["*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"], [], [], []),
    ];

    public static RoleDefinition? FindByName(string name) =>
        All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>By GUID or by a full id ending in the GUID.</summary>
    public static RoleDefinition? FindById(string id)
    {
        var guid = id.TrimEnd('/').Split('/')[^1];
        return All.FirstOrDefault(r => string.Equals(r.Id, guid, StringComparison.OrdinalIgnoreCase));
    }
}
