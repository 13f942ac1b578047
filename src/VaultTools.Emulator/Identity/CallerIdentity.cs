namespace VaultTools.Emulator.Identity;

/// <summary>Who made a data-plane call, from a validated access token.</summary>
/// <param name="ObjectId">The <c>oid</c> claim: what role assignments and access policies name.</param>
/// <param name="AppId">The <c>appid</c> claim (client id), if any.</param>
/// <param name="Identity">The emulator identity with that object id, when it is one of ours.</param>
public sealed record CallerIdentity(
    string ObjectId,
    string? AppId,
    string TenantId,
    string Issuer,
    string Audience,
    DateTimeOffset ExpiresOn,
    IdentityRecord? Identity);
