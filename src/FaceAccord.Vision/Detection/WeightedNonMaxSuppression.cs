using FaceAccord.Core;

namespace FaceAccord.Vision.Detection;

/// <summary>
/// MediaPipe's weighted NMS: overlapping candidates are not just dropped but averaged, weighted by
/// score, which steadies boxes and keypoints (and so alignment) compared with plain NMS.
/// </summary>
internal static class WeightedNonMaxSuppression
{
    public static List<FaceCandidate> Apply(List<FaceCandidate> candidates, float iouThreshold)
    {
        var remaining = candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Box.X).ThenBy(c => c.Box.Y).ToList();
        var result = new List<FaceCandidate>();
        var cluster = new List<FaceCandidate>();
        var rest = new List<FaceCandidate>();
        while (remaining.Count > 0)
        {
            FaceCandidate top = remaining[0];
            cluster.Clear();
            rest.Clear();
            foreach (var c in remaining)
            {
                (top.Box.IntersectionOverUnion(c.Box) > iouThreshold ? cluster : rest).Add(c);
            }

            result.Add(Blend(top, cluster));
            (remaining, rest) = (rest, remaining);
        }

        return result;
    }

    private static FaceCandidate Blend(FaceCandidate top, List<FaceCandidate> cluster)
    {
        if (cluster.Count <= 1)
        {
            return top;
        }

        float total = 0, x = 0, y = 0, right = 0, bottom = 0;
        var kp = new float[top.Keypoints.Length];
        foreach (var c in cluster)
        {
            total += c.Score;
            x += c.Box.X * c.Score;
            y += c.Box.Y * c.Score;
            right += c.Box.Right * c.Score;
            bottom += c.Box.Bottom * c.Score;
            for (int k = 0; k < kp.Length; k++)
            {
                kp[k] += c.Keypoints[k] * c.Score;
            }
        }

        for (int k = 0; k < kp.Length; k++)
        {
            kp[k] /= total;
        }

        x /= total;
        y /= total;
        return new FaceCandidate(new FaceBox(x, y, right / total - x, bottom / total - y), top.Score, kp);
    }
}
