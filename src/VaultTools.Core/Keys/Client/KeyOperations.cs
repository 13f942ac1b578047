using System;
using System.Threading;
using System.Threading.Tasks;
using Azure;

namespace VaultTools.Keys.Client
{
    /// <summary>
    /// A soft delete of a key (the official DeleteKeyOperation): the vault answered the DELETE with the deleted
    /// key, and the deletion is complete once GET /deletedkeys/{name} no longer answers 404. A vault without
    /// soft delete returns no recoveryId; the key is then gone at once and there is nothing to wait for.
    /// </summary>
    internal sealed class DeleteKeyOperation : KeyPollingOperation<DeletedKey>
    {
        internal DeleteKeyOperation(KeyClient client, string name, Response<DeletedKey> response)
            : base(client, KeyClient.DeletedKeysPath + KeyClient.Segment(name), name, response, completed: response.Value.RecoveryId is null)
        {
        }
    }

    /// <summary>
    /// A recovery of a deleted key (the official RecoverDeletedKeyOperation): the vault answered the POST with the
    /// key, and the recovery is complete once GET /keys/{name}/ no longer answers 404.
    /// </summary>
    internal sealed class RecoverDeletedKeyOperation : KeyPollingOperation<KeyVaultKey>
    {
        internal RecoverDeletedKeyOperation(KeyClient client, string name, Response<KeyVaultKey> response)
            : base(client, KeyClient.KeysPath + KeyClient.Segment(name) + "/", name, response, completed: false)
        {
        }
    }

    /// <summary>
    /// Azure.Core's <see cref="Operation{T}"/> for Key Vault's delete and recover, polled as the official
    /// Key Vault operations poll: each <see cref="UpdateStatus"/> is one GET of the entry's new place; 200
    /// completes, and so does 403 (no permission to read it, but proof that it is there, as the official
    /// clients decide); 404 means not yet; anything else fails with the service's answer. The value is the
    /// vault's first answer and never changes. How long and how often to poll is the caller's choice
    /// (VaultTools polls through Internal.Polling, bounded).
    /// </summary>
    internal abstract class KeyPollingOperation<T> : Operation<T>
        where T : KeyVaultKey
    {
        private readonly KeyClient _client;
        private readonly string _pollPath;
        private readonly string _name;
        private readonly T _value;
        private Response _rawResponse;
        private bool _completed;

        private protected KeyPollingOperation(KeyClient client, string pollPath, string name, Response<T> response, bool completed)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _pollPath = pollPath;
            _name = name;
            _value = response.Value ?? throw new InvalidOperationException("The vault returned no key for '" + name + "'.");
            _rawResponse = response.GetRawResponse();
            _completed = completed;
        }

        /// <summary>The key's id (as the official operations use), or its name when the vault sent none.</summary>
        public override string Id => _value.Id?.ToString() ?? _name;

        public override T Value => _value;

        public override bool HasValue => true;

        public override bool HasCompleted => _completed;

        public override Response GetRawResponse() => _rawResponse;

        public override Response UpdateStatus(CancellationToken cancellationToken = default)
        {
            if (_completed)
            {
                return _rawResponse;
            }

            Response response = _client.Probe(_pollPath, cancellationToken);
            switch (response.Status)
            {
                case 200:
                case 403:
                    _completed = true;
                    break;
                case 404:
                    break;
                default:
                    throw new RequestFailedException(response);
            }

            _rawResponse = response;
            return response;
        }

        public override ValueTask<Response> UpdateStatusAsync(CancellationToken cancellationToken = default)
            => new ValueTask<Response>(UpdateStatus(cancellationToken));
    }
}
