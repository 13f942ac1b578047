using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace VaultTools.Core.Tests;

/// <summary>
/// The one fake HTTP transport of Core's tests, for the official clients and the keys client alike (plugged in
/// through ClientOptions.Transport): records every request (method, URL, headers, body) and answers through a
/// function; <see cref="Recorded.RecordedTransport"/> adds the real service's recorded responses by route. Like
/// the real vault it first answers an unauthenticated request with the 401 Bearer challenge, so every test also
/// goes through the challenge authentication.
/// </summary>
public class FakeTransport : HttpPipelineTransport
{
    public const string Challenge = "Bearer authorization=\"https://login.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47\", resource=\"https://vault.azure.net\"";

    private readonly Func<SentRequest, FakeResponse>? _answer;

    public FakeTransport(Func<SentRequest, FakeResponse> answer, string? challenge = Challenge)
    {
        _answer = answer;
        ChallengeHeader = challenge;
    }

    /// <summary>For a transport that answers by overriding <see cref="Answer"/>.</summary>
    protected FakeTransport(string? challenge)
    {
        ChallengeHeader = challenge;
    }

    /// <summary>The WWW-Authenticate header sent with the 401 for requests without a token; null: no challenge.</summary>
    public string? ChallengeHeader { get; set; }

    public List<SentRequest> Requests { get; } = new();

    /// <summary>Requests that carried a bearer token (what the vault acted on).</summary>
    public IEnumerable<SentRequest> Authorized => Requests.Where(r => r.Authorization != null);

    public override Request CreateRequest() => new FakeRequest();

    public override void Process(HttpMessage message)
    {
        var request = (FakeRequest)message.Request;
        string? body = null;
        if (request.Content != null)
        {
            using var stream = new MemoryStream();
            request.Content.WriteTo(stream, CancellationToken.None);
            body = Encoding.UTF8.GetString(stream.ToArray());
        }

        request.Headers.TryGetValue("Authorization", out string? authorization);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.AllHeaders)
        {
            headers[header.Name] = header.Value;
        }

        var sent = new SentRequest(request.Method.Method, request.Uri.ToUri(), authorization, body, headers);
        Requests.Add(sent);
        if (authorization is null && ChallengeHeader != null)
        {
            message.Response = FakeResponse.Json(401, """{"error":{"code":"Unauthorized","message":"AKV10000: Request is missing a Bearer or PoP token."}}""", ("WWW-Authenticate", ChallengeHeader));
            return;
        }

        message.Response = Answer(sent, message);
    }

    /// <summary>The answer to an authorized request (or any request when there is no challenge).</summary>
    protected virtual Response Answer(SentRequest sent, HttpMessage message)
        => (_answer ?? throw new InvalidOperationException("No answer given."))(sent);

    public override ValueTask ProcessAsync(HttpMessage message)
    {
        Process(message);
        return default;
    }
}

/// <summary>One request as sent: its body as UTF-8 text (every body Key Vault takes is JSON).</summary>
public sealed record SentRequest(string Method, Uri Uri, string? Authorization, string? Body, Dictionary<string, string> Headers)
{
    public string Path => Uri.AbsolutePath;
    public string? Query(string name) => System.Web.HttpUtility.ParseQueryString(Uri.Query)[name];
    public JsonElement Json => JsonDocument.Parse(Body ?? throw new InvalidOperationException("The request had no body.")).RootElement;
    public string BodyText => Body ?? "";
}

internal sealed class FakeRequest : Request
{
    private readonly List<HttpHeader> _headers = new();

    public override string ClientRequestId { get; set; } = Guid.NewGuid().ToString();

    public IEnumerable<HttpHeader> AllHeaders => _headers;

    protected override void AddHeader(string name, string value) => _headers.Add(new HttpHeader(name, value));

    protected override bool TryGetHeader(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        var found = _headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList();
        value = found.Count == 0 ? null : string.Join(",", found.Select(h => h.Value));
        return found.Count > 0;
    }

    protected override bool TryGetHeaderValues(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IEnumerable<string>? values)
    {
        var found = _headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        values = found;
        return found.Count > 0;
    }

    protected override bool ContainsHeader(string name) => _headers.Any(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    protected override bool RemoveHeader(string name) => _headers.RemoveAll(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) > 0;

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers;

    public override void Dispose()
    {
    }
}

/// <summary>A credential that hands out numbered tokens and records what was asked for.</summary>
internal sealed class FakeCredential : TokenCredential
{
    public List<TokenRequestContext> Requests { get; } = new();

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Requests.Add(requestContext);
        return new AccessToken("token-" + Requests.Count, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        => new(GetToken(requestContext, cancellationToken));
}
