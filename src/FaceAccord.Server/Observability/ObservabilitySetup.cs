using FaceAccord.Core.Telemetry;
using FaceAccord.Service.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FaceAccord.Server.Observability;

/// <summary>
/// Wires metrics, traces and logs into the server: OpenTelemetry metrics from FaceAccord's meter, ASP.NET Core's and
/// the runtime's, scraped as Prometheus text at <c>/metrics</c> (and pushed over OTLP when an endpoint is set);
/// traces of FaceAccord's activity source and ASP.NET Core's requests over OTLP only when configured; logs at Warning
/// for the framework and Information for FaceAccord, one line per event, plain or JSON.
/// </summary>
public static class ObservabilitySetup
{
    public static WebApplicationBuilder AddFaceAccordObservability(this WebApplicationBuilder builder, ObservabilityOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);

        // Defaults placed first, so the operator's Logging:LogLevel settings (appsettings, environment) still win.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:FaceAccord"] = "Information",
            },
        });
        builder.Logging.ClearProviders();
        if (options.LogFormat == ObservabilityOptions.JsonFormat)
        {
            builder.Logging.AddConsole(c => c.FormatterName = JsonLineFormatter.FormatterName)
                .AddConsoleFormatter<JsonLineFormatter, JsonLineFormatter.Options>();
        }
        else
        {
            builder.Logging.AddSimpleConsole(c =>
            {
                c.SingleLine = true;
                c.IncludeScopes = false;
                c.UseUtcTimestamp = true;
                c.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                c.ColorBehavior = LoggerColorBehavior.Disabled;
            });
        }

        builder.Services.AddSingleton(new TelemetryOptions { TenantLabels = options.TenantLabels });
        if (!options.MetricsEnabled && options.OtlpEndpoint is null)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("faceaccord", serviceVersion: typeof(ObservabilitySetup).Assembly.GetName().Version?.ToString()))
            .WithMetrics(m =>
            {
                m.AddMeter(FaceAccordTelemetry.Name, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics",
                    "Microsoft.AspNetCore.RateLimiting", "System.Runtime");
                if (options.MetricsEnabled)
                {
                    // No cache: two scrapes a moment apart must not show the same numbers.
                    m.AddPrometheusExporter(p => p.ScrapeResponseCacheDurationMilliseconds = 0);
                }

                if (options.OtlpEndpoint is { } endpoint)
                {
                    m.AddOtlpExporter(o => o.Endpoint = endpoint);
                }
            });
        if (options.OtlpEndpoint is { } traces)
        {
            telemetry.WithTracing(t => t
                .AddSource(FaceAccordTelemetry.Name)
                .AddAspNetCoreInstrumentation(a =>
                {
                    // The route template names the span; the raw path and query may hold a name, so they stay out.
                    a.EnrichWithHttpResponse = (activity, _) =>
                    {
                        activity.SetTag("url.path", null);
                        activity.SetTag("url.query", null);
                    };
                })
                .AddOtlpExporter(o => o.Endpoint = traces));
        }

        return builder;
    }

    /// <summary>The metrics endpoint behind its access check, the gallery gauges, and the one-line request log.</summary>
    public static WebApplication UseFaceAccordObservability(this WebApplication app, ObservabilityOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        app.Services.GetRequiredService<GalleryGauges>();
        app.UseMiddleware<RequestLogMiddleware>();
        if (options.MetricsEnabled)
        {
            app.UseMiddleware<MetricsAccessMiddleware>();
        }

        return app;
    }

    public static void MapFaceAccordMetrics(this WebApplication app, ObservabilityOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        if (options.MetricsEnabled)
        {
            app.MapPrometheusScrapingEndpoint(MetricsAccessMiddleware.Path);
        }
    }
}
