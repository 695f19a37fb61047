namespace FaceAccord.Service.Reviews;

/// <summary>
/// A review case as its tenant sees it: where it stands and who decided what. <see cref="Result"/> (an identification)
/// or <see cref="Verification"/> is null until the required number of distinct reviewers confirmed, so nobody can act
/// on a held result early. <see cref="HeldResult"/> / <see cref="HeldVerification"/> show a reviewer key, and only a
/// reviewer key, what it is asked to confirm while the case is pending.
/// </summary>
public sealed record ReviewCaseView(
    Guid Id,
    string Kind,
    Guid? GalleryId,
    string Status,
    string RequesterKeyId,
    int RequiredReviewers,
    int Confirmations,
    IReadOnlyList<ReviewDecisionView> Decisions,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt,
    IdentifyResult? Result,
    VerifyResult? Verification,
    IdentifyResult? HeldResult = null,
    VerifyResult? HeldVerification = null);
