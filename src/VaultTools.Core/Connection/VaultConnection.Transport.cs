using Azure.Core.Pipeline;

namespace VaultTools.Connection
{
    public sealed partial class VaultConnection
    {
        /// <summary>
        /// Opens a connection to real vault URIs whose every request (SDK clients, keys client, ARM) goes
        /// through <paramref name="transport"/>. Tests use it to serve recorded responses of the real
        /// service, with the same pipeline, retry and challenge-authentication policies as in production.
        /// </summary>
        internal static VaultConnection OpenWithTransport(ConnectionRequest request, HttpPipelineTransport transport)
        {
            var environment = request.Environment is null ? CloudEnvironment.AzureCloud : CloudEnvironment.FromName(request.Environment);
            var credential = CredentialFactory.Create(request, environment, transport);
            return new VaultConnection(request, environment, transport, credential);
        }
    }
}
