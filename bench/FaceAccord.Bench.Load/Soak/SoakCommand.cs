using System.CommandLine;
using System.Globalization;
using FaceAccord.Core;

namespace FaceAccord.Bench.Load.Soak;

/// <summary>
/// The <c>soak</c> command: build a gallery through the API, offer mixed traffic (enrol, identify, verify, erase,
/// withdraw; the server's own retention sweep deletes people on expiring consents) at a steady rate for a long time
/// while sampling the server's RSS, report. bench/soak/run.sh starts the server and checks the audit log afterwards.
/// </summary>
public static class SoakCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The server's base address, e.g. http://127.0.0.1:5080.", Required = true };
        var key = new Option<string?>("--api-key") { Description = "The tenant's API key (default: $FACEACCORD_API_KEY)." };
        var lfw = new Option<string>("--lfw") { Description = "The LFW folder with one sub-folder of JPEGs per person (lfw-deepfunneled).", Required = true };
        var people = new Option<int>("--people") { Description = "People enrolled before the run, searched by identify.", DefaultValueFactory = _ => 100 };
        var rate = new Option<double>("--rate") { Description = "Operations offered per second (an enrolment is 3 requests).", DefaultValueFactory = _ => 2 };
        var inFlight = new Option<int>("--max-in-flight") { Description = "Operations running at once at most.", DefaultValueFactory = _ => 8 };
        var duration = new Option<int>("--duration") { Description = "Seconds of traffic.", DefaultValueFactory = _ => 1800 };
        var warmup = new Option<int>("--warmup") { Description = "Seconds at the start not judged for RSS.", DefaultValueFactory = _ => 300 };
        var sample = new Option<int>("--sample") { Description = "Seconds between RSS samples.", DefaultValueFactory = _ => 5 };
        var pid = new Option<int>("--server-pid") { Description = "Process id of faceaccord serve, whose RSS is sampled.", Required = true };
        var consent = new Option<int>("--consent-seconds") { Description = "How long the consents of expiring enrolments last.", DefaultValueFactory = _ => 120 };
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice (people, operations, images).", DefaultValueFactory = _ => 42 };
        var timeout = new Option<int>("--timeout") { Description = "Seconds before a request counts as unanswered.", DefaultValueFactory = _ => 120 };
        var outDir = new Option<string>("--out-dir") { Description = "Folder for latest.json, rss.csv and rss.png.", Required = true };
        var command = new Command("soak", "Long mixed traffic at a steady rate against a running server, sampling its RSS; fails on any 5xx, unanswered request or RSS not flat within 10% after the warm-up.")
        {
            url, key, lfw, people, rate, inFlight, duration, warmup, sample, pid, consent, seed, timeout, outDir,
        };
        command.SetAction(async (r, ct) =>
        {
            var settings = new SoakSettings(
                LoadCommand.ParseUrl(r.GetValue(url)!),
                r.GetValue(key) ?? Environment.GetEnvironmentVariable("FACEACCORD_API_KEY")
                    ?? throw FaceAccordException.BadInput("api-key-missing", "Pass --api-key or set FACEACCORD_API_KEY."),
                r.GetValue(lfw)!, r.GetValue(people), r.GetValue(rate), r.GetValue(inFlight), r.GetValue(duration), r.GetValue(warmup),
                r.GetValue(sample), r.GetValue(pid), r.GetValue(consent), r.GetValue(seed), r.GetValue(timeout), r.GetValue(outDir)!);
            if (settings.People < 2 || settings.OperationsPerSecond <= 0 || settings.MaxInFlight < 1 || settings.DurationSeconds < 1
                || settings.WarmupSeconds < 0 || settings.SampleSeconds < 1 || settings.ConsentSeconds < 1 || settings.TimeoutSeconds < 1)
            {
                throw FaceAccordException.BadInput("soak-option-invalid", "--people must be at least 2, --rate above 0, --warmup 0 or more, the other numbers at least 1.");
            }

            if (ProcessRss.MiB(settings.ServerPid) is null)
            {
                throw FaceAccordException.NotFound("server-pid-unknown", $"No process {settings.ServerPid} whose RSS /proc shows.");
            }

            return await RunAsync(settings, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(SoakSettings settings, CancellationToken ct)
    {
        var loadAtStart = MachineLoad.Averages();
        Console.WriteLine($"load average at start (1/5/15 min): {MachineLoad.Format(loadAtStart)} on {Environment.ProcessorCount} logical cores");
        using var http = ApiClient.CreateHttpClient(settings.Url, settings.ApiKey, settings.MaxInFlight, settings.TimeoutSeconds);
        var api = new ApiClient(http);
        var gallery = await GallerySetup.BuildAsync(api, LfwPeople.Shuffled(settings.LfwDirectory, settings.Seed), settings.People, ct).ConfigureAwait(false);
        Console.WriteLine($"gallery {gallery.GalleryId}: {gallery.Probes.EnrolledPeople} people enrolled, {gallery.Probes.ProbeImages} probe images");

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"soaking at {settings.OperationsPerSecond:G3} operations/s for {settings.DurationSeconds} s ..."));
        var run = await new SoakRunner(api, gallery, settings).RunAsync(ct).ConfigureAwait(false);
        var report = SoakReport.From(settings, gallery, run, loadAtStart, MachineLoad.Averages());
        report.Write(Console.Out);
        Directory.CreateDirectory(settings.OutDirectory);
        report.Save(Path.Combine(settings.OutDirectory, "latest.json"));
        File.WriteAllLines(Path.Combine(settings.OutDirectory, "rss.csv"),
            ["seconds,rss_mib,requests,churn_people", .. run.Samples.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Seconds:F1},{s.RssMiB:F1},{s.Requests},{s.ChurnPeople}"))]);
        RssChart.Save(report, run.Samples, Path.Combine(settings.OutDirectory, "rss.png"));
        Console.WriteLine($"wrote {Path.Combine(settings.OutDirectory, "latest.json")}, rss.csv and rss.png");
        return report.Passed ? 0 : 1;
    }
}
