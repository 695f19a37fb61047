using FaceAccord.Core;
using FaceAccord.Storage.Encryption;
using Npgsql;

namespace FaceAccord.Storage.Postgres;

/// <summary>Face crops kept for review, as the SQLite store keeps them: sealed like face images; an enrolled face's crop cascades with the face, a probe crop with its case or its period.</summary>
public sealed partial class PostgresFaceStore : IReviewCropStore
{
    public void KeepFaceCrop(Guid galleryId, Guid faceId, FaceCrop crop)
    {
        RequireCrop(crop);
        Write((connection, transaction) =>
        {
            // Sealed with the store's current key, read under the write lock, as every write on a shared store is.
            var keys = SealingKeys(connection, transaction);
            using NpgsqlCommand find = PgCommands.Create(connection, transaction, "SELECT key FROM faces WHERE gallery_id = @gallery AND id = @face;");
            find.With("@gallery", galleryId).With("@face", faceId);
            if (find.ExecuteScalar() is not long key)
            {
                throw FaceAccordException.NotFound("face-not-found", $"There is no face {faceId} in gallery {galleryId}.");
            }

            // Sealed before it reaches the connection, bound to the face's row as its image is.
            byte[] bytes = crop.Bytes.ToArray();
            byte[] seal = keys.Seal(SealedColumn.FaceCrops.Purpose, ImageRowId(key), bytes);
            using NpgsqlCommand insert = PgCommands.Create(
                connection,
                transaction,
                "INSERT INTO face_crops (face_key, content_type, bytes, seal, key_id) VALUES (@key, @type, @bytes, @seal, @key_id) "
                + "ON CONFLICT (face_key) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes, seal = excluded.seal, key_id = excluded.key_id;");
            insert.With("@key", key).With("@type", crop.ContentType).With("@bytes", bytes).With("@seal", seal).With("@key_id", keys.Current.Id);
            insert.ExecuteNonQuery();
            return true;
        });
    }

    public FaceCrop? FindFaceCrop(Guid galleryId, Guid faceId) => Read((connection, transaction) =>
    {
        using NpgsqlCommand select = PgCommands.Create(
            connection,
            transaction,
            "SELECT c.bytes, c.content_type, c.seal, c.key_id, c.face_key FROM face_crops c JOIN faces f ON f.key = c.face_key WHERE f.gallery_id = @gallery AND f.id = @face;");
        select.With("@gallery", galleryId).With("@face", faceId);
        using NpgsqlDataReader reader = select.ExecuteReader();
        return reader.Read() ? OpenCrop(reader, SealedColumn.FaceCrops, ImageRowId(reader.GetInt64(4))) : null;
    });

    public void KeepProbeCrop(Guid tenantId, Guid caseId, string slot, FaceCrop crop)
    {
        RequireCrop(crop);
        RequireSlot(slot);
        Guid id = Guid.NewGuid();
        byte[] bytes = crop.Bytes.ToArray();
        Write((connection, transaction) =>
        {
            var keys = SealingKeys(connection, transaction);
            byte[] seal = keys.Seal(SealedColumn.ProbeCrops.Purpose, id.ToByteArray(), bytes);
            using (NpgsqlCommand owner = PgCommands.Create(connection, transaction, "SELECT 1 FROM review_cases WHERE id = @case AND tenant_id = @tenant;"))
            {
                owner.With("@case", caseId).With("@tenant", tenantId);
                if (owner.ExecuteScalar() is null)
                {
                    throw ReviewCase.NotFound(caseId);
                }
            }

            using NpgsqlCommand insert = PgCommands.Create(
                connection,
                transaction,
                "INSERT INTO probe_crops (id, case_id, slot, content_type, bytes, seal, key_id) VALUES (@id, @case, @slot, @type, @bytes, @seal, @key_id);");
            insert.With("@id", id).With("@case", caseId).With("@slot", slot).With("@type", crop.ContentType).With("@bytes", bytes)
                .With("@seal", seal).With("@key_id", keys.Current.Id);
            insert.ExecuteNonQuery();
            return true;
        });
    }

    public FaceCrop? FindProbeCrop(Guid tenantId, Guid caseId, string slot) => Read((connection, transaction) =>
    {
        using NpgsqlCommand select = PgCommands.Create(
            connection,
            transaction,
            "SELECT p.bytes, p.content_type, p.seal, p.key_id, p.id FROM probe_crops p JOIN review_cases c ON c.id = p.case_id "
            + "WHERE c.tenant_id = @tenant AND c.id = @case AND p.slot = @slot;");
        select.With("@tenant", tenantId).With("@case", caseId).With("@slot", slot);
        using NpgsqlDataReader reader = select.ExecuteReader();
        return reader.Read() ? OpenCrop(reader, SealedColumn.ProbeCrops, reader.GetGuid(4).ToByteArray()) : null;
    });

    public IReadOnlyList<ExpiredProbeCrops> ListExpiredProbeCrops(DateTimeOffset closedBefore, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return Read((connection, transaction) =>
        {
            using NpgsqlCommand select = PgCommands.Create(
                connection,
                transaction,
                "SELECT c.tenant_id, c.id, c.gallery_id, c.closed_at FROM review_cases c "
                + "WHERE c.closed_at IS NOT NULL AND c.closed_at <= @before AND EXISTS (SELECT 1 FROM probe_crops p WHERE p.case_id = c.id) "
                + "ORDER BY c.closed_at, c.rowid LIMIT @limit;");
            select.With("@before", PgCommands.ToStored(closedBefore)).With("@limit", limit);
            using NpgsqlDataReader reader = select.ExecuteReader();
            var expired = new List<ExpiredProbeCrops>();
            while (reader.Read())
            {
                expired.Add(new ExpiredProbeCrops(reader.GetGuid(0), reader.GetGuid(1), reader.GetNullableGuid(2), reader.GetTime(3)));
            }

            return (IReadOnlyList<ExpiredProbeCrops>)expired;
        });
    }

    public int DeleteProbeCrops(Guid tenantId, Guid caseId, DateTimeOffset closedBefore)
    {
        int deleted = Write((connection, transaction) =>
        {
            using NpgsqlCommand delete = PgCommands.Create(
                connection,
                transaction,
                "DELETE FROM probe_crops WHERE case_id = (SELECT id FROM review_cases WHERE id = @case AND tenant_id = @tenant "
                + "AND closed_at IS NOT NULL AND closed_at <= @before);");
            delete.With("@case", caseId).With("@tenant", tenantId).With("@before", PgCommands.ToStored(closedBefore));
            return delete.ExecuteNonQuery();
        });
        if (deleted > 0)
        {
            EraseFromLog();
        }

        return deleted;
    }

    public CropCounts CountCrops(Guid tenantId) => Read((connection, transaction) =>
    {
        using NpgsqlCommand count = PgCommands.Create(
            connection,
            transaction,
            "SELECT (SELECT count(*) FROM face_crops c JOIN faces f ON f.key = c.face_key JOIN galleries g ON g.id = f.gallery_id WHERE g.tenant_id = @tenant), "
            + "(SELECT count(*) FROM probe_crops p JOIN review_cases r ON r.id = p.case_id WHERE r.tenant_id = @tenant);");
        count.With("@tenant", tenantId);
        using NpgsqlDataReader reader = count.ExecuteReader();
        reader.Read();
        return new CropCounts(checked((int)reader.GetInt64(0)), checked((int)reader.GetInt64(1)));
    });

    private static void RequireCrop(FaceCrop crop)
    {
        ArgumentNullException.ThrowIfNull(crop);
        if (crop.Bytes is not { Length: > 0 } || string.IsNullOrWhiteSpace(crop.ContentType))
        {
            throw FaceAccordException.BadInput("crop-invalid", "A face crop needs its bytes and content type.");
        }
    }

    private static void RequireSlot(string slot)
    {
        if (!ProbeCropSlots.IsKnown(slot))
        {
            throw FaceAccordException.BadInput("crop-slot-invalid", $"A probe crop is '{ProbeCropSlots.Probe}', '{ProbeCropSlots.ImageA}' or '{ProbeCropSlots.ImageB}', not '{slot}'.");
        }
    }

    /// <summary>Columns bytes, content type, seal, key id: the crop opened (a row from before encryption has no seal).</summary>
    private FaceCrop OpenCrop(NpgsqlDataReader reader, SealedColumn column, byte[] rowId)
    {
        byte[] bytes = reader.GetFieldValue<byte[]>(0);
        if (!reader.IsDBNull(3))
        {
            _keys.Open(reader.GetString(3), column.Purpose, rowId, reader.GetFieldValue<byte[]>(2), bytes);
        }

        return new FaceCrop(bytes, reader.GetString(1));
    }
}
