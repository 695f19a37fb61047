using System.CommandLine;
using FaceAccord.Server;
using FaceAccord.Vision;
using Microsoft.Extensions.Hosting;

namespace FaceAccord.Cli.Commands;

/// <summary><c>faceaccord serve</c>: the HTTP API on the embedded store of a data directory.</summary>
public static class ServeCommand
{
    public static Command Create(CliOutput output)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var data = CommonOptions.Data();
        var provider = CommonOptions.Provider();
        var threads = new Option<int>("--threads")
        {
            Description = "Threads per model run (default 1: requests run side by side, one core each).",
            DefaultValueFactory = _ => 1,
        };
        var cmd = new Command("serve", "Run the HTTP API (OpenAPI at /openapi/v1.json, reference at /scalar).") { urls, data, provider, threads };
        cmd.SetAction(async (r, ct) =>
        {
            var dir = CommonOptions.DataDirectory(r, data);
            using var service = await ServiceLoader.OpenAsync(output, dir,
                new PipelineOptions { Inference = CommonOptions.Inference(r, provider, threads) }, ct).ConfigureAwait(false);
            service.LoadIndexes();
            await using var app = FaceAccordServer.Build(service, ServiceConfiguration.Load(dir).Server, r.GetValue(urls)!);
            await app.StartAsync(ct).ConfigureAwait(false);
            output.Err.WriteLine($"faceaccord: serving {dir.Root} ({service.Pipeline.ModelId}, {service.LoadedIndexes} galleries) at {string.Join(", ", app.Urls)}");
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            return CliApp.Ok;
        });
        return cmd;
    }
}
