namespace FaceAccord.Bench.Load.Soak;

/// <summary>One reading of the server: seconds into the run, resident memory (MiB), requests answered so far, people in the churn pool.</summary>
public readonly record struct RssSample(double Seconds, double RssMiB, long Requests, int ChurnPeople);

/// <summary>Resident set size of a process, read from /proc (Linux), as the kernel counts it: managed heap, native allocations and mapped models alike.</summary>
public static class ProcessRss
{
    /// <summary>VmRSS of <paramref name="pid"/> in MiB, or null when the process is gone or the system has no /proc.</summary>
    public static double? MiB(int pid)
    {
        string path = $"/proc/{pid}/status";
        try
        {
            foreach (string line in File.ReadLines(path))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    string kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }
}
