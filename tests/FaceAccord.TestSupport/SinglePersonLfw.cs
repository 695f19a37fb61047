using System.Drawing;
using FaceAccord.Vision;

namespace FaceAccord.TestSupport;

/// <summary>
/// LFW images that show one person, split by person into a half for choosing settings and a held-out half for
/// reporting on, so synthetic portraits and group photos made from them measure rather than fit.
/// </summary>
public static class SinglePersonLfw
{
    /// <summary>Which half of the people.</summary>
    public enum Half
    {
        /// <summary>People settings may be chosen on.</summary>
        Tuning,

        /// <summary>People kept for reporting.</summary>
        HeldOut,
    }

    /// <summary>
    /// First images of people of <paramref name="half"/>, spread over the alphabet, that detection at their own
    /// 250×250 finds exactly one face in, with that face's box: the stand-ins for single-person photos.
    /// </summary>
    public static IEnumerable<(string Image, RectangleF Face)> Of(FacePipeline pipeline, Half half)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var people = Directory.GetDirectories(TestPaths.LfwImages).Order(StringComparer.Ordinal).ToList();
        int parity = half == Half.Tuning ? 0 : 1;
        for (int step = 0; step < people.Count; step++)
        {
            // A stride coprime with the count visits every person once, in an order spread over the names.
            int index = (int)((step * 97L) % people.Count);
            if (index % 2 != parity)
            {
                continue;
            }

            string image = Directory.GetFiles(people[index], "*.jpg").Order(StringComparer.Ordinal).First();
            var faces = pipeline.Detect(pipeline.Decode(image));
            if (faces.Count == 1)
            {
                var b = faces[0].Box;
                yield return (image, new RectangleF(b.X, b.Y, b.Width, b.Height));
            }
        }
    }
}
