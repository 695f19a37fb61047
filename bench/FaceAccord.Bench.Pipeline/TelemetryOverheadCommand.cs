using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Core.Telemetry;
using FaceAccord.Models;
using FaceAccord.Models.Runtime;
using FaceAccord.Packs.Installation;
using FaceAccord.Vision;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FaceAccord.Bench.Pipeline;

/// <summary>
/// <c>telemetry-overhead</c>: the cost of observing the pipeline. Runs the same image list in alternating rounds, one
/// with nobody listening and one with OpenTelemetry's SDK recording FaceAccord's meter (read every second, as a busy
/// scraper would) and sampling every activity; prints the throughput of each round and the ratio of the medians.
/// Alternating rounds in one process keep machine load and warm caches the same for both sides.
/// </summary>
public static class TelemetryOverheadCommand
{
    public sealed record Result(int Images, int Rounds, double[] OffImagesPerSec, double[] OnImagesPerSec, double OnOverOff, long ActivitiesRecorded);

    public static Command Create()
    {
        var list = new Option<string>("--list") { Description = "Image list, one path a line (as written by 'list').", Required = true };
        var rounds = new Option<int>("--rounds") { Description = "Rounds of each side.", DefaultValueFactory = _ => 3 };
        var output = new Option<string>("--out") { Description = "JSON file to write.", Required = true };
        var data = PackCommand.DataOption();
        var cmd = new Command("telemetry-overhead", "Pipeline throughput with and without metrics and tracing.") { list, rounds, output, data };
        cmd.SetAction(async (r, ct) =>
        {
            int n = r.GetValue(rounds);
            if (n < 1)
            {
                throw FaceAccordException.BadInput("bench-option-invalid", "--rounds must be at least 1.");
            }

            string listPath = r.GetValue(list)!;
            if (!File.Exists(listPath))
            {
                throw FaceAccordException.NotFound("bench-list-missing", $"The image list {listPath} does not exist.");
            }

            string[] images = [.. File.ReadLines(listPath).Select(l => l.Trim()).Where(l => l.Length > 0)];
            var pack = await PackInstaller.EnsureDefaultAsync(DataDirectory.Resolve(r.GetValue(data)), cancellationToken: ct).ConfigureAwait(false);
            var pipeline = FacePipeline.Open(pack, new PipelineOptions { Inference = new InferenceOptions { IntraOpThreads = 1 } });
            foreach (string image in images.Take(10))
            {
                PipelineBenchmark.ProcessOne(pipeline, image);
            }

            var off = new double[n];
            var on = new double[n];
            long activities = 0;
            for (int round = 0; round < n; round++)
            {
                off[round] = Round(pipeline, images);
                var exporter = new CountingActivityExporter();
                using (Sdk.CreateMeterProviderBuilder().AddMeter(FaceAccordTelemetry.Name)
                    .AddReader(new PeriodicExportingMetricReader(new DiscardingMetricExporter(), exportIntervalMilliseconds: 1000)).Build())
                using (Sdk.CreateTracerProviderBuilder().AddSource(FaceAccordTelemetry.Name).SetSampler(new AlwaysOnSampler())
                    .AddProcessor(new SimpleActivityExportProcessor(exporter)).Build())
                {
                    on[round] = Round(pipeline, images);
                }

                activities += exporter.Count;
            }

            var result = new Result(images.Length, n, off, on, Math.Round(Median(on) / Median(off), 4), activities);
            BenchJson.Write(r.GetValue(output)!, result);
            Console.WriteLine(JsonSerializer.Serialize(result, BenchJson.Options));
            return 0;
        });
        return cmd;
    }

    private static double Round(FacePipeline pipeline, string[] images)
    {
        long start = Stopwatch.GetTimestamp();
        foreach (string image in images)
        {
            PipelineBenchmark.ProcessOne(pipeline, image);
        }

        return Math.Round(images.Length / Stopwatch.GetElapsedTime(start).TotalSeconds, 3);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Reads every metric point, as an exporter would, and sends nothing.</summary>
    private sealed class DiscardingMetricExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch)
        {
            foreach (var metric in batch)
            {
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    _ = point.EndTime;
                }
            }

            return ExportResult.Success;
        }
    }

    /// <summary>Counts the finished activities it is handed, so the run shows that tracing was on.</summary>
    private sealed class CountingActivityExporter : BaseExporter<Activity>
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var _ in batch)
            {
                Interlocked.Increment(ref _count);
            }

            return ExportResult.Success;
        }
    }
}
