using System.Text.Json.Serialization;

namespace VaultTools.Emulator.Identity;

[JsonConverter(typeof(JsonStringEnumConverter<IdentityType>))]
public enum IdentityType
{
    ServicePrincipal,
    User,
    SystemAssignedManagedIdentity,
    UserAssignedManagedIdentity,
}

/// <summary>
/// An identity the emulator can issue tokens for (or, for users, name in role assignments).
/// Kept in the data folder's state file so ids and secrets survive restarts.
/// </summary>
public sealed record IdentityRecord
{
    public required string Name { get; init; }
    public required IdentityType Type { get; init; }
    /// <summary>Application (client) id: the token's <c>appid</c>. Users have none.</summary>
    public string? ClientId { get; init; }
    public required string ObjectId { get; init; }
    /// <summary>Only for service principals.</summary>
    public string? ClientSecret { get; init; }
    /// <summary>
    /// Only for service principals: the public certificate (base64 DER) whose key may sign client
    /// assertions (certificate credentials), as registered on an app in Entra ID.
    /// </summary>
    public string? Certificate { get; init; }

    /// <summary>
    /// Only for service principals: the object id of the app registration behind the service principal
    /// (what Microsoft Graph's <c>/applications/{id}</c> takes), distinct from <see cref="ObjectId"/>
    /// (the service principal's) and <see cref="ClientId"/> (the appId).
    /// </summary>
    public string? ApplicationObjectId { get; init; }

    /// <summary>
    /// Only for service principals: the app registration's password credentials as saved in state.json
    /// (the first is <see cref="ClientSecret"/> while it exists). <see cref="ApplicationRegistry"/> owns the live list.
    /// </summary>
    public List<PasswordCredential>? PasswordCredentials { get; init; }

    /// <summary>Object ids of the identities the config names as the application's owners (the admin owns every application).</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Owners { get; init; } = [];

    [JsonIgnore]
    public bool IsManagedIdentity => Type is IdentityType.SystemAssignedManagedIdentity or IdentityType.UserAssignedManagedIdentity;

    /// <summary>The principalType ARM uses for role assignments.</summary>
    [JsonIgnore]
    public string PrincipalType => Type == IdentityType.User ? "User" : "ServicePrincipal";
}

/// <summary>Looks identities up by name, client id or object id (case-insensitive).</summary>
public sealed class IdentityDirectory(IReadOnlyList<IdentityRecord> identities)
{
    public IReadOnlyList<IdentityRecord> All { get; } = identities;

    public IdentityRecord? FindByName(string name) =>
        All.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));

    public IdentityRecord? FindByClientId(string clientId) =>
        All.FirstOrDefault(i => string.Equals(i.ClientId, clientId, StringComparison.OrdinalIgnoreCase));

    public IdentityRecord? FindByObjectId(string objectId) =>
        All.FirstOrDefault(i => string.Equals(i.ObjectId, objectId, StringComparison.OrdinalIgnoreCase));

    /// <summary>The system-assigned managed identity (what IMDS returns when no id is asked for).</summary>
    public IdentityRecord? SystemAssigned =>
        All.FirstOrDefault(i => i.Type == IdentityType.SystemAssignedManagedIdentity);
}
