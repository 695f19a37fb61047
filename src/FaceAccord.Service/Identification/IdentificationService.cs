using System.Numerics.Tensors;
using FaceAccord.Core;
using FaceAccord.Governance.Policies;
using FaceAccord.Packs.Calibration;
using FaceAccord.Service.Faces;
using FaceAccord.Service.Galleries;
using FaceAccord.Service.Recognition;
using FaceAccord.Service.Retention;
using FaceAccord.Service.Reviews;
using FaceAccord.Service.Safeguards;
using FaceAccord.Service.Testing;
using FaceAccord.Storage;

namespace FaceAccord.Service.Identification;

/// <summary>
/// The operations that look at faces without storing them: detection, 1:1 verification at the calibrated threshold,
/// open-set 1:N identification, and raw scores for independent testers. A result a policy wants reviewed by people is
/// held as a review case in the same transaction as the operation's entry.
/// </summary>
public sealed class IdentificationService(
    IGalleryStore galleries,
    GalleryIndexes indexes,
    SubjectRetention retention,
    ReviewService reviews,
    RecognitionEngine recognition,
    GovernedOperations governed,
    ServiceOptions options,
    TimeProvider clock)
{
    /// <summary>Most hits one identification looks through past expired, unswept subjects (each is met once, then gone).</summary>
    public const int MaxExpiredSkipPerSearch = 4096;

    /// <summary>Subjects re-scored per search under a normalised scorer: enough that the cosine order cannot hide a match.</summary>
    public const int RescoredCandidates = 64;

    public FaceJson.ImageFaces Detect(RequestContext context, byte[] image, string name) =>
        governed.Run(context, OperationKind.Detect, scope =>
        {
            scope.Authorize();
            var pipeline = recognition.Pipeline;
            var photo = pipeline.Load(image);
            var found = pipeline.Detect(photo);
            return new FaceJson.ImageFaces(name, photo.Width, photo.Height, [.. found.Select(f => FaceJson.From(pipeline, photo, f))]);
        });

    /// <summary>Compares the most prominent face of each image at the worst-group threshold for <paramref name="fmr"/>.</summary>
    public VerifyResult Verify(RequestContext context, byte[] imageA, byte[] imageB, double? fmr = null) =>
        governed.Run(context, OperationKind.Verify, scope =>
        {
            double target = fmr ?? options.DefaultVerifyFmr;
            if (!(target > 0 && target < 1))
            {
                throw FaceAccordException.BadInput("fmr-invalid", "fmr must be between 0 and 1, e.g. 1e-4.");
            }

            var review = scope.Authorize().Conditions.OfType<HumanReviewCondition>().FirstOrDefault();
            double threshold = recognition.Calibration.ThresholdFor(target, CalibrationMode.WorstGroup);
            var pipeline = recognition.Pipeline;
            var a = FaceComparison.Prominent(pipeline, imageA, "imageA");
            var b = FaceComparison.Prominent(pipeline, imageB, "imageB");
            double similarity = FaceComparison.Similarity(recognition.Calibration.Scorer(), pipeline.Embed(a.Photo, a.Face), pipeline.Embed(b.Photo, b.Face));
            var result = new VerifyResult(similarity, Math.Round(threshold, 6), target, similarity >= threshold);
            if (review is null)
            {
                return result;
            }

            // Under a human-review condition nobody learns the decision until enough distinct reviewers confirm it;
            // they judge it on the two faces, kept as crops until the case is decided plus the crop period.
            var held = reviews.Hold(context, result, review.Reviewers,
                [HeldFace.Of(pipeline, ProbeCropSlots.ImageA, a.Photo, a.Face), HeldFace.Of(pipeline, ProbeCropSlots.ImageB, b.Photo, b.Face)]);
            scope.Detail = AuditRecords.Detail(new { reviewCase = held.ReviewCaseId, status = held.Status, reviewers = review.Reviewers });
            scope.Outcome = OperationOutcome.Accepted;
            return held;
        });

    /// <summary>Raw scores for an independent tester (sector <c>testing</c> only); images are never stored.</summary>
    public IndependentTesting.Batch CompareForTesting(RequestContext context, IReadOnlyList<(byte[] A, byte[] B)> pairs) =>
        governed.Run(context, OperationKind.Evaluate, scope =>
        {
            IndependentTesting.RequireTestingTenant(context.Tenant);
            scope.Authorize();
            return IndependentTesting.Compare(recognition.Pipeline, recognition.Calibration, pairs);
        });

    /// <summary>Refuses a tenant that is not an independent tester, audited, before its batch is read.</summary>
    public void RequireTestingTenant(RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            IndependentTesting.RequireTestingTenant(context.Tenant);
        }
        catch (FaceAccordException e)
        {
            governed.Refuse(context, OperationKind.Evaluate, e);
        }
    }

    /// <summary>
    /// Open-set identification of the most prominent face: subjects scoring at or above the threshold that
    /// keeps <paramref name="fpir"/> for this gallery's size; <c>fpir = 1</c> is a closed-set ranking.
    /// </summary>
    public IdentifyResult Identify(RequestContext context, Guid galleryId, byte[] image, int top = 5, double? fpir = null) =>
        governed.Run(context, OperationKind.Identify, scope =>
        {
            scope.GalleryId = galleryId;
            var gallery = galleries.FindGallery(context.TenantId, galleryId)
                ?? throw FaceAccordException.NotFound("gallery-not-found", $"There is no gallery {galleryId}.");
            if (top < 1 || top > options.MaxCandidates)
            {
                throw FaceAccordException.BadInput("top-invalid", $"top must be between 1 and {options.MaxCandidates}.");
            }

            if (!string.Equals(gallery.ModelId, recognition.ModelId, StringComparison.Ordinal))
            {
                throw FaceAccordException.BadInput(
                    "template-model-mismatch",
                    $"Gallery {gallery.Id} holds templates of {gallery.ModelId}; this server runs {recognition.ModelId}, whose templates cannot be compared with them.");
            }

            var review = scope.Authorize(galleryId).Conditions.OfType<HumanReviewCondition>().FirstOrDefault();
            // A shared store (PostgreSQL) is searched in the database, so every node sees every node's writes;
            // the embedded store through this process's index, which its own writes keep current.
            var shared = galleries as IGallerySearchStore;
            var index = shared is null ? indexes.For(gallery)! : null;
            DateTimeOffset now = clock.GetUtcNow();
            int searchable = shared?.CountSearchableSubjects(gallery.Id, now) ?? index!.SearchableSubjects;
            var threshold = IdentificationThreshold.For(recognition.Calibration, fpir ?? options.DefaultFpir, searchable);
            var (photo, face) = FaceComparison.Prominent(recognition.Pipeline, image, "image");
            var probe = recognition.Pipeline.Embed(photo, face);
            var candidates = shared is null
                ? LiveCandidates(index!, probe.Vector, top, threshold.Threshold, retention.IsExpired)
                : StoreCandidates(shared, gallery.Id, probe.Vector, top, threshold.Threshold, now);
            var result = new IdentifyResult(candidates, threshold.Threshold is { } th ? Math.Round(th, 6) : null, threshold.Fpir,
                threshold.ComparisonFmr, threshold.GallerySubjects, threshold.Basis);
            if (review is null)
            {
                scope.Candidates = [.. candidates.Select(c => c.SubjectId)];
                return result;
            }

            // Under a human-review condition nobody sees the candidates until enough distinct reviewers confirm them.
            var held = reviews.Hold(context, galleryId, result, review.Reviewers, [HeldFace.Of(recognition.Pipeline, ProbeCropSlots.Probe, photo, face)]);
            scope.Detail = AuditRecords.Detail(new { reviewCase = held.ReviewCaseId, status = held.Status, held = candidates.Count, reviewers = review.Reviewers });
            scope.Outcome = OperationOutcome.Accepted;
            return held;
        });

    /// <summary>
    /// The best <paramref name="top"/> subjects scoring at least <paramref name="threshold"/> (null: no threshold) that
    /// still exist and have not expired. A subject whose retention ran out before the sweeper came is taken out of the
    /// in-memory index when a search meets it (expiry is final; the sweep deletes it from the store), so each costs one
    /// search once; the search then asks for more, up to <see cref="MaxExpiredSkipPerSearch"/> hits, so an expired
    /// subject does not hide a live one. Under a normalised scorer the index ranks by cosine, so the
    /// <see cref="RescoredCandidates"/> nearest subjects are re-scored and the threshold applies to the normalised score.
    /// </summary>
    private static List<Candidate> LiveCandidates(GalleryIndex index, ReadOnlySpan<float> probe, int top, double? threshold, RetentionCheck isExpired)
    {
        var probeStatistics = index.Scorer.StatisticsOf(probe);
        bool rescored = index.Scorer.IsNormalized;
        float min = threshold is { } t && !rescored ? (float)t : float.NegativeInfinity;
        var candidates = new List<Candidate>(top);
        for (int ask = rescored ? Math.Max(top, RescoredCandidates) : top; ; ask = Math.Min(2 * ask, Math.Max(top, MaxExpiredSkipPerSearch)))
        {
            var hits = index.Index.Search(probe, ask, min);
            var scored = new List<Candidate>(hits.Count);
            int expired = 0;
            foreach (var hit in hits)
            {
                if (index.SubjectOf(hit.SubjectKey) is not { } subject)
                {
                    continue;
                }

                if (isExpired(subject))
                {
                    index.RemoveSubject(subject.Key);
                    expired++;
                    continue;
                }

                double score = index.Score(hit, probeStatistics);
                if (threshold is null || score >= threshold)
                {
                    scored.Add(new Candidate(subject.Id, subject.ExternalId, Math.Round(score, 6)));
                }
            }

            candidates = [.. scored.OrderByDescending(c => c.Similarity).Take(top)];

            // Done when nothing was skipped, the index has nothing more above the threshold, or the bound is reached.
            if (expired == 0 || candidates.Count == top || hits.Count < ask || ask >= Math.Max(top, MaxExpiredSkipPerSearch))
            {
                return candidates;
            }
        }
    }

    /// <summary>
    /// The best <paramref name="top"/> live subjects of a shared store's search, scored as <see cref="LiveCandidates"/>
    /// scores them: the store ranks by cosine and leaves out deleted, erased and expired subjects in its query; under a
    /// normalised scorer the <see cref="RescoredCandidates"/> nearest are re-scored here from their best face's template
    /// (cosine against the full-precision probe, as the in-process index computes it) and the threshold applies to that.
    /// </summary>
    private List<Candidate> StoreCandidates(IGallerySearchStore store, Guid galleryId, ReadOnlySpan<float> probe, int top, double? threshold, DateTimeOffset now)
    {
        var scorer = recognition.Calibration.Scorer();
        bool rescored = scorer.IsNormalized;
        float min = threshold is { } t && !rescored ? (float)t : float.NegativeInfinity;
        var hits = store.SearchGallery(galleryId, probe, rescored ? Math.Max(top, RescoredCandidates) : top, min, now);
        var probeStatistics = scorer.StatisticsOf(probe);
        var scored = new List<Candidate>(hits.Count);
        foreach (var hit in hits)
        {
            if (retention.IsExpired(hit.Subject))
            {
                continue;
            }

            double cosine = TensorPrimitives.Dot(probe, hit.Template);
            double score = scorer.Score(cosine, probeStatistics, scorer.StatisticsOf(hit.Template));
            if (threshold is null || score >= threshold)
            {
                scored.Add(new Candidate(hit.Subject.Id, hit.Subject.ExternalId, Math.Round(score, 6)));
            }
        }

        return [.. scored.OrderByDescending(c => c.Similarity).Take(top)];
    }

    private delegate bool RetentionCheck(Subject subject);
}
