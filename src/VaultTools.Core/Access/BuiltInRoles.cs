using System;
using System.Collections.Generic;
using System.Linq;

namespace VaultTools.Access
{
    /// <summary>A built-in Key Vault role: its name, its fixed id (the same in every subscription) and its data actions.</summary>
    public sealed class BuiltInRole
    {
        internal BuiltInRole(string name, string id, string description, params string[] dataActions)
        {
            Name = name;
            Id = id;
            Description = description;
            DataActions = dataActions.Select(a => "Microsoft.KeyVault/vaults/" + a).ToArray();
        }

        public string Name { get; }

        /// <summary>The role definition's GUID.</summary>
        public string Id { get; }

        public string Description { get; }

        public IReadOnlyList<string> DataActions { get; }

        /// <summary>The full role definition id in a subscription, as role assignments carry it.</summary>
        public string DefinitionId(string subscriptionId) => RoleDefinitionIds.Full(subscriptionId, Id);

        public override string ToString() => Name;
    }

    /// <summary>
    /// The built-in Key Vault roles with their real ids (as Azure lists them: az role definition list), so that a role name is
    /// resolved to its id without a request, and an assignment's role id is shown by name.
    /// </summary>
    public static class BuiltInRoles
    {
        public static readonly BuiltInRole Administrator = new BuiltInRole("Key Vault Administrator", "00482a5a-887f-4fb3-b363-3b7fe8e74483",
            "Perform all data plane operations on a key vault and all objects in it, including certificates, keys, and secrets.", "*");

        public static readonly BuiltInRole Reader = new BuiltInRole("Key Vault Reader", "21090545-7ca7-4776-b22c-e363652d74d2",
            "Read metadata of key vaults and its certificates, keys, and secrets. Cannot read sensitive values such as secret contents or key material.",
            "*/read", "secrets/readMetadata/action");

        public static readonly BuiltInRole SecretsOfficer = new BuiltInRole("Key Vault Secrets Officer", "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
            "Perform any action on the secrets of a key vault, except manage permissions.", "secrets/*");

        public static readonly BuiltInRole SecretsUser = new BuiltInRole("Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6",
            "Read secret contents.", "secrets/getSecret/action", "secrets/readMetadata/action");

        public static readonly BuiltInRole CryptoOfficer = new BuiltInRole("Key Vault Crypto Officer", "14b46e9e-c2b7-41b4-b07b-48a6ebf60603",
            "Perform any action on the keys of a key vault, except manage permissions.", "keys/*", "keyrotationpolicies/*");

        public static readonly BuiltInRole CryptoUser = new BuiltInRole("Key Vault Crypto User", "12338af0-0e69-4776-bea7-57ae8d297424",
            "Perform cryptographic operations using keys.",
            "keys/read", "keys/update/action", "keys/backup/action", "keys/encrypt/action", "keys/decrypt/action", "keys/wrap/action", "keys/unwrap/action", "keys/sign/action", "keys/verify/action");

        public static readonly BuiltInRole CryptoServiceEncryptionUser = new BuiltInRole("Key Vault Crypto Service Encryption User", "e147488a-f6f5-4113-8e2d-b22465e65bf6",
            "Read metadata of keys and perform wrap/unwrap operations.", "keys/read", "keys/wrap/action", "keys/unwrap/action");

        public static readonly BuiltInRole CertificatesOfficer = new BuiltInRole("Key Vault Certificates Officer", "a4417e6f-fecd-4de8-b567-7b0420556985",
            "Perform any action on the certificates of a key vault, except manage permissions.", "certificatecas/*", "certificates/*", "certificatecontacts/write");

        public static readonly BuiltInRole CertificateUser = new BuiltInRole("Key Vault Certificate User", "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba",
            "Read entire certificate contents including secret and key portion.",
            "certificates/read", "secrets/getSecret/action", "secrets/readMetadata/action", "keys/read");

        public static IReadOnlyList<BuiltInRole> All { get; } = new[]
        {
            Administrator, Reader, SecretsOfficer, SecretsUser, CryptoOfficer, CryptoUser, CryptoServiceEncryptionUser, CertificatesOfficer, CertificateUser,
        };

        public static BuiltInRole? FindByName(string? name)
            => name is null ? null : All.FirstOrDefault(r => string.Equals(r.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

        /// <summary>By GUID or by full role definition id.</summary>
        public static BuiltInRole? FindById(string? id)
        {
            string? guid = RoleDefinitionIds.GuidOf(id);
            return guid is null ? null : All.FirstOrDefault(r => string.Equals(r.Id, guid, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Role definition ids: a GUID, or /subscriptions/{s}/providers/Microsoft.Authorization/roleDefinitions/{guid}.</summary>
    public static class RoleDefinitionIds
    {
        private const string Marker = "/providers/Microsoft.Authorization/roleDefinitions/";

        public static string Full(string subscriptionId, string roleGuid) => AccessScope.Subscription(subscriptionId) + Marker + roleGuid;

        /// <summary>The GUID of a role given as GUID or as full id; null when it is neither (for example a role name).</summary>
        public static string? GuidOf(string? idOrGuid)
        {
            if (idOrGuid is null)
            {
                return null;
            }

            string s = idOrGuid.Trim();
            if (AccessScope.IsGuid(s))
            {
                return s.ToLowerInvariant();
            }

            int at = s.LastIndexOf(Marker, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                string tail = s.Substring(at + Marker.Length).TrimEnd('/');
                return AccessScope.IsGuid(tail) ? tail.ToLowerInvariant() : null;
            }

            return null;
        }

        public static bool Same(string? a, string? b)
        {
            string? ga = GuidOf(a);
            return ga != null && string.Equals(ga, GuidOf(b), StringComparison.OrdinalIgnoreCase);
        }
    }
}
