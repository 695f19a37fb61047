namespace FaceAccord.Packs.Calibration;

/// <summary>The score distributions behind a calibration, kept so the separation per group stays inspectable.</summary>
/// <param name="Genuine">Scores of genuine (same person) pairs.</param>
/// <param name="Impostor">Scores of all impostor pairs.</param>
/// <param name="ImpostorByGroup">Scores of impostor pairs per group label.</param>
public sealed record CalibrationHistograms(
    ScoreHistogram Genuine,
    ScoreHistogram Impostor,
    IReadOnlyDictionary<string, ScoreHistogram> ImpostorByGroup);
