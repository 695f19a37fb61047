using Microsoft.Data.Sqlite;

namespace FaceAccord.Storage;

/// <summary>The request log: who asked for what and for which declared purpose.</summary>
public sealed partial class SqliteFaceStore
{
    public void RecordRequest(RequestRecord request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Operation);
        Write((connection, transaction) =>
        {
            using SqliteCommand insert = SqliteCommands.Create(
                connection,
                transaction,
                "INSERT INTO requests (at, tenant_id, key_id, operation, purpose, gallery_id, status) "
                + "VALUES ($at, $tenant, $key, $operation, $purpose, $gallery, $status);");
            insert.With("$at", SqliteCommands.ToStored(request.At)).With("$tenant", request.TenantId).With("$key", request.KeyId)
                .With("$operation", request.Operation).With("$purpose", request.Purpose).With("$gallery", request.GalleryId)
                .With("$status", request.Status);
            insert.ExecuteNonQuery();
            return true;
        });
    }

    /// <summary>The tenant's most recent requests, newest first.</summary>
    public IReadOnlyList<RequestRecord> ListRequests(Guid tenantId, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Read(connection =>
        {
            using SqliteCommand select = SqliteCommands.Create(
                connection,
                null,
                "SELECT at, tenant_id, key_id, operation, purpose, gallery_id, status FROM requests "
                + "WHERE tenant_id = $tenant ORDER BY at DESC, id DESC LIMIT $limit;");
            select.With("$tenant", tenantId).With("$limit", limit);
            using SqliteDataReader reader = select.ExecuteReader();
            var requests = new List<RequestRecord>();
            while (reader.Read())
            {
                requests.Add(new RequestRecord(
                    reader.GetTime(0),
                    reader.GetNullableGuid(1),
                    reader.GetNullableString(2),
                    reader.GetString(3),
                    reader.GetNullableString(4),
                    reader.GetNullableGuid(5),
                    reader.GetInt32(6)));
            }

            return requests;
        });
    }
}
