using System.Diagnostics;
using System.Net;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

/// <summary>Every data-plane request answers 429 with Retry-After: 2.</summary>
public sealed class ThrottlingEmulatorFixture : EmulatorFixture
{
    protected override string[] ExtraArguments => ["--in-memory", "--fault-rate", "1", "--fault-kinds", "429", "--fault-retry-after", "2"];
}

/// <summary>Every data-plane request faults with one of the three kinds (seeded, so the sequence is fixed).</summary>
public sealed class MixedFaultEmulatorFixture : EmulatorFixture
{
    protected override string[] ExtraArguments => ["--in-memory", "--fault-rate", "1", "--fault-kinds", "429,503,drop", "--fault-seed", "42"];
}

[CollectionDefinition(Name)]
public sealed class ThrottlingCollection : ICollectionFixture<ThrottlingEmulatorFixture>
{
    public const string Name = "Faults-429";
}

[CollectionDefinition(Name)]
public sealed class MixedFaultCollection : ICollectionFixture<MixedFaultEmulatorFixture>
{
    public const string Name = "Faults-mixed";
}

[Collection(ThrottlingCollection.Name)]
public sealed class ThrottlingTests(ThrottlingEmulatorFixture emulator)
{
    private sealed class CountingPolicy : HttpPipelineSynchronousPolicy
    {
        public int Count;
        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref Count);
    }

    [Fact]
    public async Task The_sdk_honours_Retry_After_then_surfaces_Throttled()
    {
        var counter = new CountingPolicy();
        var client = emulator.CreateSecretClient(configure: o =>
        {
            o.Retry.MaxRetries = 2;
            o.Retry.Delay = TimeSpan.FromMilliseconds(10); // without Retry-After the retries would be almost instant
            o.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        });
        var watch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync("anything"));
        watch.Stop();
        Assert.Equal(429, ex.Status);
        Assert.Equal("Throttled", ex.ErrorCode);
        Assert.Equal(3, counter.Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(3.9), $"took {watch.Elapsed}: Retry-After (2 s x 2 retries) was not honoured");
    }

    [Fact]
    public async Task Throttled_body_and_header_and_no_faults_on_token_or_health()
    {
        using var raw = await emulator.SendAsync(HttpMethod.Get, "/secrets?api-version=7.6"); // the token request itself is never faulted
        Assert.Equal((HttpStatusCode)429, raw.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), raw.Headers.RetryAfter!.Delta);
        Assert.Equal("""{"error":{"code":"Throttled","message":"Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached"}}""",
            await raw.Content.ReadAsStringAsync());
        for (var i = 0; i < 5; i++)
        {
            using var health = await emulator.Http.GetAsync($"{emulator.Info.VaultUri}.emulator/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
    }
}

[Collection(MixedFaultCollection.Name)]
public sealed class MixedFaultTests(MixedFaultEmulatorFixture emulator)
{
    [Fact]
    public async Task Each_kind_occurs_and_only_those()
    {
        var token = await emulator.GetTokenAsync();
        int throttled = 0, unavailable = 0, dropped = 0;
        for (var i = 0; i < 30; i++)
        {
            try
            {
                using var response = await emulator.SendAsync(HttpMethod.Get, "/secrets?api-version=7.6", token: token);
                if (response.StatusCode == (HttpStatusCode)429)
                {
                    Assert.NotNull(response.Headers.RetryAfter);
                    throttled++;
                }
                else
                {
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                    unavailable++;
                }
            }
            catch (HttpRequestException)
            {
                dropped++;
            }
        }
        Assert.Equal(30, throttled + unavailable + dropped);
        Assert.True(throttled > 0 && unavailable > 0 && dropped > 0, $"429: {throttled}, 503: {unavailable}, dropped: {dropped}");
    }
}
