using System.Text.Json;
using VaultTools.Emulator.Identity;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Hosting;

/// <summary>
/// The --config file (docs/emulator.md, "The contract with its users"). It adds
/// identities, vaults and role assignments to the zero-configuration default.
/// </summary>
public sealed record EmulatorConfig
{
    public List<ConfigIdentity> Identities { get; init; } = [];
    public List<ConfigVault> Vaults { get; init; } = [];
    public List<ConfigRoleAssignment> RoleAssignments { get; init; } = [];
    /// <summary>Webhook subscriptions to vault events (see Events/EventSubscriptionConfig.cs).</summary>
    public List<Events.ConfigEventSubscription> EventSubscriptions { get; init; } = [];

    private static readonly JsonSerializerOptions FileOptions = new(StorageJson.Options)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static EmulatorConfig Load(string? path)
    {
        if (path is null)
        {
            return new EmulatorConfig();
        }
        try
        {
            var config = JsonSerializer.Deserialize<EmulatorConfig>(File.ReadAllText(path), FileOptions);
            return config ?? new EmulatorConfig();
        }
        catch (Exception ex) when (ex is JsonException or IOException or NotSupportedException)
        {
            throw new ArgumentException($"Cannot read the config file '{path}': {ex.Message}", ex);
        }
    }
}

public sealed record ConfigIdentity
{
    public required string Name { get; init; }
    public IdentityType Type { get; init; } = IdentityType.ServicePrincipal;
    public string? ClientId { get; init; }
    public string? ObjectId { get; init; }
    public string? ClientSecret { get; init; }
    /// <summary>A public certificate for certificate credentials: PEM text, base64 DER, or a path to a .pem/.cer/.crt file.</summary>
    public string? Certificate { get; init; }
    /// <summary>Service principals: the object id of the app registration (generated when absent).</summary>
    public string? ApplicationObjectId { get; init; }
    /// <summary>Service principals: identities (names or object ids) that own the application, besides the admin.</summary>
    public List<string> Owners { get; init; } = [];

    /// <summary>The certificate as base64 DER, or null.</summary>
    public string? CertificateDer()
    {
        if (string.IsNullOrWhiteSpace(Certificate))
        {
            return null;
        }
        var text = Certificate.Trim();
        try
        {
            if (!text.Contains("-----BEGIN", StringComparison.Ordinal) && File.Exists(text))
            {
                text = File.ReadAllText(text).Trim();
                if (!text.Contains("-----BEGIN", StringComparison.Ordinal))
                {
                    text = Convert.ToBase64String(File.ReadAllBytes(Certificate.Trim()));
                }
            }
            using var cert = text.Contains("-----BEGIN", StringComparison.Ordinal)
                ? System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(text)
                : System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(Convert.FromBase64String(text));
            return Convert.ToBase64String(cert.RawData);
        }
        catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException or IOException)
        {
            throw new ArgumentException($"Identity '{Name}': 'certificate' is not a readable certificate: {ex.Message}", ex);
        }
    }
}

public sealed record ConfigVault
{
    public required string Name { get; init; }
    public string Sku { get; init; } = "standard";
    public bool EnableRbacAuthorization { get; init; } = true;
    public List<ConfigAccessPolicy> AccessPolicies { get; init; } = [];
    public int SoftDeleteRetentionInDays { get; init; } = 90;
    public bool EnablePurgeProtection { get; init; }
}

/// <summary>An access policy; <c>objectId</c> may also be written as an identity <c>name</c> via <c>identity</c>.</summary>
public sealed record ConfigAccessPolicy
{
    public string? ObjectId { get; init; }
    public string? Identity { get; init; }
    public string? TenantId { get; init; }
    public string? ApplicationId { get; init; }
    public AccessPolicyPermissions Permissions { get; init; } = new();
}

/// <summary>
/// A role assignment: <c>principalId</c> (object id) or <c>principal</c> (an identity name);
/// <c>roleDefinitionName</c> or <c>roleDefinitionId</c>; <c>scope</c> relative
/// (<c>/</c>, <c>/vaults/v</c>, <c>/vaults/v/secrets/name</c>) or a full ARM scope.
/// </summary>
public sealed record ConfigRoleAssignment
{
    public string? PrincipalId { get; init; }
    public string? Principal { get; init; }
    public string? RoleDefinitionName { get; init; }
    public string? RoleDefinitionId { get; init; }
    public string Scope { get; init; } = "/";
}
