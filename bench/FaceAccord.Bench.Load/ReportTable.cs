using System.Globalization;

namespace FaceAccord.Bench.Load;

/// <summary>The report as a console table and a one-line verdict, for the person who ran it.</summary>
public static class ReportTable
{
    public static void Write(TextWriter output, LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine(string.Create(c, $"{"operation",-9} {"count",7} {"req/s",7} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"failed",7} {"correct",8}  statuses"));
        foreach (var s in report.Operations.Append(report.Total))
        {
            string correct = s.CorrectShare is double share ? share.ToString("P1", c) : "-";
            string statuses = string.Join(", ", s.Statuses.Select(kv => $"{kv.Key}: {kv.Value}"));
            output.WriteLine(string.Create(c,
                $"{s.Operation,-9} {s.Count,7} {s.PerSecond,7:F2} {s.P50Ms,8:F1} {s.P95Ms,8:F1} {s.P99Ms,8:F1} {s.MaxMs,8:F1} {s.Failures,7} {correct,8}  {statuses}"));
        }

        output.WriteLine(string.Create(c,
            $"{report.Clients} clients, {report.ElapsedSeconds:F1} s (asked {report.DurationSeconds} s), gallery of {report.GalleryPeople} people, " +
            $"load average {MachineLoad.Format(report.LoadAverageAtStart)} at start, {MachineLoad.Format(report.LoadAverageAtEnd)} at end, {report.LogicalCores} logical cores"));
        foreach (string sample in report.FailureSamples)
        {
            output.WriteLine($"  failed: {sample}");
        }

        output.WriteLine(report.Passed
            ? "PASS: no failed request (no 5xx, no other non-2xx, no timeout or exception)"
            : $"FAIL: {report.Total.Failures} of {report.Total.Count} requests failed (any non-2xx, timeout or exception counts)");
    }
}
