using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using VaultTools.Errors;

namespace VaultTools.Connection
{
    /// <summary>
    /// Key Vault's challenge-based bearer authentication, for clients VaultTools builds itself on
    /// Azure.Core's HttpPipeline (the keys client; later ARM-less helpers).
    /// <para>
    /// Why hand-written: the official policy (ChallengeBasedAuthenticationPolicy) is internal to each
    /// Azure.Security.KeyVault.* package, and Azure.Security.KeyVault.Keys is not available here. This
    /// class does what it does, on Azure.Core's public extension points (the AuthorizeRequest and
    /// AuthorizeRequestOnChallenge hooks of BearerTokenAuthenticationPolicy):
    /// </para>
    /// <list type="number">
    /// <item>Until a vault host has challenged once, a request is sent without its body and without a
    /// token; the vault answers 401 with <c>WWW-Authenticate: Bearer authorization="https://login.windows.net/{tenant}",
    /// resource="https://vault.azure.net"</c> (the Azure SDK for .NET's recorded cross-tenant authentication test shows exactly this,
    /// Content-Length 0 then the real PUT). The body (for example a key being imported) therefore never
    /// travels before the caller is authenticated.</item>
    /// <item>The tenant comes from the challenge's authorization URI, the scope from its resource
    /// (resource + "/.default") or scope parameter.</item>
    /// <item>The resource's host must be a suffix of the vault's host (vault.azure.net for
    /// contoso.vault.azure.net), so a token is never requested for a resource the vault does not belong
    /// to; emulator mode turns this off, as the official clients' DisableChallengeResourceVerification does.</item>
    /// <item>The challenge is cached per vault host, and the base class caches the token itself
    /// (refreshing it before expiry), so later requests carry the token at once: one token request
    /// for many calls.</item>
    /// </list>
    /// </summary>
    internal sealed class ChallengeAuthenticationPolicy : BearerTokenAuthenticationPolicy
    {
        private const string HeldContentKey = "VaultTools.ChallengeAuthentication.HeldContent";
        private readonly bool _verifyChallengeResource;
        private readonly ConcurrentDictionary<string, Challenge> _challenges = new ConcurrentDictionary<string, Challenge>(StringComparer.OrdinalIgnoreCase);

        public ChallengeAuthenticationPolicy(TokenCredential credential, bool verifyChallengeResource)
            : base(credential, Array.Empty<string>())
        {
            _verifyChallengeResource = verifyChallengeResource;
        }

        protected override void AuthorizeRequest(HttpMessage message)
        {
            if (_challenges.TryGetValue(Authority(message), out var challenge))
            {
                AuthenticateAndAuthorizeRequest(message, challenge.ToContext(message));
                return;
            }

            HoldContent(message);
        }

        protected override ValueTask AuthorizeRequestAsync(HttpMessage message)
        {
            if (_challenges.TryGetValue(Authority(message), out var challenge))
            {
                return AuthenticateAndAuthorizeRequestAsync(message, challenge.ToContext(message));
            }

            HoldContent(message);
            return default;
        }

        protected override bool AuthorizeRequestOnChallenge(HttpMessage message)
        {
            var challenge = ReadChallenge(message);
            if (challenge is null)
            {
                return false;
            }

            AuthenticateAndAuthorizeRequest(message, challenge.ToContext(message));
            return true;
        }

        protected override async ValueTask<bool> AuthorizeRequestOnChallengeAsync(HttpMessage message)
        {
            var challenge = ReadChallenge(message);
            if (challenge is null)
            {
                return false;
            }

            await AuthenticateAndAuthorizeRequestAsync(message, challenge.ToContext(message)).ConfigureAwait(false);
            return true;
        }

        /// <summary>The first request to a host goes without its body: it is only there to get the challenge.</summary>
        private static void HoldContent(HttpMessage message)
        {
            if (message.Request.Content != null)
            {
                message.SetProperty(HeldContentKey, message.Request.Content);
                message.Request.Content = null;
            }
        }

        private Challenge? ReadChallenge(HttpMessage message)
        {
            if (message.TryGetProperty(HeldContentKey, out object? held) && held is RequestContent content)
            {
                message.Request.Content = content;
                message.SetProperty(HeldContentKey, false);
            }

            string? header = null;
            if (message.Response is null || !message.Response.Headers.TryGetValue("WWW-Authenticate", out header) || header is null)
            {
                return null;
            }

            var challenge = Challenge.Parse(header);
            if (challenge is null)
            {
                return null;
            }

            if (_verifyChallengeResource && challenge.ResourceHost != null)
            {
                string host = message.Request.Uri.Host ?? "";
                bool matches = host.Equals(challenge.ResourceHost, StringComparison.OrdinalIgnoreCase)
                               || host.EndsWith("." + challenge.ResourceHost, StringComparison.OrdinalIgnoreCase);
                if (!matches)
                {
                    throw new VaultException(VaultErrorKind.AuthenticationFailed, "VaultChallengeResourceMismatch",
                        $"The vault at '{host}' asked for a token for the resource '{challenge.Resource}', whose host does not match the vault's. No token was requested. " +
                        "If this vault really is served under another domain, check -VaultUri and -Environment.")
                    {
                        RecommendedAction = "Check that -VaultUri names a Key Vault of the cloud you connected to.",
                    };
                }
            }

            _challenges[Authority(message)] = challenge;
            return challenge;
        }

        private static string Authority(HttpMessage message) => message.Request.Uri.Host + ":" + message.Request.Uri.Port;

        /// <summary>The parts of a Bearer challenge that matter: the scope and the tenant.</summary>
        internal sealed class Challenge
        {
            private Challenge(string scope, string? resource, string? tenantId)
            {
                Scope = scope;
                Resource = resource;
                TenantId = tenantId;
                if (resource != null && Uri.TryCreate(resource, UriKind.Absolute, out var uri))
                {
                    ResourceHost = uri.Host;
                }
                else if (Uri.TryCreate(scope, UriKind.Absolute, out var scopeUri))
                {
                    ResourceHost = scopeUri.Host;
                }
            }

            public string Scope { get; }
            public string? Resource { get; }
            public string? ResourceHost { get; }
            public string? TenantId { get; }

            public TokenRequestContext ToContext(HttpMessage message)
                => new TokenRequestContext(new[] { Scope }, message.Request.ClientRequestId, null, TenantId);

            /// <summary>
            /// Parses <c>Bearer authorization="https://login.windows.net/{tenant}", resource="https://vault.azure.net"</c>
            /// (also authorization_uri= and scope=). Returns null when it is not a usable Bearer challenge.
            /// </summary>
            public static Challenge? Parse(string header)
            {
                string text = header.Trim();
                if (!text.StartsWith("Bearer", StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }

                string? authorization = null, resource = null, scope = null;
                foreach (string part in text.Substring("Bearer".Length).Split(','))
                {
                    int eq = part.IndexOf('=');
                    if (eq <= 0)
                    {
                        continue;
                    }

                    string name = part.Substring(0, eq).Trim();
                    string value = part.Substring(eq + 1).Trim().Trim('"');
                    switch (name.ToLowerInvariant())
                    {
                        case "authorization":
                        case "authorization_uri":
                            authorization = value;
                            break;
                        case "resource":
                            resource = value;
                            break;
                        case "scope":
                            scope = value;
                            break;
                    }
                }

                if (scope is null && resource is null)
                {
                    return null;
                }

                scope ??= resource!.TrimEnd('/') + "/.default";
                string? tenant = null;
                if (authorization != null && Uri.TryCreate(authorization, UriKind.Absolute, out var authorityUri))
                {
                    string[] segments = authorityUri.AbsolutePath.Trim('/').Split('/');
                    tenant = segments.Length > 0 && segments[0].Length > 0 ? segments[0] : null;
                }

                return new Challenge(scope, resource, tenant);
            }
        }
    }
}
