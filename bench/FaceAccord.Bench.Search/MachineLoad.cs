namespace FaceAccord.Bench.Search;

/// <summary>The load averages of the machine, recorded beside every figure: on a shared machine, others' work shows up as latency.</summary>
public static class MachineLoad
{
    public static string Now()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
