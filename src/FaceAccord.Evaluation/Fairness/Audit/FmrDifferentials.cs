namespace FaceAccord.Evaluation.Fairness.Audit;

/// <summary>
/// The FMR half of <see cref="FairnessSummary"/>, for audits whose data has no genuine pairs (UTKFace has no
/// identities), where the full summary cannot be formed but impostor differentials still can.
/// </summary>
/// <param name="Groups">Groups with impostor pairs.</param>
/// <param name="FmrMaxMinRatio">Highest group FMR over lowest (null when some but not all are 0).</param>
/// <param name="FmrInequity">Highest group FMR over the geometric mean (null when some but not all are 0).</param>
/// <param name="GiniFmr">Gini coefficient of the group FMRs.</param>
/// <param name="FmrMaxDifference">Highest minus lowest group FMR (the FMR term A of the FDR).</param>
public sealed record FmrDifferentials(int Groups, double? FmrMaxMinRatio, double? FmrInequity, double GiniFmr, double FmrMaxDifference)
{
    /// <summary>The measures over the groups that have an FMR; null with fewer than two.</summary>
    public static FmrDifferentials? Of(IEnumerable<GroupRates> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);

        // FairnessSummary insists on both rates; holding every FNMR at 0 leaves its FMR measures untouched.
        List<GroupRates> withFmr = [.. rates.Where(r => r.Fmr is not null).Select(r => r with { GenuinePairs = 1, FalseNonMatches = 0, FailedGenuine = 0 })];
        if (withFmr.Count < 2)
        {
            return null;
        }

        var s = FairnessSummary.Of(withFmr);

        // Taken from the rates, not as 1 − FDR, which would leave rounding residue on rates near 0.
        double difference = withFmr.Max(r => r.Fmr!.Value) - withFmr.Min(r => r.Fmr!.Value);
        return new FmrDifferentials(s.Groups, s.FmrMaxMinRatio, s.FmrInequity, s.GiniFmr, difference);
    }
}
