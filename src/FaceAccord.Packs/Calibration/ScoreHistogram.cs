namespace FaceAccord.Packs.Calibration;

/// <summary>
/// A fixed-bin summary of a score distribution, stored with a calibration so its shape can be plotted
/// and compared later without keeping every score.
/// </summary>
/// <param name="Min">Lower edge of the first bin.</param>
/// <param name="Max">Upper edge of the last bin.</param>
/// <param name="Counts">Scores per bin; bin i covers [Min + i·w, Min + (i+1)·w), the last bin includes Max,
/// and scores outside [Min, Max] are counted in the nearest end bin.</param>
public sealed record ScoreHistogram(double Min, double Max, IReadOnlyList<int> Counts)
{
    /// <summary>The default layout for cosine similarities: 200 bins over [−1, 1].</summary>
    public static ScoreHistogram Of(IEnumerable<double> scores, int bins = 200, double min = -1, double max = 1)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (!(max > min))
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, "The histogram range must have max > min.");
        }

        var counts = new int[bins];
        double scale = bins / (max - min);
        foreach (double s in scores)
        {
            if (double.IsFinite(s))
            {
                counts[Math.Clamp((int)Math.Floor((s - min) * scale), 0, bins - 1)]++;
            }
        }

        return new ScoreHistogram(min, max, counts);
    }
}
