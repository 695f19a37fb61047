using System.Runtime.InteropServices;
using FaceAccord.Core;

namespace FaceAccord.Evaluation.Metrics;

/// <summary>
/// Accuracy-based verification protocols (LFW style): a threshold learned on training pairs, accuracy
/// measured on held-out pairs, so the reported figure never peeks at its own test data.
/// </summary>
/// <remarks>
/// A pair is declared "same" when its score is ≥ the threshold. Failed (non-finite) pairs stay in every
/// denominator and are never decided correctly.
/// </remarks>
public static class VerificationMetrics
{
    /// <summary>Fraction of <paramref name="pairs"/> decided correctly at <paramref name="threshold"/>.</summary>
    public static double Accuracy(ReadOnlySpan<ScoredPair> pairs, double threshold)
    {
        if (pairs.IsEmpty)
        {
            throw Insufficient("Accuracy needs at least one pair.");
        }

        int correct = 0;
        foreach (var p in pairs)
        {
            correct += p.IsCorrectAt(threshold) ? 1 : 0;
        }

        return (double)correct / pairs.Length;
    }

    /// <summary>
    /// The threshold that maximises accuracy on <paramref name="training"/>. Candidates are the lowest
    /// finite score (accept all), the midpoint between each two adjacent distinct sorted scores, and the
    /// next double above the highest (reject all). Ties go to the highest candidate: of equally accurate
    /// thresholds, the one that lets fewer impostors through.
    /// </summary>
    public static double BestThreshold(ReadOnlySpan<ScoredPair> training)
    {
        var finite = new List<ScoredPair>(training.Length);
        foreach (var p in training)
        {
            if (!p.IsFailed)
            {
                finite.Add(p);
            }
        }

        if (finite.Count == 0)
        {
            throw Insufficient($"Choosing a threshold needs at least one pair with a score; the {training.Length} training pairs have none.");
        }

        finite.Sort(static (a, b) => a.Score.CompareTo(b.Score));
        int genuine = 0;
        foreach (var p in finite)
        {
            genuine += p.IsSame ? 1 : 0;
        }

        // Sweep upwards: each pair passed moves below the threshold (rejected).
        double bestThreshold = finite[0].Score;
        int bestCorrect = genuine;
        int rejectedGenuine = 0, rejectedImpostor = 0;
        for (int i = 0; i < finite.Count;)
        {
            double score = finite[i].Score;
            for (; i < finite.Count && finite[i].Score == score; i++)
            {
                if (finite[i].IsSame)
                {
                    rejectedGenuine++;
                }
                else
                {
                    rejectedImpostor++;
                }
            }

            double candidate = i < finite.Count ? score + ((finite[i].Score - score) / 2) : Math.BitIncrement(score);
            int correct = genuine - rejectedGenuine + rejectedImpostor;
            if (correct >= bestCorrect)
            {
                bestCorrect = correct;
                bestThreshold = candidate;
            }
        }

        return bestThreshold;
    }

    /// <summary>
    /// K-fold protocol (LFW View 2): for each fold, the threshold is chosen on all other folds and accuracy
    /// measured on that fold; TAR@FAR and EER are computed over all pairs together.
    /// </summary>
    public static VerificationReport KFold(ReadOnlySpan<ScoredPair> pairs)
    {
        var folds = new SortedSet<int>();
        foreach (var p in pairs)
        {
            folds.Add(p.Fold);
        }

        if (folds.Count < 2)
        {
            throw Insufficient($"A k-fold protocol needs at least two folds; the pairs carry {folds.Count}.");
        }

        var accuracies = new List<double>(folds.Count);
        var thresholds = new List<double>(folds.Count);
        var train = new List<ScoredPair>(pairs.Length);
        var test = new List<ScoredPair>(pairs.Length);
        foreach (int fold in folds)
        {
            train.Clear();
            test.Clear();
            foreach (var p in pairs)
            {
                (p.Fold == fold ? test : train).Add(p);
            }

            double threshold = BestThreshold(CollectionsMarshal.AsSpan(train));
            thresholds.Add(threshold);
            accuracies.Add(Accuracy(CollectionsMarshal.AsSpan(test), threshold));
        }

        double mean = accuracies.Average();
        double variance = accuracies.Sum(a => (a - mean) * (a - mean)) / (accuracies.Count - 1);
        return Report(pairs, folds.Count, mean, Math.Sqrt(variance), thresholds.Average(), accuracies, thresholds);
    }

    /// <summary>
    /// Train/test protocol (LFW View 1): the threshold is chosen on <paramref name="training"/> and every
    /// figure is measured on <paramref name="test"/>.
    /// </summary>
    public static VerificationReport TrainTest(ReadOnlySpan<ScoredPair> training, ReadOnlySpan<ScoredPair> test)
    {
        double threshold = BestThreshold(training);
        double accuracy = Accuracy(test, threshold);
        return Report(test, 1, accuracy, null, threshold, [accuracy], [threshold]);
    }

    private static VerificationReport Report(
        ReadOnlySpan<ScoredPair> pairs,
        int folds,
        double accuracy,
        double? std,
        double threshold,
        IReadOnlyList<double> foldAccuracies,
        IReadOnlyList<double> foldThresholds)
    {
        int failed = 0;
        foreach (var p in pairs)
        {
            failed += p.IsFailed ? 1 : 0;
        }

        var roc = RocCurve.From(pairs);
        return new VerificationReport(
            pairs.Length, failed, folds, accuracy, std, threshold, foldAccuracies, foldThresholds, roc.TarAtFar(1e-3), roc.Eer);
    }

    private static FaceAccordException Insufficient(string message) =>
        FaceAccordException.BadInput("scores-insufficient", message);
}
