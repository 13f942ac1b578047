using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace VaultTools.Emulator.Tests.Time;

/// <summary>
/// A webhook on 127.0.0.1 (HttpListener) that answers Event Grid's validation handshake as an endpoint must
/// (200 <c>{"validationResponse": code}</c>), unless told to refuse it, and keeps every notification it receives.
/// </summary>
public sealed class TestWebhook : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<JsonObject> _events = new();
    private readonly ConcurrentQueue<JsonObject> _validations = new();

    public TestWebhook()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public int Port { get; }

    /// <summary>Endpoints under this path answer 500 to their first two notifications (to see delivery retried).</summary>
    public const string FlakyPath = "/flaky/";

    private readonly ConcurrentDictionary<string, int> _failures = new();

    /// <summary>Notifications that were answered 500 on purpose.</summary>
    public int FailedOnPurpose => _failures.Values.Sum();

    /// <summary>Endpoints under this path refuse the handshake (answer 200 without the code).</summary>
    public const string RefusingPath = "/refuse/";

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public IReadOnlyList<JsonObject> Events => [.. _events];

    public IReadOnlyList<JsonObject> Validations => [.. _validations];

    /// <summary>Waits (up to 20 s) for a delivered event that matches; null if none came.</summary>
    public async Task<JsonObject?> WaitForAsync(Func<JsonObject, bool> match)
    {
        for (var i = 0; i < 400; i++)
        {
            if (_events.FirstOrDefault(match) is { } found)
            {
                return found;
            }
            await Task.Delay(50);
        }
        return null;
    }

    public static Func<JsonObject, bool> Is(string eventType, string name) =>
        e => e["eventType"]?.GetValue<string>() == eventType && e["subject"]?.GetValue<string>() == name;

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = JsonNode.Parse(await reader.ReadToEndAsync()) as JsonArray ?? [];
            var response = context.Response;
            if (context.Request.Headers["aeg-event-type"] == "SubscriptionValidation")
            {
                var validation = body[0]!.AsObject();
                var kept = validation.DeepClone().AsObject();
                kept["_path"] = context.Request.Url!.AbsolutePath;
                _validations.Enqueue(kept);
                var code = validation["data"]!["validationCode"]!.GetValue<string>();
                var answer = context.Request.Url!.AbsolutePath.StartsWith(RefusingPath, StringComparison.Ordinal)
                    ? "{}"
                    : new JsonObject { ["validationResponse"] = code }.ToJsonString();
                var bytes = Encoding.UTF8.GetBytes(answer);
                response.ContentType = "application/json";
                await response.OutputStream.WriteAsync(bytes);
            }
            else if (context.Request.Url!.AbsolutePath.StartsWith(FlakyPath, StringComparison.Ordinal)
                && _failures.AddOrUpdate(context.Request.Url.AbsolutePath, 1, (_, n) => n + 1) <= 2)
            {
                response.StatusCode = 500;
                response.Close();
                continue;
            }
            else
            {
                foreach (var e in body)
                {
                    var copy = e!.DeepClone().AsObject();
                    copy["_path"] = context.Request.Url!.AbsolutePath;
                    copy["_deliveryCount"] = context.Request.Headers["aeg-delivery-count"];
                    copy["_subscription"] = context.Request.Headers["aeg-subscription-name"];
                    _events.Enqueue(copy);
                }
            }
            response.StatusCode = 200;
            response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
