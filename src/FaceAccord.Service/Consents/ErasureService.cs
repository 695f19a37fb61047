using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Service.Enrolment;
using FaceAccord.Service.Safeguards;
using FaceAccord.Storage;

namespace FaceAccord.Service.Consents;

/// <summary>
/// A person's request to have their face data deleted: every subject with their external id in the tenant's
/// galleries (or one gallery) goes with its templates, images and search index entries, their consents are
/// withdrawn, and the audit log keeps only a tombstone of ids, all in one transaction. An unknown person gets the
/// same kind of receipt with nothing deleted, so the answer reveals nothing and a repeated request is harmless.
/// </summary>
public sealed class ErasureService(IGalleryStore galleries, ISubjectStore subjects, ConsentService consents, SubjectEraser eraser, GovernedOperations governed, TimeProvider clock)
{
    /// <summary>
    /// Carries the request out. With a gallery only that gallery is searched and consents stay (the person may still
    /// be enrolled elsewhere under them); without one, all galleries and all the person's consents.
    /// </summary>
    public DeletionReceipt Erase(RequestContext context, DeletionRequest request) =>
        governed.Run(context, OperationKind.Delete, scope =>
        {
            ArgumentNullException.ThrowIfNull(request);
            string person = ConsentService.ExternalId(request.SubjectExternalId);
            Gallery? only = null;
            if (request.GalleryId is { } raw)
            {
                only = (Guid.TryParse(raw, out Guid id) ? galleries.FindGallery(context.TenantId, id) : null)
                    ?? throw FaceAccordException.NotFound("gallery-not-found", $"There is no gallery '{raw}'.");
            }

            scope.Authorize(only?.Id, purpose: ConsentService.DeletionPurposeTerm);
            var searched = only is null ? galleries.ListGalleries(context.TenantId) : [only];
            var requestId = Guid.NewGuid();
            var erased = new List<(ErasedSubject Subject, IReadOnlyList<Guid> Faces)>();
            foreach (var gallery in searched)
            {
                if (subjects.FindSubjectByExternalId(gallery.Id, person) is { } subject && eraser.Erase(scope, gallery, subject) is { } faces)
                {
                    erased.Add((new ErasedSubject(gallery.Id, subject.Id, faces.Count), faces));
                }
            }

            var withdrawn = only is null ? consents.WithdrawAllOf(scope, context.TenantId, person, erased) : [];
            scope.Detail = ConsentService.TombstoneDetail(AuditDeletionReason.DataSubjectRequest, only?.Id, erased, requestId, withdrawn);
            return new DeletionReceipt(requestId, person, [.. searched.Select(g => g.Id)], [.. erased.Select(e => e.Subject)],
                erased.Sum(e => e.Faces.Count), withdrawn, clock.GetUtcNow());
        });
}
