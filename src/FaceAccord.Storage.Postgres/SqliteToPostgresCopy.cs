using FaceAccord.Core;
using FaceAccord.Storage.Encryption;
using Microsoft.Data.Sqlite;
using Npgsql;
using Pgvector;

namespace FaceAccord.Storage.Postgres;

/// <summary>
/// Copies a SQLite store into an empty PostgreSQL database row by row, in one transaction: every id, key, time and
/// sealed value unchanged (so seals still open and the audit chain's hashes still hold), each face's template opened
/// once with the data key to fill its pgvector column. A database that already holds anything is refused.
/// </summary>
public static class SqliteToPostgresCopy
{
    // Parents before children; each table's rows in the order SQLite gave them (its keys or rowids).
    private static readonly CopiedTable[] Tables =
    [
        new("data_keys", "key_id, state, added_at", "added_at, key_id", []),
        new("tenants", "id, name, sector, country, region, city, created_at, public_accommodation", "created_at, id", ["id"]),
        new("api_keys", "key_id, tenant_id, salt, secret_hash, created_at, revoked_at, role, expires_at, replaced_by", "created_at, key_id", ["tenant_id"]),
        new("galleries", "id, tenant_id, name, model_id, stores_images, created_at, retention_days", "created_at, id", ["id", "tenant_id"]),
        new("subjects", "key, id, gallery_id, external_id, legal_basis_type, legal_basis_reference, created_at, retention_days, last_interaction_at, expires_not_after, expires_at", "key", ["id", "gallery_id"]),
        new("faces", "key, id, subject_key, gallery_id, model_id, dimensions, template, quality, created_at, template_seal, template_key", "key", ["id", "gallery_id"]),
        new("face_images", "face_key, content_type, bytes, seal, key_id", "face_key", []),
        new("face_crops", "face_key, content_type, bytes, seal, key_id", "face_key", []),
        new("consents", "id, tenant_id, subject_external_id, purposes, notice_version, notice_sha256, signature_method, evidence_reference, granted_at, expires_at, withdrawn_at, withdrawal_reason, recorded_at", "rowid", ["id", "tenant_id"]),
        new("review_cases", "id, tenant_id, kind, gallery_id, requester_key_id, purpose, mode, legal_basis_type, legal_basis_reference, required_reviewers, state, result, created_at, closed_at", "rowid", ["id", "tenant_id", "gallery_id"]),
        new("review_decisions", "case_id, reviewer_key_id, decision, note, at, confirmed_candidates", "rowid", ["case_id"]),
        new("probe_crops", "id, case_id, slot, content_type, bytes, seal, key_id", "rowid", ["id", "case_id"]),
        new("accountability_reports", "id, tenant_id, created_at, pack_id, sha256, markdown", "rowid", ["id", "tenant_id"]),
        new("audit_log", "seq, format_version, at, tenant_id, key_id, operation, purpose, mode, legal_basis_type, legal_basis_reference, decision, rule_ids, gallery_id, "
            + "candidate_count, candidate_ids, reviewer_ids, detail, previous_hash, entry_hash, channel, status, problem", "seq", ["tenant_id", "gallery_id"]),
    ];

    /// <summary>
    /// Copies the SQLite store at <paramref name="sqlitePath"/> (brought to the latest schema first, as any open does)
    /// into <paramref name="target"/>; returns the rows copied per table. BadInput <c>store-not-empty</c> when the target
    /// holds any row; Environment <c>store-unavailable</c> when it cannot be reached.
    /// </summary>
    public static IReadOnlyList<(string Table, long Rows)> Run(string sqlitePath, PostgresLocation target, DataKeySource keys, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(keys);
        if (!File.Exists(sqlitePath))
        {
            throw FaceAccordException.NotFound("store-not-found", $"There is no store at {sqlitePath}; pass its data directory with --from.");
        }

        // Opening migrates the source to the schema the column lists above describe and checks its data key.
        using (SqliteFaceStore.Open(sqlitePath, keys, time))
        {
        }

        DataKeyRing ring = keys.Load() ?? throw FaceAccordException.Environment("data-key-missing", $"The data key of {sqlitePath} ({keys.Description}) cannot be read.");
        try
        {
            var builder = new NpgsqlDataSourceBuilder(target.ConnectionString);
            builder.UseVector();
            using (NpgsqlDataSource schema = builder.Build())
            using (NpgsqlConnection connection = schema.OpenConnection())
            {
                PgSchemaMigrator.Migrate(connection, PgSchemaMigrations.All, time ?? TimeProvider.System, target.Display);
            }

            // Built again: the vector types are loaded when a data source first connects, after the extension exists.
            builder = new NpgsqlDataSourceBuilder(target.ConnectionString);
            builder.UseVector();
            using NpgsqlDataSource source = builder.Build();
            using NpgsqlConnection pg = source.OpenConnection();
            using NpgsqlTransaction transaction = pg.BeginTransaction();
            PostgresFaceStore.LockWriters(pg, transaction);
            RefuseNonEmpty(pg, transaction, target);

            using var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlitePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            sqlite.Open();
            var copied = new List<(string, long)>();
            foreach (CopiedTable table in Tables)
            {
                copied.Add((table.Name, CopyTable(sqlite, pg, transaction, table, ring)));
            }

            // Keys and rowids continue after the copied ones.
            foreach (var (table, column) in new[] { ("subjects", "key"), ("faces", "key"), ("consents", "rowid"), ("review_cases", "rowid"), ("review_decisions", "rowid"), ("accountability_reports", "rowid") })
            {
                using NpgsqlCommand setval = PgCommands.Create(pg, transaction,
                    $"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), coalesce((SELECT max({column}) FROM {table}), 0) + 1, false);");
                setval.ExecuteNonQuery();
            }

            // The HNSW indexes built once over the copied faces (far faster than growing them row by row).
            using (NpgsqlCommand memory = PgCommands.Create(pg, transaction, "SET LOCAL maintenance_work_mem = '512MB';"))
            {
                memory.ExecuteNonQuery();
            }

            var lengths = new List<int>();
            using (NpgsqlCommand select = PgCommands.Create(pg, transaction, "SELECT DISTINCT dimensions FROM faces;"))
            using (NpgsqlDataReader reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    lengths.Add(checked((int)reader.GetInt64(0)));
                }
            }

            foreach (int dimensions in lengths)
            {
                PgHnswIndex.Ensure(pg, transaction, dimensions);
            }

            transaction.Commit();
            return copied;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw PostgresFaceStore.Unavailable(target, ex);
        }
    }

    private static void RefuseNonEmpty(NpgsqlConnection pg, NpgsqlTransaction transaction, PostgresLocation target)
    {
        foreach (CopiedTable table in Tables)
        {
            using NpgsqlCommand any = PgCommands.Create(pg, transaction, $"SELECT EXISTS (SELECT 1 FROM {table.Name});");
            if ((bool)any.ExecuteScalar()!)
            {
                throw FaceAccordException.BadInput("store-not-empty", $"The store at {target.Display} already holds data (table {table.Name}); copy only into an empty database.");
            }
        }
    }

    private static long CopyTable(SqliteConnection sqlite, NpgsqlConnection pg, NpgsqlTransaction transaction, CopiedTable table, DataKeyRing ring)
    {
        string[] columns = table.Columns.Split(", ");
        bool faces = table.Name == "faces";
        string insertColumns = faces ? table.Columns + ", embedding" : table.Columns;
        string values = string.Join(", ", columns.Select((_, i) => $"@p{i}")) + (faces ? $", @p{columns.Length}" : string.Empty);
        using SqliteCommand select = sqlite.CreateCommand();
#pragma warning disable CA2100 // Table and column names are the constants above.
        select.CommandText = $"SELECT {table.Columns} FROM {table.Name} ORDER BY {table.OrderBy};";
#pragma warning restore CA2100
        using SqliteDataReader reader = select.ExecuteReader();
        long rows = 0;
        while (reader.Read())
        {
            using NpgsqlCommand insert = PgCommands.Create(pg, transaction, $"INSERT INTO {table.Name} ({insertColumns}) VALUES ({values});");
            for (int i = 0; i < columns.Length; i++)
            {
                object value = reader.GetValue(i);
                if (value is byte[] bytes && table.UuidColumns.Contains(columns[i]))
                {
                    value = new Guid(bytes);
                }

                insert.Parameters.AddWithValue($"p{i}", value);
            }

            if (faces)
            {
                insert.Parameters.AddWithValue($"p{columns.Length}", Embedding(reader, ring));
            }

            insert.ExecuteNonQuery();
            rows++;
        }

        return rows;
    }

    /// <summary>The face's template in the clear, as the pgvector column holds it: opened with the data key when sealed.</summary>
    private static HalfVector Embedding(SqliteDataReader reader, DataKeyRing ring)
    {
        byte[] id = reader.GetFieldValue<byte[]>(1);
        byte[] template = reader.GetFieldValue<byte[]>(6);
        if (!reader.IsDBNull(10))
        {
            ring.Open(reader.GetString(10), SealedColumn.Templates.Purpose, id, reader.GetFieldValue<byte[]>(9), template);
        }

        return new HalfVector(Float16Codec.Decode(template).Select(v => (Half)v).ToArray());
    }

    private sealed record CopiedTable(string Name, string Columns, string OrderBy, string[] UuidColumns);
}
