using FaceAccord.Core;
using FaceAccord.Evaluation.Datasets;

namespace FaceAccord.Evaluation.Fairness.Audit;

/// <summary>
/// A demographic audit of one model at one calibrated threshold: pairs every manifest image within its group,
/// scores the pairs from precomputed templates and disaggregates the errors by group, with intervals wide enough
/// to tell a real differential from too few subjects.
/// </summary>
public static class FairnessAudit
{
    /// <summary>
    /// Runs the audit. <paramref name="templates"/> maps every manifest image path to its template, or to null when
    /// the image has no face (its pairs count as failed comparisons).
    /// </summary>
    public static FairnessAuditOutcome Run(
        AuditManifest manifest,
        IReadOnlyDictionary<string, FaceTemplate?> templates,
        string modelId,
        double targetFmr,
        double threshold,
        FairnessAuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxImpostorsPerGroup, 1);
        var missing = manifest.Entries.FirstOrDefault(e => !templates.ContainsKey(e.Image));
        if (missing is not null)
        {
            throw new ArgumentException($"No template entry for '{missing.Image}'.", nameof(templates));
        }

        // All columns together first; single columns only add information when there are several.
        var groupings = new List<int[]> { Enumerable.Range(0, manifest.GroupColumns.Count).ToArray() };
        if (manifest.GroupColumns.Count > 1)
        {
            groupings.AddRange(Enumerable.Range(0, manifest.GroupColumns.Count).Select(c => new[] { c }));
        }

        var breakdowns = new List<AuditBreakdown>();
        IReadOnlyList<GroupedComparison> primary = [];
        foreach (int[] columns in groupings)
        {
            List<AuditManifestEntry> labelled = [.. manifest.Entries.Where(e => AuditManifest.IsLabelled(e, columns))];
            var comparisons = Compare(manifest, labelled, columns, templates, options);
            breakdowns.Add(Breakdown(manifest, labelled, columns, comparisons, threshold, options));
            if (breakdowns.Count == 1)
            {
                primary = comparisons;
            }
        }

        var report = new FairnessAuditReport(
            modelId,
            manifest.Path,
            options.Seed,
            options.MaxImpostorsPerGroup,
            targetFmr,
            threshold,
            "worst-group",
            options.BootstrapResamples,
            options.ConfidenceLevel,
            manifest.Entries.Count,
            manifest.Entries.Count(e => templates[e.Image] is null),
            breakdowns,
            Scoring: options.Scorer.Method);
        return new FairnessAuditOutcome(report, primary);
    }

    /// <summary>
    /// Every genuine pair and the seeded, capped within-group impostor pairs of <paramref name="entries"/>, scored
    /// from <paramref name="templates"/> (NaN when either image has no face) and labelled over <paramref name="columns"/>.
    /// </summary>
    internal static List<GroupedComparison> Compare(
        AuditManifest manifest,
        IReadOnlyList<AuditManifestEntry> entries,
        int[] columns,
        IReadOnlyDictionary<string, FaceTemplate?> templates,
        FairnessAuditOptions options)
    {
        List<EvaluationImage> images = [.. entries.Select(e => new EvaluationImage(e.Image, e.Subject, manifest.LabelOf(e, columns)))];
        var subjectOf = images.ToDictionary(i => i.ImageId, i => i.SubjectId, StringComparer.Ordinal);
        var pairs = ImpostorPairSampler.Genuine(images).Concat(ImpostorPairSampler.Impostors(images, options.MaxImpostorsPerGroup, options.Seed));
        var statistics = new System.Collections.Concurrent.ConcurrentDictionary<string, Vision.Scoring.ScoreStatistics>(StringComparer.Ordinal);
        Vision.Scoring.ScoreStatistics StatisticsOf(string image, FaceTemplate t) => statistics.GetOrAdd(image, _ => options.Scorer.StatisticsOf(t.Vector));
        return [.. pairs.Select(p => new GroupedComparison(
            subjectOf[p.ImageIdA],
            subjectOf[p.ImageIdB],
            p.IsSame,
            templates[p.ImageIdA] is { } a && templates[p.ImageIdB] is { } b
                ? options.Scorer.Score(a.Similarity(b), StatisticsOf(p.ImageIdA, a), StatisticsOf(p.ImageIdB, b))
                : double.NaN,
            p.Group))];
    }

    private static AuditBreakdown Breakdown(
        AuditManifest manifest,
        List<AuditManifestEntry> labelled,
        int[] columns,
        List<GroupedComparison> comparisons,
        double threshold,
        FairnessAuditOptions options)
    {
        var intervals = SubjectBootstrap.Intervals(comparisons, threshold, options.Seed, options.BootstrapResamples, options.ConfidenceLevel)
            .ToDictionary(g => g.Rates.Group, StringComparer.Ordinal);
        var atFmr = GroupThresholds.AuditTargetFmrs
            .SelectMany(t => GroupThresholds.FnmrAtFmr(comparisons, t))
            .ToLookup(g => g.Group, StringComparer.Ordinal);

        // Groups come from the manifest, so a group too small to form any pair still shows, with zero pairs.
        var rows = new List<AuditGroupRow>();
        foreach (var members in labelled.GroupBy(e => manifest.LabelOf(e, columns), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            int subjects = members.Select(e => e.Subject).Distinct(StringComparer.Ordinal).Count();
            var r = intervals.GetValueOrDefault(members.Key);
            var rates = r?.Rates ?? new GroupRates(members.Key, 0, 0, 0, 0, 0, 0);
            rows.Add(new AuditGroupRow(
                members.Key,
                members.Count(),
                subjects,
                rates.GenuinePairs,
                rates.ImpostorPairs,
                rates.FalseMatches,
                rates.FalseNonMatches,
                rates.FailedGenuine,
                rates.FailedImpostor,
                rates.Fmr,
                r?.Fmr?.Lower,
                r?.Fmr?.Upper,
                rates.Fnmr,
                r?.Fnmr?.Lower,
                r?.Fnmr?.Upper,
                [.. atFmr[members.Key]]));
        }

        var complete = rows.Where(g => g.Fmr is not null && g.Fnmr is not null).ToList();
        FairnessSummary? summary = null;
        string? note = null;
        if (complete.Count >= 2)
        {
            summary = FairnessSummary.Of([.. complete.Select(g => intervals[g.Group].Rates)]);
            if (complete.Count < rows.Count)
            {
                note = $"{rows.Count - complete.Count} of {rows.Count} groups lack genuine or impostor pairs and are left out of the summary.";
            }
        }
        else
        {
            note = $"Only {complete.Count} group(s) have both genuine and impostor pairs; the summary needs two. See the FMR differentials instead.";
        }

        var differentials = FmrDifferentials.Of(intervals.Values.Select(g => g.Rates));
        return new AuditBreakdown(
            [.. columns.Select(c => manifest.GroupColumns[c])], manifest.Entries.Count - labelled.Count, rows, summary, differentials, note);
    }
}
