using System.Globalization;
using System.Text.Json;
using VaultTools.Connection;
using VaultTools.Core.Tests.Keys;
using VaultTools.Errors;
using VaultTools.Rotation;
using Xunit;

namespace VaultTools.Core.Tests;

/// <summary>
/// What rotation sends over a vault of 1,000 secrets of which 10 are due: the list pages, then for the 10 due
/// ones a version list and a new version; never a value read; one token; "now" from the vault's Date header.
/// </summary>
public class RotationPlanTests
{
    private const string Vault = "https://big-vault.vault.azure.net/";
    // The vault's clock: far from this machine's, so a decision by the local clock would differ.
    private static readonly DateTimeOffset VaultNow = new(2031, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private static FakeTransport BigVault(int count, Func<int, bool> isOld)
    {
        const int page = 25;
        long Unix(DateTimeOffset d) => d.ToUnixTimeSeconds();
        long Created(int i) => Unix(isOld(i) ? VaultNow.AddDays(-40) : VaultNow.AddDays(-10));
        var date = ("Date", VaultNow.ToString("r", CultureInfo.InvariantCulture));
        return new FakeTransport(request =>
        {
            if (request.Method == "GET" && request.Path == "/secrets")
            {
                int skip = int.Parse(request.Query("skip") ?? "0", CultureInfo.InvariantCulture);
                var items = Enumerable.Range(skip, Math.Min(page, count - skip)).Select(i => new
                {
                    id = $"{Vault}secrets/s{i}",
                    attributes = new { enabled = true, created = Created(i), updated = Created(i) },
                    tags = new Dictionary<string, string> { ["RotationInterval"] = "P1M" },
                });
                string? next = skip + page < count ? $"{Vault}secrets?api-version=7.6&skip={skip + page}" : null;
                return FakeResponse.Json(200, JsonSerializer.Serialize(new { value = items, nextLink = next }), date);
            }

            var segments = request.Path.Trim('/').Split('/');
            if (request.Method == "GET" && segments.Length == 3 && segments[2] == "versions")
            {
                return FakeResponse.Json(200, JsonSerializer.Serialize(new { value = new[] { new { id = $"{Vault}secrets/{segments[1]}/old", attributes = new { enabled = true, created = Unix(VaultNow.AddDays(-40)) } } } }), date);
            }

            if (request.Method == "PUT" && segments.Length == 2)
            {
                var body = request.Json;
                return FakeResponse.Json(200, JsonSerializer.Serialize(new
                {
                    id = $"{Vault}secrets/{segments[1]}/new",
                    attributes = new { enabled = true, created = Unix(VaultNow), updated = Unix(VaultNow), exp = body.GetProperty("attributes").GetProperty("exp").GetInt64() },
                    tags = body.GetProperty("tags"),
                }), date);
            }

            throw new InvalidOperationException($"Unexpected {request.Method} {request.Uri}");
        });
    }

    [Fact]
    public void All_over_1000_entries_with_10_due_lists_and_then_touches_only_those_10_with_one_token()
    {
        var transport = BigVault(1000, i => i % 100 == 7);
        var credential = new FakeCredential();
        var connection = VaultConnection.ForTransport(new ConnectionRequest { Credential = CredentialKind.AccessToken, VaultUri = new Uri(Vault) }, transport, credential);
        var service = new RotationService(connection);
        var vault = connection.DefaultVault!;
        var request = new RotationRequest { ThrottleLimit = 1 };

        var plan = service.Plan(vault, service.List(vault, new[] { EntryKind.Secret }, null).ToList(), request, onlyWithPolicy: true);
        var outcomes = service.RotateAll(plan.Where(c => c.Due).ToList(), request).ToList();

        Assert.Equal(1000, plan.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"s{(i * 100) + 7}"), outcomes.Select(o => o.Result.Name).OrderBy(n => int.Parse(n[1..], CultureInfo.InvariantCulture)));
        Assert.All(outcomes, o => Assert.Equal(RotationAction.Rotated, o.Result.Action));
        Assert.All(outcomes, o => Assert.Equal("old", o.Result.OldVersion));

        var sent = transport.Authorized.ToList();
        Assert.Equal(40, sent.Count(r => r.Method == "GET" && r.Path == "/secrets"));
        Assert.Equal(10, sent.Count(r => r.Path.EndsWith("/versions", StringComparison.Ordinal)));
        Assert.Equal(10, sent.Count(r => r.Method == "PUT"));
        Assert.Equal(60, sent.Count);                      // no value was read: no GET /secrets/{name}
        Assert.Single(credential.Requests);                // one token for the whole run

        // Expiry is the vault's now + P1M, a calendar month: 15 July 2031, not 30 days after this machine's clock.
        var put = sent.First(r => r.Method == "PUT");
        Assert.InRange(put.Json.GetProperty("attributes").GetProperty("exp").GetInt64(), VaultNow.AddMonths(1).ToUnixTimeSeconds(), VaultNow.AddMonths(1).ToUnixTimeSeconds() + 5);
        Assert.Equal("P1M", put.Json.GetProperty("tags").GetProperty("RotationInterval").GetString());
    }
}
