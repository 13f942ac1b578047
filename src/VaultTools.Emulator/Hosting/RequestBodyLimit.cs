using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using VaultTools.Emulator.Errors;
using VaultTools.Emulator.Identity;

namespace VaultTools.Emulator.Hosting;

/// <summary>
/// The one limit on request bodies, on every endpoint: a body larger than <see cref="MaxBytes"/> is refused
/// with 413 in the error shape of the plane it was sent to (Entra's, managed identity's, Graph's, ARM's or
/// Key Vault's), and nothing is done. A declared Content-Length is refused before the endpoint runs; a chunked
/// body is cut off once it passes the limit. The rest of the body is read and dropped before the answer, so that a
/// client still sending gets the 413 instead of a broken connection; beyond <see cref="HardCapBytes"/> (Kestrel's
/// own limit) the connection is closed.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    /// <summary>Far above anything the service accepts (a secret value is at most 25 KB, a backup blob a few hundred KB).</summary>
    public const long MaxBytes = 4 * 1024 * 1024;

    /// <summary>Kestrel's limit: bodies up to this size are drained before a 413, larger ones end the connection.</summary>
    public const long HardCapBytes = 64 * 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBytes)
        {
            await RefuseAsync(context, request.Body);
            return;
        }
        if (request.ContentLength is not null || context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true)
        {
            await next(context);
            return;
        }
        var original = request.Body;
        request.Body = new LimitedStream(original);
        try
        {
            await next(context);
        }
        catch (RequestBodyTooLargeException) when (!context.Response.HasStarted)
        {
            await RefuseAsync(context, original);
        }
        finally
        {
            request.Body = original;
        }
    }

    private static async Task RefuseAsync(HttpContext context, Stream body)
    {
        try
        {
            var buffer = new byte[81920];
            while (await body.ReadAsync(buffer, context.RequestAborted) > 0)
            {
                // dropped
            }
        }
        catch (BadHttpRequestException)
        {
            context.Response.Headers.Connection = "close"; // over Kestrel's own limit: stop reading
        }
        await WriteTooLargeAsync(context);
    }

    /// <summary>Answers 413 in the shape of the plane the request's path belongs to.</summary>
    public static Task WriteTooLargeAsync(HttpContext context)
    {
        var message = string.Create(CultureInfo.InvariantCulture,
            $"The request body is larger than the emulator's limit of {MaxBytes} bytes.");
        var path = context.Request.Path;
        if (path.Value is { } p && p.Contains("/oauth2/", StringComparison.OrdinalIgnoreCase))
        {
            return EntraEndpoints.EntraError(413, "invalid_request", 90015, message).ExecuteAsync(context);
        }
        if (path.StartsWithSegments("/metadata/identity") || path.StartsWithSegments("/msi"))
        {
            return Results.Json(new System.Text.Json.Nodes.JsonObject { ["error"] = "invalid_request", ["error_description"] = message }, statusCode: 413)
                .ExecuteAsync(context);
        }
        if (path.StartsWithSegments("/v1.0"))
        {
            return GraphErrors.RequestTooLarge(message).ExecuteAsync(context);
        }
        if (path.StartsWithSegments("/subscriptions") || path.StartsWithSegments("/providers"))
        {
            return ArmErrors.RequestTooLarge(message).WriteAsync(context);
        }
        return KeyVaultErrors.RequestTooLarge(message).WriteAsync(context);
    }

    private sealed class RequestBodyTooLargeException() : IOException("The request body is larger than the emulator's limit.");

    /// <summary>A read-only view of a body of unknown length that fails once more than <see cref="MaxBytes"/> were read.</summary>
    private sealed class LimitedStream(Stream inner) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int n)
        {
            _read += n;
            return _read > MaxBytes ? throw new RequestBodyTooLargeException() : n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
