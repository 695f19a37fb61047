using FaceAccord.Core;
using Npgsql;

namespace FaceAccord.Storage.Postgres;

/// <summary>Galleries: always read through their tenant, so another tenant's id finds nothing.</summary>
public sealed partial class PostgresFaceStore
{
    private const string GalleryColumns = "id, tenant_id, name, model_id, stores_images, created_at, retention_days";

    /// <summary>
    /// Refuses an unknown tenant (<c>tenant-not-found</c>) and a name the tenant already uses (<c>gallery-exists</c>).
    /// </summary>
    public Gallery CreateGallery(Guid tenantId, string name, string modelId, bool storesImages, int? retentionDays = null)
    {
        RequireText(name, "gallery-name-required", "A gallery needs a name.");
        RequireText(modelId, "gallery-model-required", "A gallery needs the model id of its templates.");
        RequireRetentionDays(retentionDays);
        var gallery = new Gallery(Guid.NewGuid(), tenantId, name, modelId, storesImages, _time.GetUtcNow(), retentionDays);
        return Write((connection, transaction) =>
        {
            if (!Exists(connection, transaction, "SELECT 1 FROM tenants WHERE id = @id;", tenantId))
            {
                throw FaceAccordException.NotFound("tenant-not-found", $"Tenant {tenantId} does not exist.");
            }

            if (FindGallery(connection, transaction, "tenant_id = @tenant AND name = @name", ("@tenant", tenantId), ("@name", name)) is not null)
            {
                throw FaceAccordException.BadInput("gallery-exists", $"A gallery named '{name}' already exists.");
            }

            using NpgsqlCommand insert = PgCommands.Create(
                connection,
                transaction,
                $"INSERT INTO galleries ({GalleryColumns}) VALUES (@id, @tenant, @name, @model, @images, @at, @retention);");
            insert.With("@id", gallery.Id).With("@tenant", tenantId).With("@name", name).With("@model", modelId)
                .With("@images", storesImages ? 1 : 0).With("@at", PgCommands.ToStored(gallery.CreatedAt)).With("@retention", retentionDays);
            insert.ExecuteNonQuery();
            return gallery;
        });
    }

    public Gallery? FindGallery(Guid tenantId, Guid galleryId) => Read((connection, transaction) =>
        FindGallery(connection, transaction, "tenant_id = @tenant AND id = @id", ("@tenant", tenantId), ("@id", galleryId)));

    public Gallery? FindGalleryByName(Guid tenantId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Read((connection, transaction) =>
            FindGallery(connection, transaction, "tenant_id = @tenant AND name = @name", ("@tenant", tenantId), ("@name", name)));
    }

    public IReadOnlyList<Gallery> ListGalleries(Guid tenantId) => Read((connection, transaction) =>
        ListGalleries(connection, transaction, "WHERE tenant_id = @tenant", tenantId));

    public IReadOnlyList<Gallery> ListAllGalleries() => Read((connection, transaction) =>
        ListGalleries(connection, transaction, string.Empty, null));

    public bool DeleteGallery(Guid tenantId, Guid galleryId)
    {
        // Foreign keys cascade the delete to subjects, faces and images within the same transaction.
        bool deleted = Write((connection, transaction) =>
        {
            using NpgsqlCommand delete = PgCommands.Create(connection, transaction, "DELETE FROM galleries WHERE tenant_id = @tenant AND id = @id;");
            delete.With("@tenant", tenantId).With("@id", galleryId);
            return delete.ExecuteNonQuery() > 0;
        });
        if (deleted)
        {
            EraseFromLog();
        }

        return deleted;
    }

    /// <summary>The gallery by id alone, for operations the caller has already scoped to a tenant.</summary>
    private static Gallery? FindGalleryById(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid galleryId) =>
        FindGallery(connection, transaction, "id = @id", ("@id", galleryId));

    private static Gallery RequireGallery(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid galleryId) =>
        FindGalleryById(connection, transaction, galleryId)
            ?? throw FaceAccordException.NotFound("gallery-not-found", $"Gallery {galleryId} does not exist.");

    private static Gallery? FindGallery(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        string where,
        params ReadOnlySpan<(string Name, object Value)> parameters)
    {
        using NpgsqlCommand select = PgCommands.Create(connection, transaction, $"SELECT {GalleryColumns} FROM galleries WHERE {where};");
        foreach ((string parameterName, object value) in parameters)
        {
            select.With(parameterName, value);
        }

        using NpgsqlDataReader reader = select.ExecuteReader();
        return reader.Read() ? ReadGallery(reader) : null;
    }

    private static List<Gallery> ListGalleries(NpgsqlConnection connection, NpgsqlTransaction? transaction, string where, Guid? tenantId)
    {
        using NpgsqlCommand select = PgCommands.Create(connection, transaction, $"SELECT {GalleryColumns} FROM galleries {where} ORDER BY name, id;");
        if (tenantId is { } tenant)
        {
            select.With("@tenant", tenant);
        }

        using NpgsqlDataReader reader = select.ExecuteReader();
        var galleries = new List<Gallery>();
        while (reader.Read())
        {
            galleries.Add(ReadGallery(reader));
        }

        return galleries;
    }

    private static Gallery ReadGallery(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetGuid(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetInt64(4) != 0,
        reader.GetTime(5),
        reader.IsDBNull(6) ? null : reader.GetInt32(6));
}
