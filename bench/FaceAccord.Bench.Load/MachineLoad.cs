using System.Globalization;

namespace FaceAccord.Bench.Load;

/// <summary>The machine's load averages: on a shared machine they tell whether a latency was measured on busy cores.</summary>
public static class MachineLoad
{
    /// <summary>The 1, 5 and 15 minute load averages from /proc/loadavg, or an empty list where the system has none.</summary>
    public static IReadOnlyList<double> Averages()
    {
        const string path = "/proc/loadavg";
        if (!File.Exists(path))
        {
            return [];
        }

        var parts = File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return [.. parts.Take(3).Select(p => double.Parse(p, NumberStyles.Float, CultureInfo.InvariantCulture))];
    }

    public static string Format(IReadOnlyList<double> averages) =>
        averages.Count == 0 ? "unknown" : string.Join(" / ", averages.Select(a => a.ToString("F2", CultureInfo.InvariantCulture)));
}
