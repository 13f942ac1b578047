using System;
using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using VaultTools.Access;
using VaultTools.Errors;

namespace VaultTools.Connection
{
    /// <summary>
    /// The connection's Azure Resource Manager side: subscription, default resource group, the ARM
    /// endpoint and one ARM client (pipeline with the session's credential and the management scope).
    /// </summary>
    public sealed partial class VaultConnection
    {
        private readonly object _armGate = new object();
        private readonly ConcurrentDictionary<string, string> _vaultResourceGroups = new ConcurrentDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, string> _roleNames = new ConcurrentDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private ArmClient? _arm;

        /// <summary>The subscription of ARM calls: Connect-Vault -SubscriptionId, else the emulator's.</summary>
        public string? SubscriptionId => NonEmpty(Request.SubscriptionId) ?? NonEmpty(Emulator?.SubscriptionId);

        /// <summary>The default resource group of vaults: Connect-Vault -ResourceGroupName, else the emulator's.</summary>
        public string? ResourceGroupName => NonEmpty(Request.ResourceGroupName) ?? NonEmpty(Emulator?.ResourceGroupName);

        /// <summary>The ARM endpoint: the cloud's Resource Manager, or the emulator's managementEndpoint.</summary>
        public Uri ManagementEndpoint => Emulator?.ManagementEndpoint ?? Environment.ResourceManager;

        /// <summary>The tenant of the connection when it is known without a token (service principal, emulator).</summary>
        public string? TenantId => NonEmpty(Request.TenantId) ?? NonEmpty(Emulator?.TenantId);

        internal ArmClient Arm
        {
            get
            {
                lock (_armGate)
                {
                    if (_arm is null)
                    {
                        var options = ConfigureClient(new ArmClientOptions());
                        var pipeline = HttpPipelineBuilder.Build(options, new BearerTokenAuthenticationPolicy(Credential, Environment.ManagementScope));
                        _arm = new ArmClient(pipeline, ManagementEndpoint);
                    }

                    return _arm;
                }
            }
        }

        /// <summary>Vault name to resource group, learnt from lookups, so that a session looks a vault up once.</summary>
        internal ConcurrentDictionary<string, string> VaultResourceGroups => _vaultResourceGroups;

        /// <summary>Role definition GUID to role name, for roles that are not built in.</summary>
        internal ConcurrentDictionary<string, string> RoleNames => _roleNames;

        /// <summary>The subscription to use: the one given, else the session's; an error naming the parameter when there is none.</summary>
        public string RequireSubscription(string? given, string parameterName = "SubscriptionId")
        {
            AccessScope.CheckSubscriptionId(given, parameterName);
            string? subscription = NonEmpty(given) ?? SubscriptionId;
            if (subscription is null)
            {
                throw new VaultException(VaultErrorKind.InvalidArgument, "SubscriptionNotSpecified",
                    "No subscription given: vaults, role assignments and access policies are managed through Azure Resource Manager, which needs one. Pass -SubscriptionId, or connect with Connect-Vault -SubscriptionId.")
                {
                    ParameterName = parameterName,
                };
            }

            AccessScope.CheckSubscriptionId(subscription, parameterName);
            return subscription;
        }

        private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

        /// <summary>Client options for the ARM pipeline; ConfigureClient fills in transport, retry and diagnostics.</summary>
        private sealed class ArmClientOptions : ClientOptions
        {
        }
    }
}
