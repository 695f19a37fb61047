using System.Security.Cryptography;
using FaceAccord.Storage.Encryption;
using FaceAccord.Storage.Postgres;
using FaceAccord.Tests.Shared;

namespace FaceAccord.Storage.Tests;

/// <summary>
/// What only the shared store promises: several nodes (here, several store instances on one schema) writing and
/// searching at once, one audit chain among them, versioned migrations, refusals that name no password, and the copy
/// of a SQLite store.
/// </summary>
public sealed class PostgresStoreTests : IDisposable
{
    private readonly TempPostgresSchema _db = new();

    [Fact]
    public void A_new_store_is_migrated_to_the_latest_version_and_a_newer_one_is_refused()
    {
        using (PostgresFaceStore store = _db.OpenPostgres())
        {
            Assert.Equal(PostgresFaceStore.LatestSchemaVersion, store.SchemaVersion);
        }

        _db.Execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, '0999_future', 0);");
        var refused = Assert.Throws<FaceAccordException>(() => _db.OpenPostgres());
        Assert.Equal("store-too-new", refused.Code);
        Assert.Equal(ErrorKind.Environment, refused.Kind);
    }

    [Fact]
    public void One_node_at_a_time_holds_the_sweepers_turn_and_a_killed_holders_turn_passes_on()
    {
        using PostgresFaceStore a = _db.OpenPostgres();
        using PostgresFaceStore b = _db.OpenPostgres();
        using var elsewhere = new TempPostgresSchema();
        using PostgresFaceStore other = elsewhere.OpenPostgres();

        IDisposable turn = a.TryTakeSweeperTurn() ?? throw new InvalidOperationException("no turn on an idle store");
        Assert.Null(b.TryTakeSweeperTurn());
        Assert.Null(a.TryTakeSweeperTurn()); // A second sweep of the same node waits its turn too.
        using (IDisposable? ofAnotherStore = other.TryTakeSweeperTurn())
        {
            Assert.NotNull(ofAnotherStore); // Another schema is another store, with a turn of its own.
        }

        turn.Dispose();
        turn = b.TryTakeSweeperTurn() ?? throw new InvalidOperationException("the released turn was not passed on");

        // The holder's node dies (its session ends): the lock goes with it, the next node takes the turn, and the dead
        // holder's late release is harmless.
        Assert.Equal(1, _db.Scalar($"SELECT count(pg_terminate_backend(pid, 10000)) FROM pg_locks WHERE locktype = 'advisory' "
            + $"AND classid = {PostgresFaceStore.SweeperLockClass} AND objid = hashtext(current_schema())::oid AND granted"));
        using (IDisposable? next = a.TryTakeSweeperTurn())
        {
            Assert.NotNull(next);
        }

        turn.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_face_enrolled_through_one_node_is_found_through_another_and_a_deleted_one_by_neither(bool throughIndex)
    {
        using PostgresFaceStore a = Open(throughIndex);
        using PostgresFaceStore b = Open(throughIndex);
        Gallery gallery = StoreSeed.Gallery(a, StoreSeed.Tenant(a).Id);
        var subjects = Enumerable.Range(0, 20).Select(i => a.CreateSubject(gallery.Id, $"p{i}", null)).ToList();
        for (int i = 0; i < subjects.Count; i++)
        {
            a.AddFace(gallery.Id, subjects[i].Id, StoreSeed.Face(i));
        }

        DateTimeOffset now = DateTimeOffset.UtcNow;
        Assert.Equal(20, b.CountSearchableSubjects(gallery.Id, now));
        for (int i = 0; i < subjects.Count; i++)
        {
            var hits = b.SearchGallery(gallery.Id, StoreSeed.Template(i), 3, -1f, now);
            Assert.Equal(subjects[i].Id, hits[0].Subject.Id);
            Assert.Equal(1f, hits[0].Similarity, 2);
            Assert.True(hits[0].Similarity >= hits[1].Similarity);
        }

        Assert.True(b.DeleteSubject(gallery.Id, subjects[3].Id));
        Assert.DoesNotContain(a.SearchGallery(gallery.Id, StoreSeed.Template(3), 5, -1f, now), h => h.Subject.Id == subjects[3].Id);
        Assert.Equal(19, a.CountSearchableSubjects(gallery.Id, now));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_expired_subject_is_neither_counted_nor_returned(bool throughIndex)
    {
        using PostgresFaceStore store = Open(throughIndex);
        Gallery gallery = StoreSeed.Gallery(store, StoreSeed.Tenant(store).Id);
        Subject kept = store.CreateSubject(gallery.Id, "kept", null);
        Subject expired = store.CreateSubject(gallery.Id, "expired", null);
        store.AddFace(gallery.Id, kept.Id, StoreSeed.Face(1));
        store.AddFace(gallery.Id, expired.Id, StoreSeed.Face(2));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        store.LimitSubjectExpiry(gallery.Id, expired.Id, now.AddMinutes(-1));

        Assert.Equal(1, store.CountSearchableSubjects(gallery.Id, now));
        Assert.Equal([kept.Id], store.SearchGallery(gallery.Id, StoreSeed.Template(2), 1, -1f, now).Select(h => h.Subject.Id));
        Assert.Equal([kept.Id], store.SearchGallery(gallery.Id, StoreSeed.Template(2), 5, -1f, now).Select(h => h.Subject.Id));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_search_keeps_the_threshold_and_ranks_subjects_by_their_best_face(bool throughIndex)
    {
        using PostgresFaceStore store = Open(throughIndex);
        Gallery gallery = StoreSeed.Gallery(store, StoreSeed.Tenant(store).Id);
        Subject two = store.CreateSubject(gallery.Id, "two-faces", null);
        Subject one = store.CreateSubject(gallery.Id, "one-face", null);
        store.AddFace(gallery.Id, two.Id, StoreSeed.Face(10));
        StoredFace best = store.AddFace(gallery.Id, two.Id, StoreSeed.Face(11));
        store.AddFace(gallery.Id, one.Id, StoreSeed.Face(12));

        var hits = store.SearchGallery(gallery.Id, StoreSeed.Template(11), 5, 0.5f, DateTimeOffset.UtcNow);

        GallerySearchHit hit = Assert.Single(hits);
        Assert.Equal(two.Id, hit.Subject.Id);
        Assert.Equal(best.Key, hit.FaceKey);
        Assert.Equal(best.Key, Assert.Single(store.SearchGallery(gallery.Id, StoreSeed.Template(11), 1, 0.5f, DateTimeOffset.UtcNow)).FaceKey);
        Assert.Equal("search-top-invalid", Assert.Throws<FaceAccordException>(() => store.SearchGallery(gallery.Id, StoreSeed.Template(1), 0, 0f, DateTimeOffset.UtcNow)).Code);
    }

    [Fact]
    public async Task Appends_from_several_nodes_at_once_keep_one_unbroken_chain()
    {
        const int Nodes = 3, EntriesEach = 40;
        var stores = Enumerable.Range(0, Nodes).Select(_ => _db.OpenPostgres()).ToList();
        try
        {
            await Task.WhenAll(stores.Select(store => Task.Run(() =>
            {
                for (int i = 0; i < EntriesEach; i++)
                {
                    store.AppendAudit(head =>
                    {
                        long seq = head.LastSequence + 1;
                        byte[] hash = SHA256.HashData([.. head.LastHash, .. BitConverter.GetBytes(seq)]);
                        return new AuditRow(seq, 2, DateTimeOffset.UnixEpoch, null, "test", "enroll", null, null, null, null, "allow", "[]", null, 0, "[]", "[]", null, head.LastHash, hash, "cli", 0, null);
                    });
                }
            })));

            var rows = stores[0].ReadAudit(AuditQuery.All).ToList();
            Assert.Equal(Enumerable.Range(1, Nodes * EntriesEach).Select(i => (long)i), rows.Select(r => r.Sequence));
            for (int i = 1; i < rows.Count; i++)
            {
                Assert.Equal(rows[i - 1].EntryHash, rows[i].PreviousHash);
            }
        }
        finally
        {
            stores.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public void The_database_refuses_an_entry_that_does_not_extend_the_chain_and_any_change_to_one()
    {
        using PostgresFaceStore store = _db.OpenPostgres();
        UnitOfWorkTests.Append(store);

        Assert.ThrowsAny<System.Data.Common.DbException>(() => _db.Execute(
            "INSERT INTO audit_log (seq, format_version, at, key_id, operation, decision, rule_ids, candidate_count, candidate_ids, reviewer_ids, previous_hash, entry_hash) "
            + "VALUES (5, 2, 0, 'x', 'enroll', 'allow', '[]', 0, '[]', '[]', decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex'));"));
        Assert.ThrowsAny<System.Data.Common.DbException>(() => _db.Execute("UPDATE audit_log SET key_id = 'forged';"));
        Assert.ThrowsAny<System.Data.Common.DbException>(() => _db.Execute("DELETE FROM audit_log;"));
        Assert.Equal(1, _db.Scalar("SELECT count(*) FROM audit_log;"));
    }

    [Fact]
    public void A_unit_of_work_commits_a_write_with_its_audit_entry_or_neither()
    {
        using PostgresFaceStore store = _db.OpenPostgres();
        Tenant tenant = StoreSeed.Tenant(store);
        using (store.Begin())
        {
            StoreSeed.Gallery(store, tenant.Id, "rolled-back");
            UnitOfWorkTests.Append(store);
        }

        Assert.Null(store.FindGalleryByName(tenant.Id, "rolled-back"));
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM audit_log;"));
    }

    [Fact]
    public void A_refused_login_or_unreachable_server_is_named_without_the_password()
    {
        var uri = new Uri(PostgresTestServer.StoreUri);
        const string Secret = "not-the-password-7f3a";
        string wrong = $"postgresql://faceaccord:{Secret}@127.0.0.1:{uri.Port}/faceaccord";
        var refused = Assert.Throws<FaceAccordException>(() => PostgresFaceStore.Open(PostgresLocation.Parse(wrong), DataKeySource.FromFile(_db.KeyPath + ".key")));
        Assert.Equal("store-unavailable", refused.Code);
        Assert.Contains("password was refused", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, refused.ToString(), StringComparison.Ordinal);

        // Port 1 on the loopback address: nothing listens there.
        var unreachable = Assert.Throws<FaceAccordException>(() => PostgresFaceStore.Open(
            PostgresLocation.Parse($"postgresql://faceaccord:{Secret}@127.0.0.1:1/faceaccord"), DataKeySource.FromFile(_db.KeyPath + ".key")));
        Assert.Contains("cannot be reached", unreachable.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, unreachable.Message, StringComparison.Ordinal);

        var malformed = Assert.Throws<FaceAccordException>(() => PostgresLocation.Parse($"postgresql://faceaccord:{Secret}@"));
        Assert.Equal(ErrorKind.BadInput, malformed.Kind);
        Assert.DoesNotContain(Secret, malformed.Message, StringComparison.Ordinal);
        Assert.Equal("postgresql://faceaccord@127.0.0.1:1/faceaccord", PostgresLocation.Parse($"postgresql://faceaccord:{Secret}@127.0.0.1:1/faceaccord").Display);
    }

    [Fact]
    public void A_sqlite_store_is_copied_whole_and_a_non_empty_target_is_refused()
    {
        using var sqlite = new TempDatabase();
        Guid galleryId, subjectId, caseId, tenantId;
        StoredFace face;
        byte[] image = [9, 8, 7, 6];
        byte[] faceCrop = [1, 2, 3], probeCrop = [4, 5, 6];
        using (SqliteFaceStore source = sqlite.Open())
        {
            Tenant tenant = StoreSeed.Tenant(source);
            Gallery gallery = StoreSeed.Gallery(source, tenant.Id, storesImages: true);
            Subject subject = source.CreateSubject(gallery.Id, "ada", new LegalBasis("consent", "form-1"));
            face = source.AddFace(gallery.Id, subject.Id, StoreSeed.Face(5, image));
            source.KeepFaceCrop(gallery.Id, face.Id, new FaceCrop(faceCrop, "image/jpeg"));
            caseId = source.CreateReviewCase(new NewReviewCase(tenant.Id, gallery.Id, "requester", "access-control", "one-off", null, 1, "{\"candidates\":[]}")).Id;
            source.KeepProbeCrop(tenant.Id, caseId, ProbeCropSlots.Probe, new FaceCrop(probeCrop, "image/jpeg"));
            tenantId = tenant.Id;
            source.RecordReviewDecision(tenant.Id, caseId, new ReviewDecisionRecord("reviewer", ReviewDecisionRecord.Confirm, "same", DateTimeOffset.UtcNow, [subject.Id]));
            UnitOfWorkTests.Append(source);
            UnitOfWorkTests.Append(source);
            (galleryId, subjectId) = (gallery.Id, subject.Id);
        }

        var target = PostgresLocation.Parse(_db.ConnectionString);
        var copied = SqliteToPostgresCopy.Run(sqlite.Path, target, DataKeySource.For(sqlite.Path));
        Assert.Contains(("faces", 1L), copied);
        Assert.Contains(("audit_log", 2L), copied);

        using (PostgresFaceStore copy = PostgresFaceStore.Open(target, DataKeySource.For(sqlite.Path)))
        {
            StoredFace read = Assert.Single(copy.ListFaces(galleryId, subjectId));
            Assert.Equal((face.Id, face.Key), (read.Id, read.Key));
            Assert.Equal(face.Template, read.Template);
            Assert.Equal(image, copy.FindFaceImage(galleryId, face.Id)!.Value.Bytes);
            Assert.Equal(faceCrop, copy.FindFaceCrop(galleryId, face.Id)!.Bytes);
            Assert.Equal(probeCrop, copy.FindProbeCrop(tenantId, caseId, ProbeCropSlots.Probe)!.Bytes);
            Assert.Equal([subjectId], Assert.Single(copy.FindReviewCase(tenantId, caseId)!.Decisions).Candidates!);
            Assert.Equal(subjectId, Assert.Single(copy.SearchGallery(galleryId, face.Template, 1, 0.9f, DateTimeOffset.UtcNow)).Subject.Id);
            Assert.Equal(2, copy.ReadAudit(AuditQuery.All).Count());

            // Keys continue after the copied ones.
            Subject next = copy.CreateSubject(galleryId, "bob", null);
            Assert.True(next.Key > copy.FindSubject(galleryId, subjectId)!.Key);
        }

        var refused = Assert.Throws<FaceAccordException>(() => SqliteToPostgresCopy.Run(sqlite.Path, target, DataKeySource.For(sqlite.Path)));
        Assert.Equal("store-not-empty", refused.Code);
    }

    [Fact]
    public void A_large_gallery_is_searched_through_the_hnsw_index_with_the_exact_scans_answers()
    {
        using PostgresFaceStore indexed = Open(throughIndex: true);
        using PostgresFaceStore exact = Open(throughIndex: false);
        Gallery gallery = StoreSeed.Gallery(indexed, StoreSeed.Tenant(indexed).Id);
        Gallery other = StoreSeed.Gallery(indexed, gallery.TenantId, "visitors");
        for (int i = 0; i < 60; i++)
        {
            // Three faces per subject, and a face of another gallery beside each: the index serves both galleries.
            Subject subject = indexed.CreateSubject(gallery.Id, $"p{i}", null);
            for (int f = 0; f < 3; f++)
            {
                indexed.AddFace(gallery.Id, subject.Id, StoreSeed.Face((i * 10) + f));
            }

            indexed.AddFace(other.Id, indexed.CreateSubject(other.Id, $"v{i}", null).Id, StoreSeed.Face((i * 10) + 1));
        }

        Assert.Equal(1, _db.Scalar("SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'faces_embedding_hnsw_64'"));
        // The searched column stays in the row (the sealed template goes to TOAST instead), so no search detoasts.
        Assert.Equal(1, _db.Scalar("SELECT count(*) FROM pg_attribute WHERE attrelid = 'faces'::regclass AND attname = 'embedding' AND attstorage = 'm'"));
        Assert.Contains("faces_embedding_hnsw_64", indexed.ExplainIndexedSearch(gallery.Id, StoreSeed.Template(7), 10), StringComparison.Ordinal);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        foreach (int probe in new[] { 1, 52, 301, 595, 9999 })
        {
            foreach (int top in new[] { 1, 10, 40, 64 })
            {
                foreach (float min in new[] { -1f, 0.1f })
                {
                    var viaIndex = indexed.SearchGallery(gallery.Id, StoreSeed.Template(probe), top, min, now);
                    var scanned = exact.SearchGallery(gallery.Id, StoreSeed.Template(probe), top, min, now);
                    Assert.Equal(scanned.Select(h => (h.Subject.Id, h.FaceKey, h.Similarity)), viaIndex.Select(h => (h.Subject.Id, h.FaceKey, h.Similarity)));
                    Assert.All(viaIndex, h => Assert.Equal(gallery.Id, h.Subject.GalleryId));
                    Assert.All(viaIndex, h => Assert.True(h.Similarity >= min));
                }
            }
        }

        // Every search with top ≤ 60 subjects was answered by the index itself, a minimum that leaves fewer hits
        // included; top 64 (more than the gallery's 60 subjects) fell back to the exact scan.
        Assert.Equal(30, indexed.IndexAnswers);
    }

    [Fact]
    public void The_switch_to_the_index_counts_the_gallerys_faces()
    {
        using PostgresFaceStore store = _db.OpenPostgres();
        store.ExactSearchBelowFaces = 5;
        Gallery gallery = StoreSeed.Gallery(store, StoreSeed.Tenant(store).Id);
        Subject subject = store.CreateSubject(gallery.Id, "p", null);
        for (int f = 0; f < 4; f++)
        {
            store.AddFace(gallery.Id, subject.Id, StoreSeed.Face(f));
        }

        Assert.False(store.SearchesThroughIndex(gallery.Id, 64));
        store.AddFace(gallery.Id, subject.Id, StoreSeed.Face(4));
        Assert.True(store.SearchesThroughIndex(gallery.Id, 64));
        Assert.Equal(40_000, PostgresLocation.Parse(_db.ConnectionString).ExactSearchBelowFaces);
        Assert.Equal(300, PostgresLocation.Parse("postgresql://u:p@127.0.0.1:5432/db?exact_search_below=300&pool=3").ExactSearchBelowFaces);
        Assert.Equal("store-uri-invalid", Assert.Throws<FaceAccordException>(() => PostgresLocation.Parse("postgresql://u:p@127.0.0.1:5432/db?exact_search_below=many")).Code);
    }

    private PostgresFaceStore Open(bool throughIndex)
    {
        PostgresFaceStore store = _db.OpenPostgres();
        store.ExactSearchBelowFaces = throughIndex ? 0 : int.MaxValue;
        return store;
    }

    public void Dispose() => _db.Dispose();
}
