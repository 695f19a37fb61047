using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Service.Recognition;
using FaceAccord.Service.Safeguards;
using FaceAccord.Storage;

namespace FaceAccord.Service.Galleries;

/// <summary>Galleries of a tenant: created for the model in use, listed, read and deleted whole (with a tombstone of ids).</summary>
public sealed class GalleryService(IGalleryStore galleries, ISubjectStore subjects, GalleryIndexes indexes, RecognitionEngine recognition, GovernedOperations governed, ServiceOptions options)
{
    /// <summary>A new gallery; <paramref name="retentionDays"/> deletes each subject that many days after their last interaction.</summary>
    public GalleryView Create(RequestContext context, string name, bool? storeImages = null, int? retentionDays = null) =>
        governed.Run(context, OperationKind.GalleryCreate, scope =>
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
            {
                throw FaceAccordException.BadInput("gallery-name-invalid", "A gallery needs a name of 1 to 200 characters.");
            }

            if (retentionDays is < 1 or > SqliteFaceStore.MaxRetentionDays)
            {
                throw FaceAccordException.BadInput("retention-days-invalid", $"retentionDays must be 1 to {SqliteFaceStore.MaxRetentionDays} days, not {retentionDays}.");
            }

            var gallery = galleries.CreateGallery(context.TenantId, name.Trim(), recognition.ModelId, storeImages ?? options.StoreImagesByDefault, retentionDays);
            scope.GalleryId = gallery.Id;
            scope.Outcome = OperationOutcome.Created;
            return View(gallery);
        });

    public IReadOnlyList<GalleryView> List(RequestContext context) =>
        governed.Run(context, OperationKind.GalleryRead, _ => (IReadOnlyList<GalleryView>)[.. galleries.ListGalleries(context.TenantId).Select(View)]);

    public GalleryView Get(RequestContext context, Guid galleryId) =>
        governed.Run(context, OperationKind.GalleryRead, scope =>
        {
            scope.GalleryId = galleryId;
            return View(Require(context, galleryId));
        });

    /// <summary>
    /// The gallery a command line names by id or by name (a lookup the next operation audits, not an operation
    /// itself); <c>gallery-not-found</c> otherwise.
    /// </summary>
    public Gallery Resolve(RequestContext context, string idOrName)
    {
        ArgumentNullException.ThrowIfNull(context);
        var gallery = Guid.TryParse(idOrName, out var id) ? galleries.FindGallery(context.TenantId, id) : galleries.FindGalleryByName(context.TenantId, idOrName);
        return gallery ?? throw FaceAccordException.NotFound("gallery-not-found", $"There is no gallery '{idOrName}'.");
    }

    /// <summary>Deletes a gallery with everything in it; the audit log keeps a tombstone of ids only.</summary>
    public void Delete(RequestContext context, Guid galleryId) =>
        governed.Run(context, OperationKind.Delete, scope =>
        {
            Require(context, galleryId);
            scope.Authorize(galleryId);
            var ids = subjects.ListSubjects(galleryId).Select(s => s.Id).ToList();
            if (!galleries.DeleteGallery(context.TenantId, galleryId))
            {
                throw FaceAccordException.NotFound("gallery-not-found", $"There is no gallery {galleryId}.");
            }

            scope.AfterCommit(() => indexes.Forget(galleryId));
            scope.Detail = new AuditTombstone(AuditDeletionReason.OperatorRequest, galleryId, ids, []).ToDetail();
            scope.Outcome = OperationOutcome.Deleted;
            return true;
        });

    internal Gallery Require(RequestContext context, Guid galleryId) =>
        galleries.FindGallery((context ?? throw new ArgumentNullException(nameof(context))).TenantId, galleryId)
        ?? throw FaceAccordException.NotFound("gallery-not-found", $"There is no gallery {galleryId}.");

    // Both counts from the store: an expired subject leaves the index when a search meets it, the store at the sweep.
    private GalleryView View(Gallery g) =>
        new(g.Id, g.Name, g.ModelId, g.StoresImages, galleries.CountSubjects(g.Id), galleries.CountFaces(g.Id), g.CreatedAt, g.RetentionDays);
}
