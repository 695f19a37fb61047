using System.Threading.RateLimiting;
using FaceAccord.Server.Endpoints;
using FaceAccord.Server.Http;
using FaceAccord.Server.Observability;
using FaceAccord.Service;
using FaceAccord.WebConsole;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Scalar.AspNetCore;

namespace FaceAccord.Server;

/// <summary>
/// Builds the HTTP API on FaceAccord's services (<see cref="FaceAccordServices.AddFaceAccord"/>): authentication by
/// API key, per-key rate limits, body size limits, problem+json for every error, one audit entry per request, the
/// OpenAPI document and its reference page; metrics at <c>/metrics</c>, traces and logs (docs/operations.md).
/// </summary>
public static class FaceAccordServer
{
    /// <param name="configure">Replaces registrations after the standard ones (tests share one loaded engine this way).</param>
    public static WebApplication Build(FaceAccordSettings settings, ServerOptions options, string urls, string[]? args = null, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args ?? [] });
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            k.AddServerHeader = false;
        });
        builder.Services.Configure<FormOptions>(f =>
        {
            f.MultipartBodyLengthLimit = options.MaxRequestBytes;
            f.ValueCountLimit = 64;
        });
        builder.Services.ConfigureHttpJsonOptions(j => j.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        builder.Services.AddFaceAccord(settings);
        builder.Services.AddFaceAccordConsole();
        builder.AddFaceAccordObservability(options.Observability);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<AuthFailureLimiter>();
        builder.Services.AddSingleton<FaceAccord.WebConsole.Sessions.ISignInFailureLimiter, ConsoleSignInLimiter>();
        configure?.Invoke(builder.Services);
        builder.Services.AddHostedService<Hosting.RetentionSweepService>();
        builder.Services.AddHostedService<Hosting.AuditVerificationService>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddRateLimiter(r =>
        {
            r.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                Caller.Of(http) is { } caller
                    ? RateLimitPartition.GetTokenBucketLimiter(caller.KeyId, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.BurstPerKey,
                        TokensPerPeriod = options.RequestsPerSecondPerKey,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = options.QueuePerKey,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
            r.OnRejected = (ctx, _) => new ValueTask(Problems.WriteAsync(ctx.HttpContext,
                Problems.Create(429, "rate-limited", "This API key sent more requests than it may; wait and retry.")));
        });

        var app = builder.Build();
        app.UseFaceAccordObservability(options.Observability);
        app.UseMiddleware<RequestAuditMiddleware>();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseFaceAccordConsole();
        app.UseStatusCodePages(async ctx =>
        {
            var http = ctx.HttpContext;
            await Problems.WriteAsync(http, Problems.Create(http.Response.StatusCode,
                http.Response.StatusCode == 404 ? "not-found" : "http-" + http.Response.StatusCode,
                http.Response.StatusCode == 404 ? $"There is no resource at {http.Request.Path}." : "The request could not be served.")).ConfigureAwait(false);
        });
        app.UseMiddleware<ApiKeyAuthenticationMiddleware>();
        app.UseRateLimiter();

        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapHealth();
        app.MapFaceAccordMetrics(options.Observability);
        var v1 = app.MapGroup("/v1");
        v1.MapFaces();
        v1.MapGalleries();
        v1.MapSubjects();
        v1.MapTesting();
        v1.MapReviews();
        v1.MapConsents();
        v1.MapDeletionRequests();
        v1.MapReports();
        app.MapFaceAccordConsole();
        return app;
    }
}
