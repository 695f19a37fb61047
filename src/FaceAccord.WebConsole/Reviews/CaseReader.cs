using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Service;
using FaceAccord.Service.Reviews;
using FaceAccord.Storage;
using FaceAccord.WebConsole.Sessions;

namespace FaceAccord.WebConsole.Reviews;

/// <summary>
/// Builds the case page from the governed path's view of the case (<see cref="ReviewService.Get"/>, which audits the
/// view and shows the held result only to a reviewer who may decide), plus what the page needs beside it: the
/// request's declaration, the rules that held it (from the held request's audit entry) and which candidates have an
/// enrolled image. Serves those images to the same reviewers only.
/// </summary>
public sealed class CaseReader(ReviewService reviews, IReviewStore store, IFaceStore faces, AuditLog audit)
{
    public CaseModel Read(ConsoleSession session, Guid caseId)
    {
        ArgumentNullException.ThrowIfNull(session);
        var view = reviews.Get(Http.ConsoleRequest.Context(session, Http.ConsoleRequest.ReviewPurpose), caseId);
        var stored = store.FindReviewCase(session.Tenant.Id, caseId) ?? throw NotFound(caseId);
        var withImage = new HashSet<Guid>();
        var withCrop = new HashSet<Guid>();
        var probeCrops = new HashSet<string>();
        if (view.HeldResult is { } held && stored.GalleryId is { } gallery)
        {
            foreach (var c in held.Candidates)
            {
                if (FaceImage(gallery, c.SubjectId) is not null)
                {
                    withImage.Add(c.SubjectId);
                }

                if (reviews.HasCandidateCrop(gallery, c.SubjectId))
                {
                    withCrop.Add(c.SubjectId);
                }
            }
        }

        // Crops are shown with the held result, so to the same reviewers; their requests are authorised and audited apart.
        if (view.HeldResult is not null || view.HeldVerification is not null)
        {
            foreach (string slot in (string[])[ProbeCropSlots.Probe, ProbeCropSlots.ImageA, ProbeCropSlots.ImageB])
            {
                if (reviews.HasProbeCrop(session.Tenant.Id, caseId, slot))
                {
                    probeCrops.Add(slot);
                }
            }
        }

        var quality = view.HeldResult is not null || view.HeldVerification is not null
            ? ReviewService.HeldQuality(stored)
            : new Dictionary<string, ProbeQuality>();
        return new CaseModel(view, stored.Purpose, stored.Mode, stored.LegalBasis, RulesThatHeld(session.Tenant.Id, caseId), probeCrops, withCrop, withImage,
            quality, CannotDecide(session, view));
    }

    /// <summary>A probe crop of the case, through the governed path (reviewer keys other than the requester's; audited as a view).</summary>
    public FaceCrop ProbeCrop(ConsoleSession session, Guid caseId, string slot)
    {
        ArgumentNullException.ThrowIfNull(session);
        return reviews.ProbeCrop(Http.ConsoleRequest.Context(session, Http.ConsoleRequest.ReviewPurpose), caseId, slot);
    }

    /// <summary>The kept crop of a held candidate's enrolled face, through the governed path, as <see cref="ProbeCrop"/>.</summary>
    public FaceCrop CandidateCrop(ConsoleSession session, Guid caseId, Guid subjectId)
    {
        ArgumentNullException.ThrowIfNull(session);
        return reviews.CandidateCrop(Http.ConsoleRequest.Context(session, Http.ConsoleRequest.ReviewPurpose), caseId, subjectId);
    }

    /// <summary>
    /// An enrolled image of a held candidate, for a reviewer key (not the requester) while the case is pending: the
    /// same people <see cref="ReviewService.Get"/> shows the held result to. Null otherwise, answered as not found.
    /// </summary>
    public (byte[] Bytes, string ContentType)? CandidateImage(ConsoleSession session, Guid caseId, Guid subjectId)
    {
        ArgumentNullException.ThrowIfNull(session);
        var c = store.FindReviewCase(session.Tenant.Id, caseId);
        if (c is null || !session.IsReviewer || c.State != ReviewStates.Pending || c.RequesterKeyId == session.KeyId
            || c.Kind != ReviewKinds.Identify || c.GalleryId is not { } gallery)
        {
            return null;
        }

        var held = JsonSerializer.Deserialize<IdentifyResult>(c.ResultJson, ServiceJson.Options);
        return held is not null && held.Candidates.Any(x => x.SubjectId == subjectId) ? FaceImage(gallery, subjectId) : null;
    }

    private (byte[] Bytes, string ContentType)? FaceImage(Guid gallery, Guid subjectId)
    {
        foreach (var face in faces.ListFaces(gallery, subjectId))
        {
            if (faces.FindFaceImage(gallery, face.Id) is { } image)
            {
                return image;
            }
        }

        return null;
    }

    /// <summary>The rule ids on the audit entry of the request that was held as this case.</summary>
    private IReadOnlyList<string> RulesThatHeld(Guid tenantId, Guid caseId)
    {
        string id = caseId.ToString();
        foreach (var entry in audit.Export(new AuditQuery(tenantId)))
        {
            var r = entry.Record;
            if (r.Decision == AuditDecision.Allow && r.Detail is { ValueKind: JsonValueKind.Object } d
                && d.TryGetProperty("reviewCase", out var held) && held.ValueKind == JsonValueKind.String && held.GetString() == id
                && d.TryGetProperty("status", out var status) && status.GetString() == ReviewService.PendingStatus)
            {
                return r.RuleIds;
            }
        }

        return [];
    }

    private static string? CannotDecide(ConsoleSession session, ReviewCaseView view)
    {
        if (view.Status != ReviewService.PendingStatus)
        {
            return $"This case is already {view.Status}; it cannot be decided again.";
        }

        if (!session.IsReviewer)
        {
            return "Only reviewer keys decide review cases; you are signed in with an operator key. Ask a reviewer, or sign in with your reviewer key.";
        }

        if (view.RequesterKeyId == session.KeyId)
        {
            return "You made this request, so you cannot review it: another reviewer, with their own key, must.";
        }

        return view.Decisions.Any(d => d.ReviewerKeyId == session.KeyId)
            ? "You have already decided this case; it now needs a different reviewer."
            : null;
    }

    private static FaceAccordException NotFound(Guid caseId) => FaceAccordException.NotFound("review-not-found", $"There is no review case {caseId}.");
}
