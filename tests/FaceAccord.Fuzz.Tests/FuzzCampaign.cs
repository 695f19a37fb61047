using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using FaceAccord.TestSupport;

namespace FaceAccord.Fuzz.Tests;

/// <summary>
/// One bounded libFuzzer run of a target: builds the driver (clang) and the instrumented copy of the harness once
/// per test process under <c>artifacts/fuzz</c>, then fuzzes from the committed seeds plus the corpus grown by
/// earlier local runs. Crashes, hangs (an input running past the timeout) and a dead harness are findings.
/// </summary>
internal static partial class FuzzCampaign
{
    /// <summary>Seconds per target; FACEACCORD_FUZZ_SECONDS runs longer (see tests/FaceAccord.Fuzz/README.md).</summary>
    public const int DefaultSeconds = 60;

    /// <summary>An input that runs longer than this is a hang (the first inputs include the JIT's warm-up).</summary>
    public const int HangSeconds = 10;

    private static readonly Lazy<(string Driver, string Harness)> Prepared = new(Prepare);

    public static string Root => Path.Combine(TestPaths.RepositoryRoot, "artifacts", "fuzz");

    public static string SourceFolder => Path.Combine(TestPaths.RepositoryRoot, "tests", "FaceAccord.Fuzz");

    public static int Seconds =>
        int.TryParse(Environment.GetEnvironmentVariable("FACEACCORD_FUZZ_SECONDS"), out int s) && s > 0 ? s : DefaultSeconds;

    public static FuzzResult Run(string target, int seconds)
    {
        var (driver, harness) = Prepared.Value;
        string corpus = Directory.CreateDirectory(Path.Combine(Root, target, "corpus")).FullName;
        string findings = Path.Combine(Root, target, "findings");
        if (Directory.Exists(findings))
        {
            Directory.Delete(findings, recursive: true);
        }

        Directory.CreateDirectory(findings);
        var start = new ProcessStartInfo(driver)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = findings,
        };
        // New inputs go to the first folder only, so the committed seeds stay as they are.
        string seeds = Path.Combine(SourceFolder, "corpus", target);
        foreach (string arg in new[]
        {
            $"-max_total_time={seconds}", $"-timeout={HangSeconds}", "-rss_limit_mb=4096", "-print_final_stats=1",
            $"-artifact_prefix={findings}/", corpus,
        }.Concat(Directory.Exists(seeds) ? [seeds] : []))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["FUZZ_HARNESS"] = harness;
        start.Environment["FUZZ_TARGET"] = target;
        // An input that makes the harness allocate without bound fails as OutOfMemoryException, a finding.
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x80000000";

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A hang inside libFuzzer itself (not an input) would otherwise stall the test run.
        if (!process.WaitForExit(TimeSpan.FromSeconds(seconds + (6 * HangSeconds) + 120)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        output.Append(stdout.Result).Append(stderr.Result);
        string log = output.ToString();
        var stats = StatPattern().Matches(log).ToDictionary(m => m.Groups[1].Value, m => long.Parse(m.Groups[2].Value));
        var found = Directory.EnumerateFiles(findings).Where(f => FindingPattern().IsMatch(Path.GetFileName(f))).Order().ToList();
        return new FuzzResult(target, process.ExitCode, stats.GetValueOrDefault("number_of_executed_units"),
            stats.GetValueOrDefault("new_units_added"), found, log);
    }

    private static (string Driver, string Harness) Prepare()
    {
        string driver = Path.Combine(Root, "driver", "faceaccord-fuzz-driver");
        string source = Path.Combine(SourceFolder, "driver", "faceaccord-fuzz-driver.c");
        if (!File.Exists(driver) || File.GetLastWriteTimeUtc(driver) < File.GetLastWriteTimeUtc(source))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(driver)!);
            var compile = new ProcessStartInfo("clang-14") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (string arg in new[] { "-O1", "-fsanitize=fuzzer", source, "-o", driver })
            {
                compile.ArgumentList.Add(arg);
            }

            Process? clang;
            try
            {
                clang = Process.Start(compile);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException("The fuzz driver needs clang-14 with libFuzzer: apt-get install clang-14 libclang-rt-14-dev (.ci/run does).", e);
            }

            string errors = clang!.StandardError.ReadToEnd() + clang.StandardOutput.ReadToEnd();
            clang.WaitForExit();
            if (clang.ExitCode != 0)
            {
                throw new InvalidOperationException($"clang-14 could not build the fuzz driver (apt-get install libclang-rt-14-dev brings libFuzzer):\n{errors}");
            }
        }

        // The harness and everything it loads were built beside these tests; the copy is rewritten with edge counters.
        string harness = Path.Combine(Root, "harness");
        Instrumenter.InstrumentCopy(AppContext.BaseDirectory, harness);
        return (driver, Path.Combine(harness, "FaceAccord.Fuzz.dll"));
    }

    [GeneratedRegex(@"stat::(\w+):\s+(\d+)")]
    private static partial Regex StatPattern();

    [GeneratedRegex("^(crash|timeout|oom|leak)-")]
    private static partial Regex FindingPattern();
}
