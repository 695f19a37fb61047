using System.Text.Json;
using FaceAccord.Governance.Audit;
using FaceAccord.Storage;

namespace FaceAccord.Governance.Tests.Audit;

public sealed class AuditExportTests : IDisposable
{
    private readonly TempAuditStore _db = new();

    [Fact]
    public void Export_filters_by_tenant_and_by_time_range()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        List<AuditEntry> all = _db.Seed(12, new ManualClock(start, TimeSpan.FromMinutes(1)));
        using SqliteFaceStore store = _db.Open();
        var log = new AuditLog(store);

        Assert.Equal(
            all.Where(e => e.Record.TenantId == SampleRecords.TenantA).Select(e => e.Sequence),
            log.Export(new AuditQuery(TenantId: SampleRecords.TenantA)).Select(e => e.Sequence));
        Assert.Equal([4L, 5, 6], log.Export(new AuditQuery(From: start.AddMinutes(3), Until: start.AddMinutes(6))).Select(e => e.Sequence));
        Assert.Equal([5L], log.Export(new AuditQuery(SampleRecords.TenantB, start.AddMinutes(3), start.AddMinutes(6))).Select(e => e.Sequence));
        Assert.Empty(log.Export(new AuditQuery(TenantId: Guid.NewGuid())));
        Assert.Equal(12, log.Export().Count());
    }

    [Fact]
    public void Json_lines_hold_one_parseable_entry_per_line_with_hex_hashes()
    {
        List<AuditEntry> all = _db.Seed(6);
        using SqliteFaceStore store = _db.Open();
        using var text = new StringWriter();

        long written = AuditJsonLines.Write(text, new AuditLog(store).Export());

        string[] lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, written);
        Assert.Equal(6, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            using JsonDocument line = JsonDocument.Parse(lines[i]);
            JsonElement root = line.RootElement;
            AuditEntry expected = all[i];
            Assert.Equal(expected.Sequence, root.GetProperty("sequence").GetInt64());
            Assert.Equal(expected.EntryHashHex, root.GetProperty("entryHash").GetString());
            Assert.Equal(Convert.ToHexStringLower(expected.PreviousHash), root.GetProperty("previousHash").GetString());
            Assert.Equal(expected.At, root.GetProperty("at").GetDateTimeOffset());
            Assert.Equal(expected.Record.Operation, root.GetProperty("operation").GetString());
            Assert.Equal(expected.Record.CandidateSubjectIds, root.GetProperty("candidateSubjectIds").EnumerateArray().Select(e => e.GetGuid()));
            Assert.Equal(expected.Record.Decision.ToString().ToLowerInvariant(), root.GetProperty("decision").GetString());
        }

        Assert.Equal("consent", JsonDocument.Parse(lines[3]).RootElement.GetProperty("legalBasis").GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(lines[2]).RootElement.GetProperty("tenantId").ValueKind);
    }

    public void Dispose() => _db.Dispose();
}
