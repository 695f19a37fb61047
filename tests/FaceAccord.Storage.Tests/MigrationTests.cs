namespace FaceAccord.Storage.Tests;

public sealed class MigrationTests : IDisposable
{
    private readonly TempDatabase _db = new();

    [Fact]
    public void A_fresh_database_is_at_the_latest_version_with_every_step_recorded()
    {
        using (SqliteFaceStore store = _db.Open())
        {
            Assert.Equal(SqliteFaceStore.LatestSchemaVersion, store.SchemaVersion);
        }

        Assert.Equal(SqliteFaceStore.LatestSchemaVersion, _db.Scalar("SELECT count(*) FROM schema_migrations;"));
        Assert.Equal(SqliteFaceStore.LatestSchemaVersion, _db.Scalar("SELECT max(version) FROM schema_migrations;"));
        foreach (string table in new[] { "tenants", "api_keys", "galleries", "subjects", "faces", "face_images", "audit_log", "consents" })
        {
            Assert.Equal(1, _db.Scalar($"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '{table}';"));
        }
    }

    [Fact]
    public void Reopening_applies_nothing_and_keeps_the_data()
    {
        Guid tenantId;
        using (SqliteFaceStore store = _db.Open())
        {
            tenantId = StoreSeed.Tenant(store).Id;
        }

        long appliedAt = _db.Scalar("SELECT max(applied_at) FROM schema_migrations;");
        using (SqliteFaceStore reopened = _db.Open())
        {
            Assert.Equal(SqliteFaceStore.LatestSchemaVersion, reopened.SchemaVersion);
            Assert.NotNull(reopened.FindTenant(tenantId));
        }

        Assert.Equal(SqliteFaceStore.LatestSchemaVersion, _db.Scalar("SELECT count(*) FROM schema_migrations;"));
        Assert.Equal(appliedAt, _db.Scalar("SELECT max(applied_at) FROM schema_migrations;"));
    }

    [Fact]
    public void A_database_of_a_newer_version_is_refused()
    {
        _db.Open().Dispose();
        int future = SqliteFaceStore.LatestSchemaVersion + 1;
        _db.Scalar($"INSERT INTO schema_migrations (version, name, applied_at) VALUES ({future}, '{future:0000}_from_the_future', 0) RETURNING version;");

        var ex = Assert.Throws<FaceAccordException>(() => _db.Open());

        Assert.Equal("store-too-new", ex.Code);
        Assert.Equal(ErrorKind.Environment, ex.Kind);
        Assert.Contains(future.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_connection_runs_with_the_durability_pragmas()
    {
        using SqliteFaceStore store = _db.Open();

        // Several held at once, so each is a separately opened and configured connection.
        List<ConnectionSettings> seen = store.ReadConnectionSettings(4);

        Assert.Equal(4, seen.Count);
        foreach (ConnectionSettings settings in seen)
        {
            Assert.Equal("wal", settings.JournalMode);
            Assert.Equal(2, settings.Synchronous); // FULL
            Assert.True(settings.ForeignKeys);
            Assert.True(settings.SecureDelete);
            Assert.True(settings.BusyTimeoutMilliseconds > 0);
        }
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_clearly()
    {
        File.WriteAllText(_db.Path, "this is not a SQLite database, just text long enough to be read as a header..........");

        var ex = Assert.Throws<FaceAccordException>(() => _db.Open());

        Assert.Equal("store-unavailable", ex.Code);
        Assert.Equal(ErrorKind.Environment, ex.Kind);
    }

    [Fact]
    public void A_new_database_is_readable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using SqliteFaceStore store = _db.Open();
        StoreSeed.Tenant(store);

        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(_db.Path));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(_db.Path + "-wal"));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(_db.Path + "-shm"));
    }

    [Fact]
    public void Review_cases_written_before_verifications_could_be_held_survive_the_table_rebuild()
    {
        byte[] tenant = Guid.NewGuid().ToByteArray(), gallery = Guid.NewGuid().ToByteArray(), held = Guid.NewGuid().ToByteArray();
        using (var connection = _db.OpenRaw())
        {
            using (var on = connection.CreateCommand())
            {
                on.CommandText = "PRAGMA foreign_keys = ON;";
                on.ExecuteNonQuery();
            }

            // The store as version 4 left it, with a case decided by two reviewers.
            SchemaMigrator.Migrate(connection, [.. SchemaMigrations.All.Where(m => m.Version <= 4)], TimeProvider.System, _db.Path);
            using var seed = connection.CreateCommand();
            seed.CommandText =
                "INSERT INTO tenants (id, name, sector, country, created_at) VALUES ($t, 'acme', 'commercial', 'US', 1);"
                + "INSERT INTO galleries (id, tenant_id, name, model_id, stores_images, created_at) VALUES ($g, $t, 'staff', 'm', 0, 1);"
                + "INSERT INTO review_cases (id, tenant_id, gallery_id, requester_key_id, purpose, mode, required_reviewers, state, result, created_at) "
                + "VALUES ($c, $t, $g, 'requester', 'access-control', 'one-off', 2, 'released', '{\"candidates\":[]}', 5);"
                + "INSERT INTO review_decisions (case_id, reviewer_key_id, decision, at) VALUES ($c, 'r2', 'confirm', 7), ($c, 'r1', 'confirm', 7);";
            seed.Parameters.AddWithValue("$t", tenant);
            seed.Parameters.AddWithValue("$g", gallery);
            seed.Parameters.AddWithValue("$c", held);
            seed.ExecuteNonQuery();
        }

        using SqliteFaceStore store = _db.Open();
        var migrated = store.FindReviewCase(new Guid(tenant), new Guid(held))!;

        Assert.Equal(ReviewKinds.Identify, migrated.Kind);
        Assert.Equal(new Guid(gallery), migrated.GalleryId);
        Assert.Equal(ReviewStates.Released, migrated.State);
        Assert.Equal(["r2", "r1"], migrated.Decisions.Select(d => d.ReviewerKeyId));
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM pragma_foreign_key_check;"));

        // The rebuilt decisions still cascade with their case.
        Assert.True(store.DeleteGallery(new Guid(tenant), new Guid(gallery)));
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM review_decisions;"));
    }

    [Fact]
    public void Keys_issued_before_roles_existed_become_operators()
    {
        byte[] tenant = Guid.NewGuid().ToByteArray();
        using (var connection = _db.OpenRaw())
        {
            // The store as version 8 left it, with one key.
            SchemaMigrator.Migrate(connection, [.. SchemaMigrations.All.Where(m => m.Version <= 8)], TimeProvider.System, _db.Path);
            using var seed = connection.CreateCommand();
            seed.CommandText =
                "INSERT INTO tenants (id, name, sector, country, created_at) VALUES ($t, 'acme', 'commercial', 'US', 1);"
                + "INSERT INTO api_keys (key_id, tenant_id, salt, secret_hash, created_at) VALUES ('old', $t, x'01', x'02', 3);";
            seed.Parameters.AddWithValue("$t", tenant);
            seed.ExecuteNonQuery();
        }

        using SqliteFaceStore store = _db.Open();
        Assert.Equal(SqliteFaceStore.LatestSchemaVersion, store.SchemaVersion);
        var key = store.FindApiKey("old")!;
        Assert.Equal(KeyRole.Operator, key.Role);
        Assert.Equal(new Guid(tenant), key.TenantId);
        Assert.Equal([key.KeyId], store.ListApiKeys(new Guid(tenant)).Select(k => k.KeyId));
    }

    [Fact]
    public void The_request_log_is_dropped_and_audit_entries_gain_channel_status_and_problem()
    {
        byte[] tenant = Guid.NewGuid().ToByteArray();
        using (var connection = _db.OpenRaw())
        {
            // The store as version 9 left it, with a request logged.
            SchemaMigrator.Migrate(connection, [.. SchemaMigrations.All.Where(m => m.Version <= 9)], TimeProvider.System, _db.Path);
            using var seed = connection.CreateCommand();
            seed.CommandText = "INSERT INTO requests (at, tenant_id, key_id, operation, purpose, status) VALUES (1, $t, 'k', 'identify', 'access-control', 200);";
            seed.Parameters.AddWithValue("$t", tenant);
            seed.ExecuteNonQuery();
        }

        using SqliteFaceStore store = _db.Open();
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'requests';"));
        Assert.Equal(3, _db.Scalar("SELECT count(*) FROM pragma_table_info('audit_log') WHERE name IN ('channel', 'status', 'problem');"));
        var row = store.AppendAudit(head => new AuditRow(head.LastSequence + 1, 2, DateTimeOffset.UnixEpoch, null, "k", "identify", null, null, null, null,
            "deny", "[]", null, 0, "[]", "[]", null, head.LastHash, new byte[32], "http", 403, "policy-denied"));
        var read = Assert.Single(store.ReadAudit(AuditQuery.All));
        Assert.Equal(("http", 403, "policy-denied"), (read.Channel, read.Status, read.Problem));
        Assert.Equal(row.Sequence, read.Sequence);
    }

    public void Dispose() => _db.Dispose();
}
