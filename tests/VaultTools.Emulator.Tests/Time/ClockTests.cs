using System.Net;
using System.Net.Http.Headers;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests.Time;

/// <summary>--clock-offset and /.emulator/clock: one clock for every date the emulator writes and checks.</summary>
[Collection(ClockCollection.Name)]
public sealed class ClockTests(ClockFixture emulator)
{
    [Fact]
    public async Task The_clock_starts_at_the_offset_given_and_answers_now_and_offset()
    {
        var (now, offset) = await emulator.GetClockAsync();
        var ahead = now - DateTimeOffset.UtcNow;
        Assert.True(ahead > TimeSpan.FromHours(23), $"the clock is {ahead} ahead");
        Assert.Matches("^P", offset);
    }

    [Fact]
    public async Task Advance_and_offset_move_the_clock_and_every_answer_s_Date_header_follows_it()
    {
        var before = (await emulator.GetClockAsync()).Now;
        var after = await emulator.AdvanceAsync(TimeSpan.FromDays(31));
        Assert.InRange(after - before, TimeSpan.FromDays(31), TimeSpan.FromDays(31) + TimeSpan.FromMinutes(1));

        var secrets = emulator.FreshSecretClient();
        var name = EmulatorFixture.UniqueName("dated");
        var response = (await secrets.SetSecretAsync(name, "v")).GetRawResponse();
        Assert.True(response.Headers.Date is { } date && (date - after).Duration() < TimeSpan.FromMinutes(1), $"Date {response.Headers.Date}, clock {after}");
        var created = (await secrets.GetSecretAsync(name)).Value.Properties.CreatedOn!.Value;
        Assert.InRange(created, after.AddMinutes(-1), after.AddMinutes(1));

        using var health = await emulator.Http.GetAsync(new Uri(new Uri(emulator.Info.VaultUri), "/.emulator/health"));
        Assert.True((health.Headers.Date!.Value - after).Duration() < TimeSpan.FromMinutes(1));

        var (now, offset) = await emulator.PostClockAsync("{\"offset\":\"P2D\"}");
        Assert.Equal("P2D", offset);
        Assert.InRange(now - DateTimeOffset.UtcNow, TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        Assert.Equal("P2DT1H", (await emulator.PostClockAsync("{\"advanceBy\":3600}")).Offset);
    }

    [Theory]
    [InlineData("{\"advanceBy\":\"-P1D\"}", "must not be negative")]
    [InlineData("{\"advanceBy\":\"soon\"}", "ISO 8601 duration")]
    [InlineData("{\"advanceBy\":\"P1D\",\"offset\":\"P1D\"}", "exactly one of")]
    [InlineData("{}", "exactly one of")]
    [InlineData("not json", "exactly one of")]
    public async Task A_bad_move_is_400_BadParameter_and_changes_nothing(string body, string message)
    {
        var before = await emulator.GetClockAsync();
        using var response = await emulator.Http.PostAsync(emulator.ClockUri, new StringContent(body));
        var answer = await HttpAnswer.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("BadParameter", answer.ErrorCode);
        Assert.Contains(message, answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(before.Offset, (await emulator.GetClockAsync()).Offset);
    }

    [Fact]
    public async Task The_clock_is_served_on_the_HTTPS_port_only()
    {
        using var plain = new HttpClient();
        using var response = await plain.GetAsync($"http://127.0.0.1:{emulator.Info.IdentityPort}/.emulator/clock");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Tokens_are_dated_and_checked_on_the_emulator_s_clock_and_a_move_does_not_age_the_ones_already_issued()
    {
        var token = (await emulator.FreshCredential().GetTokenAsync(new Azure.Core.TokenRequestContext([EmulatorFixture.VaultScope]), default)).Token;
        var payload = System.Text.Json.Nodes.JsonNode.Parse(Base64UrlDecode(token.Split('.')[1]))!;
        var now = (await emulator.GetClockAsync()).Now;
        Assert.InRange(payload["iat"]!.GetValue<long>(), now.AddMinutes(-1).ToUnixTimeSeconds(), now.AddMinutes(1).ToUnixTimeSeconds());
        Assert.Equal(payload["iat"]!.GetValue<long>() + 3600, payload["exp"]!.GetValue<long>());

        // Its client caches it by the machine's clock: after the clock jumps 2 hours it still works for its hour.
        await emulator.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.OK, (await emulator.VaultAsync(HttpMethod.Get, "local", "secrets?api-version=7.6", token)).Status);

        // A token the emulator did not issue (made with its signing key) valid by the machine's clock but expired on
        // the emulator's clock, which is more than a day ahead, is refused.
        var ahead = (await emulator.GetClockAsync()).Now;
        var stale = Mint(exp: ahead.AddHours(-1), iat: ahead.AddHours(-2));
        Assert.True(ahead.AddHours(-1) > DateTimeOffset.UtcNow.AddHours(12));
        var expired = await emulator.VaultAsync(HttpMethod.Get, "local", "secrets?api-version=7.6", stale);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.Contains("AKV10013", expired.ErrorMessage, StringComparison.Ordinal);
        Assert.NotNull(expired.Headers.WwwAuthenticate.FirstOrDefault(h => h.Scheme == "Bearer"));
        var current = Mint(exp: ahead.AddHours(1), iat: ahead);
        Assert.Equal(HttpStatusCode.OK, (await emulator.VaultAsync(HttpMethod.Get, "local", "secrets?api-version=7.6", current)).Status);
    }

    private string Mint(DateTimeOffset exp, DateTimeOffset iat) => TokenMinter.Mint(emulator.Info, claims =>
    {
        claims["iat"] = claims["nbf"] = iat.ToUnixTimeSeconds();
        claims["exp"] = exp.ToUnixTimeSeconds();
    });

    private static byte[] Base64UrlDecode(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
