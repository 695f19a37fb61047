using FaceAccord.Core;
using Npgsql;

namespace FaceAccord.Storage.Postgres;

/// <summary>Subjects: people enrolled in a gallery, each with the legal basis stated for enrolling them.</summary>
public sealed partial class PostgresFaceStore
{
    private const string SubjectColumns = "id, key, gallery_id, external_id, legal_basis_type, legal_basis_reference, created_at, expires_at";

    /// <summary>Refuses an unknown gallery (<c>gallery-not-found</c>) and a duplicate external id (<c>subject-exists</c>).</summary>
    public Subject CreateSubject(Guid galleryId, string externalId, LegalBasis? legalBasis)
    {
        RequireText(externalId, "subject-external-id-required", "A subject needs an external id.");
        if (legalBasis is not null)
        {
            RequireText(legalBasis.Type, "legal-basis-type-required", "A legal basis needs a type.");
        }

        Guid id = Guid.NewGuid();
        DateTimeOffset createdAt = _time.GetUtcNow();
        return Write((connection, transaction) =>
        {
            RequireGallery(connection, transaction, galleryId);
            if (FindSubject(connection, transaction, "gallery_id = @gallery AND external_id = @match", galleryId, externalId) is not null)
            {
                throw FaceAccordException.BadInput("subject-exists", $"The gallery already has a subject with external id '{externalId}'.");
            }

            using NpgsqlCommand insert = PgCommands.Create(
                connection,
                transaction,
                "INSERT INTO subjects (id, gallery_id, external_id, legal_basis_type, legal_basis_reference, created_at, last_interaction_at) "
                + "VALUES (@id, @gallery, @external, @basis_type, @basis_reference, @at, @at) RETURNING key;");
            insert.With("@id", id).With("@gallery", galleryId).With("@external", externalId)
                .With("@basis_type", legalBasis?.Type).With("@basis_reference", legalBasis?.Reference)
                .With("@at", PgCommands.ToStored(createdAt));
            long key = (long)insert.ExecuteScalar()!;
            return new Subject(id, key, galleryId, externalId, legalBasis, createdAt);
        });
    }

    public Subject? FindSubject(Guid galleryId, Guid subjectId) => Read((connection, transaction) =>
        FindSubject(connection, transaction, "gallery_id = @gallery AND id = @match", galleryId, subjectId));

    public Subject? FindSubjectByExternalId(Guid galleryId, string externalId)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        return Read((connection, transaction) =>
            FindSubject(connection, transaction, "gallery_id = @gallery AND external_id = @match", galleryId, externalId));
    }

    public IReadOnlyList<Subject> ListSubjects(Guid galleryId) => Read((connection, transaction) =>
    {
        using NpgsqlCommand select = PgCommands.Create(connection, transaction, $"SELECT {SubjectColumns} FROM subjects WHERE gallery_id = @gallery ORDER BY key;");
        select.With("@gallery", galleryId);
        using NpgsqlDataReader reader = select.ExecuteReader();
        var subjects = new List<Subject>();
        while (reader.Read())
        {
            subjects.Add(ReadSubject(reader));
        }

        return subjects;
    });

    public int CountSubjects(Guid galleryId) => Read((connection, transaction) =>
    {
        using NpgsqlCommand count = PgCommands.Create(connection, transaction, "SELECT count(*) FROM subjects WHERE gallery_id = @gallery;");
        count.With("@gallery", galleryId);
        return checked((int)(long)count.ExecuteScalar()!);
    });

    public int CountFaces(Guid galleryId) => Read((connection, transaction) =>
    {
        using NpgsqlCommand count = PgCommands.Create(connection, transaction, "SELECT count(*) FROM faces WHERE gallery_id = @gallery;");
        count.With("@gallery", galleryId);
        return checked((int)(long)count.ExecuteScalar()!);
    });

    public bool DeleteSubject(Guid galleryId, Guid subjectId)
    {
        // Foreign keys cascade the delete to the subject's faces and their images within the same transaction.
        bool deleted = Write((connection, transaction) =>
        {
            using NpgsqlCommand delete = PgCommands.Create(connection, transaction, "DELETE FROM subjects WHERE gallery_id = @gallery AND id = @id;");
            delete.With("@gallery", galleryId).With("@id", subjectId);
            return delete.ExecuteNonQuery() > 0;
        });
        if (deleted)
        {
            EraseFromLog();
        }

        return deleted;
    }

    private static Subject? FindSubject(NpgsqlConnection connection, NpgsqlTransaction? transaction, string where, Guid galleryId, object match)
    {
        using NpgsqlCommand select = PgCommands.Create(connection, transaction, $"SELECT {SubjectColumns} FROM subjects WHERE {where};");
        select.With("@gallery", galleryId).With("@match", match);
        using NpgsqlDataReader reader = select.ExecuteReader();
        return reader.Read() ? ReadSubject(reader) : null;
    }

    private static Subject ReadSubject(NpgsqlDataReader reader)
    {
        string? basisType = reader.GetNullableString(4);
        return new Subject(
            reader.GetGuid(0),
            reader.GetInt64(1),
            reader.GetGuid(2),
            reader.GetString(3),
            basisType is null ? null : new LegalBasis(basisType, reader.GetNullableString(5)),
            reader.GetTime(6),
            reader.GetNullableTime(7));
    }
}
