using FaceAccord.Server.Http;
using Microsoft.AspNetCore.Http;

namespace FaceAccord.Server.Observability;

/// <summary>
/// Guards <c>GET /metrics</c>, which needs no API key: only callers <see cref="ObservabilityOptions.MetricsAllowedFrom"/>
/// admits (loopback by default) reach the exporter; others get 403 <c>metrics-forbidden</c>. The peer address is
/// what counts; no forwarding header is trusted.
/// </summary>
public sealed class MetricsAccessMiddleware(RequestDelegate next, ServerOptions options)
{
    public const string Path = "/metrics";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase)
            && !options.Observability.AllowsMetrics(context.Connection.RemoteIpAddress))
        {
            return Problems.WriteAsync(context, Problems.Create(StatusCodes.Status403Forbidden, "metrics-forbidden",
                "Metrics are served to loopback callers only; the operator allows other networks with Server:Observability:MetricsAllowedFrom."));
        }

        return next(context);
    }
}
