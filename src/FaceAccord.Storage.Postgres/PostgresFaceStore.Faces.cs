using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Storage.Encryption;
using Npgsql;
using Pgvector;

namespace FaceAccord.Storage.Postgres;

/// <summary>
/// Faces: float16 templates bound to the gallery's model, sealed as on SQLite, and the same values as a pgvector
/// halfvec for search; the image only where the gallery keeps images.
/// </summary>
public sealed partial class PostgresFaceStore
{
    private const string FaceSelect =
        "SELECT f.id, f.key, s.id, s.key, f.template, f.quality, f.created_at, f.template_seal, f.template_key FROM faces f JOIN subjects s ON s.key = f.subject_key ";

    /// <summary>
    /// Refuses an unknown gallery (<c>gallery-not-found</c>), a template of another model (<c>template-model-mismatch</c>)
    /// or length (<c>template-dimension-mismatch</c>), a subject not in the gallery (<c>subject-not-found</c>), a template
    /// float16 cannot hold (<c>template-invalid</c>) and quality that is not JSON (<c>quality-invalid</c>).
    /// </summary>
    public StoredFace AddFace(Guid galleryId, Guid subjectId, NewFace face)
    {
        ArgumentNullException.ThrowIfNull(face);
        ArgumentNullException.ThrowIfNull(face.Template);
        if (face.Template.Length == 0 || !Float16Codec.IsRepresentable(face.Template))
        {
            throw FaceAccordException.BadInput("template-invalid", "A template needs at least one value, each finite and within ±65504.");
        }

        RequireJson(face.QualityJson);
        byte[] template = Float16Codec.Encode(face.Template);
        float[] storedTemplate = Float16Codec.Decode(template);
        Guid id = Guid.NewGuid();

        DateTimeOffset createdAt = _time.GetUtcNow();
        return Write((connection, transaction) =>
        {
            // Sealed before it reaches the server, with the store's current key: the template is never stored in the clear.
            var keys = SealingKeys(connection, transaction);
            byte[] templateSeal = keys.Seal(SealedColumn.Templates.Purpose, id.ToByteArray(), template);
            Gallery gallery = RequireGallery(connection, transaction, galleryId);
            if (!string.Equals(face.ModelId, gallery.ModelId, StringComparison.Ordinal))
            {
                throw FaceAccordException.BadInput(
                    "template-model-mismatch",
                    $"Gallery '{gallery.Name}' holds templates of model '{gallery.ModelId}', not '{face.ModelId}'.");
            }

            Subject subject = FindSubject(connection, transaction, "gallery_id = @gallery AND id = @match", galleryId, subjectId)
                ?? throw FaceAccordException.NotFound("subject-not-found", $"Subject {subjectId} is not in gallery {galleryId}.");
            RequireGalleryDimensions(connection, transaction, galleryId, face.Template.Length);
            if (!HasHnswIndex(connection, transaction, face.Template.Length))
            {
                PgHnswIndex.Ensure(connection, transaction, face.Template.Length);
            }

            // A gallery that does not keep images never sees the bytes reach the disk.
            bool keepImage = gallery.StoresImages && face.Image is { Length: > 0 };
            if (keepImage && string.IsNullOrWhiteSpace(face.ImageContentType))
            {
                throw FaceAccordException.BadInput("image-content-type-required", "A stored face image needs its content type.");
            }

            using NpgsqlCommand insert = PgCommands.Create(
                connection,
                transaction,
                "INSERT INTO faces (id, subject_key, gallery_id, model_id, dimensions, template, quality, created_at, template_seal, template_key, embedding) "
                + "VALUES (@id, @subject, @gallery, @model, @dimensions, @template, @quality, @at, @seal, @key, @embedding) RETURNING key;");
            insert.With("@id", id).With("@subject", subject.Key).With("@gallery", galleryId).With("@model", gallery.ModelId)
                .With("@dimensions", face.Template.Length).With("@template", template).With("@quality", face.QualityJson)
                .With("@at", PgCommands.ToStored(createdAt)).With("@seal", templateSeal).With("@key", keys.Current.Id)
                .With("@embedding", new HalfVector(storedTemplate.Select(v => (Half)v).ToArray()));
            long key = (long)insert.ExecuteScalar()!;

            if (keepImage)
            {
                byte[] sealedImage = face.Image!.ToArray();
                byte[] imageSeal = keys.Seal(SealedColumn.Images.Purpose, ImageRowId(key), sealedImage);
                using NpgsqlCommand image = PgCommands.Create(
                    connection,
                    transaction,
                    "INSERT INTO face_images (face_key, content_type, bytes, seal, key_id) VALUES (@key, @type, @bytes, @seal, @key_id);");
                image.With("@key", key).With("@type", face.ImageContentType).With("@bytes", sealedImage).With("@seal", imageSeal).With("@key_id", keys.Current.Id);
                image.ExecuteNonQuery();
            }

            return new StoredFace(id, key, subjectId, subject.Key, storedTemplate, face.QualityJson, createdAt);
        });
    }

    public IReadOnlyList<StoredFace> ListFaces(Guid galleryId, Guid subjectId) => Read((connection, transaction) =>
    {
        using NpgsqlCommand select = PgCommands.Create(connection, transaction, FaceSelect + "WHERE s.gallery_id = @gallery AND s.id = @subject ORDER BY f.key;");
        select.With("@gallery", galleryId).With("@subject", subjectId);
        using NpgsqlDataReader reader = select.ExecuteReader();
        var faces = new List<StoredFace>();
        while (reader.Read())
        {
            faces.Add(ReadFace(reader));
        }

        return faces;
    });

    public bool DeleteFace(Guid galleryId, Guid subjectId, Guid faceId)
    {
        bool deleted = Write((connection, transaction) =>
        {
            using NpgsqlCommand delete = PgCommands.Create(
                connection,
                transaction,
                "DELETE FROM faces WHERE id = @id AND gallery_id = @gallery "
                + "AND subject_key = (SELECT key FROM subjects WHERE gallery_id = @gallery AND id = @subject);");
            delete.With("@id", faceId).With("@gallery", galleryId).With("@subject", subjectId);
            return delete.ExecuteNonQuery() > 0;
        });
        if (deleted)
        {
            EraseFromLog();
        }

        return deleted;
    }

    /// <summary>Streams in key order on one connection; dispose the enumerator (foreach does) to give it back.</summary>
    public IEnumerable<StoredFace> ReadGalleryFaces(Guid galleryId)
    {
        using NpgsqlConnection connection = Connect();
        using NpgsqlCommand select = PgCommands.Create(connection, null, FaceSelect + "WHERE f.gallery_id = @gallery ORDER BY f.key;");
        select.With("@gallery", galleryId);
        using NpgsqlDataReader reader = select.ExecuteReader();
        while (reader.Read())
        {
            yield return ReadFace(reader);
        }
    }

    public (byte[] Bytes, string ContentType)? FindFaceImage(Guid galleryId, Guid faceId) => Read<(byte[], string)?>((connection, transaction) =>
    {
        using NpgsqlCommand select = PgCommands.Create(
            connection,
            transaction,
            "SELECT i.bytes, i.content_type, i.seal, i.key_id, i.face_key FROM face_images i JOIN faces f ON f.key = i.face_key WHERE f.gallery_id = @gallery AND f.id = @face;");
        select.With("@gallery", galleryId).With("@face", faceId);
        using NpgsqlDataReader reader = select.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        byte[] bytes = reader.GetFieldValue<byte[]>(0);
        if (!reader.IsDBNull(3))
        {
            _keys.Open(reader.GetString(3), SealedColumn.Images.Purpose, ImageRowId(reader.GetInt64(4)), reader.GetFieldValue<byte[]>(2), bytes);
        }

        return (bytes, reader.GetString(1));
    });

    private static void RequireGalleryDimensions(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid galleryId, int dimensions)
    {
        using NpgsqlCommand select = PgCommands.Create(connection, transaction, "SELECT dimensions FROM faces WHERE gallery_id = @gallery LIMIT 1;");
        select.With("@gallery", galleryId);
        if (select.ExecuteScalar() is long existing && existing != dimensions)
        {
            throw FaceAccordException.BadInput(
                "template-dimension-mismatch",
                $"The gallery holds {existing}-dimensional templates, not {dimensions}-dimensional ones.");
        }
    }

    private static void RequireJson(string? json)
    {
        if (json is null)
        {
            throw FaceAccordException.BadInput("quality-invalid", "Face quality must be JSON.");
        }

        try
        {
            using JsonDocument parsed = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw FaceAccordException.BadInput("quality-invalid", $"Face quality is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>A face as stored, its template opened (once, as an index loads; never per search).</summary>
    private StoredFace ReadFace(NpgsqlDataReader reader)
    {
        Guid id = reader.GetGuid(0);
        byte[] template = reader.GetFieldValue<byte[]>(4);
        if (!reader.IsDBNull(8))
        {
            _keys.Open(reader.GetString(8), SealedColumn.Templates.Purpose, id.ToByteArray(), reader.GetFieldValue<byte[]>(7), template);
        }

        return new StoredFace(id, reader.GetInt64(1), reader.GetGuid(2), reader.GetInt64(3), Float16Codec.Decode(template), reader.GetString(5), reader.GetTime(6));
    }
}
