using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Storage;

namespace FaceAccord.Governance.Tests.Audit;

public sealed class AuditChainTests : IDisposable
{
    private readonly TempAuditStore _db = new();

    [Fact]
    public void An_empty_log_is_intact_with_no_entries_and_the_genesis_head()
    {
        AuditVerification result = _db.Verify();

        Assert.True(result.Intact);
        Assert.Equal(0, result.Count);
        Assert.Equal(new byte[32], result.HeadHash);
    }

    [Fact]
    public void Many_entries_form_one_chain_that_verifies()
    {
        List<AuditEntry> entries = _db.Seed(300);

        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(new byte[32], entries[0].PreviousHash);
        for (int i = 1; i < entries.Count; i++)
        {
            Assert.Equal(entries[i - 1].EntryHash, entries[i].PreviousHash);
        }

        Assert.Equal(300, entries.Select(e => e.EntryHashHex).Distinct().Count());
        AuditVerification result = _db.Verify();
        Assert.True(result.Intact, result.Break?.Explanation);
        Assert.Equal(300, result.Count);
        Assert.Equal(entries[^1].EntryHash, result.HeadHash);
    }

    [Fact]
    public void Reopening_the_store_continues_the_same_chain()
    {
        List<AuditEntry> first = _db.Seed(5);
        List<AuditEntry> second = _db.Seed(5);

        Assert.Equal(6, second[0].Sequence);
        Assert.Equal(first[^1].EntryHash, second[0].PreviousHash);
        Assert.Equal(10, _db.Verify().Count);
    }

    [Fact]
    public void Every_field_reads_back_as_appended()
    {
        List<AuditEntry> appended = _db.Seed(8);
        using SqliteFaceStore store = _db.Open();

        List<AuditEntry> read = new AuditLog(store).Export().ToList();

        Assert.Equal(appended.Count, read.Count);
        foreach ((AuditEntry a, AuditEntry b) in appended.Zip(read))
        {
            Assert.Equal(a.Sequence, b.Sequence);
            Assert.Equal(a.At, b.At);
            Assert.Equal(a.PreviousHash, b.PreviousHash);
            Assert.Equal(a.EntryHash, b.EntryHash);
            Assert.Equal(a.Record.TenantId, b.Record.TenantId);
            Assert.Equal(a.Record.KeyId, b.Record.KeyId);
            Assert.Equal(a.Record.Operation, b.Record.Operation);
            Assert.Equal(a.Record.Purpose, b.Record.Purpose);
            Assert.Equal(a.Record.Mode, b.Record.Mode);
            Assert.Equal(a.Record.LegalBasis, b.Record.LegalBasis);
            Assert.Equal(a.Record.Decision, b.Record.Decision);
            Assert.Equal(a.Record.RuleIds, b.Record.RuleIds);
            Assert.Equal(a.Record.GalleryId, b.Record.GalleryId);
            Assert.Equal(a.Record.CandidateCount, b.Record.CandidateCount);
            Assert.Equal(a.Record.CandidateSubjectIds, b.Record.CandidateSubjectIds);
            Assert.Equal(a.Record.ReviewerIds, b.Record.ReviewerIds);
            Assert.Equal(a.Record.Detail?.GetRawText(), b.Record.Detail?.GetRawText());
        }
    }

    [Fact]
    public void The_candidate_count_defaults_to_the_ids_listed_and_may_exceed_them()
    {
        List<AuditEntry> entries = _db.Seed(4);

        Assert.Equal(2, entries[3].Record.CandidateCount); // the identify record lists two ids and gives no count
        Assert.Equal(3, entries[2].Record.CandidateCount); // the detect record withheld its three candidates' ids
        Assert.Empty(entries[2].Record.CandidateSubjectIds);
        using SqliteFaceStore store = _db.Open();
        Assert.Equal([0, 0, 3, 2], new AuditLog(store).Export().Select(e => e.Record.CandidateCount));
    }

    public static TheoryData<string> IncompleteRecords => ["blank-operation", "blank-key", "blank-rule", "blank-reviewer", "count-below-ids", "blank-basis-type", "undefined-decision"];

    [Theory]
    [MemberData(nameof(IncompleteRecords))]
    public void An_incomplete_record_is_refused_and_nothing_is_appended(string defect)
    {
        AuditRecord good = SampleRecords.Varied(4);
        AuditRecord bad = defect switch
        {
            "blank-operation" => good with { Operation = " " },
            "blank-key" => good with { KeyId = "" },
            "blank-rule" => good with { RuleIds = ["ok", ""] },
            "blank-reviewer" => good with { ReviewerIds = [" "] },
            "count-below-ids" => good with { CandidateCount = 1 },
            "blank-basis-type" => good with { LegalBasis = new LegalBasis("", "ref") },
            "undefined-decision" => good with { Decision = (AuditDecision)42 },
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };
        using SqliteFaceStore store = _db.Open();
        var log = new AuditLog(store);

        var ex = Assert.Throws<FaceAccordException>(() => log.Append(bad));

        Assert.Equal("audit-record-invalid", ex.Code);
        Assert.Equal(ErrorKind.BadInput, ex.Kind);
        Assert.Equal(0, log.Verify().Count);
        Assert.Equal(1, log.Append(good).Sequence);
    }

    [Fact]
    public void A_seal_that_does_not_extend_the_chain_is_refused_by_the_store()
    {
        using SqliteFaceStore store = _db.Open();
        new AuditLog(store).Append(SampleRecords.Varied(1));

        Assert.Throws<InvalidOperationException>(() => store.AppendAudit(head => Row(head.LastSequence + 2, head.LastHash)));
        Assert.Throws<InvalidOperationException>(() => store.AppendAudit(head => Row(head.LastSequence + 1, new byte[32])));
        Assert.Equal(1, store.ReadAuditHead().LastSequence);
    }

    private static AuditRow Row(long sequence, byte[] previous) => new(
        sequence, 1, DateTimeOffset.UnixEpoch, null, "cli", "detect", null, null, null, null, "allow", "[]", null, 0, "[]", "[]", null, previous, new byte[32]);

    public void Dispose() => _db.Dispose();
}
