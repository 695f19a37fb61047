using System.Globalization;
using System.Xml.Linq;
using FaceAccord.Core;
using FaceAccord.TestSupport;
using FaceAccord.Vision.Alignment;
using FaceAccord.Vision.Imaging;
using FaceAccord.Vision.Tests.Imaging;
using SkiaSharp;
using Xunit.Abstractions;

namespace FaceAccord.Vision.Tests;

/// <summary>
/// Large photos end to end: synthetic portraits and phone copies made from held-out LFW people (LFW has no large
/// photos), enlarged detection-dev group photos, and a synthetic 12 MP group photo. See docs/pipeline.md.
/// </summary>
public sealed class LargePhotoTests(ITestOutputHelper output)
{
    private static readonly Lazy<List<(string Image, System.Drawing.RectangleF Face)>> HeldOut =
        new(() => [.. SinglePersonLfw.Of(TestPack.Pipeline, SinglePersonLfw.Half.HeldOut).Take(40)]);

    [Fact]
    public void Held_out_portraits_and_their_phone_copies_show_one_face_with_the_same_template()
    {
        var pipeline = TestPack.Pipeline;
        var similarities = new List<double>();
        for (int k = 0; k < 30; k++)
        {
            var backdrop = k % 2 == 0 ? SyntheticPhotos.Backdrop.Plain : SyntheticPhotos.Backdrop.Textured;
            byte[] portrait = SyntheticPhotos.Portrait(HeldOut.Value[k].Image, 1350, backdrop, k);
            byte[] phone = SyntheticPhotos.PhoneCopy(portrait, 4032, 3024, backdrop, k);

            var a = pipeline.Load(portrait);
            var b = pipeline.Load(phone);
            var facesA = pipeline.Detect(a);
            var facesB = pipeline.Detect(b);
            string name = Path.GetFileName(HeldOut.Value[k].Image);
            Assert.True(facesA.Count == 1, $"{name}: {facesA.Count} faces in the 1350×1350 portrait");
            Assert.True(facesB.Count == 1, $"{name}: {facesB.Count} faces in the 4032×3024 copy");
            Assert.Equal((4032, 3024), (b.Width, b.Height));

            similarities.Add(pipeline.Embed(a, facesA[0]).Similarity(pipeline.Embed(b, facesB[0])));
        }

        output.WriteLine($"phone copy vs portrait: cosine min {similarities.Min():0.000}, median {similarities.Order().ElementAt(15):0.000}");
        Assert.All(similarities, s => Assert.True(s >= 0.95, $"cosine {s:0.000}"));
    }

    [Fact]
    public void A_phone_photo_stored_sideways_gives_the_face_and_template_of_the_upright_one()
    {
        var pipeline = TestPack.Pipeline;
        byte[] upright = SyntheticPhotos.PhoneCopy(SyntheticPhotos.Portrait(HeldOut.Value[30].Image), 4032, 3024);
        byte[] sideways = JpegExif.WithOrientation(RotatedCounterClockwise(upright), 6);

        var a = pipeline.Load(upright);
        var b = pipeline.Load(sideways);
        var faceA = Assert.Single(pipeline.Detect(a));
        var faceB = Assert.Single(pipeline.Detect(b));

        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        Assert.True(faceA.Box.IntersectionOverUnion(faceB.Box) > 0.9f, $"{faceA.Box} vs {faceB.Box}");
        Assert.True(pipeline.Embed(a, faceA).Similarity(pipeline.Embed(b, faceB)) >= 0.98);
    }

    [Fact]
    public void Progressive_jpeg_and_png_copies_of_a_portrait_give_its_face_and_template()
    {
        var pipeline = TestPack.Pipeline;
        byte[] baseline = SyntheticPhotos.Portrait(HeldOut.Value[31].Image, 1350, SyntheticPhotos.Backdrop.Textured, 31);
        var pixels = ImageDecoder.Default.Decode(baseline);
        var reference = pipeline.Load(baseline);
        var referenceFace = Assert.Single(pipeline.Detect(reference));
        var template = pipeline.Embed(reference, referenceFace);

        foreach (var (kind, bytes) in new[] { ("progressive", ProgressiveJpeg.Encode(pixels)), ("png", TestImages.Encode(pixels, SKEncodedImageFormat.Png)) })
        {
            var photo = pipeline.Load(bytes);
            var face = Assert.Single(pipeline.Detect(photo));
            double similarity = pipeline.Embed(photo, face).Similarity(template);
            output.WriteLine($"{kind}: scale {photo.Scale}, cosine {similarity:0.000}");
            Assert.True(similarity >= 0.98, $"{kind}: cosine {similarity:0.000}");
        }
    }

    [Theory]
    [InlineData(2.7f)]
    [InlineData(8f)]
    public void Enlarged_group_photos_keep_every_annotated_face(float factor)
    {
        var pipeline = TestPack.Pipeline;
        var doc = XDocument.Load(Path.Combine(TestPaths.DetectionDev, "training.xml"));
        int truth = 0, found = 0, falseDetections = 0;
        foreach (var img in doc.Descendants("image"))
        {
            var boxes = img.Elements("box").Select(b => new FaceBox(F(b, "left") * factor, F(b, "top") * factor, F(b, "width") * factor, F(b, "height") * factor)).ToList();
            var photo = pipeline.Load(SyntheticPhotos.Enlarged(Path.Combine(TestPaths.DetectionDev, (string)img.Attribute("file")!), factor));
            var (hits, misses) = Match(pipeline.Detect(photo), boxes);
            truth += boxes.Count;
            found += hits;
            falseDetections += misses;
        }

        output.WriteLine($"×{factor}: recall {found}/{truth}, false detections {falseDetections}");
        Assert.Equal(18, found);
        Assert.True(falseDetections <= 1, $"{falseDetections} false detections");
    }

    [Fact]
    public void Small_faces_of_a_12_megapixel_group_photo_are_found_and_embedded_from_their_own_pixels()
    {
        var pipeline = TestPack.Pipeline;
        var people = HeldOut.Value.Skip(32).Take(8).Select(p => new SyntheticGroupPhoto.Person(p.Image, p.Face)).ToList();
        float[] widths = [100, 120, 140, 165, 195, 230, 270, 320];
        var (jpeg, truth) = SyntheticGroupPhoto.Make(people, widths, 4032, 3024, seed: 7);

        var photo = pipeline.Load(jpeg);
        var faces = pipeline.Detect(photo);
        var (found, falseDetections) = Match(faces, [.. truth.Select(r => new FaceBox(r.X, r.Y, r.Width, r.Height))]);
        output.WriteLine($"recall {found}/{truth.Count}, false detections {falseDetections}, working scale {photo.Scale}");
        Assert.Equal(truth.Count, found);
        Assert.Equal(0, falseDetections);

        // The smallest face needs more pixels than the working scale has: its crops come from its region, decoded
        // finer, and its template matches one cut from the whole photo decoded in full.
        var smallest = faces.MinBy(f => f.Box.Width)!;
        var embedders = TestPack.Installed.Manifest.DefaultEmbedders.Select(id => TestPack.Installed.Manifest.Model(id)).ToList();
        var source = FacePixels.For(photo, [smallest], f => embedders.Select(e => FacePixels.Crop.Of(
            AlignmentTemplate.FromPoints(e.InputWidth, e.InputHeight, e.AlignmentPoints!).TransformFor(f.Landmarks), e.InputWidth, e.InputHeight)))[0];
        Assert.True(source.Scale > photo.Scale, $"crops cut from scale {source.Scale}, working scale {photo.Scale}");
        Assert.True(source.Image.Width * source.Image.Height < photo.Width * photo.Height / 16, "a region, not the whole photo");

        var full = Photo.Of(ImageDecoder.Default.Decode(jpeg));
        double similarity = pipeline.Embed(photo, smallest).Similarity(pipeline.Embed(full, smallest));
        output.WriteLine($"smallest face {smallest.Box.Width:0} px: region vs full decode cosine {similarity:0.0000}");
        Assert.True(similarity >= 0.99, $"cosine {similarity:0.0000}");
    }

    [Fact]
    public void Quality_of_a_face_in_a_scaled_photo_is_measured_in_full_resolution_pixels()
    {
        byte[] phone = SyntheticPhotos.PhoneCopy(SyntheticPhotos.Portrait(HeldOut.Value[33].Image), 4032, 3024);
        var pipeline = TestPack.Pipeline;
        var photo = pipeline.Load(phone);
        var face = Assert.Single(pipeline.Detect(photo));

        var (scaled, verdict) = pipeline.Quality(photo, face);
        var (full, fullVerdict) = pipeline.Quality(ImageDecoder.Default.Decode(phone), face);

        Assert.True(photo.Scale <= 0.25f);
        Assert.Equal(face.Landmarks.InterOcularDistance, scaled.InterOcularDistance);
        Assert.Equal((face.Box.Width, face.Box.Height), (scaled.FaceWidth, scaled.FaceHeight));
        Assert.Equal(full.Pose.Yaw, scaled.Pose.Yaw, 2f);
        Assert.Equal(full.Pose.Pitch, scaled.Pose.Pitch, 2f);
        Assert.Equal(full.Pose.Roll, scaled.Pose.Roll, 2f);
        Assert.Equal(full.MeanLuminance, scaled.MeanLuminance, 0.02f);
        Assert.Equal(fullVerdict.Passed, verdict.Passed);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 4000)]
    [InlineData(6000, 8)]
    [InlineData(4032, 3024)]
    public void Photos_of_extreme_shapes_or_without_content_give_no_face_and_no_error(int width, int height)
    {
        var pipeline = TestPack.Pipeline;
        var grey = new RgbImage(width, height, Enumerable.Repeat((byte)128, width * height * 3).ToArray());
        foreach (var format in new[] { SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Png })
        {
            var photo = pipeline.Load(TestImages.Encode(grey, format, 90));
            Assert.Equal((width, height), (photo.Width, photo.Height));
            Assert.Empty(pipeline.Detect(photo));
        }
    }

    private static (int Found, int FalseDetections) Match(IReadOnlyList<DetectedFace> faces, IReadOnlyList<FaceBox> truth)
    {
        var unmatched = new List<DetectedFace>(faces);
        int found = 0;
        foreach (var box in truth)
        {
            var best = unmatched.MaxBy(f => f.Box.IntersectionOverUnion(box));
            if (best is not null && best.Box.IntersectionOverUnion(box) >= 0.4f)
            {
                found++;
                unmatched.Remove(best);
            }
        }

        return (found, unmatched.Count);
    }

    /// <summary>The JPEG's pixels turned 90° counter-clockwise, as a phone held upright stores them (shown upright with orientation 6).</summary>
    private static byte[] RotatedCounterClockwise(byte[] jpeg)
    {
        using var source = SKBitmap.Decode(jpeg);
        using var surface = SKSurface.Create(new SKImageInfo(source.Height, source.Width, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Translate(0, source.Width);
        surface.Canvas.RotateDegrees(-90);
        surface.Canvas.DrawBitmap(source, 0, 0);
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Jpeg, 92);
        return data.ToArray();
    }

    private static float F(XElement e, string name) => float.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);
}
