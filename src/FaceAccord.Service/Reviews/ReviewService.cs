using System.Text.Json;
using System.Text.Json.Nodes;
using FaceAccord.Core;
using FaceAccord.Service.Observability;
using FaceAccord.Service.Safeguards;
using FaceAccord.Storage;

namespace FaceAccord.Service.Reviews;

/// <summary>
/// Carries out the human-review condition: a consequential identification or verification is held as a case, and
/// its result is released only after the required number of distinct reviewers, each with their own key and none of them the
/// requester, confirmed it; one reject closes it for good. Every decision, the release and the rejection are audited.
/// </summary>
public sealed class ReviewService(IReviewStore store, IReviewCropStore crops, IFaceStore faces, ISubjectStore subjects, GovernedOperations governed, TimeProvider clock)
{
    /// <summary><see cref="IdentifyResult.Status"/> and <see cref="VerifyResult.Status"/> of a result held for review.</summary>
    public const string PendingStatus = "pending-review";

    /// <summary>Longest note a reviewer may attach.</summary>
    public const int MaxNoteLength = 1000;

    /// <summary>
    /// Holds <paramref name="result"/> for review with the probe's crop (inside the identification's transaction) and
    /// returns what the requester may see now: the case id, no candidates.
    /// </summary>
    public IdentifyResult Hold(RequestContext context, Guid galleryId, IdentifyResult result, int reviewers, IReadOnlyList<HeldFace> probeFaces)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(result);
        var held = store.CreateReviewCase(new NewReviewCase(context.TenantId, galleryId, context.KeyId, context.Purpose ?? "", context.Mode,
            context.LegalBasis, reviewers, WithQuality(result, probeFaces)));
        KeepCrops(context.TenantId, held.Id, probeFaces);
        return result with { Candidates = [], Status = PendingStatus, ReviewCaseId = held.Id };
    }

    /// <summary>
    /// Holds a 1:1 decision for review with the crops of both faces and returns what the requester may see now: the
    /// case id and the threshold, no score, no decision.
    /// </summary>
    public VerifyResult Hold(RequestContext context, VerifyResult result, int reviewers, IReadOnlyList<HeldFace> faces)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(result);
        var held = store.CreateReviewCase(new NewReviewCase(context.TenantId, null, context.KeyId, context.Purpose ?? "", context.Mode,
            context.LegalBasis, reviewers, WithQuality(result, faces), ReviewKinds.Verify));
        KeepCrops(context.TenantId, held.Id, faces);
        return result with { Similarity = null, Match = null, Status = PendingStatus, ReviewCaseId = held.Id };
    }

    /// <summary>
    /// The tenant's case. Operators (the requester among them) see the result only once released; a reviewer key sees the
    /// held result while the case is pending, since confirming a match one cannot see is no review, and the entry of that
    /// view lists the candidates shown. <c>review-not-found</c> for another tenant's id.
    /// </summary>
    public ReviewCaseView Get(RequestContext context, Guid caseId) =>
        governed.Run(context, OperationKind.ReviewView, scope =>
        {
            var c = store.FindReviewCase(context.TenantId, caseId) ?? throw NotFound(caseId);
            scope.GalleryId = c.GalleryId;
            scope.Detail = AuditRecords.Detail(new { reviewCase = c.Id });
            var view = View(c);
            if (c.State != ReviewStates.Pending || context.Role != KeyRole.Reviewer || c.RequesterKeyId == context.KeyId)
            {
                return view;
            }

            bool identify = c.Kind == ReviewKinds.Identify;
            var held = identify ? HeldResult(c, PendingStatus) : null;
            var verification = identify ? null : HeldVerification(c, PendingStatus);
            scope.Candidates = held is null ? [] : [.. held.Candidates.Select(x => x.SubjectId)];
            scope.ReviewerIds = [context.KeyId];
            return view with { HeldResult = held, HeldVerification = verification };
        });

    /// <summary>
    /// A probe crop of the tenant's case (<see cref="ProbeCropSlots"/>), for a reviewer key that is not the requester's,
    /// while the crop is kept (until the case is decided plus the crop period); audited as a view of the case.
    /// <c>review-not-found</c> (answered 404) for anyone else, another tenant's case or a crop not kept.
    /// </summary>
    public FaceCrop ProbeCrop(RequestContext context, Guid caseId, string slot) =>
        governed.Run(context, OperationKind.ReviewView, scope =>
        {
            var c = CaseForCrops(context, caseId, scope);
            scope.Detail = AuditRecords.Detail(new { reviewCase = c.Id, crop = ProbeCropSlots.IsKnown(slot) ? slot : "unknown" });
            return (ProbeCropSlots.IsKnown(slot) ? crops.FindProbeCrop(context.TenantId, caseId, slot) : null) ?? throw NotFound(caseId);
        });

    /// <summary>
    /// The kept crop of a candidate's enrolled face, for the same reviewers as <see cref="ProbeCrop"/>, only for a
    /// subject the case holds; audited as a view of the case naming the candidate.
    /// </summary>
    public FaceCrop CandidateCrop(RequestContext context, Guid caseId, Guid subjectId) =>
        governed.Run(context, OperationKind.ReviewView, scope =>
        {
            var c = CaseForCrops(context, caseId, scope);
            scope.Detail = AuditRecords.Detail(new { reviewCase = c.Id, crop = "candidate" });
            if (c.Kind != ReviewKinds.Identify || c.GalleryId is not { } gallery
                || !HeldResult(c, PendingStatus).Candidates.Any(x => x.SubjectId == subjectId))
            {
                throw NotFound(caseId);
            }

            scope.Candidates = [subjectId];
            return faces.ListFaces(gallery, subjectId).Select(f => crops.FindFaceCrop(gallery, f.Id)).FirstOrDefault(x => x is not null)
                ?? throw NotFound(caseId);
        });

    /// <summary>Whether the held result of a case shows any kept crop: the probe's (or the two images') and which candidates.</summary>
    public bool HasProbeCrop(Guid tenantId, Guid caseId, string slot) => crops.FindProbeCrop(tenantId, caseId, slot) is not null;

    /// <summary>Whether a candidate subject has a kept crop of an enrolled face.</summary>
    public bool HasCandidateCrop(Guid galleryId, Guid subjectId) =>
        faces.ListFaces(galleryId, subjectId).Any(f => crops.FindFaceCrop(galleryId, f.Id) is not null);

    /// <summary>The case a crop belongs to, for a reviewer key that did not make the request; not found otherwise.</summary>
    private ReviewCase CaseForCrops(RequestContext context, Guid caseId, OperationScope scope)
    {
        var c = store.FindReviewCase(context.TenantId, caseId) ?? throw NotFound(caseId);
        scope.GalleryId = c.GalleryId;
        scope.ReviewerIds = [context.KeyId];
        return context.Role != KeyRole.Reviewer || c.RequesterKeyId == context.KeyId ? throw NotFound(caseId) : c;
    }

    /// <summary>
    /// The tenant's pending cases, oldest first, as the review queue shows them (no held result: that is shown, and
    /// audited, case by case). The listing itself is audited as a view of the queue.
    /// </summary>
    public IReadOnlyList<ReviewQueueItem> Queue(RequestContext context) =>
        governed.Run(context, OperationKind.ReviewView, scope =>
        {
            var pending = store.ListReviewCases(context.TenantId, ReviewStates.Pending);
            scope.Detail = AuditRecords.Detail(new { queue = ReviewStates.Pending, cases = pending.Count });
            return (IReadOnlyList<ReviewQueueItem>)[.. pending.Select(c => new ReviewQueueItem(
                c.Id, c.Kind, c.Purpose, c.Mode, c.RequesterKeyId, c.RequiredReviewers, c.Confirmations,
                [.. c.Decisions.Select(d => d.ReviewerKeyId)], c.CreatedAt))];
        });

    /// <summary>Records the caller's decision (their key is the reviewer), with the release or rejection it caused, in one transaction.</summary>
    public ReviewCaseView Decide(RequestContext context, Guid caseId, ReviewDecisionRequest request) =>
        governed.Run(context, OperationKind.Review, scope =>
        {
            ArgumentNullException.ThrowIfNull(request);
            string decision = request.Decision?.Trim() ?? "";
            scope.ReviewerIds = [context.KeyId];
            scope.Detail = AuditRecords.Detail(new { reviewCase = caseId, decision });
            if (decision is not (ReviewDecisionRecord.Confirm or ReviewDecisionRecord.Reject))
            {
                throw FaceAccordException.BadInput("decision-invalid", "decision must be 'confirm' or 'reject'.");
            }

            if (request.Note is { Length: > MaxNoteLength })
            {
                throw FaceAccordException.BadInput("note-invalid", $"A note may hold at most {MaxNoteLength} characters.");
            }

            var current = store.FindReviewCase(context.TenantId, caseId) ?? throw NotFound(caseId);
            var named = request.Candidates is null ? null : NamedCandidates(current, decision, request.Candidates);
            var decided = store.RecordReviewDecision(context.TenantId, caseId,
                new ReviewDecisionRecord(context.KeyId, decision, string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), clock.GetUtcNow(), named));
            scope.GalleryId = decided.GalleryId;
            IReadOnlyList<Guid>? confirmed = decision == ReviewDecisionRecord.Confirm && decided.Kind == ReviewKinds.Identify
                ? named ?? [.. HeldResult(current, PendingStatus).Candidates.Select(x => x.SubjectId)]
                : null;
            scope.Detail = AuditRecords.Detail(new { reviewCase = caseId, decision, confirmed, status = decided.State, confirmations = decided.Confirmations, required = decided.RequiredReviewers });
            if (decided.State != ReviewStates.Pending)
            {
                scope.AlsoRecord(Closing(decided, context.Channel));
                int released = decided.State == ReviewStates.Released && decided.Kind == ReviewKinds.Identify ? HeldResult(decided, ReviewStates.Released).Candidates.Count : 0;
                var open = clock.GetUtcNow() - decided.CreatedAt;
                scope.AfterCommit(() => OperationTelemetry.ReviewClosed(decided.State, open, released));
            }

            return View(decided);
        });

    /// <summary>
    /// The candidates a confirm names, checked against the case: only a confirm of an identification names any, at least
    /// one, each a subject id the case holds. BadInput <c>decision-candidates-invalid</c> or <c>candidate-not-held</c>.
    /// </summary>
    private List<Guid> NamedCandidates(ReviewCase c, string decision, IReadOnlyList<string> candidates)
    {
        if (decision != ReviewDecisionRecord.Confirm || c.Kind != ReviewKinds.Identify || candidates.Count == 0)
        {
            throw FaceAccordException.BadInput("decision-candidates-invalid",
                "candidates names at least one candidate of an identification being confirmed; to confirm none, reject the case.");
        }

        var held = HeldResult(c, PendingStatus).Candidates.Select(x => x.SubjectId).ToHashSet();
        var named = new List<Guid>();
        foreach (string text in candidates)
        {
            if (!Guid.TryParse(text, out Guid id))
            {
                throw FaceAccordException.BadInput("candidate-not-held", "candidates holds a value that is not a subject id; name subject ids from the case's held result.");
            }

            if (!held.Contains(id))
            {
                throw FaceAccordException.BadInput("candidate-not-held", $"Review case {c.Id} holds no candidate {id}; name subject ids from its held result.");
            }

            if (!named.Contains(id))
            {
                named.Add(id);
            }
        }

        return named;
    }

    /// <summary>
    /// The quality measures kept with a held result, by slot (<see cref="ProbeCropSlots"/>); empty for a case held
    /// before they were recorded. They sit beside the result in the same JSON, which the API's reading ignores.
    /// </summary>
    public static IReadOnlyDictionary<string, ProbeQuality> HeldQuality(ReviewCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return JsonNode.Parse(c.ResultJson)?[HeldQualityProperty] is JsonObject quality
            ? quality.Deserialize<Dictionary<string, ProbeQuality>>(ServiceJson.Options) ?? []
            : new Dictionary<string, ProbeQuality>();
    }

    private const string HeldQualityProperty = "heldQuality";

    private static string WithQuality<T>(T result, IReadOnlyList<HeldFace> faces)
    {
        ArgumentNullException.ThrowIfNull(faces);
        var json = JsonSerializer.SerializeToNode(result, ServiceJson.Options)!.AsObject();
        json[HeldQualityProperty] = JsonSerializer.SerializeToNode(faces.ToDictionary(f => f.Slot, f => f.Quality), ServiceJson.Options);
        return json.ToJsonString(ServiceJson.Options);
    }

    private void KeepCrops(Guid tenantId, Guid caseId, IReadOnlyList<HeldFace> held)
    {
        ArgumentNullException.ThrowIfNull(held);
        foreach (var crop in held)
        {
            crops.KeepProbeCrop(tenantId, caseId, crop.Slot, new FaceCrop(crop.Jpeg, Vision.Alignment.ReviewCrop.ContentType));
        }
    }

    private static FaceAccordException NotFound(Guid caseId) =>
        FaceAccordException.NotFound("review-not-found", $"There is no review case {caseId}.");

    /// <summary>
    /// The held operation's outcome, on the requester's behalf, in the deciding transaction: the released candidates (or
    /// verification decision) with the keys that confirmed them, or nothing when a reviewer rejected the result. Notes
    /// stay out: the log can never be erased.
    /// </summary>
    private Governance.Audit.AuditRecord Closing(ReviewCase closed, RequestChannel channel)
    {
        bool released = closed.State == ReviewStates.Released;
        bool identify = closed.Kind == ReviewKinds.Identify;
        var candidates = released && identify ? HeldResult(closed, ReviewStates.Released).Candidates.Select(c => c.SubjectId).ToList() : [];
        object detail = released && !identify
            ? new { reviewCase = closed.Id, status = closed.State, match = HeldVerification(closed, ReviewStates.Released).Match }
            : new { reviewCase = closed.Id, status = closed.State };
        return AuditRecords.Closing(closed.TenantId, closed.RequesterKeyId, closed.Kind, closed.Purpose, closed.Mode, closed.LegalBasis,
            closed.GalleryId, candidates, [.. closed.Decisions.Select(d => d.ReviewerKeyId)], AuditRecords.Detail(detail), channel.Name);
    }

    private ReviewCaseView View(ReviewCase c) => new(
        c.Id,
        c.Kind,
        c.GalleryId,
        c.State == ReviewStates.Pending ? PendingStatus : c.State,
        c.RequesterKeyId,
        c.RequiredReviewers,
        c.Confirmations,
        [.. c.Decisions.Select(d => new ReviewDecisionView(d.ReviewerKeyId, d.Decision, d.Note, d.At, d.Candidates))],
        c.CreatedAt,
        c.ClosedAt,
        c.State == ReviewStates.Released && c.Kind == ReviewKinds.Identify ? HeldResult(c, ReviewStates.Released) : null,
        c.State == ReviewStates.Released && c.Kind == ReviewKinds.Verify ? HeldVerification(c, ReviewStates.Released) : null);

    /// <summary>
    /// The held result with its case id and <paramref name="status"/>; a subject deleted or expired since the search is
    /// left out, and a released case keeps only the candidates every confirming reviewer confirmed.
    /// </summary>
    private IdentifyResult HeldResult(ReviewCase c, string status)
    {
        var confirmed = c.State == ReviewStates.Released ? c.ConfirmedCandidates : null;
        var held = JsonSerializer.Deserialize<IdentifyResult>(c.ResultJson, ServiceJson.Options)
            ?? throw new FaceAccordException(ErrorKind.Internal, "review-result-unreadable", $"The held result of review case {c.Id} cannot be read.");
        return held with
        {
            Candidates = [.. held.Candidates.Where(x => (confirmed is null || confirmed.Contains(x.SubjectId)) && c.GalleryId is { } gallery && subjects.FindSubject(gallery, x.SubjectId) is { } s
                && !(s.ExpiresAt is { } expires && expires <= clock.GetUtcNow()))],
            Status = status,
            ReviewCaseId = c.Id,
        };
    }

    /// <summary>The held 1:1 decision with its case id and <paramref name="status"/>.</summary>
    private static VerifyResult HeldVerification(ReviewCase c, string status)
    {
        var held = JsonSerializer.Deserialize<VerifyResult>(c.ResultJson, ServiceJson.Options)
            ?? throw new FaceAccordException(ErrorKind.Internal, "review-result-unreadable", $"The held result of review case {c.Id} cannot be read.");
        return held with { Status = status, ReviewCaseId = c.Id };
    }
}
