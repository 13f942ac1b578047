using System.Text.Json;
using System.Text.Json.Nodes;
using VaultTools.Emulator.Authorization;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;

namespace VaultTools.Emulator.Entries;

/// <summary>
/// The routes every entry kind has, mapped once for each kind: list, versions, get, update, delete,
/// backup, restore, and the deleted entries (get, list, recover, purge). Each declares the kind's
/// permission; endpoint names are the REST operations' (GetSecrets, RestoreKey, PurgeDeletedCertificate...).
/// A kind's own routes (set, create, import, rotate, policy...) stay in its XxxEndpoints.
/// </summary>
public static class EntryEndpoints
{
    private const string Name = "name";

    public static RouteGroupBuilder MapEntryLifecycle<TService>(this RouteGroupBuilder dataPlane, ObjectKind kind, EntryPermissions permissions)
        where TService : IEntryService
    {
        var entries = "/" + kind.Collection;
        var deleted = "/" + kind.DeletedCollection;
        var collection = kind.Collection;
        var title = kind.Title;

        dataPlane.MapGet(entries, (HttpContext http, TService service) =>
                JsonResults.Ok(service.List(http.DataPlane(), PageRequest.From(http.Request))))
            .RequirePermission(permissions.List)
            .WithName($"Get{title}s");

        dataPlane.MapPost($"{entries}/restore", async (HttpContext http, TService service) =>
                JsonResults.Ok(service.Restore(http.DataPlane(), await ReadBody(http))))
            .RequirePermission(permissions.Restore)
            .WithName($"Restore{title}");

        dataPlane.MapDelete($"{entries}/{{name}}", (HttpContext http, string name, TService service) =>
                JsonResults.Ok(service.Delete(http.DataPlane(), name)))
            .RequirePermission(permissions.Delete, collection, Name)
            .WithName($"Delete{title}");

        dataPlane.MapGet($"{entries}/{{name}}/versions", (HttpContext http, string name, TService service) =>
                JsonResults.Ok(service.ListVersions(http.DataPlane(), name, PageRequest.From(http.Request))))
            .RequirePermission(permissions.List, collection, Name)
            .WithName($"Get{title}Versions");

        dataPlane.MapPost($"{entries}/{{name}}/backup", (HttpContext http, string name, TService service) =>
                JsonResults.Ok(service.Backup(http.DataPlane(), name)))
            .RequirePermission(permissions.Backup, collection, Name)
            .WithName($"Backup{title}");

        // GET /secrets/{name} and GET /secrets/{name}/ are the latest version (the version segment is optional), as the recordings show.
        dataPlane.MapGet($"{entries}/{{name}}/{{version?}}", (HttpContext http, string name, string? version, TService service) =>
                JsonResults.Ok(service.Get(http.DataPlane(), name, version)))
            .RequirePermission(permissions.Get, collection, Name)
            .WithName($"Get{title}");

        dataPlane.MapPatch($"{entries}/{{name}}/{{version?}}", async (HttpContext http, string name, string? version, TService service) =>
                JsonResults.Ok(service.Update(http.DataPlane(), name, version, await ReadBody(http))))
            .RequirePermission(permissions.Update, collection, Name)
            .WithName($"Update{title}");

        dataPlane.MapGet(deleted, (HttpContext http, TService service) =>
                JsonResults.Ok(service.ListDeleted(http.DataPlane(), PageRequest.From(http.Request))))
            .RequirePermission(permissions.ListDeleted)
            .WithName($"GetDeleted{title}s");

        dataPlane.MapGet($"{deleted}/{{name}}", (HttpContext http, string name, TService service) =>
                JsonResults.Ok(service.GetDeleted(http.DataPlane(), name)))
            .RequirePermission(permissions.GetDeleted, collection, Name)
            .WithName($"GetDeleted{title}");

        dataPlane.MapDelete($"{deleted}/{{name}}", (HttpContext http, string name, TService service) =>
            {
                service.Purge(http.DataPlane(), name);
                return Results.StatusCode(StatusCodes.Status204NoContent);
            })
            .RequirePermission(permissions.Purge, collection, Name)
            .WithName($"PurgeDeleted{title}");

        dataPlane.MapPost($"{deleted}/{{name}}/recover", (HttpContext http, string name, TService service) =>
                JsonResults.Ok(service.Recover(http.DataPlane(), name)))
            .RequirePermission(permissions.Recover, collection, Name)
            .WithName($"RecoverDeleted{title}");

        return dataPlane;
    }

    /// <summary>Reads a JSON object body; an empty or malformed body is the service's 400 BadParameter.</summary>
    public static async Task<JsonObject> ReadBody(HttpContext http)
    {
        try
        {
            var node = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            return node as JsonObject ?? throw KeyVaultErrors.BadParameter("The request body must be a JSON object.").ToException();
        }
        catch (JsonException)
        {
            throw KeyVaultErrors.BadParameter("The request body is missing or is not valid JSON.").ToException();
        }
    }
}
