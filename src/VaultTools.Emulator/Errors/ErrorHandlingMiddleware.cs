namespace VaultTools.Emulator.Errors;

/// <summary>Turns <see cref="KeyVaultErrorException"/> (and unexpected exceptions) into the service's error body.</summary>
public sealed partial class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (KeyVaultErrorException ex) when (!context.Response.HasStarted)
        {
            await ex.Error.WriteAsync(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted && ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            context.Response.Headers.Connection = "close"; // over Kestrel's hard cap
            await Hosting.RequestBodyLimitMiddleware.WriteTooLargeAsync(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            await KeyVaultErrors.BadParameter(ex.Message).WriteAsync(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // client went away
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            LogUnhandled(logger, ex, context.Request.Method, context.Request.Path);
            await KeyVaultErrors.InternalError("The emulator failed to process the request: " + ex.GetType().Name).WriteAsync(context);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path);
}
