using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using VaultTools.Emulator.Arm;
using VaultTools.Emulator.Authorization;
using VaultTools.Emulator.Certificates;
using VaultTools.Emulator.Entries;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Events;
using VaultTools.Emulator.Identity;
using VaultTools.Emulator.Keys;
using VaultTools.Emulator.Secrets;
using VaultTools.Emulator.Storage;

namespace VaultTools.Emulator.Hosting;

/// <summary>Builds and runs the emulator: data folder, TLS, listeners, services, routes, emulator.json.</summary>
public static class EmulatorHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = EmulatorOptions.ParseCommandLine(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
            }
            await Console.Error.WriteLineAsync("Run with --help for the options (docs/emulator.md describes them).");
            return 2;
        }
        if (parsed.Action is not null)
        {
            return await parsed.InvokeAsync(); // --help (and --version): print and exit 0
        }

        EmulatorOptions options;
        EmulatorConfig config;
        try
        {
            options = EmulatorOptions.From(parsed).WithDataFolder();
            config = EmulatorConfig.Load(options.ConfigFile);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }

        try
        {
            return await RunAsync(options, config);
        }
        finally
        {
            if (options.IsTemporary)
            {
                DataFiles.TryDeleteFolder(options.DataPath); // the run's folder: nothing is kept between runs
            }
        }
    }

    private static async Task<int> RunAsync(EmulatorOptions options, EmulatorConfig config)
    {
        WebApplication app;
        try
        {
            app = Build(options, config);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
        catch (DataFolderDamageException ex)
        {
            await Console.Error.WriteLineAsync($"error: the data folder '{options.DataPath}' cannot be used: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            await Console.Error.WriteLineAsync($"error: cannot use the data folder '{options.DataPath}': {ex.Message}");
            return 1;
        }

        await using (app)
        {
            // Checkpointed and closed however the run ends, so that the folder can be copied once the process is gone.
            using var database = app.Services.GetRequiredService<EmulatorDatabase>();
            try
            {
                await app.StartAsync();
            }
            catch (IOException ex)
            {
                await Console.Error.WriteLineAsync($"error: cannot listen on 127.0.0.1: {ex.Message}");
                return 1;
            }
            var info = WriteEmulatorJson(app, options);
            Console.Out.WriteLine($"VaultTools emulator ready: {info.VaultUri} (data: {info.DataPath})");
            Console.Out.Flush();
            await app.WaitForShutdownAsync();
            TryRemoveEmulatorJson(info);
        }
        return 0;
    }

    private const string KeyMaterialAdvice =
        "Restore it from a copy of the data folder: the private keys in vault.db are encrypted with it and cannot be read without it " +
        "(to give up those keys, move vault.db, vault.db.id and this file away and start again).";

    public static WebApplication Build(EmulatorOptions options, EmulatorConfig config)
    {
        var dataPath = options.DataPath;
        DataFiles.CreatePrivateDirectory(dataPath);
        var time = new EmulatorClock(options.ClockOffset);

        var state = EmulatorState.LoadAndMerge(dataPath, config);
        var identities = new IdentityDirectory(state.Identities);
        var runtime = new EmulatorRuntime
        {
            TenantId = state.TenantId,
            SubscriptionId = state.SubscriptionId,
            DataPath = dataPath,
            Persistent = options.Persistent,
        };
        var ca = CertificateAuthority.LoadOrCreate(dataPath);
        var tokens = new TokenService(DataFolderDamage.Load(dataPath, "jwt-signing-key.pem",
            DataFolderDamage.Recreatable + " Tokens issued before are then refused.", () => TokenService.LoadOrCreateSigningKey(dataPath)), state.TenantId, time);
        var backups = DataFolderDamage.Load(dataPath, "backup.key",
            "Restore it from a copy of the data folder: backups made by this emulator cannot be restored without it (delete it to start over with a new key).",
            () => BackupProtector.LoadOrCreate(dataPath));
        if (options.Persistent && File.Exists(Path.Combine(dataPath, EmulatorDatabase.IdFileName)) && !File.Exists(Path.Combine(dataPath, KeyMaterialProtector.FileName)))
        {
            throw new DataFolderDamageException(Path.Combine(dataPath, KeyMaterialProtector.FileName), "the file is missing, but vault.db is there.", KeyMaterialAdvice);
        }
        var keyMaterial = DataFolderDamage.Load(dataPath, KeyMaterialProtector.FileName, KeyMaterialAdvice, () => KeyMaterialProtector.LoadOrCreate(dataPath));
        var database = options.Persistent ? EmulatorDatabase.OpenFile(dataPath) : EmulatorDatabase.OpenInMemory();
        EmulatorBootstrap.Seed(database, runtime, config, identities, time);
        EventSubscriptionConfig.Apply(database, config.EventSubscriptions);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("VaultTools", LogLevel.Information);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = RequestBodyLimitMiddleware.HardCapBytes;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
                listen.UseHttps(https => https.ServerCertificateSelector = (_, name) => ca.GetServerCertificate(name)));
            kestrel.Listen(IPAddress.Loopback, options.IdentityPort);
        });

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(runtime);
        services.AddSingleton(ca);
        services.AddSingleton(identities);
        services.AddSingleton(new ApplicationRegistry(state, dataPath, identities, time));
        services.AddSingleton(tokens);
        services.AddSingleton(backups);
        services.AddSingleton(keyMaterial);
        services.AddSingleton(database);
        services.AddSingleton(time);
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<VaultStore>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<RoleAssignmentEvaluator>();
        services.AddSingleton<IAuthorizer, KeyVaultAuthorizer>();
        services.AddSingleton<ControlPlaneAuthorizer>();
        services.AddSingleton<ArmVaults>();
        services.AddSingleton<ArmRoleAssignments>();
        services.AddSingleton<SecretService>();
        services.AddSingleton<KeyService>();
        services.AddSingleton<CertificateService>();
        services.AddSingleton<CertificateIssuerService>();
        services.AddSingleton<EntryVisibility>();
        services.AddHostedService<ParentProcessWatcher>();
        services.AddSingleton<ITimeDrivenWork, ScheduledPurgeService>();
        services.AddSingleton<ITimeDrivenWork, KeyAutoRotation>();
        services.AddSingleton<ITimeDrivenWork, CertificateLifetimeActions>();
        services.AddSingleton<ITimeDrivenWork, ExpiryEvents>();
        services.AddSingleton<EventGridPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<EventGridPublisher>());
        services.AddSingleton<TimeDrivenRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<TimeDrivenRunner>());
        services.AddRouting();

        var app = builder.Build();
        app.UseMiddleware<ServiceHeadersMiddleware>();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseMiddleware<ListenerSeparationMiddleware>();
        app.UseRouting();
        app.MapEmulatorRoutes();
        return app;
    }

    private static EmulatorInfo WriteEmulatorJson(WebApplication app, EmulatorOptions options)
    {
        var runtime = app.Services.GetRequiredService<EmulatorRuntime>();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        runtime.HttpsPort = addresses.Select(a => new Uri(a)).First(u => u.Scheme == "https").Port;
        runtime.IdentityPort = addresses.Select(a => new Uri(a)).First(u => u.Scheme == "http").Port;
        var identities = app.Services.GetRequiredService<IdentityDirectory>();
        var ca = app.Services.GetRequiredService<CertificateAuthority>();
        var vaults = app.Services.GetRequiredService<VaultStore>().List();
        var https = runtime.HttpsPort;
        var id = runtime.IdentityPort;

        var info = new EmulatorInfo
        {
            ProcessId = Environment.ProcessId,
            DataPath = runtime.DataPath,
            VaultUri = $"https://localhost:{https}/",
            VaultUriTemplate = $"https://{{vault}}.localhost:{https}/",
            DefaultVaultName = EmulatorRuntime.DefaultVaultName,
            TenantId = runtime.TenantId,
            AuthorityHost = $"https://localhost:{https}/",
            ManagementEndpoint = $"https://localhost:{https}/",
            SubscriptionId = runtime.SubscriptionId,
            ResourceGroupName = EmulatorRuntime.ResourceGroupName,
            ImdsEndpoint = $"http://127.0.0.1:{id}{ManagedIdentityEndpoints.ImdsPath}",
            IdentityEndpoint = $"http://127.0.0.1:{id}{ManagedIdentityEndpoints.AppServicePath}",
            IdentityHeader = runtime.IdentityHeader,
            CaCertificatePath = ca.CertificatePath,
            Identities = identities.All.Select(EmulatorInfoIdentity.From).ToList(),
            HttpsPort = https,
            IdentityPort = id,
            Persistent = options.Persistent,
            Vaults = vaults.Select(v => v.Name).ToList(),
            ImdsAuthorityHost = $"http://127.0.0.1:{id}",
            JwtSigningKeyPath = Path.Combine(runtime.DataPath, "jwt-signing-key.pem"),
            StartedAt = DateTimeOffset.UtcNow.ToString("o"),
            GraphEndpoint = $"https://localhost:{https}/",
            Version = typeof(EmulatorHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0",
        };
        var json = JsonSerializer.Serialize(info, StorageJson.Indented);
        DataFiles.WriteSecretFileAtomically(Path.Combine(runtime.DataPath, EmulatorInfo.FileName), json + "\n");
        return info;
    }

    private static void TryRemoveEmulatorJson(EmulatorInfo info)
    {
        var path = Path.Combine(info.DataPath, EmulatorInfo.FileName);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            if (doc.RootElement.GetProperty("processId").GetInt32() == info.ProcessId)
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or JsonException or KeyNotFoundException or UnauthorizedAccessException)
        {
            // someone else's file, or already gone
        }
    }
}
