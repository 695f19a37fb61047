using FaceAccord.Core;

namespace FaceAccord.Vision.Detection;

/// <summary>
/// Turns BlazeFace's raw outputs (16 regressors and one logit per anchor) into candidates in
/// input-pixel coordinates: offsets are in input pixels relative to the anchor centre.
/// </summary>
internal static class BlazeFaceDecoder
{
    public const int Regressors = 16;
    public const int Keypoints = 6;

    /// <summary>Appends every anchor whose sigmoid score reaches <paramref name="minScore"/>.</summary>
    public static void Decode(
        ReadOnlySpan<float> regressors,
        ReadOnlySpan<float> logits,
        ReadOnlySpan<(float X, float Y)> anchors,
        int inputSize,
        float minScore,
        List<FaceCandidate> into)
    {
        if (regressors.Length != anchors.Length * Regressors || logits.Length != anchors.Length)
        {
            throw new ArgumentException($"Expected {anchors.Length} anchors' outputs, got {logits.Length} scores and {regressors.Length / Regressors} boxes.");
        }

        // Compare logits, not probabilities: one sigmoid per kept candidate instead of one per anchor.
        float minLogit = MathF.Log(minScore / (1 - minScore));
        for (int i = 0; i < anchors.Length; i++)
        {
            float logit = Math.Clamp(logits[i], -100f, 100f);
            if (logit < minLogit)
            {
                continue;
            }

            ReadOnlySpan<float> r = regressors.Slice(i * Regressors, Regressors);
            float ax = anchors[i].X * inputSize;
            float ay = anchors[i].Y * inputSize;
            float cx = ax + r[0];
            float cy = ay + r[1];
            float w = r[2];
            float h = r[3];
            if (!(w > 0 && h > 0))
            {
                continue;
            }

            var kp = new float[Keypoints * 2];
            for (int k = 0; k < Keypoints; k++)
            {
                kp[2 * k] = ax + r[4 + 2 * k];
                kp[2 * k + 1] = ay + r[5 + 2 * k];
            }

            float score = 1f / (1f + MathF.Exp(-logit));
            into.Add(new FaceCandidate(new FaceBox(cx - w / 2, cy - h / 2, w, h), score, kp));
        }
    }
}
