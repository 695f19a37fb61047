using FaceAccord.Core;

namespace FaceAccord.Vision.Detection;

/// <summary>
/// Drops a face that lies mostly inside a larger face's box: a real face is never inside another face, while a
/// detector looking closely at one face finds "faces" in its eyes, mouth and hairline.
/// </summary>
internal static class ContainmentSuppression
{
    /// <summary>Keeps, in order, every face with at most <paramref name="maxShare"/> of its area inside a larger kept face.</summary>
    public static List<FaceCandidate> Apply(IReadOnlyList<FaceCandidate> faces, float maxShare)
    {
        var bySize = faces.OrderByDescending(f => f.Box.Area).ToList();
        var kept = new List<FaceCandidate>(faces.Count);
        foreach (var face in bySize)
        {
            if (!kept.Any(larger => IsInside(face.Box, larger.Box, maxShare)))
            {
                kept.Add(face);
            }
        }

        return [.. faces.Where(kept.Contains)];
    }

    /// <summary>True when more than <paramref name="maxShare"/> of <paramref name="inner"/>'s area lies inside <paramref name="outer"/>.</summary>
    public static bool IsInside(FaceBox inner, FaceBox outer, float maxShare)
    {
        float w = Math.Min(inner.Right, outer.Right) - Math.Max(inner.X, outer.X);
        float h = Math.Min(inner.Bottom, outer.Bottom) - Math.Max(inner.Y, outer.Y);
        return w > 0 && h > 0 && inner.Area > 0 && w * h > maxShare * inner.Area;
    }
}
