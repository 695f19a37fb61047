namespace FaceAccord.Service.Retention;

/// <summary>
/// What one sweep deleted, so an operator (and the server's log) can see retention being carried out: expired subjects
/// with their faces, and the probe crops of review cases decided longer ago than the crop period. Skipped: another
/// node of a shared store held the sweeper's turn, so this one deleted nothing and left the round to it.
/// </summary>
public sealed record RetentionSweep(
    DateTimeOffset AsOf, int Subjects, int Faces, int Galleries, int ProbeCrops = 0, int ReviewCases = 0, bool Skipped = false);
