using System.Text.Json.Serialization;
using VaultTools.Emulator.Identity;

namespace VaultTools.Emulator.Hosting;

/// <summary>
/// <c>emulator.json</c>, written atomically into the data folder once both listeners accept
/// connections. These property names are a public contract (docs/emulator.md, "The contract with its users"): extend, never rename.
/// </summary>
public sealed record EmulatorInfo
{
    public const string FileName = "emulator.json";

    public required int ProcessId { get; init; }
    public required string DataPath { get; init; }
    public required string VaultUri { get; init; }
    public required string VaultUriTemplate { get; init; }
    public required string DefaultVaultName { get; init; }
    public required string TenantId { get; init; }
    public required string AuthorityHost { get; init; }
    public required string ManagementEndpoint { get; init; }
    public required string SubscriptionId { get; init; }
    public required string ResourceGroupName { get; init; }
    public required string ImdsEndpoint { get; init; }
    public required string IdentityEndpoint { get; init; }
    public required string IdentityHeader { get; init; }
    public required string CaCertificatePath { get; init; }
    public required IReadOnlyList<EmulatorInfoIdentity> Identities { get; init; }

    // Extensions (free to add to; never rename).
    public required int HttpsPort { get; init; }
    public required int IdentityPort { get; init; }
    public required bool Persistent { get; init; }
    public required IReadOnlyList<string> Vaults { get; init; }
    /// <summary>The variable Azure.Identity/MSAL read to reach IMDS elsewhere than 169.254.169.254.</summary>
    public required string ImdsAuthorityHost { get; init; }
    public required string JwtSigningKeyPath { get; init; }
    public required string StartedAt { get; init; }
    public required string Version { get; init; }
    /// <summary>The Microsoft Graph subset (app registrations' passwords): the HTTPS port's root, as https://graph.microsoft.com/.</summary>
    public required string GraphEndpoint { get; init; }
}

public sealed record EmulatorInfoIdentity
{
    public required string Name { get; init; }
    public required IdentityType Type { get; init; }
    public required string ObjectId { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClientId { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClientSecret { get; init; }
    /// <summary>SHA-1 thumbprint of the registered client certificate (certificate credentials), if any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CertificateThumbprint { get; init; }
    /// <summary>Service principals: the object id of the app registration (Graph's /applications/{id}).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ApplicationObjectId { get; init; }

    public static EmulatorInfoIdentity From(IdentityRecord identity) => new()
    {
        Name = identity.Name,
        Type = identity.Type,
        ObjectId = identity.ObjectId,
        ClientId = identity.ClientId,
        ClientSecret = identity.ClientSecret,
        ApplicationObjectId = identity.ApplicationObjectId,
        CertificateThumbprint = identity.Certificate is null ? null : Thumbprint(identity.Certificate),
    };

    // The certificate thumbprint Windows and Azure show is SHA-1 by definition: an identifier, not a security check.
#pragma warning disable CA5350
    private static string Thumbprint(string base64Der) =>
        Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(Convert.FromBase64String(base64Der)));
#pragma warning restore CA5350
}
