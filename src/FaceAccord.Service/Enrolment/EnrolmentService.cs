using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Service.Consents;
using FaceAccord.Service.Faces;
using FaceAccord.Service.Galleries;
using FaceAccord.Service.Recognition;
using FaceAccord.Service.Retention;
using FaceAccord.Service.Safeguards;
using FaceAccord.Storage;
using FaceAccord.Vision.Telemetry;
using FaceAccord.Vision;
using FaceAccord.Vision.Imaging;
using FaceAccord.Vision.Alignment;
using FaceAccord.Service.Reviews;

namespace FaceAccord.Service.Enrolment;

/// <summary>
/// Subjects and their faces: registering a person in a gallery on a legal basis, enrolling their faces (one dominant
/// face per image, meeting the enrolment quality rule), reading them back and deleting them. The subject, its expiry
/// and its audit entry are written in one transaction, and so are a face and its entry.
/// </summary>
public sealed class EnrolmentService(
    IGalleryStore galleries,
    ISubjectStore subjects,
    IFaceStore faces,
    IReviewCropStore crops,
    ReviewCropRule cropRule,
    ConsentService consents,
    SubjectRetention retention,
    SubjectEraser eraser,
    GalleryIndexes indexes,
    RecognitionEngine recognition,
    GovernedOperations governed)
{
    /// <summary>Registers a person in a gallery: an enrolment, judged with the legal basis given for them.</summary>
    public SubjectView CreateSubject(RequestContext context, Guid galleryId, string externalId, LegalBasis? legalBasis) =>
        governed.Run(context, OperationKind.Enroll, scope =>
        {
            var gallery = RequireGallery(context, galleryId);
            if (string.IsNullOrWhiteSpace(externalId) || externalId.Length > 200)
            {
                throw FaceAccordException.BadInput("external-id-invalid", "A subject needs an externalId of 1 to 200 characters.");
            }

            if (legalBasis is not null && string.IsNullOrWhiteSpace(legalBasis.Type))
            {
                throw FaceAccordException.BadInput("legal-basis-invalid", "legalBasis.type must name the basis, e.g. consent.");
            }

            var basis = ConsentCheck.Canonical(legalBasis ?? context.LegalBasis);
            var decision = scope.Authorize(galleryId, basis, externalId.Trim());
            var subject = subjects.CreateSubject(galleryId, externalId.Trim(), basis);
            consents.Recheck(gallery, subject);
            subject = retention.Interacted(gallery, subject, subject.CreatedAt, decision);

            // A consent given until a date is a retention limit too: the person agreed to nothing beyond it.
            if (consents.ExpiryOf(gallery, subject) is { } consentEnds)
            {
                subject = retention.Limit(gallery, subject.Id, consentEnds) ?? subject;
            }

            scope.Detail = AuditRecords.Detail(new { subject = subject.Id });
            scope.Outcome = OperationOutcome.Created;
            return View(subject);
        });

    public SubjectView GetSubject(RequestContext context, Guid galleryId, Guid subjectId) =>
        governed.Run(context, OperationKind.SubjectRead, scope =>
        {
            RequireGallery(context, galleryId);
            scope.GalleryId = galleryId;
            return View(RequireLiveSubject(galleryId, subjectId));
        });

    /// <summary>
    /// The id of the subject with this external id, created (an audited enrolment) on first use: the command line's
    /// enrol names people, not ids. A subject past its retention is refused, also audited.
    /// </summary>
    public Guid EnsureSubject(RequestContext context, Guid galleryId, string externalId, LegalBasis? legalBasis)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (subjects.FindSubjectByExternalId(galleryId, externalId) is not { } existing || galleries.FindGallery(context.TenantId, galleryId) is null)
        {
            return CreateSubject(context, galleryId, externalId, legalBasis).Id;
        }

        // Reusing an expired subject would bring faces past their retention back into search.
        if (retention.IsExpired(existing))
        {
            governed.Refuse(context, OperationKind.Enroll, FaceAccordException.BadInput(
                "subject-expired",
                $"Subject '{externalId}' is past its retention and waits for the retention sweep (the server sweeps hourly; 'faceaccord retention sweep' runs it now); enrol the person again after it."));
        }

        return existing.Id;
    }

    /// <summary>
    /// Enrols the face of an image: exactly one dominant face, passing the enrolment quality rule
    /// (a refusal names the failed checks in <see cref="Exception.Data"/>["failedChecks"]).
    /// </summary>
    public EnrolledFace EnrollFace(RequestContext context, Guid galleryId, Guid subjectId, byte[] image, string? contentType) =>
        governed.Run(context, OperationKind.Enroll, scope =>
        {
            ArgumentNullException.ThrowIfNull(image);
            var gallery = RequireGallery(context, galleryId);

            // Past its retention the subject takes no new face: the face would restart its expiry and revive old ones.
            var subject = RequireLiveSubject(galleryId, subjectId);
            RequireSameModel(gallery);

            // A face rests on its subject's recorded basis, which is how a consent withdrawal finds it; a different
            // declared basis would authorise the face on a consent whose withdrawal could never reach it.
            if (ConsentCheck.Canonical(context.LegalBasis) is { } declared && declared != subject.LegalBasis)
            {
                throw FaceAccordException.BadInput(
                    "legal-basis-mismatch",
                    $"Subject {subjectId} was enrolled under {Describe(subject.LegalBasis)}; its faces rest on that basis, not on {Describe(declared)}. Enrol the person as a new subject to use another basis.");
            }

            var decision = scope.Authorize(galleryId, subject.LegalBasis, subject.ExternalId);

            // The models run before anything is written, so the transaction holds the store only for the writes.
            var pipeline = recognition.Pipeline;
            var photo = pipeline.Load(image);
            var face = DominantFace(photo, pipeline.Detect(photo), "image");
            var quality = FaceJson.QualityOf(pipeline, photo, face);
            if (!quality.Enrollment.Passed)
            {
                var refused = new FaceAccordException(
                    ErrorKind.BadInput,
                    "quality-refused",
                    $"The face does not meet the enrolment quality rule: {string.Join(", ", quality.Enrollment.FailedChecks)} (see docs/quality.md).");
                refused.Data["failedChecks"] = quality.Enrollment.FailedChecks.ToArray();
                PipelineTelemetry.QualityRefused(quality.Enrollment.FailedChecks);
                throw refused;
            }

            var template = pipeline.Embed(photo, face);

            // Where a result could be held for review, the reviewer must see this face: an aligned crop, never the photo.
            byte[]? crop = cropRule.KeepsEnrolledCrops(context.Tenant) ? ReviewCrop.Encode(photo, face) : null;
            var stored = Store(scope, gallery, subject, decision, template.ModelId, template.Vector.ToArray(), JsonSerializer.Serialize(quality, ServiceJson.Options),
                gallery.StoresImages ? image : null, gallery.StoresImages ? contentType : null);
            if (crop is not null)
            {
                crops.KeepFaceCrop(gallery.Id, stored.Id, new FaceCrop(crop, ReviewCrop.ContentType));
            }

            return new EnrolledFace(stored.Id, subjectId, quality);
        });

    /// <summary>
    /// Enrols a template made elsewhere for a subject, through the same governed write as <see cref="EnrollFace"/>
    /// (the crash test drives erasures with it, without running a model); the face's id.
    /// </summary>
    internal Guid EnrollTemplate(RequestContext context, Guid galleryId, Guid subjectId, float[] template) =>
        governed.Run(context, OperationKind.Enroll, scope =>
        {
            var gallery = RequireGallery(context, galleryId);
            var subject = RequireLiveSubject(galleryId, subjectId);
            var decision = scope.Authorize(galleryId, subject.LegalBasis, subject.ExternalId);
            return Store(scope, gallery, subject, decision, gallery.ModelId, template, "{}", null, null).Id;
        });

    /// <summary>The write of an enrolment: the face, the subject's new expiry and the entry's detail, in the operation's transaction.</summary>
    private StoredFace Store(OperationScope scope, Gallery gallery, Subject subject, Governance.Policies.PolicyDecision decision, string modelId, float[] template,
        string qualityJson, byte[]? image, string? contentType)
    {
        var stored = faces.AddFace(gallery.Id, subject.Id, new NewFace(modelId, template, qualityJson, image, contentType));

        // A new face is an interaction: the subject's expiry starts again from it (never later than a rule's limit).
        var updated = retention.Interacted(gallery, subject, stored.CreatedAt, decision);

        // Only an index already loaded is updated; one loaded later reads the store, this face included.
        scope.AfterCommit(() => indexes.LoadedFor(gallery.Id)?.Add(updated, stored));
        scope.Detail = AuditRecords.Detail(new { subject = subject.Id, face = stored.Id });
        scope.Outcome = OperationOutcome.Created;
        return stored;
    }

    /// <summary>Deletes a subject with its templates and images; searches forget it at once; a tombstone stays in the audit log.</summary>
    public void DeleteSubject(RequestContext context, Guid galleryId, Guid subjectId) =>
        governed.Run(context, OperationKind.Delete, scope =>
        {
            var gallery = RequireGallery(context, galleryId);
            var subject = RequireSubject(galleryId, subjectId);
            scope.Authorize(galleryId);
            var erased = eraser.Erase(scope, gallery, subject)
                ?? throw FaceAccordException.NotFound("subject-not-found", $"There is no subject {subjectId} in gallery {galleryId}.");
            scope.Detail = new AuditTombstone(AuditDeletionReason.OperatorRequest, galleryId, [subjectId], erased).ToDetail();
            scope.Outcome = OperationOutcome.Deleted;
            return true;
        });

    public void DeleteFace(RequestContext context, Guid galleryId, Guid subjectId, Guid faceId) =>
        governed.Run(context, OperationKind.Delete, scope =>
        {
            var gallery = RequireGallery(context, galleryId);
            RequireSubject(galleryId, subjectId);
            var face = faces.ListFaces(galleryId, subjectId).FirstOrDefault(f => f.Id == faceId)
                ?? throw FaceAccordException.NotFound("face-not-found", $"There is no face {faceId} of subject {subjectId}.");
            scope.Authorize(galleryId);
            faces.DeleteFace(galleryId, subjectId, faceId);
            scope.AfterCommit(() => indexes.LoadedFor(gallery.Id)?.RemoveFace(face.Key));
            scope.Detail = new AuditTombstone(AuditDeletionReason.OperatorRequest, galleryId, [subjectId], [faceId]).ToDetail();
            scope.Outcome = OperationOutcome.Deleted;
            return true;
        });

    private Gallery RequireGallery(RequestContext context, Guid galleryId) =>
        galleries.FindGallery(context.TenantId, galleryId) ?? throw FaceAccordException.NotFound("gallery-not-found", $"There is no gallery {galleryId}.");

    private Subject RequireSubject(Guid galleryId, Guid subjectId) =>
        subjects.FindSubject(galleryId, subjectId) ?? throw FaceAccordException.NotFound("subject-not-found", $"There is no subject {subjectId} in gallery {galleryId}.");

    /// <summary>A subject that still exists for readers: past its retention it is gone, even before the sweeper removes the rows.</summary>
    private Subject RequireLiveSubject(Guid galleryId, Guid subjectId)
    {
        var subject = RequireSubject(galleryId, subjectId);
        return retention.IsExpired(subject)
            ? throw FaceAccordException.NotFound("subject-not-found", $"There is no subject {subjectId} in gallery {galleryId}.")
            : subject;
    }

    /// <summary>A gallery made with another model pack cannot be searched or extended by this one.</summary>
    private void RequireSameModel(Gallery gallery)
    {
        if (!string.Equals(gallery.ModelId, recognition.ModelId, StringComparison.Ordinal))
        {
            throw FaceAccordException.BadInput(
                "template-model-mismatch",
                $"Gallery {gallery.Id} holds templates of {gallery.ModelId}; this server runs {recognition.ModelId}, whose templates cannot be compared with them.");
        }
    }

    private static string Describe(LegalBasis? basis) => basis switch
    {
        null => "no recorded legal basis",
        { Reference: null } => $"legal basis '{basis.Type}'",
        _ => $"legal basis '{basis.Type}' ({basis.Reference})",
    };

    /// <summary>
    /// The prominent face (<see cref="ProminentFace"/>), refused when another plausible face of comparable size makes
    /// the choice a guess: enrolment must not pick a bystander by chance.
    /// </summary>
    private static DetectedFace DominantFace(Photo photo, IReadOnlyList<DetectedFace> found, string field)
    {
        var face = ProminentFace.Of(found) ?? throw FaceAccordException.BadInput("no-face", $"No face was found in {field}.");
        if (ProminentFace.Rival(found, face) is not null)
        {
            throw FaceAccordException.BadInput(
                "ambiguous-face",
                $"{field} shows more than one confident face of similar size ({photo.Width}×{photo.Height} px); enrol an image where the subject's face is clearly the largest.");
        }

        return face;
    }

    private SubjectView View(Subject s) =>
        new(s.Id, s.ExternalId, s.LegalBasis, [.. faces.ListFaces(s.GalleryId, s.Id).Select(f => new FaceView(f.Id, f.CreatedAt))], s.CreatedAt, s.ExpiresAt);
}
