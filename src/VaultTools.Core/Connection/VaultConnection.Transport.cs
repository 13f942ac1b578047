using Azure.Core;
using Azure.Core.Pipeline;

namespace VaultTools.Connection
{
    public sealed partial class VaultConnection
    {
        /// <summary>
        /// Opens a connection to real vault URIs whose every request (SDK clients, keys client, ARM) goes
        /// through <paramref name="transport"/>, with the request's own credential or, when given, <paramref name="credential"/>.
        /// Tests use it to serve recorded responses of the real service, with the same pipeline, retry and
        /// challenge-authentication policies as in production.
        /// </summary>
        internal static VaultConnection ForTransport(ConnectionRequest request, HttpPipelineTransport transport, TokenCredential? credential = null)
        {
            var environment = request.Emulator != null ? CloudEnvironment.ForEmulator(request.Emulator)
                : request.Environment is null ? CloudEnvironment.AzureCloud : CloudEnvironment.FromName(request.Environment);
            return new VaultConnection(request, environment, transport, credential ?? CredentialFactory.Create(request, environment, transport));
        }
    }
}
