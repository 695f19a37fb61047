using FaceAccord.Core;
using FaceAccord.Packs.Calibration;
using FaceAccord.Service.Faces;
using FaceAccord.Service.Tenants;
using FaceAccord.Vision;

namespace FaceAccord.Service.Testing;

/// <summary>
/// Independent testing (Washington SB 6280 asks that third parties can test the service): a tenant of sector
/// <c>testing</c> sends image pairs and gets back the raw similarity of each and the thresholds in force. Images are
/// held in memory for the comparison only and never stored.
/// </summary>
public static class IndependentTesting
{
    /// <summary>Most pairs one request may carry.</summary>
    public const int MaxPairs = 1000;

    /// <summary>Largest body of one batch: 1,000 pairs of ordinary photos fit with room to spare.</summary>
    public const long MaxBatchBytes = 256L * 1024 * 1024;

    public sealed record PairScore(int Index, double? Similarity, string? Error, string? Code);

    public sealed record ThresholdInForce(double TargetFmr, double? WorstGroup, double? Overall);

    public sealed record Batch(string ModelId, IReadOnlyList<PairScore> Pairs, IReadOnlyList<ThresholdInForce> Thresholds);

    public static void RequireTestingTenant(Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (!string.Equals(tenant.Profile.Sector, TenantSectors.Testing, StringComparison.Ordinal))
        {
            throw new FaceAccordException(ErrorKind.Denied, "testing-only",
                "The independent-testing API is open only to tenants of sector 'testing'.");
        }
    }

    /// <summary>Scores every pair; a pair whose image is unreadable or has no face gets its own error, the rest still count.</summary>
    public static Batch Compare(FacePipeline pipeline, CalibrationFile calibration, IReadOnlyList<(byte[] A, byte[] B)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0 || pairs.Count > MaxPairs)
        {
            throw FaceAccordException.BadInput("pairs-invalid", $"A batch holds 1 to {MaxPairs} pairs, as fields a0,b0 … a{MaxPairs - 1},b{MaxPairs - 1}.");
        }

        var scores = new PairScore[pairs.Count];
        var scorer = calibration.Scorer();
        Parallel.For(0, pairs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            try
            {
                scores[i] = new PairScore(i, FaceComparison.Similarity(pipeline, scorer, pairs[i].A, pairs[i].B, $"a{i}", $"b{i}"), null, null);
            }
            catch (FaceAccordException e) when (e.Kind == ErrorKind.BadInput)
            {
                scores[i] = new PairScore(i, null, e.Message, e.Code);
            }
        });
        var thresholds = calibration.Thresholds
            .Select(r => new ThresholdInForce(r.TargetFmr, r.WorstGroup?.Threshold, r.Overall?.Threshold))
            .ToList();
        return new Batch(pipeline.ModelId, scores, thresholds);
    }
}
