using FaceAccord.Service;
using FaceAccord.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace FaceAccord.Server.Http;

/// <summary>
/// Records every authenticated request with the purpose it declared, its operation and outcome, after
/// the answer is known. The governance work judges these; here they are only kept.
/// </summary>
public sealed partial class RequestLogMiddleware(RequestDelegate next, FaceService service, TimeProvider clock, ILogger<RequestLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            if (Caller.Of(context) is { } caller)
            {
                string operation = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "unknown";
                Guid? gallery = context.Request.RouteValues.TryGetValue("galleryId", out var g) && Guid.TryParse(g?.ToString(), out var id) ? id : null;
                try
                {
                    service.Store.RecordRequest(new RequestRecord(clock.GetUtcNow(), caller.TenantId, caller.KeyId, operation, caller.Purpose, gallery, context.Response.StatusCode));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    LogFailure(logger, e, operation);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record the {Operation} request")]
    private static partial void LogFailure(ILogger logger, Exception e, string operation);
}
