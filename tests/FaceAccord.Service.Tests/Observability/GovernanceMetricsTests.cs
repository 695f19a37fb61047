namespace FaceAccord.Service.Tests.Observability;

/// <summary>Tests that read process-wide instruments run alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics";
}

/// <summary>
/// The retention sweeper's, consents' and the governed path's instruments, on a real store and a clock the test moves
/// (templates enrolled directly, so no model runs).
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class GovernanceMetricsTests : IDisposable
{
    private readonly ServiceFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void A_sweep_counts_the_subjects_it_expired_and_when_it_ran_and_a_withdrawal_is_counted()
    {
        var context = _f.Tenant("commercial", "US", "US-CA", "Oakland", "access-control");
        var gallery = _f.Galleries.Create(context, "visitors", storeImages: false, retentionDays: 30);
        long entriesBefore = _f.Audit.Export().LongCount();
        using var metrics = new MeterRecorder();
        var bases = new List<LegalBasis>();
        foreach (string person in new[] { "p-1", "p-2", "p-3" })
        {
            var basis = _f.Consent(context, person);
            bases.Add(basis);
            var subject = _f.Enrolment.CreateSubject(context, gallery.Id, person, basis);
            _f.Enrolment.EnrollTemplate(context, gallery.Id, subject.Id, Template(person.Length + bases.Count));
        }

        Assert.Equal(6, metrics.Sum("faceaccord.operations", ("operation", "enroll"), ("outcome", "created")));
        Assert.Equal(3, metrics.Sum("faceaccord.operations", ("operation", "consent-record"), ("outcome", "created")));
        Assert.Equal(6, metrics.Sum("faceaccord.policy.decisions", ("operation", "enroll"), ("result", "allow")));

        // One person withdraws: their subject goes with the consent.
        var withdrawal = _f.Consents.Withdraw(context, Guid.Parse(bases[2].Reference!), null);
        Assert.Single(withdrawal.SubjectsDeleted);
        Assert.Equal(1, metrics.Sum("faceaccord.consent.withdrawals"));

        // A withdrawal asked again, with nothing left under it, is refused and counted as such, not as a withdrawal.
        Assert.Throws<FaceAccordException>(() => _f.Consents.Withdraw(context, Guid.Parse(bases[2].Reference!), null));
        Assert.Equal(1, metrics.Sum("faceaccord.consent.withdrawals"));
        Assert.Equal(1, metrics.Sum("faceaccord.operations", ("operation", "delete"), ("outcome", "rejected"), ("problem", "consent-withdrawn")));

        // Before expiry a sweep deletes nothing; after it, the two left.
        _f.Sweeper.Sweep();
        Assert.Equal(0, metrics.Sum("faceaccord.retention.subjects_expired"));
        _f.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(2, _f.Sweeper.Sweep().Subjects);
        Assert.Equal(2, metrics.Sum("faceaccord.retention.sweeps", ("result", "ok")));
        Assert.Equal(2, metrics.Sum("faceaccord.retention.subjects_expired"));
        Assert.Equal(1, metrics.Sum("faceaccord.operations", ("operation", "delete"), ("outcome", "deleted"), ("channel", "system")));
        Assert.Equal(_f.Clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0, metrics.Gauge("faceaccord.retention.last_sweep"));

        // Every entry appended while recording was counted, by decision.
        Assert.Equal(_f.Audit.Export().LongCount() - entriesBefore, metrics.Sum("faceaccord.audit.appends"));
        _f.Audit.Verify();
        Assert.Equal(1, metrics.Gauge("faceaccord.audit.verification.intact"));
        Assert.Equal(_f.Audit.Export().LongCount(), metrics.Gauge("faceaccord.audit.verification.head"));
    }

    private static float[] Template(int seed)
    {
        var random = new Random(seed);
        var template = new float[64];
        for (int d = 0; d < template.Length; d++)
        {
            template[d] = (float)(random.NextDouble() - 0.5);
        }

        return template;
    }
}
