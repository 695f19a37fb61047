namespace FaceAccord.Evaluation.Fairness;

/// <summary>
/// Asks worst-group calibration for a threshold that keeps FMR within target with a stated probability instead of
/// on the calibration pairs alone, since a threshold set exactly at one sample's quantile exceeds the target on
/// new people about half the time.
/// </summary>
/// <param name="Level">One-sided probability, e.g. 0.95.</param>
/// <param name="Resamples">Bootstrap resamples per group.</param>
/// <param name="Seed">Seed of the resampling; each group draws from its own stream seeded by this and its name.</param>
/// <param name="Bound">What the probability is about: the group's true FMR, or the FMR measured on a new sample.</param>
/// <param name="Units">What the bootstrap draws: subjects, or subjects linked by a false match.</param>
public sealed record FmrConfidence(double Level, int Resamples, int Seed, FmrBound Bound, ResamplingUnits Units);

/// <summary>The promise a margin above the point threshold makes.</summary>
public enum FmrBound
{
    /// <summary>The group's FMR in the population the calibration pairs came from is within target with the level's
    /// probability: the level-quantile of the resampled thresholds.</summary>
    Confidence,

    /// <summary>The FMR measured on an independent sample of the same size (a held-out half, an independent tester's
    /// set) is within target with the level's probability. That sample has sampling error of its own, so the margin
    /// is the level-quantile of the difference between two independent resamples' thresholds, about √2 times the
    /// confidence margin.</summary>
    Prediction,
}

/// <summary>What one bootstrap draw picks.</summary>
public enum ResamplingUnits
{
    /// <summary>Each subject on its own (Bolle et al.'s subsets bootstrap).</summary>
    Subjects,

    /// <summary>Subjects joined by an impostor pair at or above the group's point threshold, closed transitively, as
    /// one unit. Without identity labels one person can be several "subjects" (UTKFace), and look-alikes clump; their
    /// false matches then come in clusters, not as independent pairs, and drawing subjects alone understates how much
    /// another sample's FMR can differ. Linking only merges units, it never removes a pair.</summary>
    LinkedSubjects,
}
