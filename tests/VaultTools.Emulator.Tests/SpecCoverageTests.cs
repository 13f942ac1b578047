using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VaultTools.Emulator.Tests.Infrastructure;
using Xunit;

namespace VaultTools.Emulator.Tests;

/// <summary>
/// The emulator against the REST specification's operations (SpecCoverage/operations.txt): every
/// operation is served by a route or is in <see cref="NotImplemented"/> and answers 501; every secrets,
/// keys and certificates route is one of the operations. Implementing an operation: remove its line from
/// NotImplemented. A route that is not in the specification fails until its operation is listed.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed partial class SpecCoverageTests(EmulatorFixture emulator)
{
    /// <summary>Operations of the specification that the emulator answers with 501 NotImplemented.</summary>
    private static readonly HashSet<string> NotImplemented =
    [
        "GetKeyAttestation",
        "release",
        "GetRandomBytes",
        "MergeCertificate",
    ];

    /// <summary>The first path segments whose routes must all be operations of the specification.</summary>
    private static readonly string[] CheckedAreas = ["SECRETS", "DELETEDSECRETS", "KEYS", "DELETEDKEYS", "CERTIFICATES", "DELETEDCERTIFICATES", "RNG"];

    private sealed record Operation(string Method, string Path, string Id);

    private static List<Operation> Operations() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "SpecCoverage", "operations.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => new Operation(p[0], p[1], p[2]))
            .ToList();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Placeholder();

    // "/keys/{key-name}/{key-version}/sign" -> "/KEYS/{}/{}/SIGN"; one case, as routes match case-insensitively.
    private static string Shape(string path) => Placeholder().Replace(path, "{}").ToUpperInvariant();

    // What a route may stand for: the specification writes "latest version" as an empty {*-version}
    // segment, which the emulator also serves without the segment.
    private static IEnumerable<string> Shapes(Operation op)
    {
        yield return Shape(op.Path);
        var segments = op.Path.Split('/');
        if (segments.Any(s => s.StartsWith('{') && s.Contains("version", StringComparison.Ordinal)))
        {
            yield return Shape(string.Join('/', segments.Where(s => !(s.StartsWith('{') && s.Contains("version", StringComparison.Ordinal)))));
        }
    }

    private async Task<List<(string Method, string Shape)>> RoutesAsync()
    {
        using var response = await emulator.SendAsync(HttpMethod.Get, "/.emulator/routes");
        var routes = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        var result = new List<(string, string)>();
        foreach (var route in routes)
        {
            var pattern = route!["pattern"]!.GetValue<string>();
            if (pattern.Contains("{**", StringComparison.Ordinal))
            {
                continue; // a 501 catch-all for a whole area (storage, rng, ...), not an operation
            }
            foreach (var method in route["methods"]!.AsArray())
            {
                // An optional last parameter ("{version?}") serves the path with and without it.
                var shape = Shape(pattern);
                result.Add((method!.GetValue<string>(), shape));
                if (pattern.EndsWith("?}", StringComparison.Ordinal))
                {
                    result.Add((method.GetValue<string>(), shape[..shape.LastIndexOf('/')]));
                }
            }
        }
        return result;
    }

    [Fact]
    public async Task Every_operation_is_served_or_answers_501()
    {
        var routes = await RoutesAsync();
        var unserved = Operations()
            .Where(op => !NotImplemented.Contains(op.Id))
            .Where(op => !Shapes(op).Any(shape => routes.Contains((op.Method, shape))))
            .Select(op => $"{op.Method} {op.Path} ({op.Id})")
            .ToList();
        Assert.True(unserved.Count == 0, "Operations with no route (implement them or add them to NotImplemented): " + string.Join(", ", unserved));

        foreach (var op in Operations().Where(op => NotImplemented.Contains(op.Id)))
        {
            var answer = await emulator.VaultAsync(new HttpMethod(op.Method), "local", Placeholder().Replace(op.Path, "x") + "?api-version=2025-07-01",
                await emulator.GetTokenAsync(), op.Method is "GET" or "DELETE" ? null : "{}");
            Assert.True(answer.Status == HttpStatusCode.NotImplemented, $"{op.Id} is in NotImplemented but answered {answer}");
        }
    }

    [Fact]
    public async Task Every_data_plane_route_is_an_operation_of_the_specification()
    {
        var known = Operations().SelectMany(op => Shapes(op).Select(shape => (op.Method, shape))).ToHashSet();
        var extra = (await RoutesAsync())
            .Where(r => CheckedAreas.Contains(r.Shape.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()))
            .Where(r => !known.Contains(r))
            .Select(r => $"{r.Method} {r.Shape}")
            .Distinct()
            .ToList();
        Assert.True(extra.Count == 0, "Routes that are no operation of SpecCoverage/operations.txt: " + string.Join(", ", extra));
    }
}

/// <summary>
/// The emulator against the ARM operations of the resource types it serves (SpecCoverage/arm-operations.txt).
/// ARM is served by one handler that reads the path itself, so there is no route table to compare: each operation
/// is sent (placeholders filled with the emulator's subscription, resource group, the vault <c>local</c>, a fresh
/// vault name, a built-in role) and must answer anything but 501 — a 400 or 404 for the probe's body or names is
/// an answer — unless it is in <see cref="ArmNotImplemented"/>, and then exactly 501. Implementing an operation
/// fails the test until its line leaves the list; dropping one fails it too.
/// </summary>
public sealed partial class SpecCoverageTests
{
    /// <summary>ARM operations of those resource types that the emulator answers with 501 NotImplemented.</summary>
    private static readonly HashSet<string> ArmNotImplemented =
    [
        "Vaults_ListDeleted",
        "Vaults_GetDeleted",
        "Vaults_PurgeDeleted",
        "Vaults_List",
        "Vaults_CheckNameAvailability",
        "RoleDefinitions_CreateOrUpdate",
        "RoleDefinitions_Delete",
        "EventSubscriptions_Update",
        "EventSubscriptions_GetFullUrl",
        "EventSubscriptions_GetDeliveryAttributes",
    ];

    private sealed record ArmOperation(string Method, string Path, string Id, string ApiVersion);

    private static List<ArmOperation> ArmOperations() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "SpecCoverage", "arm-operations.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => new ArmOperation(p[0], p[1], p[2], p[3]))
            .ToList();

    [Fact]
    public async Task Every_arm_operation_is_served_or_answers_501()
    {
        const string KeyVaultAdministrator = "00482a5a-887f-4fb3-b363-3b7fe8e74483";
        var info = emulator.Info;
        string probeVault = "specprobe" + Guid.NewGuid().ToString("n")[..8];
        string assignment = Guid.NewGuid().ToString();
        string scope = emulator.VaultId("local").TrimStart('/');
        var values = new Dictionary<string, string>
        {
            ["subscriptionId"] = info.SubscriptionId,
            ["resourceGroupName"] = info.ResourceGroupName,
            ["vaultName"] = probeVault,
            ["operationKind"] = "add",
            ["location"] = "westeurope",
            ["scope"] = scope,
            ["roleAssignmentName"] = assignment,
            ["roleAssignmentId"] = $"{scope}/providers/Microsoft.Authorization/roleAssignments/{assignment}",
            ["roleDefinitionId"] = KeyVaultAdministrator,
            ["roleId"] = $"subscriptions/{info.SubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{KeyVaultAdministrator}",
            ["resourceProviderNamespace"] = "Microsoft.KeyVault",
            ["providerNamespace"] = "Microsoft.KeyVault",
            ["parentResourcePath"] = "",
            ["resourceType"] = "vaults",
            ["resourceTypeName"] = "vaults",
            ["resourceName"] = "local",
            ["eventSubscriptionName"] = "specprobe",
        };

        var wrong = new List<string>();
        foreach (var op in ArmOperations())
        {
            var path = Placeholder().Replace(op.Path, m => values[m.Value[1..^1]]).Replace("//", "/", StringComparison.Ordinal);
            var answer = await emulator.ArmAsync(new HttpMethod(op.Method), $"{path}?api-version={op.ApiVersion}",
                op.Method is "GET" or "DELETE" ? null : "{}");
            bool notImplemented = answer.Status == HttpStatusCode.NotImplemented;
            if (notImplemented != ArmNotImplemented.Contains(op.Id))
            {
                wrong.Add($"{op.Id} ({op.Method} {path}) answered {(int)answer.Status}");
            }
        }

        Assert.True(wrong.Count == 0, "ARM operations that answer 501 but are not in ArmNotImplemented, or are listed there and answer: " + string.Join("; ", wrong));
    }
}
