using System;
using System.Security;

namespace VaultTools
{
    /// <summary>
    /// An access token of the session's credential for one resource (Key Vault, ARM or another), for the
    /// two-step flow of other languages: get a token, then call the entry's URL with
    /// "Authorization: Bearer ...". The token is a SecureString and never part of ToString() or a view.
    /// UserId, ObjectId and TenantId are read from the token's claims without validating it.
    /// </summary>
    public sealed class VaultAccessToken
    {
        public SecureString Token { get; set; } = null!;
        /// <summary>Always Bearer.</summary>
        public string Type { get; set; } = "Bearer";
        public DateTimeOffset ExpiresOn { get; set; }
        /// <summary>The resource (audience) the token is for, e.g. https://vault.azure.net.</summary>
        public string Resource { get; set; } = "";
        /// <summary>The scope that was asked for, e.g. https://vault.azure.net/.default.</summary>
        public string Scope { get; set; } = "";
        public string? TenantId { get; set; }
        /// <summary>The signed-in user's name (upn), or the application id of a service principal or managed identity.</summary>
        public string? UserId { get; set; }
        /// <summary>The object id (oid) of the principal the token represents: what role assignments and access policies name.</summary>
        public string? ObjectId { get; set; }

        public override string ToString() => $"{Type} token for {Resource}, expires {ExpiresOn:u}";
    }
}
