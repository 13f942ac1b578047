using System;
using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using VaultTools.Keys.Client;

namespace VaultTools.Connection
{
    public sealed partial class VaultConnection
    {
        private readonly ConcurrentDictionary<Uri, KeyClient> _keyClients = new ConcurrentDictionary<Uri, KeyClient>();

        /// <summary>
        /// The keys client of a vault, one per vault for the session (its challenge cache and token cache
        /// are reused). Same transport, retry and diagnostics as the official clients (ConfigureClient);
        /// challenge-resource verification is relaxed only in emulator mode.
        /// </summary>
        internal KeyClient Keys(VaultAddress vault)
            => _keyClients.GetOrAdd(vault.Uri, uri => new KeyClient(uri, Credential, ConfigureClient(new KeyClientOptions
            {
                DisableChallengeResourceVerification = Emulator != null,
            })));
    }
}
