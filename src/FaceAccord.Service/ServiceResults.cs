using FaceAccord.Service.Faces;
using FaceAccord.Core;

namespace FaceAccord.Service;

/// <summary>
/// A 1:1 decision at the calibrated threshold for the asked false-match rate. Under a human-review condition the
/// <see cref="Status"/> is <c>pending-review</c> and neither the similarity nor the decision is given until the
/// reviewers of <see cref="ReviewCaseId"/> confirm it (<c>released</c>).
/// </summary>
public sealed record VerifyResult(
    double? Similarity, double Threshold, double FmrTarget, bool? Match, string Status = VerifyResult.Complete, Guid? ReviewCaseId = null)
{
    public const string Complete = "complete";
}

/// <summary>A gallery as callers see it; <see cref="RetentionDays"/> null keeps subjects without limit.</summary>
public sealed record GalleryView(Guid Id, string Name, string ModelId, bool StoresImages, int Subjects, int Faces, DateTimeOffset CreatedAt, int? RetentionDays = null);

/// <summary>A face of a subject as callers see it (never the template).</summary>
public sealed record FaceView(Guid FaceId, DateTimeOffset CreatedAt);

/// <summary>A subject as callers see it; <see cref="ExpiresAt"/> is when retention deletes them (null: no limit applies).</summary>
public sealed record SubjectView(Guid Id, string ExternalId, LegalBasis? LegalBasis, IReadOnlyList<FaceView> Faces, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt = null);

/// <summary>The outcome of enrolling one face.</summary>
public sealed record EnrolledFace(Guid FaceId, Guid SubjectId, FaceJson.Quality Quality);

/// <summary>One subject an identification returns.</summary>
public sealed record Candidate(Guid SubjectId, string ExternalId, double Similarity);

/// <summary>
/// An open-set identification: candidates above the threshold only (never the nearest stranger),
/// with the threshold, FPIR and the calibration basis it came from. <see cref="Status"/> is <c>complete</c>, or
/// <c>pending-review</c> with no candidates and the <see cref="ReviewCaseId"/> holding them until reviewers confirm
/// (<c>released</c> once they did).
/// </summary>
public sealed record IdentifyResult(
    IReadOnlyList<Candidate> Candidates, double? Threshold, double Fpir, double? ComparisonFmr, int GallerySubjects, string Basis,
    string Status = IdentifyResult.Complete, Guid? ReviewCaseId = null)
{
    public const string Complete = "complete";
}
