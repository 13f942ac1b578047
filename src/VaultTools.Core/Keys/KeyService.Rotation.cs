using System.Linq;
using System.Threading;
using VaultTools.Connection;
using VaultTools.Errors;
using VaultTools.Internal;
using VaultTools.Keys.Client;
using VaultTools.Validation;

namespace VaultTools.Keys
{
    /// <summary>Keys: rotation now, and the rotation policy by which the vault rotates a key itself.</summary>
    public sealed partial class KeyService
    {
        // ---- rotation ----

        /// <summary>Makes a new version now, as the key's rotation policy says (POST /keys/{name}/rotate).</summary>
        public VaultKey Rotate(VaultAddress vault, string name, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Key, "Name");
            var client = _connection.Keys(vault);
            var key = Call(vault, name, null, () => client.RotateKey(name, cancellationToken));
            return ToKey(new VaultKey(), vault, key);
        }

        public KeyRotationPolicy GetRotationPolicy(VaultAddress vault, string name, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Key, "Name");
            var client = _connection.Keys(vault);
            var policy = Call(vault, name, null, () => client.GetKeyRotationPolicy(name, cancellationToken));
            return ToPolicy(vault, name, policy);
        }

        /// <summary>Replaces the key's rotation policy. Checked as the service checks it before anything is sent.</summary>
        public KeyRotationPolicy SetRotationPolicy(VaultAddress vault, string name, RotationPolicyWrite write, CancellationToken cancellationToken = default)
        {
            EntryRules.CheckEntryName(name, EntryKind.Key, "Name");
            KeyRules.CheckRotationPolicy(write);
            var policy = new Client.KeyRotationPolicy { ExpiresIn = Upper(write.ExpiresIn) };
            if (write.RotateAfterCreate != null || write.RotateBeforeExpiry != null)
            {
                policy.LifetimeActions.Add(new Client.KeyRotationLifetimeAction(KeyRotationPolicyAction.Rotate)
                {
                    TimeAfterCreate = Upper(write.RotateAfterCreate),
                    TimeBeforeExpiry = Upper(write.RotateBeforeExpiry),
                });
            }

            if (write.NotifyBeforeExpiry != null)
            {
                policy.LifetimeActions.Add(new Client.KeyRotationLifetimeAction(KeyRotationPolicyAction.Notify) { TimeBeforeExpiry = Upper(write.NotifyBeforeExpiry) });
            }

            var client = _connection.Keys(vault);
            var result = Call(vault, name, null, () => client.UpdateKeyRotationPolicy(name, policy, cancellationToken));
            return ToPolicy(vault, name, result);
        }


        internal static KeyRotationPolicy ToPolicy(VaultAddress vault, string name, Client.KeyRotationPolicy policy)
        {
            var result = new KeyRotationPolicy
            {
                VaultName = vault.Name,
                KeyName = name,
                Id = policy.Id?.ToString(),
                ExpiresIn = policy.ExpiresIn,
                Created = policy.CreatedOn,
                Updated = policy.UpdatedOn,
                LifetimeActions = policy.LifetimeActions.Select(a => new KeyRotationLifetimeAction
                {
                    Action = a.Action.ToString(),
                    TimeAfterCreate = a.TimeAfterCreate,
                    TimeBeforeExpiry = a.TimeBeforeExpiry,
                }).ToArray(),
            };
            foreach (var action in policy.LifetimeActions)
            {
                if (action.Action == KeyRotationPolicyAction.Rotate)
                {
                    result.RotateAfterCreate = action.TimeAfterCreate;
                    result.RotateBeforeExpiry = action.TimeBeforeExpiry;
                }
                else if (action.Action == KeyRotationPolicyAction.Notify)
                {
                    result.NotifyBeforeExpiry = action.TimeBeforeExpiry;
                }
            }

            return result;
        }
    }
}
