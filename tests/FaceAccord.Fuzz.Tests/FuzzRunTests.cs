using Xunit.Abstractions;

namespace FaceAccord.Fuzz.Tests;

/// <summary>
/// Coverage-guided fuzzing of every target for a bounded time (60 s each unless FACEACCORD_FUZZ_SECONDS says
/// otherwise). A crash, a hang or a dead harness fails the test with the input's path; each one found so far is a
/// regression input under tests/FaceAccord.Fuzz/regressions and a named test beside the code it broke.
/// </summary>
public sealed class FuzzRunTests(ITestOutputHelper output)
{
    public static TheoryData<string> Targets => [.. FuzzTargets.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void A_bounded_fuzz_run_finds_no_crash_and_no_hang(string target)
    {
        var result = FuzzCampaign.Run(target, FuzzCampaign.Seconds);

        output.WriteLine($"{target}: {result.Executions} executions in {FuzzCampaign.Seconds} s, {result.NewInputs} new inputs, exit {result.ExitCode}");
        Assert.True(result.Findings.Count == 0 && result.ExitCode == 0, result.Report());
        // A run that executed nothing tested nothing: the harness did not start or the protocol broke.
        Assert.True(result.Executions > 100, result.Report());
    }

    [Theory]
    [InlineData("selftest-crash", "crash-")]
    [InlineData("selftest-hang", "timeout-")]
    public void A_run_reports_a_planted_crash_or_hang_with_its_input(string target, string finding)
    {
        var result = FuzzCampaign.Run(target, 30);

        output.WriteLine($"{target}: exit {result.ExitCode}, findings {string.Join(", ", result.Findings.Select(Path.GetFileName))}");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(result.Findings, f => Path.GetFileName(f).StartsWith(finding, StringComparison.Ordinal));
    }
}
