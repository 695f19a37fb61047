using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Governance.Policies;
using FaceAccord.Models;
using FaceAccord.Packs.Calibration;
using FaceAccord.Packs.Installation;
using FaceAccord.Search;
using FaceAccord.Service.Consents;
using FaceAccord.Service.Faces;
using FaceAccord.Service.Galleries;
using FaceAccord.Service.Identification;
using FaceAccord.Service.Retention;
using FaceAccord.Service.Reviews;
using FaceAccord.Service.Safeguards;
using FaceAccord.Service.Tenants;
using FaceAccord.Service.Testing;
using FaceAccord.Storage;
using FaceAccord.Vision;

namespace FaceAccord.Service;

/// <summary>
/// The operations FaceAccord offers, shared by the HTTP API and the command line so both behave the
/// same: detect, verify, galleries, subjects, enrolment and open-set identification on one store.
/// Every call is scoped to a tenant; another tenant's ids are answered as not found.
/// </summary>
public sealed class FaceService : IDisposable
{
    /// <summary>The store's file inside the data directory.</summary>
    public const string DatabaseFileName = "faceaccord.db";

    /// <summary>Most hits one identification looks through past expired, unswept subjects (each is met once, then gone).</summary>
    public const int MaxExpiredSkipPerSearch = 4096;

    private readonly GalleryIndexes _indexes;
    private readonly TimeProvider _clock;

    public FaceService(IFaceStore store, FacePipeline pipeline, CalibrationFile calibration, ServiceOptions options, Func<int, ITemplateIndex> createIndex, Gatekeeper gate, TimeProvider? clock = null)
    {
        Gate = gate ?? throw new ArgumentNullException(nameof(gate));
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Store = store ?? throw new ArgumentNullException(nameof(store));
        Pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
        Calibration = calibration ?? throw new ArgumentNullException(nameof(calibration));
        Options = options;
        _clock = clock ?? TimeProvider.System;
        Tenants = new TenantAdministration(store, _clock, gate.Audit);
        _indexes = new GalleryIndexes(store, createIndex, pipeline.ModelId, pipeline.Dimensions);
        Reviews = new ReviewQueue(store as IReviewStore, store, gate, _clock);
        var retention = store as IRetentionStore ?? throw new ArgumentException("The store must keep retention expiries (IRetentionStore).", nameof(store));
        Retention = new SubjectRetention(retention, _indexes, _clock);
        Sweeper = new RetentionSweeper(retention, _indexes, gate.Audit, _clock);
        Consents = new ConsentRegistry(this, store as IConsentStore, _clock);
        Erasure = new DataSubjectErasure(this, _clock);
    }

    public IFaceStore Store { get; }

    public FacePipeline Pipeline { get; }

    public CalibrationFile Calibration { get; }

    public ServiceOptions Options { get; }

    public TenantAdministration Tenants { get; }

    /// <summary>Identifications held until enough distinct reviewers confirm them (the human-review condition).</summary>
    public ReviewQueue Reviews { get; }

    /// <summary>Consent records that enrolments on the legal basis consent must name; withdrawal deletes what rests on them.</summary>
    public ConsentRegistry Consents { get; }

    /// <summary>Data-subject deletion requests: everything of one person, with a receipt.</summary>
    public DataSubjectErasure Erasure { get; }

    /// <summary>Policy and audit: the first and last step of every operation on faces.</summary>
    public Gatekeeper Gate { get; }

    /// <summary>Each subject's expiry: set by enrolments, shortened by rules, honoured by every search.</summary>
    public SubjectRetention Retention { get; }

    /// <summary>Deletes what has expired; the server runs it on a timer, the CLI on demand.</summary>
    public RetentionSweeper Sweeper { get; }

    /// <summary>Opens the store of a data directory with the default pack (installed first if missing).</summary>
    public static async Task<FaceService> OpenAsync(
        DataDirectory data, ServiceOptions options, PipelineOptions? pipelineOptions = null,
        IProgress<(string Step, double Fraction)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var pack = await PackInstaller.EnsureDefaultAsync(data, false, progress, cancellationToken).ConfigureAwait(false);
        var pipeline = FacePipeline.Open(pack, pipelineOptions);
        var calibration = PackCalibration.Load(pipeline);
        Directory.CreateDirectory(data.Root);
        var store = SqliteFaceStore.Open(Path.Combine(data.Root, DatabaseFileName));
        var gate = new Gatekeeper(PolicyEngine.BuiltIn(options.EnabledPolicyPacks), new AuditLog(store), store,
            accountabilityReportPublished: tenantId => Reports.AccountabilityPublisher.IsPublished(store, tenantId, pipeline.ModelId));
        return new FaceService(store, pipeline, calibration, options, d => TemplateIndexFactory.Create(d, options.Search), gate);
    }

    /// <summary>Builds every gallery's index now (the server does this before it reports ready).</summary>
    public void LoadIndexes(IProgress<(int Done, int Total)>? progress = null) => _indexes.LoadAll(progress);

    public int LoadedIndexes => _indexes.Loaded;

    public FaceJson.ImageFaces Detect(RequestContext context, byte[] image, string name) =>
        Guarded(Gate.Authorize(context, "detect"), () =>
        {
            var decoded = Pipeline.Decode(image);
            var faces = Pipeline.Detect(decoded);
            return new FaceJson.ImageFaces(name, decoded.Width, decoded.Height, [.. faces.Select(f => FaceJson.From(Pipeline, decoded, f))]);
        });

    /// <summary>Compares the most prominent face of each image at the worst-group threshold for <paramref name="fmr"/>.</summary>
    public VerifyResult Verify(RequestContext context, byte[] imageA, byte[] imageB, double? fmr = null)
    {
        double target = fmr ?? Options.DefaultVerifyFmr;
        if (!(target > 0 && target < 1))
        {
            throw FaceAccordException.BadInput("fmr-invalid", "fmr must be between 0 and 1, e.g. 1e-4.");
        }

        var clearance = Gate.Authorize(context, "verify");
        var review = clearance.Decision.Conditions.OfType<HumanReviewCondition>().FirstOrDefault();
        return Guarded(clearance, () =>
        {
            double threshold = Calibration.ThresholdFor(target, CalibrationMode.WorstGroup);
            double similarity = FaceComparison.Similarity(Pipeline, imageA, imageB);
            var result = new VerifyResult(similarity, Math.Round(threshold, 6), target, similarity >= threshold);

            // Under a human-review condition nobody learns the decision until enough distinct reviewers confirm it.
            return review is null ? result : Reviews.Hold(context, result, review.Reviewers);
        }, held => held.ReviewCaseId is { } id
            ? Gatekeeper.Detail(new { reviewCase = id, status = held.Status, reviewers = review!.Reviewers })
            : null);
    }

    /// <summary>Raw scores for an independent tester (sector <c>testing</c> only); images are never stored.</summary>
    public IndependentTesting.Batch CompareForTesting(RequestContext context, IReadOnlyList<(byte[] A, byte[] B)> pairs)
    {
        ArgumentNullException.ThrowIfNull(context);
        IndependentTesting.RequireTestingTenant(context.Tenant);
        return Guarded(Gate.Authorize(context, "evaluate"), () => IndependentTesting.Compare(Pipeline, Calibration, pairs));
    }

    /// <summary>A new gallery; <paramref name="retentionDays"/> deletes each subject that many days after their last interaction.</summary>
    public GalleryView CreateGallery(RequestContext context, string name, bool? storeImages = null, int? retentionDays = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            throw FaceAccordException.BadInput("gallery-name-invalid", "A gallery needs a name of 1 to 200 characters.");
        }

        if (retentionDays is < 1 or > SqliteFaceStore.MaxRetentionDays)
        {
            throw FaceAccordException.BadInput("retention-days-invalid", $"retentionDays must be 1 to {SqliteFaceStore.MaxRetentionDays} days, not {retentionDays}.");
        }

        var gallery = Store.CreateGallery(context.TenantId, name.Trim(), Pipeline.ModelId, storeImages ?? Options.StoreImagesByDefault, retentionDays);
        return View(gallery);
    }

    public IReadOnlyList<GalleryView> ListGalleries(RequestContext context) =>
        [.. Store.ListGalleries((context ?? throw new ArgumentNullException(nameof(context))).TenantId).Select(View)];

    public GalleryView GetGallery(RequestContext context, Guid galleryId) => View(RequireGallery(context, galleryId));

    /// <summary>A gallery by id, or by name when <paramref name="idOrName"/> is not an id (the CLI's convenience).</summary>
    public Gallery ResolveGallery(RequestContext context, string idOrName)
    {
        ArgumentNullException.ThrowIfNull(context);
        var gallery = Guid.TryParse(idOrName, out var id) ? Store.FindGallery(context.TenantId, id) : Store.FindGalleryByName(context.TenantId, idOrName);
        return gallery ?? throw FaceAccordException.NotFound("gallery-not-found", $"There is no gallery '{idOrName}'.");
    }

    /// <summary>Deletes a gallery with everything in it; the audit log keeps a tombstone of ids only.</summary>
    public void DeleteGallery(RequestContext context, Guid galleryId)
    {
        RequireGallery(context, galleryId);
        var clearance = Gate.Authorize(context, "delete", galleryId);
        Guarded(clearance, () =>
        {
            var subjects = Store.ListSubjects(galleryId).Select(s => s.Id).ToList();
            _indexes.Forget(galleryId);
            if (!Store.DeleteGallery(context.TenantId, galleryId))
            {
                throw FaceAccordException.NotFound("gallery-not-found", $"There is no gallery {galleryId}.");
            }

            return new AuditTombstone(AuditDeletionReason.OperatorRequest, galleryId, subjects, []);
        }, tombstone => tombstone.ToDetail());
    }

    /// <summary>Registers a person in a gallery: an enrolment, judged with the legal basis given for them.</summary>
    public SubjectView CreateSubject(RequestContext context, Guid galleryId, string externalId, LegalBasis? legalBasis)
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
        var clearance = Gate.Authorize(context, "enroll", galleryId, basis, externalId.Trim());
        return Guarded(clearance, () =>
        {
            var subject = Consents.Recheck(gallery, Store.CreateSubject(galleryId, externalId.Trim(), basis));
            try
            {
                subject = Retention.Interacted(gallery, subject, subject.CreatedAt, clearance.Decision);

                // A consent given until a date is a retention limit too: the person agreed to nothing beyond it.
                if (Consents.ExpiryOf(gallery, subject) is { } consentEnds)
                {
                    subject = Retention.Limit(gallery, subject.Id, consentEnds) ?? subject;
                }

                return View(subject);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A subject whose retention limit could not be recorded would be kept without limit: undo the enrolment.
                Store.DeleteSubject(galleryId, subject.Id);
                throw;
            }
        });
    }

    public SubjectView GetSubject(RequestContext context, Guid galleryId, Guid subjectId)
    {
        RequireGallery(context, galleryId);
        return View(RequireLiveSubject(galleryId, subjectId));
    }

    /// <summary>The subject with this external id, created on first use (the CLI's enrol).</summary>
    public SubjectView EnsureSubject(RequestContext context, Guid galleryId, string externalId, LegalBasis? legalBasis)
    {
        RequireGallery(context, galleryId);
        if (Store.FindSubjectByExternalId(galleryId, externalId) is not { } existing)
        {
            return CreateSubject(context, galleryId, externalId, legalBasis);
        }

        // Reusing an expired subject would bring faces past their retention back into search.
        return Retention.IsExpired(existing)
            ? throw FaceAccordException.BadInput(
                "subject-expired",
                $"Subject '{externalId}' is past its retention and waits for the retention sweep (the server sweeps hourly; 'faceaccord retention sweep' runs it now); enrol the person again after it.")
            : View(existing);
    }

    /// <summary>Deletes a subject with its templates and images; searches forget it at once; a tombstone stays in the audit log.</summary>
    public void DeleteSubject(RequestContext context, Guid galleryId, Guid subjectId)
    {
        var gallery = RequireGallery(context, galleryId);
        var subject = RequireSubject(galleryId, subjectId);
        Guarded(Gate.Authorize(context, "delete", galleryId), () =>
        {
            var faces = EraseSubject(gallery, subject)
                ?? throw FaceAccordException.NotFound("subject-not-found", $"There is no subject {subjectId} in gallery {galleryId}.");
            return new AuditTombstone(AuditDeletionReason.OperatorRequest, galleryId, [subjectId], faces);
        }, tombstone => tombstone.ToDetail());
    }

    /// <summary>
    /// Enrols the face of an image: exactly one dominant face, passing the enrolment quality rule
    /// (a refusal names the failed checks in <see cref="Exception.Data"/>["failedChecks"]).
    /// </summary>
    public EnrolledFace EnrollFace(RequestContext context, Guid galleryId, Guid subjectId, byte[] image, string? contentType)
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

        var clearance = Gate.Authorize(context, "enroll", galleryId, subject.LegalBasis, subject.ExternalId);
        return Guarded(clearance, () =>
        {
            var decoded = Pipeline.Decode(image);
            var face = DominantFace(decoded, Pipeline.Detect(decoded), "image");
            var quality = FaceJson.QualityOf(Pipeline, decoded, face);
            if (!quality.Enrollment.Passed)
            {
                var refused = new FaceAccordException(
                    ErrorKind.BadInput,
                    "quality-refused",
                    $"The face does not meet the enrolment quality rule: {string.Join(", ", quality.Enrollment.FailedChecks)} (see docs/quality.md).");
                refused.Data["failedChecks"] = quality.Enrollment.FailedChecks.ToArray();
                throw refused;
            }

            var template = Pipeline.Embed(decoded, face);
            string qualityJson = System.Text.Json.JsonSerializer.Serialize(quality, ServiceJson.Options);
            var stored = Store.AddFace(galleryId, subjectId, new NewFace(template.ModelId, template.Vector.ToArray(), qualityJson,
                gallery.StoresImages ? image : null, gallery.StoresImages ? contentType : null));
            // A new face is an interaction: the subject's expiry starts again from it (never later than a rule's limit).
            _indexes.For(gallery)!.Add(Retention.Interacted(gallery, subject, stored.CreatedAt, clearance.Decision), stored);
            return new EnrolledFace(stored.Id, subjectId, quality);
        });
    }

    /// <summary>
    /// Removes a subject's templates, images and search index entries, without an audit entry of its own: the
    /// caller's entry carries the tombstone (operator deletion, consent withdrawal, data-subject request). The ids of
    /// the faces removed, or null when the subject was already gone.
    /// </summary>
    internal IReadOnlyList<Guid>? EraseSubject(Gallery gallery, Subject subject)
    {
        var faces = Store.ListFaces(gallery.Id, subject.Id).Select(f => f.Id).ToList();
        if (!Store.DeleteSubject(gallery.Id, subject.Id))
        {
            return null;
        }

        _indexes.For(gallery)?.RemoveSubject(subject.Key);
        return faces;
    }

    public void DeleteFace(RequestContext context, Guid galleryId, Guid subjectId, Guid faceId)
    {
        var gallery = RequireGallery(context, galleryId);
        RequireSubject(galleryId, subjectId);
        var face = Store.ListFaces(galleryId, subjectId).FirstOrDefault(f => f.Id == faceId)
            ?? throw FaceAccordException.NotFound("face-not-found", $"There is no face {faceId} of subject {subjectId}.");
        Guarded(Gate.Authorize(context, "delete", galleryId), () =>
        {
            Store.DeleteFace(galleryId, subjectId, faceId);
            _indexes.For(gallery)?.RemoveFace(face.Key);
            return new AuditTombstone(AuditDeletionReason.OperatorRequest, galleryId, [subjectId], [faceId]);
        }, tombstone => tombstone.ToDetail());
    }

    /// <summary>
    /// Open-set identification of the most prominent face: subjects scoring at or above the threshold that
    /// keeps <paramref name="fpir"/> for this gallery's size; <c>fpir = 1</c> is a closed-set ranking.
    /// </summary>
    public IdentifyResult Identify(RequestContext context, Guid galleryId, byte[] image, int top = 5, double? fpir = null)
    {
        var gallery = RequireGallery(context, galleryId);
        if (top < 1 || top > Options.MaxCandidates)
        {
            throw FaceAccordException.BadInput("top-invalid", $"top must be between 1 and {Options.MaxCandidates}.");
        }

        RequireSameModel(gallery);
        var clearance = Gate.Authorize(context, "identify", galleryId);
        var review = clearance.Decision.Conditions.OfType<HumanReviewCondition>().FirstOrDefault();
        IdentifyResult result;
        int found = 0;
        try
        {
            var index = _indexes.For(gallery)!;
            var threshold = IdentificationThreshold.For(Calibration, fpir ?? Options.DefaultFpir, index.SearchableSubjects);
            var probe = FaceComparison.ProminentTemplate(Pipeline, image, "image");
            float min = threshold.Threshold is { } t ? (float)t : float.NegativeInfinity;
            var candidates = LiveCandidates(index, probe.Vector, top, min);

            result = new IdentifyResult(candidates, threshold.Threshold is { } th ? Math.Round(th, 6) : null, threshold.Fpir,
                threshold.ComparisonFmr, threshold.GallerySubjects, threshold.Basis);

            found = candidates.Count;

            // Under a human-review condition nobody sees the candidates until enough distinct reviewers confirm them.
            if (review is not null)
            {
                result = Reviews.Hold(context, galleryId, result, review.Reviewers);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Gate.Fail(clearance, e);
            throw;
        }

        Gate.Complete(clearance, [.. result.Candidates.Select(c => c.SubjectId)], review is null ? null
            : Gatekeeper.Detail(new { reviewCase = result.ReviewCaseId, status = result.Status, held = found, reviewers = review.Reviewers }));
        return result;
    }

    /// <summary>
    /// The best <paramref name="top"/> subjects at or above <paramref name="min"/> that still exist and have not
    /// expired. A subject whose retention ran out before the sweeper came is taken out of the in-memory index when a
    /// search meets it (expiry is final; the sweep deletes it from the store), so each costs one search once; the
    /// search then asks for more, up to <see cref="MaxExpiredSkipPerSearch"/> hits, so an expired subject does not hide
    /// a live one.
    /// </summary>
    private List<Candidate> LiveCandidates(GalleryIndex index, ReadOnlySpan<float> probe, int top, float min)
    {
        var candidates = new List<Candidate>(top);
        for (int ask = top; ; ask = Math.Min(2 * ask, Math.Max(top, MaxExpiredSkipPerSearch)))
        {
            var hits = index.Index.Search(probe, ask, min);
            candidates.Clear();
            int expired = 0;
            foreach (var hit in hits)
            {
                if (index.SubjectOf(hit.SubjectKey) is not { } subject)
                {
                    continue;
                }

                if (Retention.IsExpired(subject))
                {
                    index.RemoveSubject(subject.Key);
                    expired++;
                }
                else if (candidates.Count < top)
                {
                    candidates.Add(new Candidate(subject.Id, subject.ExternalId, Math.Round(hit.Similarity, 6)));
                }
            }

            // Done when nothing was skipped, the index has nothing more above the threshold, or the bound is reached.
            if (expired == 0 || candidates.Count == top || hits.Count < ask || ask >= Math.Max(top, MaxExpiredSkipPerSearch))
            {
                return candidates;
            }
        }
    }

    public void Dispose()
    {
        _indexes.Dispose();
        Store.Dispose();
    }

    private Gallery RequireGallery(RequestContext context, Guid galleryId) =>
        Store.FindGallery((context ?? throw new ArgumentNullException(nameof(context))).TenantId, galleryId)
        ?? throw FaceAccordException.NotFound("gallery-not-found", $"There is no gallery {galleryId}.");

    /// <summary>Runs an allowed operation and closes it in the audit log, as allowed or as failed.</summary>
    internal T Guarded<T>(Clearance clearance, Func<T> operation, Func<T, System.Text.Json.JsonElement?>? detail = null)
    {
        T result;
        try
        {
            result = operation();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Gate.Fail(clearance, e);
            throw;
        }

        Gate.Complete(clearance, null, detail?.Invoke(result));
        return result;
    }

    private Subject RequireSubject(Guid galleryId, Guid subjectId) =>
        Store.FindSubject(galleryId, subjectId) ?? throw FaceAccordException.NotFound("subject-not-found", $"There is no subject {subjectId} in gallery {galleryId}.");

    /// <summary>A subject that still exists for readers: past its retention it is gone, even before the sweeper removes the rows.</summary>
    private Subject RequireLiveSubject(Guid galleryId, Guid subjectId)
    {
        var subject = RequireSubject(galleryId, subjectId);
        return Retention.IsExpired(subject)
            ? throw FaceAccordException.NotFound("subject-not-found", $"There is no subject {subjectId} in gallery {galleryId}.")
            : subject;
    }

    private static string Describe(LegalBasis? basis) => basis switch
    {
        null => "no recorded legal basis",
        { Reference: null } => $"legal basis '{basis.Type}'",
        _ => $"legal basis '{basis.Type}' ({basis.Reference})",
    };

    /// <summary>A gallery made with another model pack cannot be searched or extended by this one.</summary>
    private void RequireSameModel(Gallery gallery)
    {
        if (!string.Equals(gallery.ModelId, Pipeline.ModelId, StringComparison.Ordinal))
        {
            throw FaceAccordException.BadInput(
                "template-model-mismatch",
                $"Gallery {gallery.Id} holds templates of {gallery.ModelId}; this server runs {Pipeline.ModelId}, whose templates cannot be compared with them.");
        }
    }

    /// <summary>The largest face, refused when another face is nearly as large: enrolment must not pick a bystander by chance.</summary>
    private static DetectedFace DominantFace(RgbImage image, IReadOnlyList<DetectedFace> faces, string field)
    {
        if (faces.Count == 0)
        {
            throw FaceAccordException.BadInput("no-face", $"No face was found in {field}.");
        }

        var ordered = faces.OrderByDescending(f => f.Box.Area).ToList();
        if (ordered.Count > 1 && ordered[1].Box.Area > DominanceRatio * ordered[0].Box.Area)
        {
            throw FaceAccordException.BadInput(
                "ambiguous-face",
                $"{field} shows {faces.Count} faces of similar size ({image.Width}×{image.Height} px); enrol an image where the subject's face is clearly the largest.");
        }

        return ordered[0];
    }

    // A second face more than half the area of the largest is too close to call.
    private const float DominanceRatio = 0.5f;

    // Both counts from the store: an expired subject leaves the index when a search meets it, the store at the sweep.
    private GalleryView View(Gallery g) =>
        new(g.Id, g.Name, g.ModelId, g.StoresImages, Store.CountSubjects(g.Id), Store.CountFaces(g.Id), g.CreatedAt, g.RetentionDays);

    private SubjectView View(Subject s) =>
        new(s.Id, s.ExternalId, s.LegalBasis, [.. Store.ListFaces(s.GalleryId, s.Id).Select(f => new FaceView(f.Id, f.CreatedAt))], s.CreatedAt, s.ExpiresAt);
}
