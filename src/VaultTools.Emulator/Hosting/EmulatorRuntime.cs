using System.Security.Cryptography;

namespace VaultTools.Emulator.Hosting;

/// <summary>Facts about this emulator run that endpoints need (ids, names, ports once bound).</summary>
public sealed class EmulatorRuntime
{
    public const string DefaultVaultName = "local";
    public const string ResourceGroupName = "emulator";
    public const string Region = "emulator";
    public const string ServiceVersion = "1.9.0.0-vaulttools-emulator";

    public required string TenantId { get; init; }
    public required string SubscriptionId { get; init; }
    public required string DataPath { get; init; }
    public required bool Persistent { get; init; }

    /// <summary>The secret App Service-style callers must send as X-IDENTITY-HEADER (random per start).</summary>
    public string IdentityHeader { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public int HttpsPort { get; set; }
    public int IdentityPort { get; set; }

    /// <summary>ARM id of a vault: /subscriptions/{s}/resourceGroups/emulator/providers/Microsoft.KeyVault/vaults/{v}.</summary>
    public string VaultResourceId(string vaultName) =>
        $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}";

    /// <summary>
    /// Expands a role-assignment scope written relative to the emulator (<c>/</c>, <c>/vaults/v</c>,
    /// <c>/vaults/v/secrets/n</c>, <c>/resourceGroups/emulator</c>) to a full ARM scope; full scopes pass through.
    /// </summary>
    public string ExpandScope(string scope)
    {
        var s = string.IsNullOrWhiteSpace(scope) ? "/" : scope.Trim();
        if (!s.StartsWith('/'))
        {
            s = "/" + s;
        }
        s = s.TrimEnd('/');
        if (s.Length == 0)
        {
            return $"/subscriptions/{SubscriptionId}";
        }
        if (s.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase))
        {
            return s;
        }
        if (s.StartsWith("/vaults/", StringComparison.OrdinalIgnoreCase))
        {
            return $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroupName}/providers/Microsoft.KeyVault{s}";
        }
        if (s.StartsWith("/resourceGroups/", StringComparison.OrdinalIgnoreCase) || s.StartsWith("/providers/", StringComparison.OrdinalIgnoreCase))
        {
            return $"/subscriptions/{SubscriptionId}{s}";
        }
        throw new ArgumentException($"Scope '{scope}' is neither relative (/, /vaults/v, /vaults/v/secrets/name) nor a full ARM scope.");
    }
}
