using System.Text.RegularExpressions;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Arm;

public enum ArmScopeLevel
{
    Subscription,
    ResourceGroup,
    Vault,
    Entry,
}

/// <summary>
/// A scope of the emulator's ARM subset: its subscription, its one resource group, a vault, or one
/// entry of a vault (<c>.../vaults/{v}/secrets/{name}</c>, <c>/keys/{name}</c>, <c>/certificates/{name}</c>).
/// <see cref="Id"/> is the canonical spelling ARM reports (the subscription, resource group and vault
/// as stored, the provider as Microsoft spells it, the entry name as given).
/// </summary>
public sealed partial record ArmScope(ArmScopeLevel Level, string SubscriptionId, string? ResourceGroup, string? VaultName, string? EntryCollection, string? EntryName)
{
    public string Id => Level switch
    {
        ArmScopeLevel.Subscription => $"/subscriptions/{SubscriptionId}",
        ArmScopeLevel.ResourceGroup => $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}",
        ArmScopeLevel.Vault => $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}/providers/Microsoft.KeyVault/vaults/{VaultName}",
        _ => $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}/providers/Microsoft.KeyVault/vaults/{VaultName}/{EntryCollection}/{EntryName}",
    };

    public override string ToString() => Id;

    /// <summary>The vault of a vault or entry scope; 404 ResourceNotFound (ARM's body) when it does not exist.</summary>
    public VaultRecord RequireVault(VaultStore vaults) =>
        (VaultName is null ? null : vaults.Get(VaultName))
        ?? throw ArmErrors.ResourceNotFound($"Microsoft.KeyVault/vaults/{VaultName}", ResourceGroup ?? EmulatorRuntime.ResourceGroupName).ToException();

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\z")]
    private static partial Regex GuidPattern();

    [GeneratedRegex(@"^[0-9a-zA-Z-]{1,127}\z")]
    private static partial Regex EntryNamePattern();

    public static bool IsGuid(string? value) => value is not null && GuidPattern().IsMatch(value);

    /// <summary>
    /// Checks the subscription segment: 400 InvalidSubscriptionId when it is not a GUID, 404
    /// SubscriptionNotFound when it is not the emulator's. Returns the canonical id.
    /// </summary>
    public static string CheckSubscription(string subscriptionId, EmulatorRuntime runtime)
    {
        if (!IsGuid(subscriptionId))
        {
            throw ArmErrors.InvalidSubscriptionId(subscriptionId).ToException();
        }
        if (!string.Equals(subscriptionId, runtime.SubscriptionId, StringComparison.OrdinalIgnoreCase))
        {
            throw ArmErrors.SubscriptionNotFound(subscriptionId).ToException();
        }
        return runtime.SubscriptionId;
    }

    /// <summary>404 ResourceGroupNotFound unless it is the emulator's resource group; returns its canonical name.</summary>
    public static string CheckResourceGroup(string resourceGroup)
    {
        if (!string.Equals(resourceGroup, EmulatorRuntime.ResourceGroupName, StringComparison.OrdinalIgnoreCase))
        {
            throw ArmErrors.ResourceGroupNotFound(resourceGroup).ToException();
        }
        return EmulatorRuntime.ResourceGroupName;
    }

    /// <summary>
    /// Parses the segments of a scope (<c>subscriptions/{s}[/resourceGroups/{rg}[/providers/Microsoft.KeyVault/vaults/{v}[/{kind}/{name}]]]</c>).
    /// Malformed: 400 InvalidScope / InvalidSubscriptionId; a subscription or resource group that does not
    /// exist: 404 with ARM's body. A vault that does not exist is not an error here: ARM checks the caller's
    /// authorization before the resource's existence, so callers authorize, then <see cref="RequireVault"/>.
    /// </summary>
    public static ArmScope Parse(IReadOnlyList<string> segments, EmulatorRuntime runtime, VaultStore vaults)
    {
        var raw = "/" + string.Join('/', segments);
        if (segments.Count < 2 || !segments[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase) || segments.Any(s => s.Length == 0))
        {
            throw ArmErrors.InvalidScope(raw, "it does not start with /subscriptions/{subscriptionId}.").ToException();
        }
        var subscription = CheckSubscription(segments[1], runtime);
        if (segments.Count == 2)
        {
            return new ArmScope(ArmScopeLevel.Subscription, subscription, null, null, null, null);
        }
        if (!segments[2].Equals("resourceGroups", StringComparison.OrdinalIgnoreCase) || segments.Count < 4)
        {
            throw ArmErrors.InvalidScope(raw, "a subscription can only be followed by /resourceGroups/{name}.").ToException();
        }
        var group = CheckResourceGroup(segments[3]);
        if (segments.Count == 4)
        {
            return new ArmScope(ArmScopeLevel.ResourceGroup, subscription, group, null, null, null);
        }
        if (segments.Count < 8 || !segments[4].Equals("providers", StringComparison.OrdinalIgnoreCase) || segments.Count % 2 != 0)
        {
            throw ArmErrors.InvalidScope(raw, "a resource is /providers/{namespace}/{type}/{name}[/{childType}/{childName}].").ToException();
        }
        if (!segments[5].Equals("Microsoft.KeyVault", StringComparison.OrdinalIgnoreCase) || !segments[6].Equals("vaults", StringComparison.OrdinalIgnoreCase))
        {
            // Well formed, but no such resource exists in the emulator.
            throw ArmErrors.ResourceNotFound(string.Join('/', segments.Skip(5)), group).ToException();
        }
        var vaultName = segments[7];
        var storedName = vaults.Get(vaultName)?.Name ?? vaultName;
        if (segments.Count == 8)
        {
            return new ArmScope(ArmScopeLevel.Vault, subscription, group, storedName, null, null);
        }
        if (segments.Count > 10)
        {
            throw ArmErrors.InvalidScope(raw, "the deepest scope is one secret, key or certificate of a vault.").ToException();
        }
        var collection = segments[8].ToLowerInvariant();
        if (collection is not ("secrets" or "keys" or "certificates"))
        {
            throw ArmErrors.ResourceNotFound($"Microsoft.KeyVault/vaults/{vaultName}/{segments[8]}/{segments[9]}", group).ToException();
        }
        if (!EntryNamePattern().IsMatch(segments[9]))
        {
            throw ArmErrors.InvalidScope(raw, $"'{segments[9]}' is not a valid {collection[..^1]} name (1-127 letters, digits and hyphens).").ToException();
        }
        return new ArmScope(ArmScopeLevel.Entry, subscription, group, storedName, collection, segments[9]);
    }
}
