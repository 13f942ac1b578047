using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Identity;
using Azure.Security.KeyVault.Certificates;
using Azure.Security.KeyVault.Secrets;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests.Time;

/// <summary>
/// An emulator whose clock starts a day ahead (<c>--clock-offset P1D</c>) and is moved by the tests. Its tests share
/// one collection (they run one after the other) and never assume the offset another test left: each reads the clock.
/// </summary>
public sealed class ClockFixture : EmulatorFixture, IAsyncLifetime
{
    protected override string[] ExtraArguments => ["--in-memory", "--clock-offset", "P1D"];

    /// <summary>The webhook that the config's subscription "config-hook" (SecretNewVersionCreated only) and the tests' ARM subscriptions point at.</summary>
    public TestWebhook Webhook { get; } = new();

    protected override string Config => ConfigJson.Replace("\"roleAssignments\": [",
        $$"""
        "eventSubscriptions": [
            { "name": "config-hook", "vault": "local", "endpointUrl": "{{Webhook.Url("/config/")}}", "includedEventTypes": ["Microsoft.KeyVault.SecretNewVersionCreated"] }
          ],
          "roleAssignments": [
        """, StringComparison.Ordinal);

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Webhook.Dispose();
    }

    public Uri ClockUri => new(new Uri(Info.VaultUri), "/.emulator/clock");

    public async Task<(DateTimeOffset Now, string Offset)> GetClockAsync()
    {
        using var response = await Http.GetAsync(ClockUri);
        return await ReadClockAsync(response);
    }

    /// <summary>Moves the clock forward; returns the emulator's new now.</summary>
    public async Task<DateTimeOffset> AdvanceAsync(TimeSpan by) =>
        (await PostClockAsync($"{{\"advanceBy\":\"{System.Xml.XmlConvert.ToString(by)}\"}}")).Now;

    public async Task<(DateTimeOffset Now, string Offset)> PostClockAsync(string body)
    {
        using var response = await Http.PostAsync(ClockUri, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        return await ReadClockAsync(response);
    }

    private static async Task<(DateTimeOffset Now, string Offset)> ReadClockAsync(HttpResponseMessage response)
    {
        var answer = await HttpAnswer.ReadAsync(response);
        Assert.True(answer.Status == System.Net.HttpStatusCode.OK, answer.Text);
        return (DateTimeOffset.Parse(answer.Json!["now"]!.GetValue<string>(), CultureInfo.InvariantCulture), answer.Json!["offset"]!.GetValue<string>());
    }

    /// <summary>
    /// Clients with a new credential: tokens issued before a clock move expire on the emulator's clock while the
    /// client's own (real) clock still says they are fresh, so each test signs in anew after it moves the clock.
    /// </summary>
    public SecretClient FreshSecretClient() => CreateSecretClient(credential: CreateCredential("admin"));

    public CertificateClient FreshCertificateClient() => CreateCertificateClient(credential: CreateCredential("admin"));

    public ClientSecretCredential FreshCredential() => CreateCredential("admin");

    /// <summary>The keys API (raw HTTP, Infrastructure/KeyApi) with a fresh sign-in.</summary>
    public KeyApi FreshKeys()
    {
        var credential = FreshCredential();
        return new KeyApi(async (method, path, vault, body) =>
            await SendAsync(method, path, vault, body, (await credential.GetTokenAsync(new Azure.Core.TokenRequestContext([VaultScope]), default)).Token));
    }

    public async Task<string> FreshArmTokenAsync() =>
        (await FreshCredential().GetTokenAsync(new Azure.Core.TokenRequestContext([ArmScope]), default)).Token;
}

[CollectionDefinition(Name)]
public sealed class ClockCollection : ICollectionFixture<ClockFixture>
{
    public const string Name = "Clock";
}
