using System.Drawing;
using System.Numerics;
using FaceAccord.Core;
using FaceAccord.Vision.Alignment;

namespace FaceAccord.Vision.Imaging;

/// <summary>
/// Chooses the pixels a face's crops are cut from: the photo's working pixels when they hold at least as many
/// pixels as each crop needs, otherwise the faces' region decoded again just finely enough, so a small face in a
/// large group photo keeps its detail while a portrait never decodes more than its working scale.
/// </summary>
internal static class FacePixels
{
    /// <summary>One crop a stage cuts from a face: the pixels per photo pixel it samples at and the photo region it reads.</summary>
    public readonly record struct Crop(float Scale, RectangleF Footprint)
    {
        /// <summary>The crop a similarity transform cuts: its scale, and its corners mapped back plus a pixel for bilinear sampling.</summary>
        public static Crop Of(SimilarityTransform photoToCrop, int width, int height)
        {
            var back = photoToCrop.Invert();
            Span<Vector2> corners = [back.Apply(new Vector2(-1, -1)), back.Apply(new Vector2(width, -1)), back.Apply(new Vector2(-1, height)), back.Apply(new Vector2(width, height))];
            float x0 = float.MaxValue, y0 = float.MaxValue, x1 = float.MinValue, y1 = float.MinValue;
            foreach (var c in corners)
            {
                x0 = Math.Min(x0, c.X);
                y0 = Math.Min(y0, c.Y);
                x1 = Math.Max(x1, c.X);
                y1 = Math.Max(y1, c.Y);
            }

            return new Crop(photoToCrop.Scale, RectangleF.FromLTRB(x0, y0, x1, y1));
        }
    }

    /// <summary>
    /// For each face, the pixels to cut its <paramref name="crops"/> from; faces needing finer pixels share one
    /// region decoded once.
    /// </summary>
    public static PhotoPixels[] For(Photo photo, IReadOnlyList<DetectedFace> faces, Func<DetectedFace, IEnumerable<Crop>> crops)
    {
        ArgumentNullException.ThrowIfNull(photo);
        var result = new PhotoPixels[faces.Count];
        var needs = new float[faces.Count];
        RectangleF? union = null;
        float finest = 0;
        for (int i = 0; i < faces.Count; i++)
        {
            result[i] = photo.Working;
            float need = 0;
            RectangleF region = RectangleF.Empty;
            foreach (var crop in crops(faces[i]))
            {
                // Crop pixels per photo pixel; beyond 1 no finer pixels exist.
                need = Math.Max(need, Math.Min(1f, crop.Scale));
                region = region.IsEmpty ? crop.Footprint : RectangleF.Union(region, crop.Footprint);
            }

            if (photo.Working.Scale < need && photo.FinestScale > photo.Working.Scale)
            {
                needs[i] = need;
                union = union is { } u ? RectangleF.Union(u, region) : region;
                finest = Math.Max(finest, need);
            }
        }

        if (union is { } all)
        {
            var finer = photo.PixelsFor(all, finest);
            for (int i = 0; i < faces.Count; i++)
            {
                if (needs[i] > 0)
                {
                    result[i] = finer;
                }
            }
        }

        return result;
    }
}
