using FaceAccord.Core;
using FaceAccord.Governance.Policies;
using FaceAccord.Service.Galleries;
using FaceAccord.Storage;

namespace FaceAccord.Service.Retention;

/// <summary>
/// Turns retention limits into each subject's expiry date: the time of the subject's last interaction (their
/// creation, each face enrolled for them) plus the shortest period that applies (the gallery's
/// <c>retentionDays</c>, a policy's <see cref="RetentionCondition"/>), capped by any limit a rule sets with
/// <see cref="Limit"/>. Identification hits are not interactions: searching for a person does not extend how long
/// their face is kept. An expired subject is never returned by a search, whether or not the sweeper has run yet.
/// </summary>
public sealed class SubjectRetention(IRetentionStore store, GalleryIndexes indexes, TimeProvider clock)
{
    private readonly IRetentionStore _store = store;
    private readonly GalleryIndexes _indexes = indexes;
    private readonly TimeProvider _clock = clock;

    /// <summary>The shortest period that applies to an enrolment in <paramref name="gallery"/> cleared by <paramref name="decision"/>; null: none.</summary>
    public static int? PeriodFor(Gallery gallery, PolicyDecision decision)
    {
        ArgumentNullException.ThrowIfNull(gallery);
        ArgumentNullException.ThrowIfNull(decision);
        int? shortest = gallery.RetentionDays;
        foreach (var retention in decision.Conditions.OfType<RetentionCondition>())
        {
            shortest = shortest is { } days ? Math.Min(days, retention.MaxDays) : retention.MaxDays;
        }

        return shortest;
    }

    /// <summary>Whether the subject's retention has run out now (by the injected clock).</summary>
    public bool IsExpired(Subject subject) =>
        (subject ?? throw new ArgumentNullException(nameof(subject))).ExpiresAt is { } expires && expires <= _clock.GetUtcNow();

    /// <summary>
    /// Sets a limit that later interactions never extend (a consent's own end, an order to delete by a date), for
    /// any rule that shortens a subject's retention; a later limit than the current expiry changes nothing. Searches
    /// honour it at once. Null when the subject is not in the gallery.
    /// </summary>
    public Subject? Limit(Gallery gallery, Guid subjectId, DateTimeOffset notAfter)
    {
        ArgumentNullException.ThrowIfNull(gallery);
        var subject = _store.LimitSubjectExpiry(gallery.Id, subjectId, notAfter);
        if (subject is not null)
        {
            Refresh(gallery.Id, subject);
        }

        return subject;
    }

    /// <summary>Shows a subject's new expiry to a loaded index (after its change is committed).</summary>
    internal void Refresh(Guid galleryId, Subject subject) => _indexes.LoadedFor(galleryId)?.Refresh(subject);

    /// <summary>Records an interaction at <paramref name="at"/> under the periods the enrolment's clearance and the gallery set.</summary>
    internal Subject Interacted(Gallery gallery, Subject subject, DateTimeOffset at, PolicyDecision decision) =>
        _store.RecordInteraction(gallery.Id, subject.Id, at, PeriodFor(gallery, decision))
        ?? throw FaceAccordException.NotFound("subject-not-found", $"There is no subject {subject.Id} in gallery {gallery.Id}.");
}
