using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Evaluation.Fairness;
using FaceAccord.Evaluation.Fairness.Audit;

namespace FaceAccord.Evaluation.Tests.Fairness.Audit;

public sealed class FairnessAuditTests : IDisposable
{
    private const string Model = "test/model";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fa-audit-" + Guid.NewGuid().ToString("N"));
    private readonly AuditManifest _manifest;
    private readonly Dictionary<string, FaceTemplate?> _templates = new(StringComparer.Ordinal);

    public FairnessAuditTests()
    {
        // Group a: three subjects, all with the same template, so every impostor pair scores 1.
        // Group b: three subjects pointing apart (impostor scores 0 or -1); b3's second image has no face.
        Directory.CreateDirectory(_dir);
        var rows = new List<string> { "image,subject,g,h" };
        (string Subject, float X, float Y)[] subjects = [("a1", 1, 0), ("a2", 1, 0), ("a3", 1, 0), ("b1", 1, 0), ("b2", 0, 1), ("b3", -1, 0)];
        foreach (var (subject, x, y) in subjects)
        {
            for (int shot = 1; shot <= 2; shot++)
            {
                string image = Path.Combine(_dir, $"{subject}-{shot}.jpg");
                File.WriteAllText(image, "x");
                rows.Add($"{image},{subject},{subject[0]},x");
                _templates[image] = subject == "b3" && shot == 2 ? null : new FaceTemplate(Model, [x, y]);
            }
        }

        File.WriteAllLines(Path.Combine(_dir, "m.csv"), rows);
        _manifest = AuditManifest.Load(Path.Combine(_dir, "m.csv"));
    }

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Counts_errors_per_group_with_failed_comparisons_and_summarises_them()
    {
        var report = FairnessAudit.Run(_manifest, _templates, Model, 1e-3, 0.5, new FairnessAuditOptions { Seed = 3, BootstrapResamples = 50 }).Report;

        Assert.Equal(12, report.Images);
        Assert.Equal(1, report.ImagesWithoutFace);
        Assert.Equal(0.5, report.Threshold);
        Assert.Equal(3, report.Breakdowns.Count);
        var main = report.Breakdowns[0];
        Assert.Equal(["g", "h"], main.Columns);
        var a = main.Groups[0];
        var b = main.Groups[1];
        Assert.Equal(("g=a|h=x", 6, 3, 3, 12, 12, 0), (a.Group, a.Images, a.Subjects, a.GenuinePairs, a.ImpostorPairs, a.FalseMatches, a.FalseNonMatches));
        Assert.Equal((1.0, 1.0, 1.0, 0.0), (a.Fmr, a.FmrLower, a.FmrUpper, a.Fnmr));
        Assert.Equal(("g=b|h=x", 3, 12, 0, 1, 1, 4), (b.Group, b.GenuinePairs, b.ImpostorPairs, b.FalseMatches, b.FalseNonMatches, b.FailedGenuine, b.FailedImpostor));
        Assert.Equal(0.0, b.Fmr);
        Assert.Equal(1.0 / 3, b.Fnmr!.Value, 12);

        var s = Assert.IsType<FairnessSummary>(main.Summary);
        Assert.Null(s.FmrMaxMinRatio);
        Assert.Equal(1 - ((0.5 * 1) + (0.5 / 3)), s.Fdr, 12);
        Assert.Null(main.SummaryNote);
        Assert.Equal(1.0, main.FmrDifferentials!.FmrMaxDifference, 12);

        // Six images per group: 15 pairs less 3 genuine gives 12 impostor pairs, too few for FMR 1e-3.
        Assert.All(main.Groups, g => Assert.All(g.FnmrAtFmr, p => Assert.Null(p.Point)));

        // The single column h puts everyone in one group: 66 pairs less 6 genuine; no summary with one group.
        var h = report.Breakdowns[2];
        Assert.Equal(["h"], h.Columns);
        Assert.Equal(60, Assert.Single(h.Groups).ImpostorPairs);
        Assert.Null(h.Summary);
        Assert.NotNull(h.SummaryNote);
        Assert.Null(h.FmrDifferentials);
    }

    [Fact]
    public void Caps_impostor_pairs_per_group_and_repeats_with_the_same_seed()
    {
        var options = new FairnessAuditOptions { Seed = 11, MaxImpostorsPerGroup = 5, BootstrapResamples = 50 };
        var first = FairnessAudit.Run(_manifest, _templates, Model, 1e-3, 0.5, options);
        var second = FairnessAudit.Run(_manifest, _templates, Model, 1e-3, 0.5, options);

        Assert.All(first.Report.Breakdowns[0].Groups, g => Assert.Equal(5, g.ImpostorPairs));
        Assert.Equal(3 + 3 + 5 + 5, first.Comparisons.Count);
        Assert.Equal(JsonSerializer.Serialize(first.Report), JsonSerializer.Serialize(second.Report));
    }

    [Fact]
    public void Writes_a_self_contained_html_page_with_both_charts()
    {
        var outcome = FairnessAudit.Run(_manifest, _templates, Model, 1e-3, 0.5, new FairnessAuditOptions { BootstrapResamples = 20 });
        string outDir = Path.Combine(_dir, "out");

        string page = File.ReadAllText(FairnessHtmlReport.Write(outDir, outcome));

        Assert.Equal(2, page.Split("src=\"data:image/png;base64,").Length - 1);
        Assert.Contains("g=b|h=x", page, StringComparison.Ordinal);
        Assert.Contains("FDR", page, StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(outDir, "fmr-by-group.png")).Length > 1000);
    }
}
