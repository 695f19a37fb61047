using System.Globalization;
using FaceAccord.Core;

namespace FaceAccord.Evaluation.Fairness.Audit;

/// <summary>
/// Worst-group calibration on an audit manifest: splits the subjects, chooses the threshold on one part with
/// <see cref="WorstGroupCalibration"/> and measures every group on the other, against one pooled calibration, so
/// "FMR ≤ target for every group" is tested on people the threshold never saw.
/// </summary>
/// <remarks>
/// Groups are the intersection of all manifest columns (images with an empty value in any are left out). Each part
/// gets its own pairs (every genuine pair, within-group impostor pairs sampled and capped as in the audit), so no
/// pair joins a calibration subject to a held-out one. Intervals are the audit's subject-bootstrap intervals.
/// </remarks>
public static class WorstGroupAudit
{
    /// <summary>Runs the calibration and its evaluation; <paramref name="templates"/> as for <see cref="FairnessAudit.Run"/>.</summary>
    public static WorstGroupReport Run(
        AuditManifest manifest,
        IReadOnlyDictionary<string, FaceTemplate?> templates,
        WorstGroupOptions calibration,
        FairnessAuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(options);
        double target = calibration.TargetFmr;
        if (!(target > 0 && target < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(calibration), target, "A target false-match rate lies in (0, 1).");
        }

        int[] columns = [.. Enumerable.Range(0, manifest.GroupColumns.Count)];
        List<AuditManifestEntry> labelled = [.. manifest.Entries.Where(e => AuditManifest.IsLabelled(e, columns))];
        if (labelled.Count == 0)
        {
            throw FaceAccordException.BadInput(
                "fairness-unlabelled", $"No image of {manifest.Path} has a value in every group column ({string.Join(", ", manifest.GroupColumns)}).");
        }

        var labelOf = labelled.ToDictionary(e => e.Image, e => manifest.LabelOf(e, columns), StringComparer.Ordinal);
        IReadOnlySet<string>? heldOut = calibration.Holdout is { } p
            ? SubjectSplit.HeldOut(labelled.Select(e => (e.Subject, labelOf[e.Image])), p, options.Seed)
            : null;
        List<AuditManifestEntry> calibrationPart = heldOut is null ? labelled : [.. labelled.Where(e => !heldOut.Contains(e.Subject))];
        List<AuditManifestEntry> evaluationPart = heldOut is null ? labelled : [.. labelled.Where(e => heldOut.Contains(e.Subject))];
        var calibrationPairs = FairnessAudit.Compare(manifest, calibrationPart, columns, templates, options);
        var evaluationPairs = heldOut is null ? calibrationPairs : FairnessAudit.Compare(manifest, evaluationPart, columns, templates, options);

        var confidence = calibration.Confidence is { } level ? new FmrConfidence(level, options.BootstrapResamples, options.Seed, calibration.Bound, calibration.Units) : null;
        var choice = WorstGroupCalibration.Choose(calibrationPairs, target, confidence);

        var groups = labelOf.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var rows = Rows(groups, choice, calibrationPart, evaluationPart, labelOf, calibrationPairs, evaluationPairs, options);
        var pooled = Rows(
            [WorstGroupCalibration.PooledGroup],
            choice with { Groups = [new GroupFnmrAtFmr(WorstGroupCalibration.PooledGroup, target, choice.Pooled)] },
            calibrationPart,
            evaluationPart,
            labelOf.ToDictionary(kv => kv.Key, _ => WorstGroupCalibration.PooledGroup, StringComparer.Ordinal),
            [.. calibrationPairs.Select(c => c with { Group = WorstGroupCalibration.PooledGroup })],
            [.. evaluationPairs.Select(c => c with { Group = WorstGroupCalibration.PooledGroup })],
            options)[0];

        return new WorstGroupReport(
            target,
            Rule(target, confidence),
            calibration.Confidence,
            calibration.Confidence is null ? null : Name(calibration.Bound),
            calibration.Confidence is null ? null : Name(calibration.Units),
            calibration.Holdout,
            options.Seed,
            heldOut is null
                ? "in-sample: without --holdout the rates are measured on the pairs that chose the threshold, which flatters it"
                : string.Create(CultureInfo.InvariantCulture, $"held-out: {calibration.Holdout:0.###} of each group's subjects (seeded, stratified by group), disjoint from the subjects the threshold was chosen on"),
            calibrationPart.Select(e => e.Subject).Distinct(StringComparer.Ordinal).Count(),
            evaluationPart.Select(e => e.Subject).Distinct(StringComparer.Ordinal).Count(),
            manifest.Entries.Count - labelled.Count,
            choice.Threshold,
            choice.SetBy,
            choice.Pooled?.Threshold,
            choice.NotEstimable,
            rows,
            pooled,
            choice.Threshold is null ? null : rows.Where(r => r.ImpostorPairs > 0).All(r => r.Fmr <= target));
    }

    private static List<WorstGroupRow> Rows(
        List<string> groups,
        WorstGroupChoice choice,
        List<AuditManifestEntry> calibrationPart,
        List<AuditManifestEntry> evaluationPart,
        Dictionary<string, string> labelOf,
        List<GroupedComparison> calibrationPairs,
        List<GroupedComparison> evaluationPairs,
        FairnessAuditOptions options)
    {
        var atChosen = Intervals(evaluationPairs, choice.Threshold, options);
        var atPooled = Intervals(evaluationPairs, choice.Pooled?.Threshold, options);
        var calibrationImpostors = calibrationPairs.Where(c => !c.IsGenuine).CountBy(c => c.Group, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        var own = choice.Groups.ToDictionary(g => g.Group, g => g.Point?.Threshold, StringComparer.Ordinal);
        var rows = new List<WorstGroupRow>(groups.Count);
        foreach (string g in groups)
        {
            var matching = GroupErrorRates.At(evaluationPairs.Where(c => string.Equals(c.Group, g, StringComparison.Ordinal)), 0);
            var counts = matching.Count > 0 ? matching[0] : null;
            var w = atChosen?.GetValueOrDefault(g);
            var o = atPooled?.GetValueOrDefault(g);
            double? fmr = w?.Rates.Fmr;
            rows.Add(new WorstGroupRow(
                g,
                Subjects(calibrationPart, labelOf, g),
                calibrationImpostors.GetValueOrDefault(g),
                own.GetValueOrDefault(g),
                Subjects(evaluationPart, labelOf, g),
                counts?.ImpostorPairs ?? 0,
                counts?.GenuinePairs ?? 0,
                GroupThresholds.IsEstimable(counts?.ImpostorPairs ?? 0, choice.TargetFmr),
                w?.Rates.FalseMatches ?? 0,
                fmr,
                w?.Fmr?.Lower,
                w?.Fmr?.Upper,
                choice.TargetFmr - fmr,
                o?.Rates.Fmr,
                o?.Fmr?.Lower,
                o?.Fmr?.Upper,
                w?.Rates.Fnmr,
                w?.Fnmr?.Lower,
                w?.Fnmr?.Upper,
                o?.Rates.Fnmr,
                o?.Fnmr?.Lower,
                o?.Fnmr?.Upper,
                w?.Rates.Fnmr - o?.Rates.Fnmr));
        }

        return rows;
    }

    private static Dictionary<string, GroupRateIntervals>? Intervals(List<GroupedComparison> pairs, double? threshold, FairnessAuditOptions options) =>
        threshold is { } t
            ? SubjectBootstrap.Intervals(pairs, t, options.Seed, options.BootstrapResamples, options.ConfidenceLevel).ToDictionary(g => g.Rates.Group, StringComparer.Ordinal)
            : null;

    private static int Subjects(List<AuditManifestEntry> part, Dictionary<string, string> labelOf, string group) =>
        part.Where(e => string.Equals(labelOf[e.Image], group, StringComparison.Ordinal)).Select(e => e.Subject).Distinct(StringComparer.Ordinal).Count();

    private static string Rule(double target, FmrConfidence? confidence)
    {
        string rule = string.Create(CultureInfo.InvariantCulture,
            $"The lowest threshold with FMR ≤ {target:G3} on the calibration pairs for every group with n·r ≥ {Calibration.ScoreCalibration.MinExpectedFalseMatches} (at least {Calibration.ScoreCalibration.MinExpectedFalseMatches / target:0} impostor pairs) and for all pairs pooled: the highest of their own thresholds, each the lowest accepting at most ⌊r·n⌋ of its n impostor pairs.");
        if (confidence is null)
        {
            return rule;
        }

        string units = confidence.Units == ResamplingUnits.LinkedSubjects
            ? "units of subjects linked by a false match at the group's point threshold"
            : "subjects";
        return rule + (confidence.Bound == FmrBound.Prediction
            ? string.Create(CultureInfo.InvariantCulture,
                $" Each own threshold is raised by the {confidence.Level:0.###} quantile of the difference between two independent bootstrap resamples' thresholds ({confidence.Resamples} resamples of {units}), so an independent sample of the same size, such as the held-out part, measures FMR ≤ target with that probability.")
            : string.Create(CultureInfo.InvariantCulture,
                $" Each own threshold is raised to the {confidence.Level:0.###} quantile of the thresholds of {confidence.Resamples} bootstrap resamples of {units}, so the group's population FMR is ≤ target with that confidence."));
    }

    /// <summary>The report's name of a bound, as the command line spells it.</summary>
    public static string Name(FmrBound bound) => bound == FmrBound.Prediction ? "prediction" : "confidence";

    /// <summary>The report's name of the resampling units, as the command line spells them.</summary>
    public static string Name(ResamplingUnits units) => units == ResamplingUnits.LinkedSubjects ? "linked" : "subjects";
}
