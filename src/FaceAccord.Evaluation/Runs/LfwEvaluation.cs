using FaceAccord.Core;
using FaceAccord.Evaluation.Metrics;
using FaceAccord.Packs.Development;
using FaceAccord.Vision;
using FaceAccord.Vision.Scoring;

namespace FaceAccord.Evaluation.Runs;

/// <summary>
/// Runs an LFW protocol end to end: templates for every image, a score per pair by the given rule (cosine unless
/// the pack's calibration normalises scores; NaN where an image has no face, which every metric counts as an error), then the protocol's metrics: 10-fold
/// for View 2, DevTrain-chosen threshold for a View 1 test file.
/// </summary>
public sealed class LfwEvaluation
{
    public sealed record Outcome(VerificationReport Report, IReadOnlyList<(LfwPair Pair, double Score)> Scores, int ImagesWithoutFace, int Images);

    public static Outcome Run(FacePipeline pipeline, LfwPairsFile test, LfwPairsFile? train, Action<int, int>? progress = null, TemplateScorer? scorer = null)
    {
        scorer ??= TemplateScorer.Cosine;
        ArgumentNullException.ThrowIfNull(test);
        var all = test.Pairs.Concat(train?.Pairs ?? []).SelectMany(p => new[] { p.ImagePathA, p.ImagePathB }).Distinct(StringComparer.Ordinal).ToList();
        var templates = ImageTemplates.Compute(pipeline, all, progress);
        var testScores = Score(test, templates, scorer);
        VerificationReport report;
        if (train is null)
        {
            if (test.FoldCount < 2)
            {
                throw FaceAccordException.BadInput("train-pairs-required", "A View 1 pairs file has one fold: name the DevTrain file with --train to choose the threshold.");
            }

            report = VerificationMetrics.KFold([.. testScores.Select(s => new ScoredPair(s.Score, s.Pair.IsSame, s.Pair.Fold))]);
        }
        else
        {
            var trainScores = Score(train, templates, scorer);
            report = VerificationMetrics.TrainTest(
                [.. trainScores.Select(s => new ScoredPair(s.Score, s.Pair.IsSame))],
                [.. testScores.Select(s => new ScoredPair(s.Score, s.Pair.IsSame))]);
        }

        var testImages = test.Pairs.SelectMany(p => new[] { p.ImagePathA, p.ImagePathB }).Distinct(StringComparer.Ordinal).ToList();
        return new Outcome(report, testScores, testImages.Count(i => templates[i] is null), testImages.Count);
    }

    private static List<(LfwPair Pair, double Score)> Score(LfwPairsFile file, IReadOnlyDictionary<string, FaceTemplate?> templates, TemplateScorer scorer) =>
        [.. file.Pairs.Select(p =>
        {
            var a = templates[p.ImagePathA];
            var b = templates[p.ImagePathB];
            return (p, a is null || b is null ? double.NaN : scorer.Score(a, b));
        })];
}
