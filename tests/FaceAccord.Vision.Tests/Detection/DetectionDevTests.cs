using System.Globalization;
using System.Xml.Linq;
using FaceAccord.Core;
using FaceAccord.TestSupport;
using Xunit.Abstractions;

namespace FaceAccord.Vision.Tests.Detection;

public sealed class DetectionDevTests(ITestOutputHelper output)
{
    [Fact]
    public void Finds_every_annotated_group_photo_face_with_at_most_1_false_detection()
    {
        var pipeline = TestPack.Pipeline;
        var doc = XDocument.Load(Path.Combine(TestPaths.DetectionDev, "training.xml"));
        int truth = 0, found = 0, falseDetections = 0;
        foreach (var img in doc.Descendants("image"))
        {
            var boxes = img.Elements("box").Select(b => new FaceBox(
                F(b, "left"), F(b, "top"), F(b, "width"), F(b, "height"))).ToList();
            var image = pipeline.Decode(Path.Combine(TestPaths.DetectionDev, (string)img.Attribute("file")!));
            var faces = pipeline.Detect(image).ToList();
            var unmatched = new List<DetectedFace>(faces);
            foreach (var box in boxes)
            {
                var best = unmatched.OrderByDescending(f => f.Box.IntersectionOverUnion(box)).FirstOrDefault();
                if (best is not null && best.Box.IntersectionOverUnion(box) >= 0.4f)
                {
                    found++;
                    unmatched.Remove(best);
                }
            }

            truth += boxes.Count;
            falseDetections += unmatched.Count;
            output.WriteLine($"{img.Attribute("file")}: {boxes.Count} annotated, {faces.Count} detected, {unmatched.Count} unmatched");
        }

        output.WriteLine($"recall {found}/{truth}, false detections {falseDetections}");
        Assert.Equal(18, truth);
        Assert.Equal(truth, found);
        Assert.True(falseDetections <= 1, $"{falseDetections} false detections");
    }

    private static float F(XElement e, string name) => float.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);
}
