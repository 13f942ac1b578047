using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using Azure.Core;
using VaultTools.Connection;
using VaultTools.Errors;
using VaultTools.Validation;

namespace VaultTools.Access
{
    /// <summary>What New-Vault creates.</summary>
    public sealed class VaultCreateOptions
    {
        public string Name { get; set; } = "";
        /// <summary>Defaults to the session's resource group (Connect-Vault -ResourceGroupName, or the emulator's).</summary>
        public string? ResourceGroupName { get; set; }
        public string? SubscriptionId { get; set; }
        /// <summary>Defaults to the resource group's location (as az keyvault create does), the emulator's too.</summary>
        public string? Location { get; set; }
        /// <summary>Standard or Premium.</summary>
        public string Sku { get; set; } = "Standard";
        /// <summary>RBAC by default, as the Azure portal and Microsoft's guidance now recommend.</summary>
        public bool EnableRbacAuthorization { get; set; } = true;
        public int SoftDeleteRetentionInDays { get; set; } = 90;
        public bool EnablePurgeProtection { get; set; }
        public IDictionary<string, string>? Tags { get; set; }
        /// <summary>Defaults to the session's tenant (or the tid claim of its ARM token).</summary>
        public string? TenantId { get; set; }
        /// <summary>On an RBAC vault, assign the creator Key Vault Administrator at the new vault (New-Vault -GrantCreatorAccess).</summary>
        public bool GrantCreatorAccess { get; set; }
    }

    /// <summary>A new vault and what its creator was given, or should grant (a warning for the user), on it.</summary>
    public sealed class VaultCreation
    {
        public VaultCreation(Vault vault, string? creatorObjectId, string? advice)
        {
            Vault = vault;
            CreatorObjectId = creatorObjectId;
            Advice = advice;
        }

        public Vault Vault { get; }
        /// <summary>The object id of the session's identity (oid of its ARM token); null when the token names none.</summary>
        public string? CreatorObjectId { get; }
        /// <summary>What the creator still has to do to use the vault's data (null: nothing).</summary>
        public string? Advice { get; }
    }

    /// <summary>
    /// Vaults through Azure Resource Manager (Microsoft.KeyVault/vaults, api-version 2023-07-01): get by
    /// name (with the resource group, or by looking the name up in the subscription), list, create, delete.
    /// </summary>
    public sealed class VaultService
    {
        public const int MinRetentionDays = 7;
        public const int MaxRetentionDays = 90;
        private static readonly TimeSpan ProvisioningTimeout = TimeSpan.FromMinutes(2);

        private readonly VaultConnection _connection;

        public VaultService(VaultConnection connection)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        }

        /// <summary>The vault's ARM description: by resource group when given (or known), else looked up by name in the subscription.</summary>
        public Vault Get(string name, string? resourceGroupName = null, string? subscriptionId = null, string parameterName = "VaultName", CancellationToken cancellationToken = default)
        {
            EntryRules.CheckVaultName(name, parameterName);
            AccessScope.CheckResourceGroupName(resourceGroupName, "ResourceGroupName");
            string subscription = _connection.RequireSubscription(subscriptionId);
            string cacheKey = subscription + "|" + name;

            if (resourceGroupName != null)
            {
                var vault = GetIn(subscription, resourceGroupName, name, cancellationToken);
                _connection.VaultResourceGroups[cacheKey] = vault.ResourceGroupName;
                return vault;
            }

            string? guess = _connection.VaultResourceGroups.TryGetValue(cacheKey, out var known) ? known : _connection.ResourceGroupName;
            if (guess != null)
            {
                try
                {
                    return GetIn(subscription, guess, name, cancellationToken);
                }
                catch (VaultException ex) when (ex.Kind == VaultErrorKind.NotFound)
                {
                    _connection.VaultResourceGroups.TryRemove(cacheKey, out _);
                }
            }

            var found = List(null, subscription, cancellationToken).FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));
            if (found is null)
            {
                throw new VaultException(VaultErrorKind.NotFound, "VaultNotFound",
                    $"The vault '{name}' was not found in subscription {subscription}. Check the name, or pass -ResourceGroupName and -SubscriptionId.", null, name);
            }

            _connection.VaultResourceGroups[cacheKey] = found.ResourceGroupName;
            return found;
        }

        /// <summary>The ARM description of the vault a cmdlet works on (-VaultName/-VaultUri or the session's default).</summary>
        public Vault Get(VaultAddress vault, string? resourceGroupName, string? subscriptionId, CancellationToken cancellationToken = default)
            => Get(vault.Name, resourceGroupName, subscriptionId, "VaultName", cancellationToken);

        /// <summary>The vaults of a resource group, or of the whole subscription.</summary>
        public IEnumerable<Vault> List(string? resourceGroupName, string? subscriptionId, CancellationToken cancellationToken = default)
        {
            AccessScope.CheckResourceGroupName(resourceGroupName, "ResourceGroupName");
            string subscription = _connection.RequireSubscription(subscriptionId);
            string path = resourceGroupName is null
                ? $"{AccessScope.Subscription(subscription)}/providers/Microsoft.KeyVault/vaults?api-version={ArmClient.VaultApiVersion}"
                : $"{AccessScope.ResourceGroupScope(subscription, resourceGroupName)}/providers/Microsoft.KeyVault/vaults?api-version={ArmClient.VaultApiVersion}";
            return _connection.Arm.List(path, EntryKind.Vault, resourceGroupName ?? AccessScope.Subscription(subscription), cancellationToken).Select(ArmJson.ToVault);
        }

        /// <summary>Checks what New-Vault was given; throws InvalidArgument naming the parameter. Sends nothing.</summary>
        public static void Validate(VaultCreateOptions options)
        {
            EntryRules.CheckVaultName(options.Name, "Name");
            AccessScope.CheckResourceGroupName(options.ResourceGroupName, "ResourceGroupName");
            AccessScope.CheckSubscriptionId(options.SubscriptionId, "SubscriptionId");
            if (options.SoftDeleteRetentionInDays < MinRetentionDays || options.SoftDeleteRetentionInDays > MaxRetentionDays)
            {
                throw VaultException.InvalidArgument("InvalidSoftDeleteRetention", "SoftDeleteRetentionInDays",
                    $"-SoftDeleteRetentionInDays must be between {MinRetentionDays} and {MaxRetentionDays}; got {options.SoftDeleteRetentionInDays}.", options.SoftDeleteRetentionInDays);
            }

            if (!string.Equals(options.Sku, "Standard", StringComparison.OrdinalIgnoreCase) && !string.Equals(options.Sku, "Premium", StringComparison.OrdinalIgnoreCase))
            {
                throw VaultException.InvalidArgument("InvalidSku", "Sku", $"-Sku must be Standard or Premium; got '{options.Sku}'.", options.Sku);
            }

            if (options.Tags != null && options.Tags.Count > 50)
            {
                throw VaultException.InvalidArgument("TooManyTags", "Tag", $"-Tag has {options.Tags.Count} tags; Azure resources take at most 50.");
            }

            // Region names as ARM knows them (westeurope, "West Europe", westus2), whole: no line break passes.
            if (options.Location != null && !System.Text.RegularExpressions.Regex.IsMatch(options.Location, "^[A-Za-z][A-Za-z0-9 ]{0,63}\\z"))
            {
                throw VaultException.InvalidArgument("InvalidLocation", "Location",
                    $"-Location '{options.Location}' is not an Azure region name such as westeurope or \"West Europe\".", options.Location);
            }

            if (options.TenantId != null && !AccessScope.IsGuid(options.TenantId))
            {
                throw VaultException.InvalidArgument("InvalidTenantId", "TenantId", $"-TenantId '{options.TenantId}' is not a tenant id (a GUID).", options.TenantId);
            }
        }

        /// <summary>The ARM id the new vault will have (for -WhatIf and confirmation).</summary>
        public string PlannedResourceId(VaultCreateOptions options)
            => AccessScope.Vault(_connection.RequireSubscription(options.SubscriptionId), RequireResourceGroup(options.ResourceGroupName), options.Name);

        /// <summary>
        /// Creates a vault. Refuses a name that already exists in the resource group (a PUT would silently
        /// update it and replace its access policies), and waits until ARM reports it provisioned.
        /// </summary>
        public Vault Create(VaultCreateOptions options, CancellationToken cancellationToken = default)
            => Create(options, null, cancellationToken);

        private Vault Create(VaultCreateOptions options, string? fullAccessObjectId, CancellationToken cancellationToken)
        {
            Validate(options);
            string subscription = _connection.RequireSubscription(options.SubscriptionId);
            string resourceGroup = RequireResourceGroup(options.ResourceGroupName);
            string id = AccessScope.Vault(subscription, resourceGroup, options.Name);

            try
            {
                var existing = GetIn(subscription, resourceGroup, options.Name, cancellationToken);
                throw new VaultException(VaultErrorKind.Conflict, "VaultAlreadyExists",
                    $"A vault named '{existing.Name}' already exists in resource group '{resourceGroup}' ({existing.ResourceId}). Choose another name, or use Get-Vault.", null, existing.ResourceId);
            }
            catch (VaultException ex) when (ex.Kind == VaultErrorKind.NotFound)
            {
                // as expected: the name is free in this resource group
            }

            string tenant = options.TenantId ?? _connection.TenantId ?? new AccessTokenService(_connection).TenantOfManagementToken(cancellationToken)
                ?? throw new VaultException(VaultErrorKind.InvalidArgument, "TenantNotKnown", "The tenant of the new vault is not known: pass -TenantId.") { ParameterName = "TenantId" };
            string location = options.Location ?? DefaultLocation(subscription, resourceGroup, cancellationToken);

            var properties = new Dictionary<string, object?>
            {
                ["tenantId"] = tenant,
                ["sku"] = new Dictionary<string, object?> { ["family"] = "A", ["name"] = options.Sku.ToLowerInvariant() },
                ["enableRbacAuthorization"] = options.EnableRbacAuthorization,
                ["accessPolicies"] = fullAccessObjectId is null
                    ? Array.Empty<object>()
                    : new object[] { ArmJson.PolicyBody(tenant, fullAccessObjectId, AccessPolicyPermissions.Secrets.ToArray(), AccessPolicyPermissions.Keys.ToArray(), AccessPolicyPermissions.Certificates.ToArray()) },
                ["enableSoftDelete"] = true,
                ["softDeleteRetentionInDays"] = options.SoftDeleteRetentionInDays,
            };
            if (options.EnablePurgeProtection)
            {
                // ARM accepts only true: purge protection cannot be switched off once on, and "false" is refused.
                properties["enablePurgeProtection"] = true;
            }

            var body = new Dictionary<string, object?>
            {
                ["location"] = location,
                ["tags"] = options.Tags ?? new Dictionary<string, string>(),
                ["properties"] = properties,
            };

            Vault vault;
            using (var response = _connection.Arm.Send(RequestMethod.Put, $"{id}?api-version={ArmClient.VaultApiVersion}", body, EntryKind.Vault, id, cancellationToken))
            {
                vault = response.Body is null ? GetIn(subscription, resourceGroup, options.Name, cancellationToken) : ArmJson.ToVault(response.Body.RootElement);
            }

            vault = WaitUntilProvisioned(vault, subscription, resourceGroup, cancellationToken);
            _connection.VaultResourceGroups[subscription + "|" + options.Name] = resourceGroup;
            return vault;
        }

        /// <summary>
        /// Creates a vault and gives its creator access to its data, as Azure PowerShell does: on an access-policy vault
        /// an access policy with every secret, key and certificate permission (in the same PUT); on an RBAC vault,
        /// with <see cref="VaultCreateOptions.GrantCreatorAccess"/>, Key Vault Administrator at the vault, otherwise
        /// advice naming that role. The creator is the oid of the session's ARM token.
        /// </summary>
        public VaultCreation CreateWithCreatorAccess(VaultCreateOptions options, CancellationToken cancellationToken = default)
        {
            Validate(options);
            string? creator = new AccessTokenService(_connection).ObjectIdOfManagementToken(cancellationToken);
            var vault = Create(options, options.EnableRbacAuthorization ? null : creator, cancellationToken);
            if (creator is null)
            {
                return new VaultCreation(vault, null, $"The session's token names no object id, so nobody was given access to the data of '{vault.Name}': grant it with {(vault.EnableRbacAuthorization ? "Grant-VaultRole" : "Set-VaultAccessPolicy")}.");
            }

            if (!vault.EnableRbacAuthorization)
            {
                return new VaultCreation(vault, creator, null);
            }

            if (!options.GrantCreatorAccess)
            {
                return new VaultCreation(vault, creator,
                    $"The vault '{vault.Name}' uses Azure RBAC: unless a role at the resource group or subscription already gives you access, you cannot read or write its secrets, keys and certificates. Grant yourself 'Key Vault Administrator': Grant-VaultRole -VaultName {vault.Name} -Role 'Key Vault Administrator' -ObjectId {creator} (or create the vault with -GrantCreatorAccess).");
            }

            var roles = new RoleService(_connection);
            var target = roles.VaultTarget(vault, options.SubscriptionId, null, null, forGrant: true);
            var role = roles.ResolveRole("Key Vault Administrator", target.SubscriptionId, cancellationToken);
            if (roles.Find(target.Scope, creator, role, cancellationToken) is null)
            {
                roles.Create(target, role, creator, null, cancellationToken);
            }

            return new VaultCreation(vault, creator, null);
        }

        /// <summary>Deletes a vault (in Azure it becomes a soft-deleted vault for its retention period).</summary>
        public void Delete(Vault vault, CancellationToken cancellationToken = default)
        {
            using (_connection.Arm.Send(RequestMethod.Delete, $"{vault.ResourceId}?api-version={ArmClient.VaultApiVersion}", null, EntryKind.Vault, vault.ResourceId, cancellationToken))
            {
            }

            _connection.VaultResourceGroups.TryRemove(vault.SubscriptionId + "|" + vault.Name, out _);
        }

        private Vault GetIn(string subscription, string resourceGroup, string name, CancellationToken cancellationToken)
        {
            string id = AccessScope.Vault(subscription, resourceGroup, name);
            using var response = _connection.Arm.Send(RequestMethod.Get, $"{id}?api-version={ArmClient.VaultApiVersion}", null, EntryKind.Vault, name, cancellationToken);
            if (response.Body is null)
            {
                throw new VaultException(VaultErrorKind.ServiceError, "VaultServiceError", $"Azure Resource Manager returned no body for the vault '{name}'.", null, id);
            }

            return ArmJson.ToVault(response.Body.RootElement);
        }

        private string RequireResourceGroup(string? given)
        {
            AccessScope.CheckResourceGroupName(given, "ResourceGroupName");
            return given ?? _connection.ResourceGroupName ?? throw new VaultException(VaultErrorKind.InvalidArgument, "ResourceGroupNotSpecified",
                "No resource group given: pass -ResourceGroupName, or connect with Connect-Vault -ResourceGroupName.")
            {
                ParameterName = "ResourceGroupName",
            };
        }

        private string DefaultLocation(string subscription, string resourceGroup, CancellationToken cancellationToken)
        {
            // The emulator answers for its resource group as ARM does, so its vaults get the same location as its default vault.
            string scope = AccessScope.ResourceGroupScope(subscription, resourceGroup);
            using var response = _connection.Arm.Send(RequestMethod.Get, $"{scope}?api-version={ArmClient.ResourcesApiVersion}", null, EntryKind.Vault, scope, cancellationToken);
            if (response.Body != null && response.Body.RootElement.TryGetProperty("location", out var location) && location.ValueKind == JsonValueKind.String)
            {
                return location.GetString()!;
            }

            throw new VaultException(VaultErrorKind.InvalidArgument, "LocationNotKnown", $"The location of resource group '{resourceGroup}' is not known: pass -Location.") { ParameterName = "Location" };
        }

        private Vault WaitUntilProvisioned(Vault vault, string subscription, string resourceGroup, CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + ProvisioningTimeout;
            while (vault.ProvisioningState != null && !string.Equals(vault.ProvisioningState, "Succeeded", StringComparison.OrdinalIgnoreCase))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new VaultException(VaultErrorKind.ServiceError, "VaultProvisioningTimeout",
                        $"The vault '{vault.Name}' was still '{vault.ProvisioningState}' after {ProvisioningTimeout.TotalMinutes:0} minutes; check it later with Get-Vault.", null, vault.ResourceId);
                }

                if (cancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(2)))
                {
                    throw new VaultException(VaultErrorKind.Cancelled, "VaultOperationCancelled", "The operation was cancelled.", null, vault.ResourceId);
                }

                vault = GetIn(subscription, resourceGroup, vault.Name, cancellationToken);
            }

            return vault;
        }
    }
}
