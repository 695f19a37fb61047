using FaceAccord.Governance.Audit;
using FaceAccord.Service.Consents;
using FaceAccord.Service.Reviews;
using FaceAccord.Service.Safeguards;
using FaceAccord.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAccord.Service.Tests;

/// <summary>
/// The one governed path: role, policy, act, one entry with what the caller got, and the change committed with its
/// entry or not at all, whichever front end asks (these contexts are the command line's).
/// </summary>
public sealed class GovernedPathTests : IDisposable
{
    private readonly ServiceFixture _f = new(services => services.AddSingleton<IAuditLogStore>(sp => new RefusingAuditStore(sp.GetRequiredService<IFaceAccordStore>())));

    public void Dispose() => _f.Dispose();

    private RefusingAuditStore AuditStore => (RefusingAuditStore)_f.Get<IAuditLogStore>();

    [Fact]
    public void An_allowed_operation_seals_one_entry_with_the_channel_and_status()
    {
        var context = _f.Tenant("commercial", "US", "US-CA", "Oakland");
        long before = _f.Audit.Export().Count();
        var gallery = _f.Galleries.Create(context, "staff");

        var entry = Assert.Single(_f.Audit.Export().Skip((int)before)).Record;
        Assert.Equal((OperationKind.GalleryCreate.Name, AuditDecision.Allow, "cli", 0, null), (entry.Operation, entry.Decision, entry.Channel, entry.Status, entry.Problem));
        Assert.Equal(gallery.Id, entry.GalleryId);
    }

    [Fact]
    public void A_failure_is_sealed_with_its_exit_code_and_problem_and_changes_nothing()
    {
        var context = _f.Tenant("commercial", "US", "US-CA", "Oakland");
        var missing = Guid.NewGuid();
        Assert.Equal("gallery-not-found", Assert.Throws<FaceAccordException>(() => _f.Enrolment.CreateSubject(context, missing, "ada", null)).Code);
        Assert.Equal("top-invalid", Assert.Throws<FaceAccordException>(() => _f.Identification.Identify(context, _f.Galleries.Create(context, "g").Id, [1], top: 0)).Code);

        var entries = _f.Audit.Export(new AuditQuery(context.TenantId)).Select(e => e.Record).ToList();
        var notFound = Assert.Single(entries, r => r.Problem == "gallery-not-found");
        Assert.Equal((AuditDecision.Error, CommandLineChannel.BadInput, "enroll"), (notFound.Decision, notFound.Status, notFound.Operation));
        Assert.Single(entries, r => r.Problem == "top-invalid" && r.Operation == "identify" && r.Status == CommandLineChannel.BadInput);
        Assert.True(_f.Audit.Verify().Intact);
    }

    [Fact]
    public void Role_rules_hold_for_every_operation_whatever_the_front_end()
    {
        var context = _f.Tenant("commercial", "US", "US-CA", "Oakland");
        var reviewer = context with { KeyId = _f.Tenants.IssueKey(context.TenantId, KeyRole.Reviewer).KeyId, Role = KeyRole.Reviewer };

        Assert.Equal(OperationKind.KeyRoleForbidden, Assert.Throws<FaceAccordException>(() => _f.Galleries.Create(reviewer, "staff")).Code);
        Assert.Equal(OperationKind.KeyRoleForbidden, Assert.Throws<FaceAccordException>(() => _f.Galleries.List(reviewer)).Code);
        Assert.Equal(OperationKind.KeyRoleForbidden, Assert.Throws<FaceAccordException>(() =>
            _f.Consents.Record(reviewer, new RecordConsentRequest("ada", ["access-control"], "v1", new string('a', 64), null, "written", "form-1"))).Code);
        Assert.Equal(OperationKind.KeyRoleForbidden, Assert.Throws<FaceAccordException>(() => _f.Erasure.Erase(reviewer, new DeletionRequest("ada", null))).Code);
        Assert.Equal(OperationKind.ReviewerRoleRequired, Assert.Throws<FaceAccordException>(() =>
            _f.Reviews.Decide(context, Guid.NewGuid(), new ReviewDecisionRequest("confirm", null))).Code);

        Assert.Empty(_f.Galleries.List(context));
        var refusals = _f.Audit.Export(new AuditQuery(context.TenantId)).Select(e => e.Record).Where(r => r.Decision == AuditDecision.Deny).ToList();
        Assert.Equal(5, refusals.Count);
        Assert.All(refusals, r => Assert.Equal(CommandLineChannel.Denied, r.Status));
    }

    [Fact]
    public void A_write_whose_entry_cannot_be_sealed_is_rolled_back()
    {
        var context = _f.Tenant("commercial", "US", "US-CA", "Oakland");
        var gallery = _f.Galleries.Create(context, "staff");
        var subject = _f.Enrolment.CreateSubject(context, gallery.Id, "ada", null);

        AuditStore.Refuse = row => row is { Operation: "enroll", Decision: "allow" };
        Assert.Throws<IOException>(() => _f.Enrolment.CreateSubject(context, gallery.Id, "grace", null));
        Assert.Null(_f.Store.FindSubjectByExternalId(gallery.Id, "grace"));

        // A deletion and its tombstone: neither without the other.
        AuditStore.Refuse = row => row is { Operation: "delete", Decision: "allow" };
        Assert.Throws<IOException>(() => _f.Enrolment.DeleteSubject(context, gallery.Id, subject.Id));
        Assert.NotNull(_f.Store.FindSubject(gallery.Id, subject.Id));

        AuditStore.Refuse = _ => false;
        _f.Enrolment.DeleteSubject(context, gallery.Id, subject.Id);
        Assert.Null(_f.Store.FindSubject(gallery.Id, subject.Id));
        var records = _f.Audit.Export(new AuditQuery(context.TenantId)).Select(e => e.Record).ToList();
        Assert.Equal(2, records.Count(r => r.Decision == AuditDecision.Error && r.Problem == "internal"));
        Assert.True(AuditTombstone.TryRead(records.Last().Detail, out var tombstone));
        Assert.Equal([subject.Id], tombstone.SubjectIds);
        Assert.True(_f.Audit.Verify().Intact);
    }

    [Fact]
    public void A_policy_refusal_names_its_rules_and_stores_nothing()
    {
        var police = _f.Tenant("law-enforcement", "US", "US-CA", "San Francisco", "investigative-lead");
        var gallery = _f.Galleries.Create(police, "mugshots");
        var refused = Assert.Throws<FaceAccordException>(() => _f.Enrolment.CreateSubject(police, gallery.Id, "suspect", new LegalBasis("warrant", "W-1")));
        Assert.Equal(ErrorKind.Denied, refused.Kind);
        Assert.Empty(_f.Store.ListSubjects(gallery.Id));
        var entry = _f.Audit.Export(new AuditQuery(police.TenantId)).Last().Record;
        Assert.Equal((AuditDecision.Deny, refused.Code, CommandLineChannel.Denied), (entry.Decision, entry.Problem, entry.Status));
        Assert.NotEmpty(entry.RuleIds);
    }

    /// <summary>The store's audit half, made to fail appends a test picks (a disk that fills at the worst moment).</summary>
    private sealed class RefusingAuditStore(IAuditLogStore inner) : IAuditLogStore
    {
        public Func<AuditRow, bool> Refuse { get; set; } = _ => false;

        public AuditRow AppendAudit(Func<AuditChainHead, AuditRow> seal) => inner.AppendAudit(head =>
        {
            var row = seal(head);
            return Refuse(row) ? throw new IOException("No space left on device.") : row;
        });

        public AuditChainHead ReadAuditHead() => inner.ReadAuditHead();

        public IEnumerable<AuditRow> ReadAudit(AuditQuery query) => inner.ReadAudit(query);
    }
}
