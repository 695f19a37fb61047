using System.CommandLine;
using FaceAccord.Server;
using FaceAccord.Server.Observability;
using FaceAccord.Service;
using FaceAccord.Service.Reports;
using FaceAccord.Service.Galleries;
using FaceAccord.Service.Recognition;
using FaceAccord.Storage.Postgres;
using FaceAccord.Vision;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FaceAccord.Cli.Commands;

/// <summary><c>faceaccord serve</c>: the HTTP API on the embedded store of a data directory.</summary>
public static class ServeCommand
{
    public static Command Create(CliOutput output)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var data = CommonOptions.Data();
        var models = CommonOptions.Models();
        var provider = CommonOptions.Provider();
        var threads = new Option<int>("--threads")
        {
            Description = "Threads per model run (default 1: requests run side by side, one core each).",
            DefaultValueFactory = _ => 1,
        };
        var logFormat = new Option<string?>("--log-format")
        {
            Description = "simple (one plain line per event) or json (one JSON object per line, with trace id and problem code); default from configuration, else simple.",
        };
        logFormat.AcceptOnlyFromAmong(ObservabilityOptions.SimpleFormat, ObservabilityOptions.JsonFormat);
        var probeCropDays = new Option<int?>("--probe-crop-days")
        {
            Description = $"Days a held request's probe crop is kept after its review case is decided, then deleted by the retention sweep (0 to {ServiceOptions.MaxProbeCropRetentionDays}); default from configuration (Service:ProbeCropRetentionDays), else {ServiceOptions.DefaultProbeCropRetentionDays}.",
        };
        var fairness = new Option<string?>("--fairness")
        {
            Description = "fairness.json of the latest fairness evaluation ('faceaccord fairness ... --out DIR'), read again at each view: the console's fairness page and accountability report quote it.",
        };
        var cmd = new Command("serve", "Run the HTTP API (OpenAPI at /openapi/v1.json, reference at /scalar, metrics at /metrics).")
        {
            urls, data, models, provider, threads, logFormat, probeCropDays, fairness,
        };
        cmd.SetAction(async (r, ct) =>
        {
            var settings = CliServices.SettingsFor(r, data, models, new PipelineOptions { Inference = CommonOptions.Inference(r, provider, threads) });
            if (r.GetValue(probeCropDays) is { } days)
            {
                // Checked with the other options when the services are registered (config-invalid, exit 2).
                settings = settings with { Options = settings.Options with { ProbeCropRetentionDays = days } };
            }

            if (r.GetValue(fairness) is { } fairnessPath)
            {
                // Checked once now, so a mistyped path fails the start (exit 2) instead of every later view.
                FairnessEvidenceFile.Load(fairnessPath);
                settings = settings with { Fairness = new FairnessSource(Path.GetFullPath(fairnessPath), FairnessEvidenceFile.Load) };
            }

            var server = ServiceConfiguration.Load(settings.DataDirectory).Server;
            if (r.GetValue(logFormat) is { } format)
            {
                server = server with { Observability = server.Observability with { LogFormat = format } };
            }

            await using var app = FaceAccordServer.Build(settings, server, r.GetValue(urls)!);
            var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FaceAccord.Serve");

            // The pack and every gallery's index are ready before the server listens.
            var recognition = app.Services.GetRequiredService<RecognitionEngine>();
            await CliServices.LoadModelsAsync(output, recognition, ct).ConfigureAwait(false);
            ServeLog.PackLoaded(log, recognition.ModelId);
            var indexes = app.Services.GetRequiredService<GalleryIndexes>();
            indexes.LoadAll();
            await app.StartAsync(ct).ConfigureAwait(false);
            string where = settings.IsSharedStore ? PostgresLocation.Parse(settings.Store!).Display : Path.GetFullPath(settings.DataDirectory);
            output.Err.WriteLine($"faceaccord: serving {where} ({recognition.ModelId}, {indexes.Loaded} galleries) at {string.Join(", ", app.Urls)}");
            string listening = string.Join(", ", app.Urls);
            ServeLog.Started(log, recognition.ModelId, indexes.Loaded, listening);
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            return CliApp.Ok;
        });
        return cmd;
    }
}
