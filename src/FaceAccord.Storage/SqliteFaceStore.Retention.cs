using FaceAccord.Core;
using Microsoft.Data.Sqlite;

namespace FaceAccord.Storage;

/// <summary>Retention: each subject's expiry, recomputed in the same transaction as the interaction or limit that moves it.</summary>
public sealed partial class SqliteFaceStore : IRetentionStore
{
    /// <summary>The longest retention period accepted: 100 years, far beyond any law's limit, short of overflowing a date.</summary>
    public const int MaxRetentionDays = 36_500;

    // Ticks of the last interaction plus the period, then the earlier of that and the fixed limit; NULL when neither applies.
    private const string RecomputeExpiry =
        "UPDATE subjects SET expires_at = CASE "
        + "WHEN retention_days IS NULL THEN expires_not_after "
        + "WHEN expires_not_after IS NULL THEN last_interaction_at + retention_days * 864000000000 "
        + "ELSE min(last_interaction_at + retention_days * 864000000000, expires_not_after) END "
        + "WHERE gallery_id = $gallery AND id = $id;";

    public Subject? RecordInteraction(Guid galleryId, Guid subjectId, DateTimeOffset at, int? retentionDays)
    {
        RequireRetentionDays(retentionDays);
        return UpdateExpiry(
            galleryId,
            subjectId,
            "UPDATE subjects SET last_interaction_at = max(coalesce(last_interaction_at, $at), $at), "
            + "retention_days = CASE WHEN $days IS NULL THEN retention_days WHEN retention_days IS NULL THEN $days ELSE min(retention_days, $days) END "
            + "WHERE gallery_id = $gallery AND id = $id;",
            ("$at", SqliteCommands.ToStored(at)),
            ("$days", retentionDays));
    }

    public Subject? LimitSubjectExpiry(Guid galleryId, Guid subjectId, DateTimeOffset notAfter) => UpdateExpiry(
        galleryId,
        subjectId,
        "UPDATE subjects SET expires_not_after = min(coalesce(expires_not_after, $limit), $limit) WHERE gallery_id = $gallery AND id = $id;",
        ("$limit", SqliteCommands.ToStored(notAfter)));

    public IReadOnlyList<ExpiredSubject> ListExpiredSubjects(DateTimeOffset asOf, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return Read((connection, transaction) =>
        {
            using SqliteCommand select = SqliteCommands.Create(
                connection,
                transaction,
                "SELECT g.tenant_id, s.gallery_id, s.id, s.key, s.expires_at FROM subjects s JOIN galleries g ON g.id = s.gallery_id "
                + "WHERE s.expires_at IS NOT NULL AND s.expires_at <= $now ORDER BY s.expires_at, s.key LIMIT $limit;");
            select.With("$now", SqliteCommands.ToStored(asOf)).With("$limit", limit);
            using SqliteDataReader reader = select.ExecuteReader();
            var expired = new List<ExpiredSubject>();
            while (reader.Read())
            {
                expired.Add(new ExpiredSubject(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt64(3), reader.GetTime(4)));
            }

            return expired;
        });
    }

    public IReadOnlyList<Guid>? DeleteExpiredSubject(Guid galleryId, Guid subjectId, DateTimeOffset asOf)
    {
        List<Guid>? faces = Write((connection, transaction) =>
        {
            using SqliteCommand select = SqliteCommands.Create(
                connection,
                transaction,
                "SELECT f.id FROM faces f JOIN subjects s ON s.key = f.subject_key "
                + "WHERE s.gallery_id = $gallery AND s.id = $id AND s.expires_at <= $now ORDER BY f.key;");
            select.With("$gallery", galleryId).With("$id", subjectId).With("$now", SqliteCommands.ToStored(asOf));
            var ids = new List<Guid>();
            using (SqliteDataReader reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    ids.Add(reader.GetGuid(0));
                }
            }

            // Foreign keys cascade the delete to the subject's faces and their images.
            using SqliteCommand delete = SqliteCommands.Create(
                connection,
                transaction,
                "DELETE FROM subjects WHERE gallery_id = $gallery AND id = $id AND expires_at IS NOT NULL AND expires_at <= $now;");
            delete.With("$gallery", galleryId).With("$id", subjectId).With("$now", SqliteCommands.ToStored(asOf));
            return delete.ExecuteNonQuery() > 0 ? ids : null;
        });
        if (faces is not null)
        {
            EraseFromLog();
        }

        return faces;
    }

    private static void RequireRetentionDays(int? days)
    {
        if (days is < 1 or > MaxRetentionDays)
        {
            throw FaceAccordException.BadInput("retention-days-invalid", $"A retention period must be 1 to {MaxRetentionDays} days, not {days}.");
        }
    }

    private Subject? UpdateExpiry(Guid galleryId, Guid subjectId, string update, params (string Name, object? Value)[] parameters) =>
        Write((connection, transaction) =>
        {
            using (SqliteCommand change = SqliteCommands.Create(connection, transaction, update))
            {
                change.With("$gallery", galleryId).With("$id", subjectId);
                foreach ((string name, object? value) in parameters)
                {
                    change.With(name, value);
                }

                if (change.ExecuteNonQuery() == 0)
                {
                    return null;
                }
            }

            using (SqliteCommand recompute = SqliteCommands.Create(connection, transaction, RecomputeExpiry))
            {
                recompute.With("$gallery", galleryId).With("$id", subjectId);
                recompute.ExecuteNonQuery();
            }

            return FindSubject(connection, transaction, "gallery_id = $gallery AND id = $match", galleryId, subjectId);
        });

    /// <summary>Always granted: one machine owns the file, and its writer lock already keeps two sweeps from deleting a subject twice.</summary>
    public IDisposable? TryTakeSweeperTurn() => NoTurnToRelease.Instance;

    private sealed class NoTurnToRelease : IDisposable
    {
        public static readonly NoTurnToRelease Instance = new();

        public void Dispose()
        {
        }
    }
}
