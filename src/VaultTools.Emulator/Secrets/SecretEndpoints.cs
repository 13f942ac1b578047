using System.Text.Json;
using System.Text.Json.Nodes;
using VaultTools.Emulator.Authorization;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Hosting;

namespace VaultTools.Emulator.Secrets;

/// <summary>The secrets routes of spec/secrets.json, each with the permission it needs.</summary>
public static class SecretEndpoints
{
    private const string Collection = "secrets";
    private const string Name = "name";

    public static RouteGroupBuilder MapSecrets(this RouteGroupBuilder dataPlane)
    {
        dataPlane.MapGet("/secrets", (HttpContext http, SecretService secrets) =>
                JsonResults.Ok(secrets.List(http.DataPlane(), PageRequest.From(http.Request))))
            .RequirePermission(KeyVaultPermissions.Secrets.List)
            .WithName("GetSecrets");

        dataPlane.MapPost("/secrets/restore", async (HttpContext http, SecretService secrets) =>
                JsonResults.Ok(secrets.Restore(http.DataPlane(), await ReadBody(http))))
            .RequirePermission(KeyVaultPermissions.Secrets.Restore)
            .WithName("RestoreSecret");

        dataPlane.MapPut("/secrets/{name}", async (HttpContext http, string name, SecretService secrets) =>
                JsonResults.Ok(secrets.Set(http.DataPlane(), name, await ReadBody(http))))
            .RequirePermission(KeyVaultPermissions.Secrets.Set, Collection, Name)
            .WithName("SetSecret");

        dataPlane.MapDelete("/secrets/{name}", (HttpContext http, string name, SecretService secrets) =>
                JsonResults.Ok(secrets.Delete(http.DataPlane(), name)))
            .RequirePermission(KeyVaultPermissions.Secrets.Delete, Collection, Name)
            .WithName("DeleteSecret");

        dataPlane.MapGet("/secrets/{name}/versions", (HttpContext http, string name, SecretService secrets) =>
                JsonResults.Ok(secrets.ListVersions(http.DataPlane(), name, PageRequest.From(http.Request))))
            .RequirePermission(KeyVaultPermissions.Secrets.List, Collection, Name)
            .WithName("GetSecretVersions");

        dataPlane.MapPost("/secrets/{name}/backup", (HttpContext http, string name, SecretService secrets) =>
                JsonResults.Ok(secrets.Backup(http.DataPlane(), name)))
            .RequirePermission(KeyVaultPermissions.Secrets.Backup, Collection, Name)
            .WithName("BackupSecret");

        // GET /secrets/{name} and GET /secrets/{name}/ are "latest" (the version segment is optional).
        dataPlane.MapGet("/secrets/{name}/{version?}", (HttpContext http, string name, string? version, SecretService secrets) =>
                JsonResults.Ok(secrets.Get(http.DataPlane(), name, version)))
            .RequirePermission(KeyVaultPermissions.Secrets.Get, Collection, Name)
            .WithName("GetSecret");

        dataPlane.MapPatch("/secrets/{name}/{version?}", async (HttpContext http, string name, string? version, SecretService secrets) =>
                JsonResults.Ok(secrets.Update(http.DataPlane(), name, version, await ReadBody(http))))
            .RequirePermission(KeyVaultPermissions.Secrets.Update, Collection, Name)
            .WithName("UpdateSecret");

        dataPlane.MapGet("/deletedsecrets", (HttpContext http, SecretService secrets) =>
                JsonResults.Ok(secrets.ListDeleted(http.DataPlane(), PageRequest.From(http.Request))))
            .RequirePermission(KeyVaultPermissions.Secrets.ListDeleted)
            .WithName("GetDeletedSecrets");

        dataPlane.MapGet("/deletedsecrets/{name}", (HttpContext http, string name, SecretService secrets) =>
                JsonResults.Ok(secrets.GetDeleted(http.DataPlane(), name)))
            .RequirePermission(KeyVaultPermissions.Secrets.GetDeleted, Collection, Name)
            .WithName("GetDeletedSecret");

        dataPlane.MapDelete("/deletedsecrets/{name}", (HttpContext http, string name, SecretService secrets) =>
            {
                secrets.Purge(http.DataPlane(), name);
                return Results.StatusCode(StatusCodes.Status204NoContent);
            })
            .RequirePermission(KeyVaultPermissions.Secrets.Purge, Collection, Name)
            .WithName("PurgeDeletedSecret");

        dataPlane.MapPost("/deletedsecrets/{name}/recover", (HttpContext http, string name, SecretService secrets) =>
                JsonResults.Ok(secrets.Recover(http.DataPlane(), name)))
            .RequirePermission(KeyVaultPermissions.Secrets.Recover, Collection, Name)
            .WithName("RecoverDeletedSecret");

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
