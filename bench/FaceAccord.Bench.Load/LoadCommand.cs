using System.CommandLine;
using FaceAccord.Core;

namespace FaceAccord.Bench.Load;

/// <summary>
/// The program's command: build a gallery through the API, run the timed mix of verify and identify,
/// report (bench/load/run.sh starts the server and drives it); <c>soak</c> is the long mixed run of bench/soak/run.sh.
/// </summary>
public static class LoadCommand
{
    public static RootCommand Create()
    {
        var url = new Option<string>("--url") { Description = "The server's base address, e.g. http://127.0.0.1:5080.", Required = true };
        var key = new Option<string?>("--api-key") { Description = "The tenant's API key (default: $FACEACCORD_API_KEY)." };
        var lfw = new Option<string>("--lfw") { Description = "The LFW folder with one sub-folder of JPEGs per person (lfw-deepfunneled).", Required = true };
        var people = new Option<int>("--people") { Description = "People to enrol (LFW people with at least 2 images).", DefaultValueFactory = _ => 200 };
        var clients = new Option<int>("--clients") { Description = "Concurrent clients, each with one request in flight.", DefaultValueFactory = _ => 50 };
        var duration = new Option<int>("--duration") { Description = "Seconds of load; requests started before the end are awaited.", DefaultValueFactory = _ => 60 };
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice (people, pairs, probes).", DefaultValueFactory = _ => 42 };
        var timeout = new Option<int>("--timeout") { Description = "Seconds before a request counts as timed out.", DefaultValueFactory = _ => 120 };
        var outDir = new Option<string>("--out-dir") { Description = "Folder for latest.json and latest.png.", Required = true };
        var root = new RootCommand("Loopback load test of the FaceAccord HTTP API: concurrent clients mixing verify and identify; any failed request fails the run.")
        {
            url, key, lfw, people, clients, duration, seed, timeout, outDir,
        };
        root.Subcommands.Add(Soak.SoakCommand.Create());
        root.SetAction(async (r, ct) =>
        {
            var settings = new LoadSettings(
                ParseUrl(r.GetValue(url)!),
                r.GetValue(key) ?? Environment.GetEnvironmentVariable("FACEACCORD_API_KEY")
                    ?? throw FaceAccordException.BadInput("api-key-missing", "Pass --api-key or set FACEACCORD_API_KEY."),
                r.GetValue(lfw)!, r.GetValue(people), r.GetValue(clients), r.GetValue(duration), r.GetValue(seed), r.GetValue(timeout), r.GetValue(outDir)!);
            if (settings.People < 2 || settings.Clients < 1 || settings.DurationSeconds < 1 || settings.TimeoutSeconds < 1)
            {
                throw FaceAccordException.BadInput("load-option-invalid", "--people must be at least 2, --clients, --duration and --timeout at least 1.");
            }

            return await RunAsync(settings, ct).ConfigureAwait(false);
        });
        return root;
    }

    private static async Task<int> RunAsync(LoadSettings settings, CancellationToken ct)
    {
        var loadAtStart = MachineLoad.Averages();
        Console.WriteLine($"load average at start (1/5/15 min): {MachineLoad.Format(loadAtStart)} on {Environment.ProcessorCount} logical cores");
        var candidates = LfwPeople.Shuffled(settings.LfwDirectory, settings.Seed);
        using var http = ApiClient.CreateHttpClient(settings.Url, settings.ApiKey, settings.Clients, settings.TimeoutSeconds);
        var api = new ApiClient(http);

        var gallery = await GallerySetup.BuildAsync(api, candidates, settings.People, ct).ConfigureAwait(false);
        Console.WriteLine($"gallery {gallery.GalleryId}: {gallery.Probes.EnrolledPeople} people enrolled, {gallery.Probes.ProbeImages} probe images " +
            $"({gallery.DroppedProbes} dropped: no face found), {gallery.SkippedPeople} people skipped (no image passed the quality rule)");

        Console.WriteLine($"running {settings.Clients} clients for {settings.DurationSeconds} s ...");
        var run = await LoadRunner.RunAsync(api, gallery, settings, ct).ConfigureAwait(false);
        var report = LoadReport.From(settings, gallery, run, loadAtStart, MachineLoad.Averages());

        ReportTable.Write(Console.Out, report);
        Directory.CreateDirectory(settings.OutDirectory);
        report.Save(Path.Combine(settings.OutDirectory, "latest.json"));
        LatencyChart.Save(report, run.Records, Path.Combine(settings.OutDirectory, "latest.png"));
        Console.WriteLine($"wrote {Path.Combine(settings.OutDirectory, "latest.json")} and latest.png");
        return report.Passed ? 0 : 1;
    }

    public static Uri ParseUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw FaceAccordException.BadInput("url-invalid", $"'{value}' is not an http(s) address.");
}
