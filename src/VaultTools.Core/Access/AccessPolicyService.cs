using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Azure.Core;
using VaultTools.Errors;

namespace VaultTools.Access
{
    /// <summary>What Set-VaultAccessPolicy grants: one principal's permissions per category.</summary>
    public sealed class AccessPolicyChange
    {
        public string ObjectId { get; set; } = "";
        public IEnumerable<string>? PermissionsToSecrets { get; set; }
        public IEnumerable<string>? PermissionsToKeys { get; set; }
        public IEnumerable<string>? PermissionsToCertificates { get; set; }
        /// <summary>
        /// False (the default): the permissions are added to what the principal already has (ARM's "add").
        /// True: the principal's permissions become exactly these, categories not given become empty (ARM's "replace").
        /// </summary>
        public bool Replace { get; set; }
    }

    /// <summary>
    /// Access policies of vaults on the access-policy model, through ARM's
    /// PUT .../vaults/{v}/accessPolicies/{add|replace|remove} (api-version 2023-07-01). Permission names are
    /// checked against the service's lists before any request; a vault on the RBAC model is refused,
    /// because Azure ignores access policies there.
    /// </summary>
    public sealed class AccessPolicyService
    {
        private readonly Connection.VaultConnection _connection;

        public AccessPolicyService(Connection.VaultConnection connection)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        }

        /// <summary>Checks a change and returns the permissions in the service's spelling. Sends nothing.</summary>
        public static (string[] Secrets, string[] Keys, string[] Certificates) Validate(AccessPolicyChange change)
        {
            AccessScope.CheckObjectId(change.ObjectId, "ObjectId");
            var secrets = AccessPolicyPermissions.Normalize(EntryKind.Secret, change.PermissionsToSecrets, "PermissionsToSecrets");
            var keys = AccessPolicyPermissions.Normalize(EntryKind.Key, change.PermissionsToKeys, "PermissionsToKeys");
            var certificates = AccessPolicyPermissions.Normalize(EntryKind.Certificate, change.PermissionsToCertificates, "PermissionsToCertificates");
            if (secrets.Length + keys.Length + certificates.Length == 0)
            {
                throw VaultException.InvalidArgument("NoAccessPolicyPermissions", "PermissionsToSecrets",
                    "Give at least one permission with -PermissionsToSecrets, -PermissionsToKeys or -PermissionsToCertificates. To take a principal's access away, use Remove-VaultAccessPolicy.");
            }

            return (secrets, keys, certificates);
        }

        /// <summary>Refuses an access policy on a vault whose data is governed by Azure RBAC.</summary>
        public static void CheckAccessPolicyModel(Vault vault)
        {
            if (vault.EnableRbacAuthorization)
            {
                throw new VaultException(VaultErrorKind.OperationNotAllowed, "VaultUsesRbac",
                    $"The vault '{vault.Name}' uses the Azure RBAC permission model (enableRbacAuthorization is true): Azure ignores access policies on it. Grant a role instead, for example Grant-VaultRole -Role 'Key Vault Secrets User' -ObjectId <id>.",
                    null, vault.ResourceId)
                {
                    RecommendedAction = "Use Grant-VaultRole for this vault.",
                };
            }
        }

        /// <summary>Adds to (or with Replace sets) a principal's access policy; returns the principal's policy as the vault now has it.</summary>
        public VaultAccessPolicy Set(Vault vault, AccessPolicyChange change, CancellationToken cancellationToken = default)
        {
            var (secrets, keys, certificates) = Validate(change);
            CheckAccessPolicyModel(vault);
            string tenant = vault.TenantId ?? _connection.TenantId
                ?? throw new VaultException(VaultErrorKind.ServiceError, "VaultTenantUnknown", $"The vault '{vault.Name}' reports no tenantId.", null, vault.ResourceId);
            Send(vault, change.Replace ? "replace" : "add", ArmJson.PolicyBody(tenant, change.ObjectId, secrets, keys, certificates), cancellationToken);
            var now = new VaultService(_connection).Get(vault.Name, vault.ResourceGroupName, vault.SubscriptionId, "VaultName", cancellationToken);
            return now.AccessPolicies.FirstOrDefault(p => string.Equals(p.ObjectId, change.ObjectId, StringComparison.OrdinalIgnoreCase))
                   ?? throw new VaultException(VaultErrorKind.ServiceError, "VaultServiceError",
                       $"The access policy of '{change.ObjectId}' was sent to the vault '{vault.Name}', but the vault does not list it afterwards.", null, vault.ResourceId);
        }

        /// <summary>Removes a principal's whole access policy (every permission it holds). NotFound when it has none.</summary>
        public VaultAccessPolicy Remove(Vault vault, string objectId, CancellationToken cancellationToken = default)
        {
            AccessScope.CheckObjectId(objectId, "ObjectId");
            var policy = vault.AccessPolicies.FirstOrDefault(p => string.Equals(p.ObjectId, objectId, StringComparison.OrdinalIgnoreCase));
            if (policy is null)
            {
                throw new VaultException(VaultErrorKind.NotFound, "VaultAccessPolicyNotFound",
                    $"The vault '{vault.Name}' has no access policy for '{objectId}'.", null, objectId);
            }

            var entry = ArmJson.PolicyBody(policy.TenantId ?? vault.TenantId ?? "", policy.ObjectId, policy.PermissionsToSecrets, policy.PermissionsToKeys, policy.PermissionsToCertificates);
            if (policy.ApplicationId != null)
            {
                entry["applicationId"] = policy.ApplicationId;
            }

            Send(vault, "remove", entry, cancellationToken);
            return policy;
        }

        private void Send(Vault vault, string operation, Dictionary<string, object?> entry, CancellationToken cancellationToken)
        {
            var body = new Dictionary<string, object?>
            {
                ["properties"] = new Dictionary<string, object?> { ["accessPolicies"] = new[] { entry } },
            };
            string path = $"{vault.ResourceId}/accessPolicies/{operation}?api-version={ArmClient.VaultApiVersion}";
            using (_connection.Arm.Send(RequestMethod.Put, path, body, EntryKind.AccessPolicy, vault.Name, cancellationToken))
            {
            }
        }
    }
}
