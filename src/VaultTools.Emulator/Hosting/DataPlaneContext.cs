using VaultTools.Emulator.Identity;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Hosting;

/// <summary>
/// What the data-plane pipeline established for a request: the vault (from the Host header), the
/// caller (from the token) and the base URI that entry ids are built from.
/// </summary>
public sealed class DataPlaneContext
{
    public required VaultRecord Vault { get; init; }
    /// <summary><c>https://{host}:{port}</c> exactly as the request came in (no trailing slash).</summary>
    public required string BaseUri { get; init; }
    public CallerIdentity? Caller { get; set; }
    public string ApiVersion { get; set; } = "";

    /// <summary>For what the emulator does by itself (no request): the vault addressed by its own host name.</summary>
    public static DataPlaneContext ForBackground(VaultRecord vault, EmulatorRuntime runtime) =>
        new() { Vault = vault, BaseUri = $"https://{vault.Name}.localhost:{runtime.HttpsPort}" };
}

public static class DataPlaneContextExtensions
{
    /// <summary>The context set by the data-plane filters; only valid inside a data-plane endpoint.</summary>
    public static DataPlaneContext DataPlane(this HttpContext context) =>
        context.Features.Get<DataPlaneContext>()
        ?? throw new InvalidOperationException("Not a data-plane request: map the endpoint in the group from DataPlane.MapDataPlane.");
}
