using FaceAccord.Core;

namespace FaceAccord.Evaluation.Metrics;

/// <summary>
/// False-match and false-non-match rates at one threshold: the two numbers a deployment trades against
/// each other, with failed pairs counted as errors on both sides.
/// </summary>
/// <param name="Fmr">Impostor pairs with score ≥ threshold, plus failed impostor pairs, over all impostor pairs.</param>
/// <param name="Fnmr">Genuine pairs with score &lt; threshold, plus failed genuine pairs, over all genuine pairs.</param>
public readonly record struct ErrorRates(double Fmr, double Fnmr)
{
    /// <summary>Measures both rates; refuses a set without genuine or without impostor pairs.</summary>
    public static ErrorRates At(ReadOnlySpan<ScoredPair> pairs, double threshold)
    {
        int genuine = 0, impostor = 0, falseMatches = 0, falseNonMatches = 0;
        foreach (var p in pairs)
        {
            bool accepted = !p.IsFailed && p.Score >= threshold;
            if (p.IsSame)
            {
                genuine++;
                falseNonMatches += accepted ? 0 : 1;
            }
            else
            {
                impostor++;
                // A failed impostor pair is an error by the project's rule, so it counts as a false match.
                falseMatches += accepted || p.IsFailed ? 1 : 0;
            }
        }

        if (genuine == 0 || impostor == 0)
        {
            throw FaceAccordException.BadInput(
                "scores-insufficient",
                $"Error rates need both genuine and impostor pairs; got {genuine} genuine and {impostor} impostor pairs.");
        }

        return new ErrorRates((double)falseMatches / impostor, (double)falseNonMatches / genuine);
    }
}
