using System.Numerics;
using FaceAccord.Vision.Alignment;

namespace FaceAccord.Vision.Tests.Alignment;

public sealed class AlignmentTemplateTests
{
    [Fact]
    public void ArcFace_template_has_the_subjects_left_eye_on_the_image_right()
    {
        var t = AlignmentTemplate.ArcFace112;
        Assert.True(t.LeftEye.X > t.RightEye.X);
        Assert.True(t.Nose.Y > t.LeftEye.Y && t.Mouth.Y > t.Nose.Y);
        Assert.True(Vector2.Distance(new Vector2(56.1396f, 92.2848f), t.Mouth) < 1e-4f);
    }

    [Fact]
    public void ScaleTo_keeps_points_on_the_same_content()
    {
        var t = AlignmentTemplate.ArcFace112;
        var big = t.ScaleTo(224, 224);
        Assert.Equal((224, 224), (big.Width, big.Height));

        // Pixel-centre convention: centre of a 112 crop (55.5) maps to centre of a 224 crop (111.5).
        var centred = new AlignmentTemplate(112, 112, new(55.5f, 55.5f), new(0, 0), new(111, 111), new(-0.5f, -0.5f)).ScaleTo(224, 224);
        Assert.Equal(new Vector2(111.5f, 111.5f), centred.LeftEye);
        Assert.Equal(new Vector2(0.5f, 0.5f), centred.RightEye);
        Assert.Equal(new Vector2(-0.5f, -0.5f), centred.Mouth);
        Assert.Equal(2 * (t.LeftEye.X - t.RightEye.X), big.LeftEye.X - big.RightEye.X, 4);

        var wide = t.ScaleTo(96, 112);
        Assert.Equal(t.LeftEye.Y, wide.LeftEye.Y, 4);
    }

    [Fact]
    public void Zoom_shrinks_about_the_centre()
    {
        var t = AlignmentTemplate.ArcFace112;
        var loose = t.Zoom(0.5f);
        var centre = new Vector2(55.5f, 55.5f);
        Assert.Equal(Vector2.Distance(t.Nose, centre) / 2, Vector2.Distance(loose.Nose, centre), 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Zoom(0));
    }

    [Fact]
    public void FromPoints_reads_the_manifest_layout()
    {
        float[] xy = [73.5f, 51.5f, 38.3f, 51.7f, 56f, 71.7f, 56.1f, 92.3f];
        var t = AlignmentTemplate.FromPoints(112, 112, xy);
        Assert.Equal(new Vector2(73.5f, 51.5f), t.LeftEye);
        Assert.Equal(new Vector2(56.1f, 92.3f), t.Mouth);
        Assert.Throws<ArgumentException>(() => AlignmentTemplate.FromPoints(112, 112, xy[..6]));
        Assert.Throws<ArgumentOutOfRangeException>(() => AlignmentTemplate.FromPoints(0, 112, xy));
    }
}
