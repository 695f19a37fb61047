using FaceAccord.TestSupport;

namespace FaceAccord.Service.Tests;

/// <summary>
/// A subject's faces rest on the consent recorded with the subject, so a withdrawal of that consent always reaches
/// every face; and a withdrawal interrupted after the consent was marked is finished by asking again.
/// </summary>
public sealed class ConsentBasisTests : IDisposable
{
    private readonly ServiceFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void A_face_cannot_be_added_under_another_consent_than_its_subjects()
    {
        var context = _f.Tenant("commercial", "US", "US-CA", "Oakland");
        var (name, images) = LfwPeople.Sample(1, n => n >= 6, seed: 21)[0];
        var first = _f.Consent(context, name);
        var second = _f.Consent(context, name);
        var gallery = _f.Galleries.Create(context, "doors");
        var subject = _f.Enrolment.CreateSubject(context, gallery.Id, name, first);
        byte[] image = File.ReadAllBytes(images[0]);

        var refused = Assert.Throws<FaceAccordException>(
            () => _f.Enrolment.EnrollFace(context with { LegalBasis = second }, gallery.Id, subject.Id, image, "image/jpeg"));

        Assert.Equal("legal-basis-mismatch", refused.Code);
        Assert.Equal(ErrorKind.BadInput, refused.Kind);
        Assert.Contains(second.Reference!, refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, _f.Count("SELECT count(*) FROM faces WHERE gallery_id = $id;", gallery.Id));

        // Declaring the subject's own consent, or nothing, adds faces under it; withdrawing the other one leaves them.
        int added = 0;
        foreach (var declared in new LegalBasis?[] { first, null })
        {
            added += TryEnroll(context with { LegalBasis = declared }, gallery.Id, subject.Id, images, added);
        }

        Assert.True(added > 0, "no image of the sample passed the enrolment quality rule");
        Assert.Empty(_f.Consents.Withdraw(context, Guid.Parse(second.Reference!), null).SubjectsDeleted);
        var withdrawal = _f.Consents.Withdraw(context, Guid.Parse(first.Reference!), null);
        Assert.Equal(subject.Id, Assert.Single(withdrawal.SubjectsDeleted).SubjectId);
        Assert.Equal(0, _f.Count("SELECT count(*) FROM faces WHERE gallery_id = $id;", gallery.Id));
    }

    [Fact]
    public void Withdrawing_again_finishes_an_interrupted_withdrawal_and_only_then_answers_that_it_was_withdrawn()
    {
        var context = _f.Tenant("commercial", "US", "US-CA", "Oakland");
        var (name, _) = LfwPeople.Sample(1, n => n >= 2, seed: 22)[0];
        var consent = _f.Consent(context, name);
        var gallery = _f.Galleries.Create(context, "doors");
        var subject = _f.Enrolment.CreateSubject(context, gallery.Id, name, consent);
        var consentId = Guid.Parse(consent.Reference!);

        // The first withdrawal marked the consent and then stopped (a crash) before erasing the subject.
        _f.Store.WithdrawConsent(context.TenantId, consentId, null, _f.Clock.GetUtcNow());
        Assert.NotNull(_f.Store.FindSubject(gallery.Id, subject.Id));

        var finished = _f.Consents.Withdraw(context, consentId, null);

        Assert.Equal(subject.Id, Assert.Single(finished.SubjectsDeleted).SubjectId);
        Assert.Null(_f.Store.FindSubject(gallery.Id, subject.Id));
        Assert.True(_f.Audit.Verify().Intact);
        Assert.Equal("consent-withdrawn", Assert.Throws<FaceAccordException>(() => _f.Consents.Withdraw(context, consentId, null)).Code);
    }

    [Fact]
    public void Recording_a_consent_leaves_an_audit_entry_with_its_dates_and_no_personal_data()
    {
        var context = _f.Tenant("commercial", "US", "US-CA", "Oakland");
        var basis = _f.Consent(context, "person-with-a-name");

        var entry = Assert.Single(_f.Audit.Export(), e => e.Record.Operation == Safeguards.OperationKind.ConsentRecord.Name);

        Assert.Equal(context.TenantId, entry.Record.TenantId);
        string detail = entry.Record.Detail!.Value.GetRawText();
        Assert.Contains(basis.Reference!, detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("grantedAt", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("person-with-a-name", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("form-", detail, StringComparison.Ordinal);
        Assert.True(_f.Audit.Verify().Intact);
    }

    // Enrols images from index `from` until one passes the quality rule; 1 when one did, 0 when none did.
    private int TryEnroll(Safeguards.RequestContext context, Guid gallery, Guid subject, string[] images, int from)
    {
        for (int i = from; i < images.Length; i++)
        {
            try
            {
                _f.Enrolment.EnrollFace(context, gallery, subject, File.ReadAllBytes(images[i]), "image/jpeg");
                return 1;
            }
            catch (FaceAccordException e) when (e.Code == "quality-refused")
            {
                // The enrolment quality rule at work; the next image may pass.
            }
        }

        return 0;
    }
}
