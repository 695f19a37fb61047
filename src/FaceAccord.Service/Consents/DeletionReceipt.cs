namespace FaceAccord.Service.Consents;

/// <summary>
/// Proof that a data-subject deletion request was carried out: which galleries were searched, what was deleted in
/// each, which consents were withdrawn, and when it was done. <see cref="RequestId"/> is also in the audit tombstone.
/// </summary>
public sealed record DeletionReceipt(
    Guid RequestId,
    string SubjectExternalId,
    IReadOnlyList<Guid> GalleriesSearched,
    IReadOnlyList<ErasedSubject> SubjectsDeleted,
    int FacesDeleted,
    IReadOnlyList<Guid> ConsentsWithdrawn,
    DateTimeOffset CompletedAt);
