using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Storage;

namespace FaceAccord.Governance.Tests.Audit;

public sealed class AuditTombstoneTests : IDisposable
{
    private static readonly Guid Gallery = Guid.Parse("11111111-2222-4333-8444-555555555555");
    private static readonly Guid[] Subjects = [Guid.Parse("a1111111-0000-4000-8000-000000000001")];
    private static readonly Guid[] Faces = [Guid.Parse("f1111111-0000-4000-8000-000000000001"), Guid.Parse("f1111111-0000-4000-8000-000000000002")];

    private readonly TempAuditStore _db = new();

    [Fact]
    public void A_deletion_tombstone_holds_the_reason_and_ids_only()
    {
        JsonElement detail = new AuditTombstone(AuditDeletionReason.ConsentWithdrawn, Gallery, Subjects, Faces).ToDetail();

        JsonElement body = Assert.Single(detail.EnumerateObject(), p => p.Name == "tombstone").Value;
        Assert.Equal(["reason", "galleryId", "subjectIds", "faceIds"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("consent-withdrawn", body.GetProperty("reason").GetString());

        // Every other value, however deep, is a GUID string: nothing that could be a template, an image or a name.
        var values = new List<JsonElement>();
        Collect(body, values);
        values.RemoveAll(v => v.ValueKind == JsonValueKind.String && v.GetString() == "consent-withdrawn");
        Assert.Equal(1 + Subjects.Length + Faces.Length, values.Count);
        Assert.All(values, v => Assert.True(v.ValueKind == JsonValueKind.String && Guid.TryParse(v.GetString(), out _), v.GetRawText()));
    }

    [Fact]
    public void A_tombstone_in_the_log_reads_back_whole()
    {
        var tombstone = new AuditTombstone(AuditDeletionReason.DataSubjectRequest, Gallery, Subjects, Faces);
        using SqliteFaceStore store = _db.Open();
        var log = new AuditLog(store);

        log.Append(new AuditRecord { TenantId = Guid.NewGuid(), KeyId = "k", Operation = "delete", Decision = AuditDecision.Allow, GalleryId = Gallery, Detail = tombstone.ToDetail() });

        AuditEntry entry = Assert.Single(log.Export());
        Assert.True(AuditTombstone.TryRead(entry.Record.Detail, out AuditTombstone? read));
        Assert.Equal((tombstone.Reason, tombstone.GalleryId), (read.Reason, read.GalleryId));
        Assert.Equal(Subjects, read.SubjectIds);
        Assert.Equal(Faces, read.FaceIds);
    }

    [Theory]
    [InlineData("""{"score":0.7}""")]
    [InlineData("""{"tombstone":{"reason":"because","galleryId":null,"subjectIds":[],"faceIds":[]}}""")]
    [InlineData("""{"tombstone":{"reason":"data-subject-request","galleryId":null,"subjectIds":["not-a-guid"],"faceIds":[]}}""")]
    public void Detail_that_is_not_a_tombstone_is_not_read_as_one(string json)
    {
        Assert.False(AuditTombstone.TryRead(JsonDocument.Parse(json).RootElement, out _));
    }

    [Fact]
    public void A_template_or_an_image_in_the_detail_is_refused_and_nothing_is_appended()
    {
        float[] template = Enumerable.Range(0, 512).Select(i => MathF.Sin(i)).ToArray();
        string image = Convert.ToBase64String(new byte[3000]);
        using SqliteFaceStore store = _db.Open();
        var log = new AuditLog(store);

        foreach (object leak in new object[] { new { template }, new { face = new { image } }, new { nested = new[] { new { t = template } } } })
        {
            var ex = Assert.Throws<FaceAccordException>(() => log.Append(SampleRecords.Varied(4) with { Detail = JsonSerializer.SerializeToElement(leak) }));
            Assert.Equal("audit-detail-refused", ex.Code);
        }

        Assert.Equal(0, log.Verify().Count);
        log.Append(SampleRecords.Varied(4) with { Detail = JsonSerializer.SerializeToElement(new { scores = new[] { 0.71, 0.64, 0.52 }, note = "released after review" }) });
        Assert.Equal(1, log.Verify().Count);
    }

    private static void Collect(JsonElement element, List<JsonElement> leaves)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty p in element.EnumerateObject())
                {
                    Collect(p.Value, leaves);
                }

                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Collect(item, leaves);
                }

                break;
            default:
                leaves.Add(element);
                break;
        }
    }

    public void Dispose() => _db.Dispose();
}
