using System.Text.Json;
using FaceAccord.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FaceAccord.Server.Http;

/// <summary>
/// Turns every failure into problem+json: our typed errors keep their code, Kestrel's limits (body too
/// large, bad request line) keep their status, and anything unexpected is logged and answered 500
/// without details. Nothing escapes to crash the connection.
/// </summary>
public sealed partial class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var problem = e switch
            {
                FaceAccordException fa => Problems.From(fa),
                BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problems.Create(
                    413, "request-too-large", "The request body is larger than this server accepts."),
                BadHttpRequestException bad => Problems.Create(bad.StatusCode, "bad-request", bad.Message),
                InvalidDataException bad => Problems.Create(400, "malformed-multipart", $"The multipart body could not be read: {bad.Message}"),
                JsonException bad => Problems.Create(400, "malformed-json", $"The JSON body could not be read: {bad.Message}"),
                _ => null,
            };
            if (problem is null)
            {
                LogUnexpected(logger, e, context.Request.Path);
                problem = Problems.Create(500, "internal", "An internal error occurred; it has been logged.");
            }

            context.Response.Clear();
            await Problems.WriteAsync(context, problem).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure on {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception e, PathString path);
}
