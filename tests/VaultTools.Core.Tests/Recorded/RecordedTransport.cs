using System.Web;
using Azure;
using Azure.Core;

namespace VaultTools.Core.Tests.Recorded;

/// <summary>
/// The fake transport serving the real service's recorded responses: it answers each (method, path[, $skiptoken])
/// with the responses queued for it, in order. By default the last one repeats (so polling can go on) and an
/// unexpected request gets a 599 naming it (listed in <see cref="Unexpected"/>); a strict replay
/// (<see cref="Keys.Recordings.Replay"/>) serves each recorded response once and fails the test on any other request.
/// Authorized requests are in <see cref="Sent"/> with their bodies, so tests can check what was sent, and that
/// nothing was sent when input is refused.
/// </summary>
public sealed class RecordedTransport : FakeTransport
{
    private readonly Dictionary<string, Queue<Reply>> _routes = new(StringComparer.OrdinalIgnoreCase);

    public RecordedTransport()
        : this(Challenge, strict: false)
    {
    }

    public RecordedTransport(string? challenge, bool strict)
        : base(challenge)
    {
        Strict = strict;
    }

    /// <summary>Each response is served once, and a request with none left fails the test.</summary>
    public bool Strict { get; }

    /// <summary>Requests that carried a token: what the vault acted on.</summary>
    public IReadOnlyList<SentRequest> Sent => Authorized.ToList();

    /// <summary>Authorized requests whose path is <paramref name="path"/> (any host: nextLinks carry the recorder's host).</summary>
    public IEnumerable<SentRequest> SentTo(string method, string path)
        => Authorized.Where(r => r.Method.Equals(method, StringComparison.OrdinalIgnoreCase) && r.Uri.AbsolutePath.Equals(path, StringComparison.OrdinalIgnoreCase));

    public List<string> Unexpected { get; } = new();

    /// <summary>Queues recorded responses for their own method and path.</summary>
    public RecordedTransport Serve(params RecordedCall[] calls)
    {
        foreach (var call in calls)
        {
            // A strict replay tells recorded pages apart by $skiptoken; otherwise a test queues the pages it needs.
            Serve(call.Method, call.Path, call.Status, call.Body, call.Headers, Strict ? SkipToken(call.Url) : null);
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

    protected override Response Answer(SentRequest sent, HttpMessage message)
    {
        string? skipToken = SkipToken(sent.Uri);
        if (!_routes.TryGetValue(Key(sent.Method, sent.Uri.AbsolutePath, skipToken), out var queue) || queue.Count == 0)
        {
            if (Strict)
            {
                throw new InvalidOperationException($"Not in the recording: {sent.Method} {sent.Uri}");
            }

            Unexpected.Add($"{sent.Method} {sent.Uri}");
            return new FakeResponse(599, "{\"error\":{\"code\":\"UnexpectedRequest\",\"message\":\"The test did not expect " + sent.Method + " " + sent.Uri.AbsolutePath + "\"}}", new Dictionary<string, string>(), message.Request.ClientRequestId);
        }

        var reply = queue.Count > 1 || Strict ? queue.Dequeue() : queue.Peek();
        return new FakeResponse(reply.Status, reply.Body, reply.Headers, message.Request.ClientRequestId);
    }

    private static string? SkipToken(Uri uri) => HttpUtility.ParseQueryString(uri.Query)["$skiptoken"];

    private static string Key(string method, string path, string? skipToken)
        => method.ToUpperInvariant() + " " + path.TrimEnd('/') + (skipToken is null ? "" : "?" + skipToken);

    private sealed record Reply(int Status, string Body, IReadOnlyDictionary<string, string> Headers);
}
