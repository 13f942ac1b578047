using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Web;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace VaultTools.Core.Tests.Recorded;

/// <summary>
/// A fake HttpPipelineTransport for the official SecretClient/CertificateClient (plugged in through
/// ClientOptions.Transport): it answers each (method, path[, $skiptoken]) with the responses queued for
/// it, in order, repeating the last one (so polling can go on), and answers a request without a token
/// with Key Vault's 401 challenge, as the service does. Every authorized request is recorded with its
/// body, so tests can check what was sent, and that nothing was sent when input is refused.
/// An unexpected request fails the test with a 599 naming it.
/// </summary>
public sealed class RecordedTransport : HttpPipelineTransport
{
    private readonly Dictionary<string, Queue<Reply>> _routes = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<SentRequest> _sent = new();

    public IReadOnlyList<SentRequest> Sent => _sent;

    /// <summary>Authorized requests whose path is <paramref name="path"/> (any host: nextLinks carry the recorder's host).</summary>
    public IEnumerable<SentRequest> SentTo(string method, string path)
        => _sent.Where(r => r.Method.Equals(method, StringComparison.OrdinalIgnoreCase) && r.Uri.AbsolutePath.Equals(path, StringComparison.OrdinalIgnoreCase));

    public List<string> Unexpected { get; } = new();

    /// <summary>Queues recorded responses for their own method and path.</summary>
    public RecordedTransport Serve(params RecordedCall[] calls)
    {
        foreach (var call in calls)
        {
            Serve(call.Method, call.Path, call.Status, call.Body, call.Headers);
        }

        return this;
    }

    public RecordedTransport Serve(string method, string path, int status, string body, IReadOnlyDictionary<string, string>? headers = null, string? skipToken = null)
    {
        string key = Key(method, path, skipToken);
        if (!_routes.TryGetValue(key, out var queue))
        {
            _routes[key] = queue = new Queue<Reply>();
        }

        queue.Enqueue(new Reply(status, body, headers ?? new Dictionary<string, string>()));
        return this;
    }

    public override Request CreateRequest() => new FakeRequest();

    public override void Process(HttpMessage message)
    {
        var request = message.Request;
        Uri uri = request.Uri.ToUri();
        if (!request.Headers.TryGetValue("Authorization", out _))
        {
            message.Response = new FakeResponse(401, """{"error":{"code":"Unauthorized","message":"AKV10000: Request is missing a Bearer or PoP token."}}""",
                new Dictionary<string, string> { ["WWW-Authenticate"] = "Bearer authorization=\"https://login.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47\", resource=\"https://vault.azure.net\"" },
                request.ClientRequestId);
            return;
        }

        string? body = null;
        if (request.Content != null)
        {
            using var stream = new MemoryStream();
            request.Content.WriteTo(stream, message.CancellationToken);
            body = Encoding.UTF8.GetString(stream.ToArray());
        }

        _sent.Add(new SentRequest(request.Method.ToString(), uri, body));
        string? skipToken = HttpUtility.ParseQueryString(uri.Query)["$skiptoken"];
        if (!_routes.TryGetValue(Key(request.Method.ToString(), uri.AbsolutePath, skipToken), out var queue) || queue.Count == 0)
        {
            Unexpected.Add($"{request.Method} {uri}");
            message.Response = new FakeResponse(599, "{\"error\":{\"code\":\"UnexpectedRequest\",\"message\":\"The test did not expect " + request.Method + " " + uri.AbsolutePath + "\"}}", new Dictionary<string, string>(), request.ClientRequestId);
            return;
        }

        var reply = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
        message.Response = new FakeResponse(reply.Status, reply.Body, reply.Headers, request.ClientRequestId);
    }

    public override ValueTask ProcessAsync(HttpMessage message)
    {
        Process(message);
        return default;
    }

    private static string Key(string method, string path, string? skipToken)
        => method.ToUpperInvariant() + " " + path.TrimEnd('/') + (skipToken is null ? "" : "?" + skipToken);

    private sealed record Reply(int Status, string Body, IReadOnlyDictionary<string, string> Headers);

    public sealed record SentRequest(string Method, Uri Uri, string? Body);

    private sealed class FakeRequest : Request
    {
        private readonly Dictionary<string, List<string>> _headers = new(StringComparer.OrdinalIgnoreCase);

        public override string ClientRequestId { get; set; } = Guid.NewGuid().ToString();

        public override void Dispose()
        {
        }

        protected override void AddHeader(string name, string value)
        {
            if (!_headers.TryGetValue(name, out var values))
            {
                _headers[name] = values = new List<string>();
            }

            values.Add(value);
        }

        protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, string.Join(",", h.Value)));

        protected override bool RemoveHeader(string name) => _headers.Remove(name);

        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
        {
            value = _headers.TryGetValue(name, out var values) ? string.Join(",", values) : null;
            return value != null;
        }

        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = _headers.TryGetValue(name, out var list) ? list : null;
            return values != null;
        }
    }
}
