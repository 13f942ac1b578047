using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace VaultTools.Connection
{
    /// <summary>
    /// Emulator mode: a token for the emulator's own tenant, whatever tenant a challenge names. The official Key
    /// Vault clients cache each vault's 401 challenge in a process-wide table keyed by host and port, so after an
    /// emulator stops, another one with another tenant (a fresh data folder) on the same port inherits the old
    /// challenge, and the credential refused the old tenant (AuthenticationFailed) for the rest of the process.
    /// An emulator has exactly one tenant, so a different tenant hint can only be such a stale one.
    /// </summary>
    internal sealed class EmulatorTenantCredential : TokenCredential
    {
        private readonly TokenCredential _inner;
        private readonly string _tenantId;

        public EmulatorTenantCredential(TokenCredential inner, string tenantId)
        {
            _inner = inner;
            _tenantId = tenantId;
        }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
            => _inner.GetToken(OwnTenant(requestContext), cancellationToken);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
            => _inner.GetTokenAsync(OwnTenant(requestContext), cancellationToken);

        private TokenRequestContext OwnTenant(TokenRequestContext context)
            => context.TenantId is null || string.Equals(context.TenantId, _tenantId, System.StringComparison.OrdinalIgnoreCase)
                ? context
                : new TokenRequestContext(context.Scopes, context.ParentRequestId, context.Claims, _tenantId, context.IsCaeEnabled);
    }
}
