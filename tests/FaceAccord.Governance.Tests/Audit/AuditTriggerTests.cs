using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Storage;
using Microsoft.Data.Sqlite;

namespace FaceAccord.Governance.Tests.Audit;

/// <summary>The table itself refuses to rewrite history: plain SQL cannot change, delete or splice entries.</summary>
public sealed class AuditTriggerTests : IDisposable
{
    private readonly TempAuditStore _db = new();

    [Theory]
    [InlineData("UPDATE audit_log SET operation = 'enroll' WHERE seq = 2;", "cannot be changed")]
    [InlineData("UPDATE audit_log SET entry_hash = randomblob(32);", "cannot be changed")]
    [InlineData("DELETE FROM audit_log WHERE seq = 2;", "cannot be deleted")]
    [InlineData("DELETE FROM audit_log;", "cannot be deleted")]
    public void Updates_and_deletes_are_refused(string sql, string message)
    {
        List<AuditEntry> entries = _db.Seed(3);
        using (SqliteConnection connection = _db.OpenRaw())
        {
            var ex = Assert.Throws<SqliteException>(() => TempAuditStore.Execute(connection, sql));
            Assert.Contains("append-only", ex.Message, StringComparison.Ordinal);
            Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        }

        AuditVerification result = _db.Verify();
        Assert.True(result.Intact);
        Assert.Equal(3, result.Count);
        Assert.Equal(entries[^1].EntryHash, result.HeadHash);
    }

    [Theory]
    [InlineData("SELECT 5, previous_hash")] // skips sequence number 4
    [InlineData("SELECT 4, previous_hash")] // the next number, linked to the wrong entry
    [InlineData("SELECT 4, zeroblob(32)")] // a second genesis
    public void An_insert_that_does_not_extend_the_chain_is_refused(string sequenceAndLink)
    {
        _db.Seed(3);
        using SqliteConnection connection = _db.OpenRaw();

        var ex = Assert.Throws<SqliteException>(() => TempAuditStore.Execute(
            connection,
            "INSERT INTO audit_log (seq, previous_hash, format_version, at, tenant_id, key_id, operation, purpose, mode, legal_basis_type, "
            + "legal_basis_reference, decision, rule_ids, gallery_id, candidate_count, candidate_ids, reviewer_ids, detail, entry_hash) "
            + $"{sequenceAndLink}, format_version, at, tenant_id, key_id, operation, purpose, mode, legal_basis_type, legal_basis_reference, "
            + "decision, rule_ids, gallery_id, candidate_count, candidate_ids, reviewer_ids, detail, entry_hash FROM audit_log WHERE seq = 3;"));

        Assert.Contains("must extend the chain", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, _db.Verify().Count);
    }

    [Fact]
    public void Deleting_what_entries_mention_leaves_the_entries_alone()
    {
        using SqliteFaceStore store = _db.Open();
        Tenant tenant = store.CreateTenant(new TenantProfile("Acme", "commercial", "US", "US-IL", "Chicago"));
        Gallery gallery = store.CreateGallery(tenant.Id, "staff", "model-1", storesImages: true);
        Subject subject = store.CreateSubject(gallery.Id, "employee-17", new LegalBasis("consent", "c-1"));
        var log = new AuditLog(store);
        log.Append(new AuditRecord { TenantId = tenant.Id, KeyId = "k1", Operation = "enroll", Decision = AuditDecision.Allow, GalleryId = gallery.Id, CandidateSubjectIds = [subject.Id] });

        Assert.True(store.DeleteGallery(tenant.Id, gallery.Id));
        log.Append(new AuditRecord
        {
            TenantId = tenant.Id,
            KeyId = "k1",
            Operation = "delete",
            Decision = AuditDecision.Allow,
            GalleryId = gallery.Id,
            Detail = new AuditTombstone(AuditDeletionReason.OperatorRequest, gallery.Id, [subject.Id], []).ToDetail(),
        });

        AuditVerification result = log.Verify();
        Assert.True(result.Intact);
        Assert.Equal(2, result.Count);
        Assert.Equal([subject.Id], log.Export().First().Record.CandidateSubjectIds);
    }

    public void Dispose() => _db.Dispose();
}
