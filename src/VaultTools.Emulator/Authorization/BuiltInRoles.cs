namespace VaultTools.Emulator.Authorization;

/// <summary>A built-in Azure role definition relevant to Key Vault.</summary>
public sealed record RoleDefinition(string Name, string Id, IReadOnlyList<string> DataActions, IReadOnlyList<string> Actions)
{
    /// <summary>The full id under a subscription, as ARM reports it.</summary>
    public string FullId(string subscriptionId) =>
        $"/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{Id}";
}

/// <summary>Built-in Key Vault roles (DESIGN.md "Wire facts"); data actions under Microsoft.KeyVault/vaults/.</summary>
public static class BuiltInRoles
{
    private static RoleDefinition Role(string name, string id, params string[] dataActions) =>
        new(name, id, dataActions.Select(a => "Microsoft.KeyVault/vaults/" + a).ToArray(), []);

    public static readonly RoleDefinition KeyVaultAdministrator = Role("Key Vault Administrator", "00482a5a-887f-4fb3-b363-3b7fe8e74483", "*");

    public static readonly IReadOnlyList<RoleDefinition> All =
    [
        KeyVaultAdministrator,
        Role("Key Vault Reader", "21090545-7ca7-4776-b22c-e363652d74d2", "*/read", "secrets/readMetadata/action"),
        Role("Key Vault Secrets Officer", "b86a8fe4-44ce-4948-aee5-eccb2c155cd7", "secrets/*"),
        Role("Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6", "secrets/getSecret/action", "secrets/readMetadata/action"),
        Role("Key Vault Crypto Officer", "14b46e9e-c2b7-41b4-b07b-48a6ebf60603", "keys/*", "keyrotationpolicies/*"),
        Role("Key Vault Crypto User", "12338af0-0e69-4776-bea7-57ae8d297424", "keys/read", "keys/update/action", "keys/backup/action",
            "keys/encrypt/action", "keys/decrypt/action", "keys/wrap/action", "keys/unwrap/action", "keys/sign/action", "keys/verify/action"),
        Role("Key Vault Crypto Service Encryption User", "e147488a-f6f5-4113-8e2d-b22465e65bf6", "keys/read", "keys/wrap/action", "keys/unwrap/action"),
        Role("Key Vault Certificates Officer", "a4417e6f-fecd-4de8-b567-7b0420556985", "certificatecas/*", "certificates/*", "certificatecontacts/write"),
        Role("Key Vault Certificate User", "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba", "certificates/read", "secrets/getSecret/action",
            "secrets/readMetadata/action", "keys/read"),
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
