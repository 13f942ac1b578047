namespace VaultTools.Emulator.Authorization;

/// <summary>
/// What a data-plane operation needs: the Azure RBAC data action (RBAC vaults) and the
/// access-policy permission (access-policy vaults), e.g. getSecret/action and secrets get.
/// </summary>
/// <param name="DataAction">Full data action, e.g. <c>Microsoft.KeyVault/vaults/secrets/getSecret/action</c>.</param>
/// <param name="PolicyCategory"><c>secrets</c>, <c>keys</c>, <c>certificates</c> or <c>storage</c>.</param>
/// <param name="PolicyPermission">The access-policy permission word, e.g. <c>get</c>.</param>
public sealed record DataPlanePermission(string DataAction, string PolicyCategory, string PolicyPermission)
{
    public override string ToString() => $"{DataAction} ({PolicyCategory}/{PolicyPermission})";
}

/// <summary>What the operations every entry kind has need (mapped by Entries/EntryEndpoints).</summary>
public sealed record EntryPermissions(
    DataPlanePermission Get, DataPlanePermission List, DataPlanePermission Update, DataPlanePermission Delete,
    DataPlanePermission Backup, DataPlanePermission Restore, DataPlanePermission Recover, DataPlanePermission Purge,
    DataPlanePermission GetDeleted, DataPlanePermission ListDeleted);

/// <summary>
/// The permissions each data-plane operation declares. Data actions are Microsoft's names for Key
/// Vault (the "Key Vault data actions" list and the access-policy-to-RBAC mapping); access-policy
/// permissions are those the REST reference names for each operation ("This operation requires the
/// secrets/list permission"), except where Microsoft's access-policy documentation names a
/// narrower one (key rotation policies: getrotationpolicy / setrotationpolicy). A new operation
/// declares its permission here.
/// </summary>
public static class KeyVaultPermissions
{
    private const string Vaults = "Microsoft.KeyVault/vaults/";

    public static class Secrets
    {
        /// <summary>GET /secrets/{name}[/{version}]: the value.</summary>
        public static readonly DataPlanePermission Get = new(Vaults + "secrets/getSecret/action", "secrets", "get");
        /// <summary>GET /secrets, GET /secrets/{name}/versions: metadata only.</summary>
        public static readonly DataPlanePermission List = new(Vaults + "secrets/readMetadata/action", "secrets", "list");
        /// <summary>PUT /secrets/{name}.</summary>
        public static readonly DataPlanePermission Set = new(Vaults + "secrets/setSecret/action", "secrets", "set");
        /// <summary>PATCH /secrets/{name}/{version} (access policy: set, per the REST reference).</summary>
        public static readonly DataPlanePermission Update = new(Vaults + "secrets/update/action", "secrets", "set");
        public static readonly DataPlanePermission Delete = new(Vaults + "secrets/delete", "secrets", "delete");
        public static readonly DataPlanePermission Backup = new(Vaults + "secrets/backup/action", "secrets", "backup");
        public static readonly DataPlanePermission Restore = new(Vaults + "secrets/restore/action", "secrets", "restore");
        public static readonly DataPlanePermission Recover = new(Vaults + "secrets/recover/action", "secrets", "recover");
        public static readonly DataPlanePermission Purge = new(Vaults + "secrets/purge/action", "secrets", "purge");
        /// <summary>GET /deletedsecrets/{name} (access policy: get, per the REST reference).</summary>
        public static readonly DataPlanePermission GetDeleted = new(Vaults + "secrets/readMetadata/action", "secrets", "get");
        /// <summary>GET /deletedsecrets (access policy: list).</summary>
        public static readonly DataPlanePermission ListDeleted = new(Vaults + "secrets/readMetadata/action", "secrets", "list");

        // Last: static fields are initialized in the order they are written.
        public static readonly EntryPermissions Lifecycle = new(Get, List, Update, Delete, Backup, Restore, Recover, Purge, GetDeleted, ListDeleted);
    }

    /// <summary>
    /// Certificates. Data actions as in Microsoft's list of Key Vault data actions (certificates/read,
    /// certificates/delete and the actions create, import, update, backup, restore, recover, purge;
    /// certificatecontacts/write and certificatecas/read, write, delete for contacts and issuers). Access-policy words as the REST reference names them per operation.
    /// </summary>
    public static class Certificates
    {
        /// <summary>GET /certificates/{name}[/{version}].</summary>
        public static readonly DataPlanePermission Get = new(Vaults + "certificates/read", "certificates", "get");
        /// <summary>GET /certificates, GET /certificates/{name}/versions.</summary>
        public static readonly DataPlanePermission List = new(Vaults + "certificates/read", "certificates", "list");
        /// <summary>POST /certificates/{name}/create.</summary>
        public static readonly DataPlanePermission Create = new(Vaults + "certificates/create/action", "certificates", "create");
        /// <summary>POST /certificates/{name}/import.</summary>
        public static readonly DataPlanePermission Import = new(Vaults + "certificates/import/action", "certificates", "import");
        /// <summary>PATCH /certificates/{name}/{version}, PATCH /certificates/{name}/policy, PATCH /certificates/{name}/pending (cancel).</summary>
        public static readonly DataPlanePermission Update = new(Vaults + "certificates/update/action", "certificates", "update");
        /// <summary>DELETE /certificates/{name}, DELETE /certificates/{name}/pending.</summary>
        public static readonly DataPlanePermission Delete = new(Vaults + "certificates/delete", "certificates", "delete");
        /// <summary>GET /certificates/{name}/policy, GET /certificates/{name}/pending.</summary>
        public static readonly DataPlanePermission GetPolicy = new(Vaults + "certificates/read", "certificates", "get");
        public static readonly DataPlanePermission Backup = new(Vaults + "certificates/backup/action", "certificates", "backup");
        public static readonly DataPlanePermission Restore = new(Vaults + "certificates/restore/action", "certificates", "restore");
        public static readonly DataPlanePermission Recover = new(Vaults + "certificates/recover/action", "certificates", "recover");
        public static readonly DataPlanePermission Purge = new(Vaults + "certificates/purge/action", "certificates", "purge");
        /// <summary>GET /deletedcertificates/{name}.</summary>
        public static readonly DataPlanePermission GetDeleted = new(Vaults + "certificates/read", "certificates", "get");
        /// <summary>GET /deletedcertificates.</summary>
        public static readonly DataPlanePermission ListDeleted = new(Vaults + "certificates/read", "certificates", "list");

        public static readonly EntryPermissions Lifecycle = new(Get, List, Update, Delete, Backup, Restore, Recover, Purge, GetDeleted, ListDeleted);
        /// <summary>GET/PUT/DELETE /certificates/contacts: managecontacts (the REST reference), certificatecontacts/write (its RBAC mapping).</summary>
        public static readonly DataPlanePermission ManageContacts = new(Vaults + "certificatecontacts/write", "certificates", "managecontacts");
        /// <summary>GET /certificates/issuers/{name}. An access policy's manageissuers covers the four issuer permissions.</summary>
        public static readonly DataPlanePermission GetIssuer = new(Vaults + "certificatecas/read", "certificates", "getissuers");
        /// <summary>GET /certificates/issuers.</summary>
        public static readonly DataPlanePermission ListIssuers = new(Vaults + "certificatecas/read", "certificates", "listissuers");
        /// <summary>PUT and PATCH /certificates/issuers/{name}.</summary>
        public static readonly DataPlanePermission SetIssuer = new(Vaults + "certificatecas/write", "certificates", "setissuers");
        /// <summary>DELETE /certificates/issuers/{name}.</summary>
        public static readonly DataPlanePermission DeleteIssuer = new(Vaults + "certificatecas/delete", "certificates", "deleteissuers");
    }

    /// <summary>
    /// Keys. Data actions as in the built-in roles (Key Vault Crypto Officer's <c>keys/*</c> resolves to
    /// read, delete and 15 actions: create, import, update, recover, purge, backup, restore, rotate,
    /// release, encrypt, decrypt, wrap, unwrap, sign, verify; <c>keyrotationpolicies/*</c> to read and
    /// write). Access-policy words as in the Key Vault access-policy permission list.
    /// </summary>
    public static class Keys
    {
        /// <summary>GET /keys/{name}[/{version}]: the public key and attributes.</summary>
        public static readonly DataPlanePermission Get = new(Vaults + "keys/read", "keys", "get");
        /// <summary>GET /keys, GET /keys/{name}/versions.</summary>
        public static readonly DataPlanePermission List = new(Vaults + "keys/read", "keys", "list");
        /// <summary>POST /keys/{name}/create.</summary>
        public static readonly DataPlanePermission Create = new(Vaults + "keys/create/action", "keys", "create");
        /// <summary>PUT /keys/{name}.</summary>
        public static readonly DataPlanePermission Import = new(Vaults + "keys/import/action", "keys", "import");
        /// <summary>PATCH /keys/{name}/{version}.</summary>
        public static readonly DataPlanePermission Update = new(Vaults + "keys/update/action", "keys", "update");
        public static readonly DataPlanePermission Delete = new(Vaults + "keys/delete", "keys", "delete");
        public static readonly DataPlanePermission Backup = new(Vaults + "keys/backup/action", "keys", "backup");
        public static readonly DataPlanePermission Restore = new(Vaults + "keys/restore/action", "keys", "restore");
        public static readonly DataPlanePermission Recover = new(Vaults + "keys/recover/action", "keys", "recover");
        public static readonly DataPlanePermission Purge = new(Vaults + "keys/purge/action", "keys", "purge");
        /// <summary>GET /deletedkeys/{name}.</summary>
        public static readonly DataPlanePermission GetDeleted = new(Vaults + "keys/read", "keys", "get");
        /// <summary>GET /deletedkeys.</summary>
        public static readonly DataPlanePermission ListDeleted = new(Vaults + "keys/read", "keys", "list");
        /// <summary>POST /keys/{name}/rotate.</summary>
        public static readonly DataPlanePermission Rotate = new(Vaults + "keys/rotate/action", "keys", "rotate");
        /// <summary>GET /keys/{name}/rotationpolicy.</summary>
        public static readonly DataPlanePermission GetRotationPolicy = new(Vaults + "keyrotationpolicies/read", "keys", "getrotationpolicy");
        /// <summary>PUT /keys/{name}/rotationpolicy.</summary>
        public static readonly DataPlanePermission SetRotationPolicy = new(Vaults + "keyrotationpolicies/write", "keys", "setrotationpolicy");
        public static readonly DataPlanePermission Encrypt = new(Vaults + "keys/encrypt/action", "keys", "encrypt");
        public static readonly DataPlanePermission Decrypt = new(Vaults + "keys/decrypt/action", "keys", "decrypt");
        public static readonly DataPlanePermission WrapKey = new(Vaults + "keys/wrap/action", "keys", "wrapKey");
        public static readonly DataPlanePermission UnwrapKey = new(Vaults + "keys/unwrap/action", "keys", "unwrapKey");
        public static readonly DataPlanePermission Sign = new(Vaults + "keys/sign/action", "keys", "sign");
        public static readonly DataPlanePermission Verify = new(Vaults + "keys/verify/action", "keys", "verify");

        public static readonly EntryPermissions Lifecycle = new(Get, List, Update, Delete, Backup, Restore, Recover, Purge, GetDeleted, ListDeleted);
    }
}
