using VaultTools.Emulator.Authorization;
using VaultTools.Emulator.Entries;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;

namespace VaultTools.Emulator.Keys;

/// <summary>
/// The keys routes of the keys REST specification, each with the permission it needs: create, import, rotate, the
/// rotation policy and the cryptographic operations here, the others are the routes every entry kind has
/// (<see cref="EntryEndpoints.MapEntryLifecycle"/>). Literal segments match case-insensitively (the C++
/// client posts to /wrapKey, the spec writes /wrapkey).
/// </summary>
public static class KeyEndpoints
{
    private const string Collection = "keys";
    private const string Name = "name";

    private static readonly (string Segment, KeyService.Operation Operation, DataPlanePermission Permission)[] Operations =
    [
        ("encrypt", KeyService.Operation.Encrypt, KeyVaultPermissions.Keys.Encrypt),
        ("decrypt", KeyService.Operation.Decrypt, KeyVaultPermissions.Keys.Decrypt),
        ("wrapkey", KeyService.Operation.WrapKey, KeyVaultPermissions.Keys.WrapKey),
        ("unwrapkey", KeyService.Operation.UnwrapKey, KeyVaultPermissions.Keys.UnwrapKey),
        ("sign", KeyService.Operation.Sign, KeyVaultPermissions.Keys.Sign),
        ("verify", KeyService.Operation.Verify, KeyVaultPermissions.Keys.Verify),
    ];

    public static RouteGroupBuilder MapKeys(this RouteGroupBuilder dataPlane)
    {
        dataPlane.MapPost("/keys/{name}/create", async (HttpContext http, string name, KeyService keys) =>
                JsonResults.Ok(keys.Create(http.DataPlane(), name, await EntryEndpoints.ReadBody(http))))
            .RequirePermission(KeyVaultPermissions.Keys.Create, Collection, Name)
            .WithName("CreateKey");

        dataPlane.MapPut("/keys/{name}", async (HttpContext http, string name, KeyService keys) =>
                JsonResults.Ok(keys.Import(http.DataPlane(), name, await EntryEndpoints.ReadBody(http))))
            .RequirePermission(KeyVaultPermissions.Keys.Import, Collection, Name)
            .WithName("ImportKey");

        dataPlane.MapPost("/keys/{name}/rotate", (HttpContext http, string name, KeyService keys) =>
                JsonResults.Ok(keys.Rotate(http.DataPlane(), name)))
            .RequirePermission(KeyVaultPermissions.Keys.Rotate, Collection, Name)
            .WithName("RotateKey");

        dataPlane.MapGet("/keys/{name}/rotationpolicy", (HttpContext http, string name, KeyService keys) =>
                JsonResults.Ok(keys.GetRotationPolicy(http.DataPlane(), name)))
            .RequirePermission(KeyVaultPermissions.Keys.GetRotationPolicy, Collection, Name)
            .WithName("GetKeyRotationPolicy");

        dataPlane.MapPut("/keys/{name}/rotationpolicy", async (HttpContext http, string name, KeyService keys) =>
                JsonResults.Ok(keys.SetRotationPolicy(http.DataPlane(), name, await EntryEndpoints.ReadBody(http))))
            .RequirePermission(KeyVaultPermissions.Keys.SetRotationPolicy, Collection, Name)
            .WithName("UpdateKeyRotationPolicy");

        foreach (var (segment, operation, permission) in Operations)
        {
            dataPlane.MapPost($"/keys/{{name}}/{{version}}/{segment}", async (HttpContext http, string name, string version, KeyService keys) =>
                    JsonResults.Ok(keys.Operate(http.DataPlane(), name, version, operation, await EntryEndpoints.ReadBody(http))))
                .RequirePermission(permission, Collection, Name)
                .WithName(OperationId(operation));
            // Without a version: the latest version.
            dataPlane.MapPost($"/keys/{{name}}/{segment}", async (HttpContext http, string name, KeyService keys) =>
                    JsonResults.Ok(keys.Operate(http.DataPlane(), name, null, operation, await EntryEndpoints.ReadBody(http))))
                .RequirePermission(permission, Collection, Name)
                .WithName(OperationId(operation) + "Latest");
        }

        return dataPlane.MapEntryLifecycle<KeyService>(ObjectKind.Key, KeyVaultPermissions.Keys.Lifecycle);
    }

    private static string OperationId(KeyService.Operation operation) => "Key" + operation;
}
