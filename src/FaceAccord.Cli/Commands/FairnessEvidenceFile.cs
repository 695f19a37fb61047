using System.Text.Json;
using System.Text.Json.Serialization;
using FaceAccord.Core;
using FaceAccord.Evaluation.Fairness.Audit;
using FaceAccord.Service.Reports;

namespace FaceAccord.Cli.Commands;

/// <summary>
/// Reads the <c>fairness.json</c> that <c>faceaccord fairness --out</c> wrote and hands the accountability report the
/// figures it quotes, with the FMR chart drawn by the same code as the fairness report's, so the report quotes
/// measured rates, not typed-in ones, and the service needs none of the evaluation code.
/// </summary>
public static class FairnessEvidenceFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The evidence of the audit in <paramref name="path"/>; <c>fairness-not-found</c> (NotFound) or <c>fairness-invalid</c> (BadInput).</summary>
    public static FairnessEvidence Load(string path) => Evidence(Read(path));

    /// <summary>The figures the accountability report quotes, with the first breakdown's FMR chart as PNG.</summary>
    public static FairnessEvidence Evidence(FairnessAuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var wg = report.WorstGroup;
        return new FairnessEvidence(
            report.Model,
            report.Manifest,
            report.Images,
            report.ImagesWithoutFace,
            report.Calibration,
            report.Threshold,
            report.TargetFmr,
            report.ConfidenceLevel,
            report.BootstrapResamples,
            report.Seed,
            [.. report.Breakdowns.Select(b => new FairnessEvidence.Breakdown(
                b.Columns,
                b.UnlabelledImages,
                [.. b.Groups.Select(g => new FairnessEvidence.Group(g.Group, g.Subjects, g.GenuinePairs, g.ImpostorPairs, g.Fmr, g.FmrLower, g.FmrUpper, g.Fnmr, g.FnmrLower, g.FnmrUpper))],
                b.Summary?.FmrMaxMinRatio ?? b.FmrDifferentials?.FmrMaxMinRatio,
                b.Summary?.FnmrMaxMinRatio,
                b.SummaryNote))],
            wg is null ? null : new FairnessEvidence.WorstGroupChoice(wg.TargetFmr, wg.Threshold, wg.SetBy, wg.Confidence, wg.Bound, wg.Resampling, wg.Evaluation, wg.AllWithinTarget),
            report.Breakdowns.Count > 0 ? FmrChart(report, report.Breakdowns[0]) : null);
    }

    private static byte[]? FmrChart(FairnessAuditReport report, AuditBreakdown breakdown)
    {
        if (!breakdown.Groups.Any(g => g.Fmr is not null))
        {
            return null;
        }

        string path = Path.Combine(Path.GetTempPath(), $"faceaccord-fmr-{Guid.NewGuid():N}.png");
        try
        {
            FairnessCharts.SaveFmrByGroup(path, report, breakdown);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static FairnessAuditReport Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw FaceAccordException.NotFound("fairness-not-found", $"There is no fairness file '{path}'; give the fairness.json that 'faceaccord fairness --out DIR' wrote.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw FaceAccordException.BadInput("fairness-invalid", $"The fairness file '{path}' cannot be read: {e.Message}", e);
        }

        FairnessAuditReport? report;
        try
        {
            report = JsonSerializer.Deserialize<FairnessAuditReport>(text, Json);
        }
        catch (JsonException e)
        {
            throw FaceAccordException.BadInput("fairness-invalid", $"The fairness file '{path}' is not a fairness audit: {e.Message}", e);
        }

        if (report is null || string.IsNullOrWhiteSpace(report.Model) || report.Breakdowns is null || report.Breakdowns.Any(b => b?.Groups is null))
        {
            throw FaceAccordException.BadInput("fairness-invalid", $"The fairness file '{path}' is not a fairness audit: the model or its group figures are missing.");
        }

        return report;
    }
}
