using FaceAccord.TestSupport;
using FaceAccord.Vision;

namespace FaceAccord.Service.Tests;

/// <summary>
/// Enrolment and comparison act on the prominent face: a studio portrait and its phone-sized copy are one person's
/// one face, a small bystander does not make a photo ambiguous, two comparable confident faces do. The photos are
/// synthetic, made from held-out LFW people (docs/pipeline.md).
/// </summary>
public sealed class ProminentFaceEnrolmentTests : IDisposable
{
    private static readonly Lazy<List<SyntheticGroupPhoto.Person>> People = new(() =>
        [.. SinglePersonLfw.Of(TestPack.Pipeline, SinglePersonLfw.Half.HeldOut).Skip(40).Take(4).Select(p => new SyntheticGroupPhoto.Person(p.Image, p.Face))]);

    private readonly ServiceFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void A_portrait_enrols_and_its_phone_copy_compares_as_the_same_face()
    {
        var context = _f.Tenant("commercial", "US", "US-CA", "Oakland");
        byte[] portrait = SyntheticPhotos.Portrait(People.Value[0].LfwImage, 1350, SyntheticPhotos.Backdrop.Textured, 3);
        byte[] phone = SyntheticPhotos.PhoneCopy(portrait, 4032, 3024, SyntheticPhotos.Backdrop.Textured, 3);

        var detected = _f.Identification.Detect(context, phone, "phone");
        Assert.Equal((4032, 3024), (detected.Width, detected.Height));
        Assert.Single(detected.Faces);

        var gallery = _f.Galleries.Create(context, "studio");
        var subject = _f.Enrolment.CreateSubject(context, gallery.Id, "sitter", _f.Consent(context, "sitter"));
        try
        {
            _f.Enrolment.EnrollFace(context, gallery.Id, subject.Id, portrait, "image/jpeg");
        }
        catch (FaceAccordException e) when (e.Code == "quality-refused")
        {
            // The quality rule may refuse an enlarged 250 px photo as blurry; the face choice is what is tested here.
            Assert.DoesNotContain("ambiguous", e.Message, StringComparison.OrdinalIgnoreCase);
        }

        var verdict = _f.Identification.Verify(context, portrait, phone);
        Assert.True(verdict.Similarity >= 0.95, $"similarity {verdict.Similarity}");
        Assert.True(verdict.Match);
    }

    [Fact]
    public void A_small_bystander_leaves_the_subject_prominent_and_a_comparable_confident_face_is_ambiguous()
    {
        var context = _f.Tenant("commercial", "US", "US-CA", "Oakland");
        var gallery = _f.Galleries.Create(context, "doors");
        var subject = _f.Enrolment.CreateSubject(context, gallery.Id, "member", _f.Consent(context, "member"));
        var pair = new[] { People.Value[1], People.Value[2] };

        var (withBystander, _) = SyntheticGroupPhoto.Make(pair, [360f, 120f], 1600, 800, seed: 5);
        var faces = TestPack.Pipeline.Detect(TestPack.Pipeline.Load(withBystander));
        Assert.Equal(2, faces.Count);
        Assert.Null(ProminentFace.Rival(faces, ProminentFace.Of(faces)!));
        var verdict = _f.Identification.Verify(context, withBystander, SyntheticPhotos.Portrait(pair[0].LfwImage));
        Assert.True(verdict.Similarity >= 0.9, $"the bystander was compared: similarity {verdict.Similarity}");

        var (twoSitters, _) = SyntheticGroupPhoto.Make(pair, [300f, 290f], 1600, 800, seed: 6);
        var refused = Assert.Throws<FaceAccordException>(() => _f.Enrolment.EnrollFace(context, gallery.Id, subject.Id, twoSitters, "image/jpeg"));
        Assert.Equal("ambiguous-face", refused.Code);
        Assert.Equal(0, _f.Count("SELECT count(*) FROM faces WHERE gallery_id = $id;", gallery.Id));
    }
}
