namespace FaceAccord.Service.Retention;

/// <summary>
/// What one sweep deleted, so an operator (and the server's log) can see retention being carried out. Skipped: another
/// node of a shared store held the sweeper's turn, so this one deleted nothing and left the round to it.
/// </summary>
public sealed record RetentionSweep(DateTimeOffset AsOf, int Subjects, int Faces, int Galleries, bool Skipped = false);
