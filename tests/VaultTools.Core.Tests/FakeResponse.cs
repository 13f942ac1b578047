using System.Diagnostics.CodeAnalysis;
using System.Text;
using Azure;
using Azure.Core;

namespace VaultTools.Core.Tests;

/// <summary>
/// A response built in memory, for the fake transports of these tests (ARM, recorded replays, keys). Written
/// here because Azure.Core's own test response lives in Azure.Core.TestFramework, which is not on NuGet.
/// </summary>
public sealed class FakeResponse : Response
{
    private const string JsonContentType = "application/json; charset=utf-8";
    private readonly Dictionary<string, string> _headers;

    /// <summary>A body as given (none when null) with exactly <paramref name="headers"/>.</summary>
    public FakeResponse(int status, byte[]? body, IEnumerable<KeyValuePair<string, string>>? headers = null, string clientRequestId = "")
    {
        Status = status;
        ClientRequestId = clientRequestId;
        _headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers ?? [])
        {
            _headers[name] = value;
        }
        ContentStream = body is null ? null : new MemoryStream(body);
    }

    /// <summary>A text body (none when null), JSON unless <paramref name="headers"/> name another Content-Type.</summary>
    public FakeResponse(int status, string? body, IEnumerable<KeyValuePair<string, string>>? headers = null, string clientRequestId = "")
        : this(status, body is null ? null : Encoding.UTF8.GetBytes(body), headers, clientRequestId)
    {
        if (!string.IsNullOrEmpty(body) && !_headers.ContainsKey("Content-Type"))
        {
            _headers["Content-Type"] = JsonContentType;
        }
    }

    public static FakeResponse Json(int status, string json, params (string Name, string Value)[] headers) =>
        new(status, json, headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)));

    public override int Status { get; }

    public override string ReasonPhrase => "";

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; }

    /// <summary>Nothing to free; the official clients read a buffered response's content after disposing it.</summary>
    public override void Dispose()
    {
    }

    protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, h.Value));

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => _headers.TryGetValue(name, out value);

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = _headers.TryGetValue(name, out var v) ? new[] { v } : null;
        return values != null;
    }
}
