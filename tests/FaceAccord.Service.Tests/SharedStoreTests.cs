using FaceAccord.Service.Safeguards;
using FaceAccord.Storage;
using FaceAccord.TestSupport;
using FaceAccord.Tests.Shared;

namespace FaceAccord.Service.Tests;

/// <summary>
/// Two nodes (two service instances, each with its own indexes and engine registration) on one PostgreSQL store:
/// what one enrols the other identifies at once, what one erases neither returns, both write one audit chain, and the
/// results are those of the SQLite backend on the same gallery.
/// </summary>
public sealed class SharedStoreTests : IDisposable
{
    private readonly string _schema;
    private readonly ServiceFixture _a;
    private readonly ServiceFixture _b;
    private readonly ServiceFixture _sqlite = new();

    public SharedStoreTests()
    {
        string store = PostgresTestServer.CreateSchema(out _schema);
        _a = new ServiceFixture(store: store);
        _b = new ServiceFixture(store: store, root: _a.Root);
    }

    [Fact]
    public void A_person_enrolled_on_one_node_is_identified_on_the_other_and_an_erased_one_by_neither()
    {
        var onA = _a.Tenant("commercial", "US", "US-CA", "Oakland");
        var gallery = _a.Galleries.Create(onA, "visitors");
        var onB = onA;
        var local = _sqlite.Tenant("commercial", "US", "US-CA", "Oakland");
        var localGallery = _sqlite.Galleries.Create(local, "visitors");

        var people = LfwPeople.Sample(8, n => n >= 4, seed: 12);
        var enrolled = new List<(Guid Shared, Guid Local, byte[] Probe)>();
        foreach (var (name, images) in people)
        {
            var subject = _a.Enrolment.CreateSubject(onA, gallery.Id, name, null);
            var localSubject = _sqlite.Enrolment.CreateSubject(local, localGallery.Id, name, null);
            int used = EnrollFirstUsable(_a, onA, gallery.Id, subject.Id, images);
            Assert.Equal(used, EnrollFirstUsable(_sqlite, local, localGallery.Id, localSubject.Id, images));
            enrolled.Add((subject.Id, localSubject.Id, File.ReadAllBytes(images[^1])));
        }

        int rankOne = 0;
        foreach (var (shared, localId, probe) in enrolled)
        {
            var onOther = _b.Identification.Identify(onB, gallery.Id, probe, top: 3, fpir: 1);
            var onSqlite = _sqlite.Identification.Identify(local, localGallery.Id, probe, top: 3, fpir: 1);
            rankOne += onOther.Candidates.Count > 0 && onOther.Candidates[0].SubjectId == shared ? 1 : 0;

            // Same gallery, same threshold, same ranking as the embedded store. Scores differ only by the embedded index's
            // int8 codes: a cosine error of about 1e-3, which the normalised scorer divides by a neighbourhood deviation of a
            // few hundredths, so up to a few hundredths of a normalised unit (thresholds are near 6).
            Assert.Equal(onSqlite.Threshold, onOther.Threshold);
            Assert.Equal(onSqlite.Candidates.Select(c => c.ExternalId), onOther.Candidates.Select(c => c.ExternalId));
            for (int i = 0; i < onOther.Candidates.Count; i++)
            {
                Assert.Equal(onSqlite.Candidates[i].Similarity, onOther.Candidates[i].Similarity, 0.1);
            }
        }

        Assert.True(rankOne >= 7, $"rank-1 {rankOne} of {enrolled.Count}");

        // Erased through node B: neither node returns the person afterwards, whatever node A's memory holds.
        var erased = enrolled[0];
        _b.Enrolment.DeleteSubject(onB, gallery.Id, erased.Shared);
        foreach (var node in new[] { _a, _b })
        {
            Assert.DoesNotContain(node.Identification.Identify(onA, gallery.Id, erased.Probe, top: 8, fpir: 1).Candidates, c => c.SubjectId == erased.Shared);
        }

        // Both nodes wrote to one chain, and it verifies from either.
        Assert.True(_a.Audit.Verify([]).Intact);
        Assert.True(_b.Audit.Verify([]).Intact);
    }

    [Fact]
    public void One_node_sweeps_at_a_time_and_the_other_skips_that_round()
    {
        var context = _a.Tenant("commercial", "US", "US-CA", "Oakland");
        var gallery = _a.Galleries.Create(context, "visitors");
        var subject = _a.Enrolment.CreateSubject(context, gallery.Id, "leaving", null);
        _a.Retention.Limit(_a.Get<IGalleryStore>().FindGallery(context.TenantId, gallery.Id)!, subject.Id, _a.Clock.GetUtcNow().AddDays(-1));

        // Node B is sweeping (holds the turn): node A's round is skipped and deletes nothing.
        using (_b.Get<IRetentionStore>().TryTakeSweeperTurn() ?? throw new InvalidOperationException("node B got no sweeper turn on an idle store"))
        {
            var skipped = _a.Sweeper.Sweep();
            Assert.True(skipped.Skipped);
            Assert.Equal(0, skipped.Subjects);
            Assert.NotNull(_a.Get<ISubjectStore>().FindSubject(gallery.Id, subject.Id));
        }

        // Once B's round ends, A's next round sweeps.
        var swept = _a.Sweeper.Sweep();
        Assert.False(swept.Skipped);
        Assert.Equal(1, swept.Subjects);
        Assert.Null(_a.Get<ISubjectStore>().FindSubject(gallery.Id, subject.Id));
        Assert.True(_b.Audit.Verify([]).Intact);
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
        _sqlite.Dispose();
        PostgresTestServer.DropSchema(_schema);
    }

    // Enrols the person's first image that passes the quality rule (the probe is their last image); its index.
    private static int EnrollFirstUsable(ServiceFixture node, RequestContext context, Guid gallery, Guid subject, string[] images)
    {
        for (int i = 0; i < images.Length - 1; i++)
        {
            try
            {
                node.Enrolment.EnrollFace(context, gallery, subject, File.ReadAllBytes(images[i]), "image/jpeg");
                return i;
            }
            catch (FaceAccordException e) when (e.Kind == ErrorKind.BadInput || e.Code.StartsWith("quality", StringComparison.Ordinal))
            {
            }
        }

        throw new InvalidOperationException($"No image of {images[0]} passed the quality rule.");
    }
}
