using System;
using System.Threading;
using Azure.Core;
using VaultTools.Connection;
using VaultTools.Errors;
using VaultTools.Internal;

namespace VaultTools.Access
{
    /// <summary>The resources Get-VaultAccessToken knows by name.</summary>
    public enum AccessTokenResource
    {
        /// <summary>Key Vault's data plane (https://vault.azure.net in the public cloud).</summary>
        KeyVault,
        /// <summary>Azure Resource Manager (https://management.azure.com/ in the public cloud).</summary>
        Arm,
    }

    /// <summary>
    /// Access tokens of the session's credential, for the two-step flow of other languages (PHP, shell,
    /// anything with HTTP): get a token for the resource, then call the entry's URL with it. The token
    /// comes from the same credential and cache as every cmdlet call.
    /// </summary>
    public sealed class AccessTokenService
    {
        private readonly VaultConnection _connection;

        public AccessTokenService(VaultConnection connection)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        }

        /// <summary>The resource (audience) and scope to ask for: a named resource, or a URL (-ResourceUrl) that wins over it.</summary>
        public (string Resource, string Scope) ResourceAndScope(AccessTokenResource kind, string? resourceUrl)
        {
            if (!string.IsNullOrWhiteSpace(resourceUrl))
            {
                string url = resourceUrl!.Trim();
                if (url.EndsWith("/.default", StringComparison.OrdinalIgnoreCase))
                {
                    url = url.Substring(0, url.Length - "/.default".Length);
                }

                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != "api"))
                {
                    throw VaultException.InvalidArgument("InvalidResourceUrl", "ResourceUrl",
                        $"-ResourceUrl '{resourceUrl}' is not a resource URL: give the resource's application id URI, e.g. https://vault.azure.net or https://management.azure.com/.", resourceUrl);
                }

                return (url, url.TrimEnd('/') + "/.default");
            }

            return kind switch
            {
                AccessTokenResource.Arm => (_connection.Environment.ManagementResource, _connection.Environment.ManagementScope),
                _ => (_connection.Environment.VaultResource, _connection.Environment.VaultScope),
            };
        }

        /// <summary>A token for the resource, with its expiry and who it represents (read from its claims, not validated).</summary>
        public VaultAccessToken Get(AccessTokenResource kind = AccessTokenResource.KeyVault, string? resourceUrl = null, CancellationToken cancellationToken = default)
        {
            var (resource, scope) = ResourceAndScope(kind, resourceUrl);
            var token = Internal.Translate.Call(EntryKind.Vault, resource,
                () => _connection.Credential.GetToken(new TokenRequestContext(new[] { scope }), cancellationToken));
            return FromToken(token.Token, token.ExpiresOn, resource, scope, _connection.TenantId);
        }

        /// <summary>Builds the output from a raw token: claims read without validation (tid, oid, upn/appid, exp).</summary>
        internal static VaultAccessToken FromToken(string token, DateTimeOffset expiresOn, string resource, string scope, string? fallbackTenant)
        {
            var claims = JwtClaims.Read(token);
            return new VaultAccessToken
            {
                Token = SecureStrings.FromPlainText(token),
                ExpiresOn = expiresOn,
                Resource = resource,
                Scope = scope,
                TenantId = JwtClaims.First(claims, "tid") ?? fallbackTenant,
                UserId = JwtClaims.First(claims, "upn", "unique_name", "preferred_username", "email", "appid", "azp"),
                ObjectId = JwtClaims.First(claims, "oid"),
            };
        }

        /// <summary>The tid claim of the session's ARM token: the tenant a new vault belongs to when none was given.</summary>
        internal string? TenantOfManagementToken(CancellationToken cancellationToken) => ManagementTokenClaim("tid", cancellationToken);

        /// <summary>The oid claim of the session's ARM token: who creates a vault (and is given access to it).</summary>
        internal string? ObjectIdOfManagementToken(CancellationToken cancellationToken) => ManagementTokenClaim("oid", cancellationToken);

        private string? ManagementTokenClaim(string claim, CancellationToken cancellationToken)
        {
            var token = Internal.Translate.Call(EntryKind.Vault, _connection.Environment.ManagementResource,
                () => _connection.Credential.GetToken(new TokenRequestContext(new[] { _connection.Environment.ManagementScope }), cancellationToken));
            return JwtClaims.First(JwtClaims.Read(token.Token), claim);
        }
    }
}
