namespace FaceAccord.Packs.Calibration;

/// <summary>How many pairs a calibration saw and how many produced no score, so its reach can be judged.</summary>
/// <param name="Pairs">Pairs supplied, failed ones included.</param>
/// <param name="Failed">Pairs without a score (no face found); left out of score distributions.</param>
public sealed record PairCounts(int Pairs, int Failed)
{
    /// <summary>Pairs that produced a score.</summary>
    public int Scored => Pairs - Failed;
}
