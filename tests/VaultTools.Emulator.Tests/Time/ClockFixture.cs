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
public sealed class ClockFixture : EmulatorFixture
{
    protected override string[] ExtraArguments => ["--in-memory", "--clock-offset", "P1D"];

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
}

[CollectionDefinition(Name)]
public sealed class ClockCollection : ICollectionFixture<ClockFixture>
{
    public const string Name = "Clock";
}
