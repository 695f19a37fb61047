using System.Globalization;

namespace FaceAccord.Bench.Pipeline;

/// <summary>The one-minute load average at a moment: on a shared machine it tells whether a figure was taken on busy cores.</summary>
public static class MachineLoad
{
    /// <summary>The load average from /proc/loadavg, or null where the system has none.</summary>
    public static double? OneMinute()
    {
        const string path = "/proc/loadavg";
        if (!File.Exists(path))
        {
            return null;
        }

        string first = File.ReadAllText(path).Split(' ', 2)[0];
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out double load) ? load : null;
    }

    /// <summary>The CPU's model name from /proc/cpuinfo, or the architecture where none is given.</summary>
    public static string CpuModel()
    {
        const string path = "/proc/cpuinfo";
        if (File.Exists(path))
        {
            foreach (string line in File.ReadLines(path))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is int colon and >= 0)
                {
                    return line[(colon + 1)..].Trim();
                }
            }
        }

        return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
    }
}
