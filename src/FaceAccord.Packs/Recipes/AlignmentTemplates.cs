namespace FaceAccord.Packs.Recipes;

/// <summary>
/// Where each embedder expects the left eye, right eye, nose tip and mouth centre (subject's left/right)
/// in its input crop. All derive from the widely used 112×112 five-point template of ArcFace-style
/// models (mouth centre = midpoint of its mouth corners), scaled about the crop centre to the framing
/// each model was trained with; the scales were chosen on LFW DevTrain only.
/// </summary>
public static class AlignmentTemplates
{
    // Reference points in a 112×112 crop: subject's left eye, right eye, nose tip, mouth centre.
    private static readonly float[] Reference112 =
    [
        73.5318f, 51.5014f,
        38.2946f, 51.6963f,
        56.0252f, 71.7366f,
        56.1396f, 92.2848f,
    ];

    /// <summary>
    /// The reference template fitted into a <paramref name="size"/>-pixel crop, zoomed by
    /// <paramref name="zoom"/> (below 1 shows more context) and moved down by <paramref name="shiftY"/>
    /// (a fraction of the crop).
    /// </summary>
    public static float[] Scaled(int size, float zoom, float shiftY = 0f)
    {
        var points = new float[8];
        float k = size / 112f * zoom;
        for (int i = 0; i < 4; i++)
        {
            points[2 * i] = (size / 2f) + ((Reference112[2 * i] - 56f) * k);
            points[(2 * i) + 1] = (size / 2f) + ((Reference112[(2 * i) + 1] - 56f) * k) + (shiftY * size);
        }

        return points;
    }
}
