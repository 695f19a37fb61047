using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Storage;
using Microsoft.Data.Sqlite;

namespace FaceAccord.Governance.Tests.Audit;

/// <summary>
/// Someone with the database file drops the triggers and edits, deletes or moves rows; the verifier must name
/// where. A changed or moved entry is named by its own number; a deleted entry by the number that went missing.
/// </summary>
public sealed class AuditTamperTests : IDisposable
{
    private const int Entries = 20;
    private readonly TempAuditStore _db = new();

    public static TheoryData<int, string> FieldEdits()
    {
        string[] edits =
        [
            "operation = 'enroll'",
            "decision = 'error'",
            "at = at + 1",
            "tenant_id = NULL",
            "tenant_id = randomblob(16)",
            "key_id = 'someone-else'",
            "purpose = 'marketing'",
            "mode = 'continuous'",
            "legal_basis_type = 'court-order'",
            "legal_basis_reference = 'forged'",
            "rule_ids = '[]'",
            "gallery_id = randomblob(16)",
            "candidate_count = candidate_count + 1",
            "candidate_ids = '[\"00000000-0000-4000-8000-000000000001\"]'",
            "reviewer_ids = '[\"reviewer-z\"]'",
            "detail = '{\"note\":\"edited\"}'",
            "previous_hash = randomblob(32)",
            "entry_hash = randomblob(32)",
        ];
        var data = new TheoryData<int, string>();
        int[] positions = [1, 8, Entries];
        for (int i = 0; i < edits.Length; i++)
        {
            data.Add(positions[i % positions.Length], edits[i]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FieldEdits))]
    public void An_edited_field_is_named_at_its_entry(int k, string assignment)
    {
        _db.Seed(Entries);

        _db.Tamper($"UPDATE audit_log SET {assignment} WHERE seq = {k};");

        AssertBroken(k, AuditBreakKind.HashMismatch);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(Entries - 1)]
    public void A_deleted_entry_is_named_by_the_missing_number(int k)
    {
        _db.Seed(Entries);

        _db.Tamper($"DELETE FROM audit_log WHERE seq = {k};");

        AuditBreak found = AssertBroken(k, AuditBreakKind.SequenceGap);
        Assert.Contains($"entry {k} is missing", found.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Deleting_the_newest_entries_is_caught_as_a_truncation()
    {
        _db.Seed(Entries);

        _db.Tamper($"DELETE FROM audit_log WHERE seq >= {Entries - 2};");

        AuditBreak found = AssertBroken(Entries - 2, AuditBreakKind.Truncated);
        Assert.Contains($"{Entries}", found.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    public void A_deleted_entry_with_the_rest_renumbered_is_named_at_its_number(int k)
    {
        _db.Seed(Entries);

        _db.Tamper($"DELETE FROM audit_log WHERE seq = {k}; UPDATE audit_log SET seq = -seq WHERE seq > {k}; UPDATE audit_log SET seq = -seq - 1 WHERE seq < 0;");

        AssertBroken(k, AuditBreakKind.HashMismatch);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(Entries - 1)]
    public void Two_swapped_entries_are_named_at_the_first(int k)
    {
        _db.Seed(Entries);

        _db.Tamper($"UPDATE audit_log SET seq = -1 WHERE seq = {k}; UPDATE audit_log SET seq = {k} WHERE seq = {k + 1}; UPDATE audit_log SET seq = {k + 1} WHERE seq = -1;");

        AssertBroken(k, AuditBreakKind.HashMismatch);
    }

    [Fact]
    public void An_entry_rewritten_and_rehashed_breaks_the_link_of_the_next()
    {
        const int K = 6;
        _db.Seed(Entries);
        RewriteAndRehash(K);

        AssertBroken(K + 1, AuditBreakKind.PreviousHashMismatch);
    }

    [Fact]
    public void Rewriting_and_rehashing_the_newest_entry_changes_the_head_an_anchor_would_hold()
    {
        List<AuditEntry> entries = _db.Seed(Entries);
        RewriteAndRehash(Entries);

        AuditVerification result = _db.Verify();

        // The chain alone cannot tell; the head hash recorded elsewhere (printed by `audit verify`) can.
        Assert.True(result.Intact);
        Assert.NotEqual(entries[^1].EntryHash, result.HeadHash);
    }

    [Fact]
    public void An_anchor_catches_the_newest_entry_rewritten_and_rehashed()
    {
        List<AuditEntry> entries = _db.Seed(Entries);
        AuditAnchor head = new(Entries, entries[^1].EntryHash);
        RewriteAndRehash(Entries);

        using SqliteFaceStore store = _db.Open();
        AuditVerification result = new AuditLog(store).Verify([head]);

        Assert.Equal((Entries, AuditBreakKind.AnchorMismatch), (result.Break?.Sequence, result.Break?.Kind));
        Assert.Equal(Entries - 1, result.Count);
    }

    [Fact]
    public void An_anchor_before_a_rewrite_still_checks_out_and_one_after_catches_it()
    {
        List<AuditEntry> entries = _db.Seed(Entries);
        RewriteAndRehash(Entries);

        using SqliteFaceStore store = _db.Open();
        var log = new AuditLog(store);
        Assert.True(log.Verify([new AuditAnchor(5, entries[4].EntryHash)]).Intact);
        Assert.Equal(AuditBreakKind.AnchorMismatch, log.Verify([new AuditAnchor(5, entries[4].EntryHash), new AuditAnchor(Entries, entries[^1].EntryHash)]).Break?.Kind);
    }

    [Fact]
    public void An_anchor_beyond_the_end_of_the_log_is_a_truncation()
    {
        List<AuditEntry> entries = _db.Seed(Entries);
        // Someone who also resets SQLite's record of issued numbers hides the truncation from the chain alone.
        _db.Tamper($"DELETE FROM audit_log WHERE seq = {Entries}; UPDATE sqlite_sequence SET seq = {Entries - 1} WHERE name = 'audit_log';");

        using SqliteFaceStore store = _db.Open();
        var log = new AuditLog(store);
        Assert.True(log.Verify().Intact);
        AuditVerification result = log.Verify([new AuditAnchor(Entries, entries[^1].EntryHash)]);

        Assert.Equal(AuditBreakKind.Truncated, result.Break?.Kind);
        Assert.Equal(Entries - 1, result.Count);
    }

    [Theory]
    [InlineData(0, "00")]
    [InlineData(3, "xyz")]
    [InlineData(3, "0123")]
    public void A_malformed_anchor_is_refused(long sequence, string hash) =>
        Assert.Equal("anchor-invalid", Assert.Throws<FaceAccordException>(() => AuditAnchor.Parse(sequence, hash)).Code);

    [Fact]
    public void An_unknown_format_version_is_named()
    {
        _db.Seed(Entries);

        _db.Tamper("UPDATE audit_log SET format_version = 99 WHERE seq = 5;");

        AssertBroken(5, AuditBreakKind.UnknownFormat);
    }

    [Fact]
    public void A_changed_status_or_problem_breaks_the_chain()
    {
        _db.Seed(Entries);

        _db.Tamper("UPDATE audit_log SET status = 200, problem = NULL WHERE seq = 5;");

        AssertBroken(5, AuditBreakKind.HashMismatch);
    }

    [Fact]
    public void An_unreadable_field_is_named_and_export_says_so()
    {
        _db.Seed(Entries);

        _db.Tamper("UPDATE audit_log SET at = 9223372036854775807 WHERE seq = 4;");

        AssertBroken(4, AuditBreakKind.Unreadable);
        using SqliteFaceStore store = _db.Open();
        var ex = Assert.Throws<FaceAccordException>(() => new AuditLog(store).Export().ToList());
        Assert.Equal("audit-entry-unreadable", ex.Code);
    }

    [Fact]
    public void Tampering_is_reported_even_after_the_store_is_reopened_and_appended_to()
    {
        _db.Seed(Entries);
        _db.Tamper("UPDATE audit_log SET purpose = 'marketing' WHERE seq = 3;");

        _db.Seed(5);

        AuditVerification result = _db.Verify();
        Assert.Equal(3, result.Break?.Sequence);
        Assert.Equal(2, result.Count);
    }

    private AuditBreak AssertBroken(long sequence, AuditBreakKind kind)
    {
        AuditVerification result = _db.Verify();
        Assert.False(result.Intact);
        AuditBreak found = result.Break!;
        Assert.Equal((sequence, kind), (found.Sequence, found.Kind));
        Assert.Equal(sequence - 1, result.Count);
        return found;
    }

    /// <summary>What a tamperer who knows the algorithm does: change entry k and give it a matching hash.</summary>
    private void RewriteAndRehash(long k)
    {
        AuditRow original;
        using (SqliteFaceStore store = _db.Open())
        {
            original = store.ReadAudit(AuditQuery.All).Single(r => r.Sequence == k);
        }

        AuditRow forged = original with { Operation = "detect", RuleIdsJson = "[]" };
        byte[] hash = AuditCanonicalForm.ComputeHash(forged);
        using SqliteConnection connection = _db.OpenRaw();
        TempAuditStore.Execute(connection, "DROP TRIGGER IF EXISTS audit_log_no_update;");
        using SqliteCommand update = connection.CreateCommand();
        update.CommandText = "UPDATE audit_log SET operation = 'detect', rule_ids = '[]', entry_hash = $hash WHERE seq = $seq;";
        update.Parameters.AddWithValue("$hash", hash);
        update.Parameters.AddWithValue("$seq", k);
        Assert.Equal(1, update.ExecuteNonQuery());
    }

    public void Dispose() => _db.Dispose();
}
