using System.Diagnostics;
using FaceAccord.Server.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace FaceAccord.Server.Observability;

/// <summary>
/// One log line per request in place of the framework's several: method, route template (never the raw path, which
/// may hold a name), status, problem code and time. Refused and failed requests at Information, the rest at Debug.
/// </summary>
public sealed partial class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        long start = Stopwatch.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            int status = context.Response.StatusCode;
            var level = status >= 400 ? LogLevel.Information : LogLevel.Debug;
            if (logger.IsEnabled(level))
            {
                string route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
                string problem = Problems.CodeOf(context) ?? "";
                double elapsedMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                LogRequest(logger, level, context.Request.Method, route, status, problem, elapsedMs);
            }
        }
    }

    [LoggerMessage(EventName = "RequestFinished", Message = "{Method} {Route} answered {Status} {Problem} in {ElapsedMs:F1} ms")]
    private static partial void LogRequest(ILogger logger, LogLevel level, string method, string route, int status, string problem, double elapsedMs);
}
