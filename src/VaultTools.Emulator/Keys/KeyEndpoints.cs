using VaultTools.Emulator.Authorization;
using VaultTools.Emulator.Hosting;
using VaultTools.Emulator.Secrets;

namespace VaultTools.Emulator.Keys;

/// <summary>
/// The keys routes of spec/keys.json, each with the permission it needs. Literal segments match
/// case-insensitively (the C++ client posts to /wrapKey, the spec writes /wrapkey).
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
        dataPlane.MapGet("/keys", (HttpContext http, KeyService keys) =>
                JsonResults.Ok(keys.List(http.DataPlane(), PageRequest.From(http.Request))))
            .RequirePermission(KeyVaultPermissions.Keys.List)
            .WithName("GetKeys");

        dataPlane.MapPost("/keys/restore", async (HttpContext http, KeyService keys) =>
                JsonResults.Ok(keys.Restore(http.DataPlane(), await SecretEndpoints.ReadBody(http))))
            .RequirePermission(KeyVaultPermissions.Keys.Restore)
            .WithName("RestoreKey");

        dataPlane.MapPost("/keys/{name}/create", async (HttpContext http, string name, KeyService keys) =>
                JsonResults.Ok(keys.Create(http.DataPlane(), name, await SecretEndpoints.ReadBody(http))))
            .RequirePermission(KeyVaultPermissions.Keys.Create, Collection, Name)
            .WithName("CreateKey");

        dataPlane.MapPut("/keys/{name}", async (HttpContext http, string name, KeyService keys) =>
                JsonResults.Ok(keys.Import(http.DataPlane(), name, await SecretEndpoints.ReadBody(http))))
            .RequirePermission(KeyVaultPermissions.Keys.Import, Collection, Name)
            .WithName("ImportKey");

        dataPlane.MapDelete("/keys/{name}", (HttpContext http, string name, KeyService keys) =>
                JsonResults.Ok(keys.Delete(http.DataPlane(), name)))
            .RequirePermission(KeyVaultPermissions.Keys.Delete, Collection, Name)
            .WithName("DeleteKey");

        dataPlane.MapGet("/keys/{name}/versions", (HttpContext http, string name, KeyService keys) =>
                JsonResults.Ok(keys.ListVersions(http.DataPlane(), name, PageRequest.From(http.Request))))
            .RequirePermission(KeyVaultPermissions.Keys.List, Collection, Name)
            .WithName("GetKeyVersions");

        dataPlane.MapPost("/keys/{name}/backup", (HttpContext http, string name, KeyService keys) =>
                JsonResults.Ok(keys.Backup(http.DataPlane(), name)))
            .RequirePermission(KeyVaultPermissions.Keys.Backup, Collection, Name)
            .WithName("BackupKey");

        dataPlane.MapPost("/keys/{name}/rotate", (HttpContext http, string name, KeyService keys) =>
                JsonResults.Ok(keys.Rotate(http.DataPlane(), name)))
            .RequirePermission(KeyVaultPermissions.Keys.Rotate, Collection, Name)
            .WithName("RotateKey");

        dataPlane.MapGet("/keys/{name}/rotationpolicy", (HttpContext http, string name, KeyService keys) =>
                JsonResults.Ok(keys.GetRotationPolicy(http.DataPlane(), name)))
            .RequirePermission(KeyVaultPermissions.Keys.GetRotationPolicy, Collection, Name)
            .WithName("GetKeyRotationPolicy");

        dataPlane.MapPut("/keys/{name}/rotationpolicy", async (HttpContext http, string name, KeyService keys) =>
                JsonResults.Ok(keys.SetRotationPolicy(http.DataPlane(), name, await SecretEndpoints.ReadBody(http))))
            .RequirePermission(KeyVaultPermissions.Keys.SetRotationPolicy, Collection, Name)
            .WithName("UpdateKeyRotationPolicy");

        // GET /keys/{name} and GET /keys/{name}/ are "latest" (the version segment is optional), as the recordings show.
        dataPlane.MapGet("/keys/{name}/{version?}", (HttpContext http, string name, string? version, KeyService keys) =>
                JsonResults.Ok(keys.Get(http.DataPlane(), name, version)))
            .RequirePermission(KeyVaultPermissions.Keys.Get, Collection, Name)
            .WithName("GetKey");

        dataPlane.MapPatch("/keys/{name}/{version?}", async (HttpContext http, string name, string? version, KeyService keys) =>
                JsonResults.Ok(keys.Update(http.DataPlane(), name, version, await SecretEndpoints.ReadBody(http))))
            .RequirePermission(KeyVaultPermissions.Keys.Update, Collection, Name)
            .WithName("UpdateKey");

        foreach (var (segment, operation, permission) in Operations)
        {
            dataPlane.MapPost($"/keys/{{name}}/{{version}}/{segment}", async (HttpContext http, string name, string version, KeyService keys) =>
                    JsonResults.Ok(keys.Operate(http.DataPlane(), name, version, operation, await SecretEndpoints.ReadBody(http))))
                .RequirePermission(permission, Collection, Name)
                .WithName(OperationId(operation));
            // Without a version: the latest version.
            dataPlane.MapPost($"/keys/{{name}}/{segment}", async (HttpContext http, string name, KeyService keys) =>
                    JsonResults.Ok(keys.Operate(http.DataPlane(), name, null, operation, await SecretEndpoints.ReadBody(http))))
                .RequirePermission(permission, Collection, Name)
                .WithName(OperationId(operation) + "Latest");
        }

        dataPlane.MapGet("/deletedkeys", (HttpContext http, KeyService keys) =>
                JsonResults.Ok(keys.ListDeleted(http.DataPlane(), PageRequest.From(http.Request))))
            .RequirePermission(KeyVaultPermissions.Keys.ListDeleted)
            .WithName("GetDeletedKeys");

        dataPlane.MapGet("/deletedkeys/{name}", (HttpContext http, string name, KeyService keys) =>
                JsonResults.Ok(keys.GetDeleted(http.DataPlane(), name)))
            .RequirePermission(KeyVaultPermissions.Keys.GetDeleted, Collection, Name)
            .WithName("GetDeletedKey");

        dataPlane.MapDelete("/deletedkeys/{name}", (HttpContext http, string name, KeyService keys) =>
            {
                keys.Purge(http.DataPlane(), name);
                return Results.StatusCode(StatusCodes.Status204NoContent);
            })
            .RequirePermission(KeyVaultPermissions.Keys.Purge, Collection, Name)
            .WithName("PurgeDeletedKey");

        dataPlane.MapPost("/deletedkeys/{name}/recover", (HttpContext http, string name, KeyService keys) =>
                JsonResults.Ok(keys.Recover(http.DataPlane(), name)))
            .RequirePermission(KeyVaultPermissions.Keys.Recover, Collection, Name)
            .WithName("RecoverDeletedKey");

        return dataPlane;
    }

    private static string OperationId(KeyService.Operation operation) => "Key" + operation;
}
