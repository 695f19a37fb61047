using FaceAccord.Governance.Audit;
using FaceAccord.Service.Galleries;
using FaceAccord.Storage;

namespace FaceAccord.Service.Retention;

/// <summary>
/// Carries out retention limits: deletes every subject whose expiry has passed, in every tenant, with their
/// templates and images, drops them from the loaded search indexes, and leaves one audit tombstone per gallery
/// (ids only, reason <c>retention-expired</c>). Searches already skip expired subjects, so when the sweep runs
/// decides only how soon the data leaves the disk, never whether an expired face can still be found.
/// </summary>
public sealed class RetentionSweeper
{
    /// <summary>The key id audit entries of the sweeper carry: no person or API key asked for these deletions.</summary>
    public const string KeyId = "retention-sweeper";

    // Subjects read per round; a gallery with more expired subjects gets one tombstone per round.
    private const int Batch = 1000;

    private readonly IRetentionStore _store;
    private readonly GalleryIndexes? _indexes;
    private readonly AuditLog _audit;
    private readonly TimeProvider _clock;
    private readonly Lock _running = new();

    internal RetentionSweeper(IRetentionStore store, GalleryIndexes? indexes, AuditLog audit, TimeProvider clock)
    {
        _store = store;
        _indexes = indexes;
        _audit = audit;
        _clock = clock;
    }

    /// <summary>
    /// A sweeper over the store alone, for a process that holds no search index (the command line): it needs no model
    /// pack, and a server running beside it already skips expired subjects in its own indexes.
    /// </summary>
    public static RetentionSweeper ForStore(SqliteFaceStore store, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new RetentionSweeper(store, null, new AuditLog(store, clock), clock ?? TimeProvider.System);
    }

    /// <summary>Deletes everything expired as of now (by the injected clock); one sweep at a time per process.</summary>
    public RetentionSweep Sweep()
    {
        lock (_running)
        {
            var asOf = _clock.GetUtcNow();
            int subjects = 0, faces = 0;
            var galleries = new HashSet<Guid>();
            while (true)
            {
                var expired = _store.ListExpiredSubjects(asOf, Batch);
                int deletedThisRound = 0;
                foreach (var gallery in expired.GroupBy(e => (e.TenantId, e.GalleryId)))
                {
                    var subjectIds = new List<Guid>();
                    var faceIds = new List<Guid>();
                    foreach (var subject in gallery)
                    {
                        // Null: a face was enrolled since the listing, so the subject no longer expires now.
                        if (_store.DeleteExpiredSubject(subject.GalleryId, subject.SubjectId, asOf) is { } deletedFaces)
                        {
                            _indexes?.LoadedFor(subject.GalleryId)?.RemoveSubject(subject.SubjectKey);
                            subjectIds.Add(subject.SubjectId);
                            faceIds.AddRange(deletedFaces);
                        }
                    }

                    if (subjectIds.Count == 0)
                    {
                        continue;
                    }

                    _audit.Append(new AuditRecord
                    {
                        TenantId = gallery.Key.TenantId,
                        KeyId = KeyId,
                        Operation = "delete",
                        Decision = AuditDecision.Allow,
                        GalleryId = gallery.Key.GalleryId,
                        Detail = new AuditTombstone(AuditDeletionReason.RetentionExpired, gallery.Key.GalleryId, subjectIds, faceIds).ToDetail(),
                    });
                    subjects += subjectIds.Count;
                    faces += faceIds.Count;
                    deletedThisRound += subjectIds.Count;
                    galleries.Add(gallery.Key.GalleryId);
                }

                // A short batch was the last one; a round that deleted nothing would only list the same subjects again.
                if (expired.Count < Batch || deletedThisRound == 0)
                {
                    return new RetentionSweep(asOf, subjects, faces, galleries.Count);
                }
            }
        }
    }
}
