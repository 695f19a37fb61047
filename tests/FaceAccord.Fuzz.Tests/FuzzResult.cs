namespace FaceAccord.Fuzz.Tests;

/// <summary>What a bounded fuzz run did and found; a finding's input lies at its path, ready to replay.</summary>
internal sealed record FuzzResult(string Target, int ExitCode, long Executions, long NewInputs, IReadOnlyList<string> Findings, string Log)
{
    /// <summary>The failure message: each finding, how to replay it, and the end of the log (with the exception).</summary>
    public string Report()
    {
        string tail = Log.Length > 6000 ? Log[^6000..] : Log;
        var lines = Findings.Select(f => $"  {f}\n    replay: dotnet tests/FaceAccord.Fuzz/bin/Release/net10.0/FaceAccord.Fuzz.dll replay {Target} {f}");
        return $"fuzz target '{Target}': libFuzzer exited {ExitCode} after {Executions} executions, {Findings.Count} finding(s):\n"
            + string.Join('\n', lines) + $"\n--- end of the libFuzzer log ---\n{tail}";
    }
}
