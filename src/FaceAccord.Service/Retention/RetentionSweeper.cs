using FaceAccord.Governance.Audit;
using FaceAccord.Service.Galleries;
using FaceAccord.Service.Observability;
using FaceAccord.Service.Safeguards;
using FaceAccord.Storage;

namespace FaceAccord.Service.Retention;

/// <summary>
/// Carries out retention limits: deletes every subject whose expiry has passed, in every tenant, with their
/// templates and images, drops them from the loaded search indexes, and leaves one audit tombstone per gallery
/// (ids only, reason <c>retention-expired</c>), committed in the same transaction as the deletions it records.
/// Searches already skip expired subjects, so when the sweep runs decides only how soon the data leaves the disk,
/// never whether an expired face can still be found. It also deletes the probe crops of review cases decided more than
/// <see cref="ServiceOptions.ProbeCropRetentionDays"/> ago, one audit entry per tenant and round. Needs no model. On a
/// shared store one node sweeps at a time: a node that finds another holding the sweeper's turn skips the round
/// (<see cref="RetentionSweep.Skipped"/>).
/// </summary>
public sealed class RetentionSweeper(
    IRetentionStore store, IReviewCropStore crops, GalleryIndexes indexes, GovernedOperations governed, ServiceOptions options, TimeProvider clock)
{
    // Subjects read per round; a gallery with more expired subjects gets one tombstone per round.
    private const int Batch = 1000;

    private readonly Lock _running = new();

    /// <summary>Deletes everything expired as of now (by the injected clock); one sweep at a time per process, and per store.</summary>
    public RetentionSweep Sweep()
    {
        try
        {
            using var turn = store.TryTakeSweeperTurn();
            if (turn is null)
            {
                return new RetentionSweep(clock.GetUtcNow(), 0, 0, 0, Skipped: true);
            }

            var sweep = SweepAll();
            OperationTelemetry.Swept(sweep.Subjects, clock.GetUtcNow());
            return sweep;
        }
        catch
        {
            OperationTelemetry.SweepFailed();
            throw;
        }
    }

    private RetentionSweep SweepAll()
    {
        lock (_running)
        {
            var asOf = clock.GetUtcNow();
            int subjects = 0, faces = 0;
            var galleries = new HashSet<Guid>();
            while (true)
            {
                var expired = store.ListExpiredSubjects(asOf, Batch);
                int deletedThisRound = 0;
                foreach (var gallery in expired.GroupBy(e => (e.TenantId, e.GalleryId)))
                {
                    var (subjectIds, faceIds) = SweepGallery(gallery.Key.TenantId, gallery.Key.GalleryId, [.. gallery], asOf);
                    subjects += subjectIds;
                    faces += faceIds;
                    deletedThisRound += subjectIds;
                    if (subjectIds > 0)
                    {
                        galleries.Add(gallery.Key.GalleryId);
                    }
                }

                // A short batch was the last one; a round that deleted nothing would only list the same subjects again.
                if (expired.Count < Batch || deletedThisRound == 0)
                {
                    break;
                }
            }

            var (probeCrops, cases) = SweepProbeCrops(asOf);
            return new RetentionSweep(asOf, subjects, faces, galleries.Count, probeCrops, cases);
        }
    }

    /// <summary>Deletes the probe crops of cases decided at or before the crop period's start; (crops, cases).</summary>
    private (int Crops, int Cases) SweepProbeCrops(DateTimeOffset asOf)
    {
        var closedBefore = asOf.AddDays(-options.ProbeCropRetentionDays);
        int deleted = 0, cases = 0;
        while (true)
        {
            var expired = crops.ListExpiredProbeCrops(closedBefore, Batch);
            int thisRound = 0;
            foreach (var tenant in expired.GroupBy(e => e.TenantId))
            {
                var (c, n) = SweepTenantCrops(tenant.Key, [.. tenant], closedBefore);
                deleted += c;
                cases += n;
                thisRound += n;
            }

            if (expired.Count < Batch || thisRound == 0)
            {
                return (deleted, cases);
            }
        }
    }

    /// <summary>One tenant's expired probe crops and the entry recording their deletion (case ids only), in one transaction.</summary>
    private (int Crops, int Cases) SweepTenantCrops(Guid tenantId, IReadOnlyList<ExpiredProbeCrops> expired, DateTimeOffset closedBefore) =>
        governed.RunSystem(tenantId, AuditRecords.RetentionSweeperKeyId, OperationKind.Delete, scope =>
        {
            var caseIds = new List<Guid>();
            int deleted = 0;
            foreach (var c in expired)
            {
                int n = crops.DeleteProbeCrops(tenantId, c.CaseId, closedBefore);
                if (n > 0)
                {
                    deleted += n;
                    caseIds.Add(c.CaseId);
                }
            }

            scope.Detail = AuditRecords.Detail(new
            {
                reason = "retention-expired",
                deleted = "probe-crops",
                reviewCases = caseIds,
                crops = deleted,
                periodDays = options.ProbeCropRetentionDays,
            });
            scope.Outcome = OperationOutcome.Deleted;
            return (deleted, caseIds.Count);
        });

    /// <summary>One gallery's expired subjects and their tombstone, in one transaction; (subjects, faces) deleted.</summary>
    private (int Subjects, int Faces) SweepGallery(Guid tenantId, Guid galleryId, IReadOnlyList<ExpiredSubject> expired, DateTimeOffset asOf) =>
        governed.RunSystem(tenantId, AuditRecords.RetentionSweeperKeyId, OperationKind.Delete, scope =>
        {
            scope.GalleryId = galleryId;
            var subjectIds = new List<Guid>();
            var faceIds = new List<Guid>();
            foreach (var subject in expired)
            {
                // Null: a face was enrolled since the listing, so the subject no longer expires now.
                if (store.DeleteExpiredSubject(subject.GalleryId, subject.SubjectId, asOf) is { } deletedFaces)
                {
                    subjectIds.Add(subject.SubjectId);
                    faceIds.AddRange(deletedFaces);
                    long key = subject.SubjectKey;
                    scope.AfterCommit(() => indexes.LoadedFor(galleryId)?.RemoveSubject(key));
                }
            }

            scope.Detail = new AuditTombstone(AuditDeletionReason.RetentionExpired, galleryId, subjectIds, faceIds).ToDetail();
            scope.Outcome = OperationOutcome.Deleted;
            return (subjectIds.Count, faceIds.Count);
        });
}
