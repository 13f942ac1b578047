using VaultTools.Emulator.Authorization;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Identity;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Hosting;

/// <summary>
/// The data-plane route group. Every Key Vault data-plane endpoint (secrets, keys and
/// certificates) is mapped into the group that <see cref="MapDataPlane"/> returns, and so
/// runs, in this order:
/// <list type="number">
/// <item>fault injection (--fault-rate),</item>
/// <item>vault resolution from the Host header (<c>localhost</c>/<c>127.0.0.1</c> → <c>local</c>, <c>{v}.localhost</c> → v; unknown → 404 VaultNotFound),</item>
/// <item>bearer-token validation (401 with the service's challenge),</item>
/// <item>api-version presence (400),</item>
/// <item>authorization: the permission the endpoint declared with <see cref="AuthorizationEndpointExtensions.RequirePermission"/>, through <see cref="IAuthorizer"/>.</item>
/// </list>
/// </summary>
public static partial class DataPlane
{
    public static RouteGroupBuilder MapDataPlane(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("");
        group.AddEndpointFilter(FaultFilter);
        group.AddEndpointFilter(VaultFilter);
        group.AddEndpointFilter(AuthenticationFilter);
        group.AddEndpointFilter(ApiVersionFilter);
        group.AddEndpointFilter<AuthorizationFilter>();
        return group;
    }

    private static async ValueTask<object?> FaultFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var faults = context.HttpContext.RequestServices.GetRequiredService<FaultInjector>();
        if (faults.Next() is { } fault)
        {
            if (fault == FaultKind.Drop)
            {
                context.HttpContext.Abort();
                return Results.Empty;
            }
            return faults.ErrorFor(fault)!.ToResult();
        }
        return await next(context);
    }

    private static async ValueTask<object?> VaultFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var vaultName = VaultNameFromHost(http.Request.Host.Host);
        var vault = vaultName is null ? null : http.RequestServices.GetRequiredService<VaultStore>().Get(vaultName);
        if (vault is null)
        {
            return KeyVaultErrors.VaultNotFound(vaultName ?? http.Request.Host.Host).ToResult();
        }
        http.Features.Set(new DataPlaneContext
        {
            Vault = vault,
            BaseUri = $"{http.Request.Scheme}://{http.Request.Host.Value}",
        });
        return await next(context);
    }

    /// <summary><c>localhost</c>/<c>127.0.0.1</c> → the default vault; <c>{v}.localhost</c> → v; anything else → null.</summary>
    public static string? VaultNameFromHost(string host)
    {
        var h = host.TrimEnd('.').ToLowerInvariant();
        if (h is "localhost" or "127.0.0.1")
        {
            return EmulatorRuntime.DefaultVaultName;
        }
        if (h.EndsWith(".localhost", StringComparison.Ordinal))
        {
            var name = h[..^".localhost".Length];
            return name.Length > 0 && !name.Contains('.') ? name : null;
        }
        return null;
    }

    private static async ValueTask<object?> AuthenticationFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var runtime = http.RequestServices.GetRequiredService<EmulatorRuntime>();
        var challenge = Challenge(runtime, http);
        string? header = http.Request.Headers.Authorization;
        if (string.IsNullOrWhiteSpace(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return KeyVaultErrors.MissingToken(challenge).ToResult();
        }
        var token = header["Bearer ".Length..].Trim();
        var tokens = http.RequestServices.GetRequiredService<TokenService>();
        var identities = http.RequestServices.GetRequiredService<IdentityDirectory>();
        var validation = await tokens.ValidateAsync(token, TokenService.VaultAudiences, identities.FindByObjectId);
        if (validation.Caller is null)
        {
            return KeyVaultErrors.InvalidToken(challenge, validation.Error!).ToResult();
        }
        http.DataPlane().Caller = validation.Caller;
        return await next(context);
    }

    /// <summary>
    /// <c>Bearer authorization="https://localhost:{port}/{tenant}", resource="https://vault.azure.net"</c>:
    /// the emulator is its own authority. Clients must set DisableChallengeResourceVerification.
    /// </summary>
    public static string Challenge(EmulatorRuntime runtime, HttpContext http) =>
        $"Bearer authorization=\"https://localhost:{http.Connection.LocalPort}/{runtime.TenantId}\", resource=\"https://vault.azure.net\"";

    /// <summary>
    /// The data-plane api-versions the service has published: 7.0 to 7.6 (with their previews) and the dated ones
    /// (2025-07-01 and later, with previews); any other version is refused before the request is read.
    /// </summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(7\.[0-6](-preview(\.[0-9]+)?)?|20[2-9][0-9]-[01][0-9]-[0-3][0-9](-preview(\.[0-9]+)?)?)\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex KnownApiVersion();

    private static async ValueTask<object?> ApiVersionFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        string? apiVersion = http.Request.Query["api-version"];
        if (string.IsNullOrWhiteSpace(apiVersion))
        {
            return KeyVaultErrors.MissingApiVersion().ToResult();
        }
        if (!KnownApiVersion().IsMatch(apiVersion))
        {
            return KeyVaultErrors.UnknownApiVersion(apiVersion).ToResult();
        }
        http.DataPlane().ApiVersion = apiVersion;
        return await next(context);
    }
}
