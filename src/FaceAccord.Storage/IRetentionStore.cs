using FaceAccord.Core;

namespace FaceAccord.Storage;

/// <summary>
/// Retention limits as expiry dates the store keeps per subject, so a sweeper can find and delete exactly what has
/// expired across all tenants. Kept apart from <see cref="IFaceStore"/> because only the retention service needs it.
/// A subject's expiry is its last interaction plus the shortest period any of its enrolments was made under,
/// capped by the earliest limit any rule set for it; null means no limit applies.
/// </summary>
public interface IRetentionStore
{
    /// <summary>
    /// Records an interaction with the subject (its creation or a newly enrolled face) at <paramref name="at"/>, made
    /// under <paramref name="retentionDays"/> (null: no period applied to this one), and recomputes the expiry. The
    /// period remembered is the shortest ever applied. Null when the subject is not in the gallery; BadInput
    /// <c>retention-days-invalid</c> outside 1..36500.
    /// </summary>
    Subject? RecordInteraction(Guid galleryId, Guid subjectId, DateTimeOffset at, int? retentionDays);

    /// <summary>
    /// Sets a limit later interactions never extend (a consent's own end, a court order): the expiry becomes the
    /// earlier of the current one and <paramref name="notAfter"/>; a later limit than one already set changes nothing.
    /// Null when the subject is not in the gallery.
    /// </summary>
    Subject? LimitSubjectExpiry(Guid galleryId, Guid subjectId, DateTimeOffset notAfter);

    /// <summary>Subjects of every tenant whose expiry is at or before <paramref name="asOf"/>, earliest first, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<ExpiredSubject> ListExpiredSubjects(DateTimeOffset asOf, int limit);

    /// <summary>
    /// Deletes the subject with its faces and images only if it has still expired at <paramref name="asOf"/> (a face
    /// enrolled since it was listed keeps it), in one transaction; the ids of the faces deleted, or null when nothing was.
    /// </summary>
    IReadOnlyList<Guid>? DeleteExpiredSubject(Guid galleryId, Guid subjectId, DateTimeOffset asOf);

    /// <summary>
    /// This process's turn to sweep, held until disposed; null when another process of the store holds it (it sweeps
    /// this round, the caller skips). A store one machine owns grants it always; a shared store to one node at a time.
    /// </summary>
    IDisposable? TryTakeSweeperTurn();
}
