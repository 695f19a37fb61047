using System.Text.Json;
using FaceAccord.Evaluation.Datasets;
using FaceAccord.TestSupport;

namespace FaceAccord.Cli.Tests;

public sealed class FairnessCommandTests
{
    public FairnessCommandTests() => _ = TestPack.Installed;

    [Fact]
    public async Task Fairness_audits_a_small_UTKFace_manifest_into_json_and_a_self_contained_html_report()
    {
        string dir = Path.Combine(Path.GetTempPath(), "fa-fairness-" + Guid.NewGuid().ToString("N"));
        string images = Path.Combine(dir, "images");
        Directory.CreateDirectory(images);
        try
        {
            // Five images of each race × gender cell: 40 images, 10 impostor pairs per cell.
            foreach (var cell in UtkFaceFile.Scan(TestPaths.UtkFaceImages).Files.GroupBy(f => f.GroupLabel))
            {
                foreach (var f in cell.Take(5))
                {
                    File.CreateSymbolicLink(Path.Combine(images, Path.GetFileName(f.Path)), f.Path);
                }
            }

            string manifest = Path.Combine(dir, "manifest.csv");
            var (code, _, err) = await CliRun.Async("fairness", "manifest", "utkface", "--images", images, "--out", manifest);
            Assert.True(code == CliApp.Ok, err);
            Assert.Equal(41, File.ReadAllLines(manifest).Length); // header + 40 rows

            string outDir = Path.Combine(dir, "out");
            (code, string stdout, err) = await CliRun.Async("fairness", "--manifest", manifest, "--out", outDir, "--seed", "7", "--json");
            Assert.True(code == CliApp.Ok, err);
            using var printed = JsonDocument.Parse(stdout);
            using var written = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "fairness.json")));
            Assert.Equal(written.RootElement.GetRawText(), printed.RootElement.GetRawText());
            var root = written.RootElement;
            Assert.StartsWith(TestPack.Installed.Manifest.PackId, root.GetProperty("model").GetString(), StringComparison.Ordinal);
            Assert.Equal(7, root.GetProperty("seed").GetInt32());
            Assert.Equal(100_000, root.GetProperty("maxImpostorsPerGroup").GetInt32());
            Assert.Equal(1e-3, root.GetProperty("targetFmr").GetDouble());
            Assert.Equal(40, root.GetProperty("images").GetInt32());
            Assert.InRange(root.GetProperty("threshold").GetDouble(), -1, 1);

            var breakdowns = root.GetProperty("breakdowns").EnumerateArray().ToList();
            Assert.Equal(3, breakdowns.Count); // race × gender, then race, then gender
            var groups = breakdowns[0].GetProperty("groups").EnumerateArray().ToList();
            Assert.Equal(8, groups.Count);
            foreach (var g in groups)
            {
                Assert.Equal(5, g.GetProperty("subjects").GetInt32());
                Assert.Equal(10, g.GetProperty("impostorPairs").GetInt32());
                Assert.Equal(0, g.GetProperty("genuinePairs").GetInt32());
                double fmr = g.GetProperty("fmr").GetDouble();
                Assert.InRange(fmr, g.GetProperty("fmrLower").GetDouble(), g.GetProperty("fmrUpper").GetDouble());
                Assert.Equal(JsonValueKind.Null, g.GetProperty("fnmr").ValueKind);

                // Ten impostor pairs cannot estimate FMR 1e-3: the point is reported as not estimable.
                Assert.All(g.GetProperty("fnmrAtFmr").EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("point").ValueKind));
            }

            // No genuine pairs: the full summary is absent with its reason, the FMR differentials are present.
            Assert.Equal(JsonValueKind.Null, breakdowns[0].GetProperty("summary").ValueKind);
            Assert.False(string.IsNullOrEmpty(breakdowns[0].GetProperty("summaryNote").GetString()));
            Assert.Equal(8, breakdowns[0].GetProperty("fmrDifferentials").GetProperty("groups").GetInt32());
            Assert.Equal(4, breakdowns[1].GetProperty("groups").GetArrayLength());
            Assert.Equal(20 * 19 / 2, breakdowns[2].GetProperty("groups")[0].GetProperty("impostorPairs").GetInt32());

            string html = await File.ReadAllTextAsync(Path.Combine(outDir, "fairness.html"));
            Assert.Equal(2, html.Split("src=\"data:image/png;base64,").Length - 1);
            Assert.Contains("race=Black|gender=female", html, StringComparison.Ordinal);
            Assert.Contains("Gini FMR", html, StringComparison.Ordinal);
            Assert.DoesNotContain("src=\"fmr", html, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task A_malformed_manifest_exits_2_and_names_the_line()
    {
        string dir = Path.Combine(Path.GetTempPath(), "fa-fairness-bad-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string image = UtkFaceFile.Scan(TestPaths.UtkFaceImages).Files[0].Path;
            string manifest = Path.Combine(dir, "bad.csv");
            await File.WriteAllLinesAsync(manifest, ["image,subject,race", $"{image},s1,White", $"{image},s2"]);

            var (code, stdout, err) = await CliRun.Async("fairness", "--manifest", manifest, "--out", Path.Combine(dir, "out"));

            Assert.Equal(CliApp.BadInput, code);
            Assert.Contains("line 3", err, StringComparison.Ordinal);
            Assert.Equal(string.Empty, stdout);
            Assert.False(Directory.Exists(Path.Combine(dir, "out")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Fairness_without_a_manifest_exits_2()
    {
        var (code, _, err) = await CliRun.Async("fairness", "--out", Path.GetTempPath());
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("--manifest", err, StringComparison.Ordinal);
    }
}
