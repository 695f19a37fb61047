using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Service.Safeguards;
using FaceAccord.Storage;

namespace FaceAccord.Service.Consents;

/// <summary>
/// A person's request to have their face data deleted: every subject with their external id in the tenant's
/// galleries (or one gallery) goes with its templates, images and search index entries, their consents are
/// withdrawn, and the audit log keeps only a tombstone of ids. An unknown person gets the same kind of receipt with
/// nothing deleted, so the answer reveals nothing and a repeated request is harmless.
/// </summary>
public sealed class DataSubjectErasure
{
    private readonly FaceService _service;
    private readonly TimeProvider _clock;

    internal DataSubjectErasure(FaceService service, TimeProvider clock)
    {
        _service = service;
        _clock = clock;
    }

    /// <summary>
    /// Carries the request out. With a gallery only that gallery is searched and consents stay (the person may still
    /// be enrolled elsewhere under them); without one, all galleries and all the person's consents.
    /// </summary>
    public DeletionReceipt Erase(RequestContext context, DeletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        string person = ConsentRegistry.ExternalId(request.SubjectExternalId);
        Gallery? only = null;
        if (request.GalleryId is { } raw)
        {
            only = (Guid.TryParse(raw, out Guid id) ? _service.Store.FindGallery(context.TenantId, id) : null)
                ?? throw FaceAccordException.NotFound("gallery-not-found", $"There is no gallery '{raw}'.");
        }

        var galleries = only is null ? _service.Store.ListGalleries(context.TenantId) : [only];
        var requestId = Guid.NewGuid();
        var clearance = _service.Gate.Authorize(context with { Purpose = ConsentRegistry.DeletionPurposeTerm }, "delete", only?.Id);
        return _service.Guarded(clearance, () =>
        {
            var erased = new List<(ErasedSubject Subject, IReadOnlyList<Guid> Faces)>();
            foreach (var gallery in galleries)
            {
                // A subject deleted by someone else meanwhile is simply not in this receipt.
                if (_service.Store.FindSubjectByExternalId(gallery.Id, person) is { } subject && _service.EraseSubject(gallery, subject) is { } faces)
                {
                    erased.Add((new ErasedSubject(gallery.Id, subject.Id, faces.Count), faces));
                }
            }

            var consents = only is null ? _service.Consents.WithdrawAllOf(context.TenantId, person, erased) : [];
            var receipt = new DeletionReceipt(requestId, person, [.. galleries.Select(g => g.Id)], [.. erased.Select(e => e.Subject)],
                erased.Sum(e => e.Faces.Count), consents, _clock.GetUtcNow());
            return (Receipt: receipt, Erased: erased);
        }, done => ConsentRegistry.TombstoneDetail(AuditDeletionReason.DataSubjectRequest, only?.Id, done.Erased, requestId, done.Receipt.ConsentsWithdrawn)).Receipt;
    }
}
