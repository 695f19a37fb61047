using System.Security.Claims;
using FaceAccord.WebConsole.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FaceAccord.WebConsole.Http;

/// <summary>
/// Runs before every <c>/console</c> request: sets the security headers (a Content-Security-Policy that allows only the
/// console's own stylesheet and images, no script at all, no framing), resolves the session cookie into a session (and
/// an identity the antiforgery tokens are bound to), and turns an unexpected failure into a page that says so in words.
/// </summary>
public sealed partial class ConsoleMiddleware(RequestDelegate next, ConsoleSessions sessions, ILogger<ConsoleMiddleware> logger)
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.StartsWithSegments("/console", StringComparison.OrdinalIgnoreCase))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";

        if (sessions.Resolve(context.Request.Cookies[ConsoleRequest.SessionCookie]) is { } session)
        {
            ConsoleRequest.Attach(context, session);
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, session.Id)], "console-session"));
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            LogUnexpected(logger, e, context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = 500;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error · FaceAccord console</title>"
                + "<link rel=\"stylesheet\" href=\"/console/console.css\"></head><body><main><h1>Something went wrong</h1>"
                + "<p>The server could not show this page. The failure was logged; try again, and tell the administrator if it persists.</p>"
                + "<p><a href=\"/console\">Back to the console</a></p></main></body></html>").ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure on console page {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception e, PathString path);
}
