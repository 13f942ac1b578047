using VaultTools.Emulator.Authorization;
using VaultTools.Emulator.Entries;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;

namespace VaultTools.Emulator.Secrets;

/// <summary>
/// The secrets routes of the secrets REST specification (docs/emulator.md, "Where the shapes come from"), each with the permission it needs: set here, the others are
/// the routes every entry kind has (<see cref="EntryEndpoints.MapEntryLifecycle"/>).
/// </summary>
public static class SecretEndpoints
{
    private const string Collection = "secrets";
    private const string Name = "name";

    public static RouteGroupBuilder MapSecrets(this RouteGroupBuilder dataPlane)
    {
        dataPlane.MapPut("/secrets/{name}", async (HttpContext http, string name, SecretService secrets) =>
                JsonResults.Ok(secrets.Set(http.DataPlane(), name, await EntryEndpoints.ReadBody(http))))
            .RequirePermission(KeyVaultPermissions.Secrets.Set, Collection, Name)
            .WithName("SetSecret");

        return dataPlane.MapEntryLifecycle<SecretService>(ObjectKind.Secret, KeyVaultPermissions.Secrets.Lifecycle);
    }
}
