namespace FaceAccord.Service.Reviews;

/// <summary>A pending case as the review queue lists it: what was asked, for what, and who has decided so far.</summary>
public sealed record ReviewQueueItem(
    Guid Id,
    string Kind,
    string Purpose,
    string Mode,
    string RequesterKeyId,
    int RequiredReviewers,
    int Confirmations,
    IReadOnlyList<string> DecidedBy,
    DateTimeOffset CreatedAt);
