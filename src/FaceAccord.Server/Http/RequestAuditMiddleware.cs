using FaceAccord.Governance.Audit;
using FaceAccord.Service.Safeguards;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace FaceAccord.Server.Http;

/// <summary>
/// One audit entry for every <c>/v1</c> request. An operation seals its own entry (with its change, in one
/// transaction); a request refused before any operation ran (no valid key, a body too large or malformed, an unknown
/// route) gets its entry here, once the response status is final, built by the same record builder.
/// </summary>
public sealed partial class RequestAuditMiddleware(RequestDelegate next, GovernedOperations governed, ILogger<RequestAuditMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            if (!HttpChannel.IsSealed(context))
            {
                Seal(context);
            }
        }
    }

    private void Seal(HttpContext context)
    {
        int status = context.Response.StatusCode;
        var decision = status switch
        {
            < 400 => AuditDecision.Allow,
            StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status429TooManyRequests => AuditDecision.Deny,
            _ => AuditDecision.Error,
        };
        var endpoint = context.GetEndpoint();
        string operation = endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "http-request";

        // The route template, never the raw path: a mistyped path may hold a person's name, and this log is never erased.
        string? route = (endpoint as RouteEndpoint)?.RoutePattern.RawText;
        var detail = Problems.ClientAddressOf(context) is { } address && status is StatusCodes.Status401Unauthorized or StatusCodes.Status429TooManyRequests
            ? AuditRecords.Detail(new { method = context.Request.Method, route, clientAddress = address })
            : AuditRecords.Detail(new { method = context.Request.Method, route });
        try
        {
            governed.SealRequest(AuditRecords.Request(Caller.Of(context), Caller.PresentedKeyId(context), operation, decision, "http", status, Problems.CodeOf(context), detail));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFailure(logger, e, operation);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not audit the refused {Operation} request")]
    private static partial void LogFailure(ILogger logger, Exception e, string operation);
}
