using FaceAccord.Core;

namespace FaceAccord.Vision.Detection;

/// <summary>
/// A square window of the image scaled onto the detector's input: model pixel (u, v) is image pixel
/// (Left + u / Scale, Top + v / Scale). The window may extend past the image (letterbox padding).
/// </summary>
internal readonly record struct DetectionView(float Left, float Top, float Side, bool IsTile)
{
    public float ScaleFor(int inputSize) => inputSize / Side;

    /// <summary>Builds the full-image letterbox view plus, when faces of <paramref name="options"/>'s
    /// minimum size would be too small in it, overlapping tiles at a finer scale.</summary>
    public static List<DetectionView> Plan(int width, int height, int inputSize, DetectorOptions options)
    {
        float side = Math.Max(width, height);
        var views = new List<DetectionView> { new((width - side) / 2, (height - side) / 2, side, false) };
        float smallestInInput = options.MinFaceSize * inputSize / side;
        if (smallestInInput >= options.ModelMinFaceSize)
        {
            return views;
        }

        float tileSide = inputSize * options.MinFaceSize / options.ModelMinFaceSize;
        float step = tileSide * 0.75f;
        int nx = Math.Max(1, (int)Math.Ceiling((width - tileSide) / step) + 1);
        int ny = Math.Max(1, (int)Math.Ceiling((height - tileSide) / step) + 1);
        if (nx * ny > options.MaxTiles)
        {
            // Coarsen the tiles rather than exceed the budget: small faces in huge photos get fewer pixels.
            float grow = MathF.Sqrt(nx * ny / (float)options.MaxTiles);
            tileSide *= grow;
            step = tileSide * 0.75f;
            nx = Math.Max(1, (int)Math.Ceiling((width - tileSide) / step) + 1);
            ny = Math.Max(1, (int)Math.Ceiling((height - tileSide) / step) + 1);
        }

        for (int j = 0; j < ny; j++)
        {
            for (int i = 0; i < nx; i++)
            {
                float left = nx == 1 ? (width - tileSide) / 2 : Math.Min(i * step, width - tileSide);
                float top = ny == 1 ? (height - tileSide) / 2 : Math.Min(j * step, height - tileSide);
                views.Add(new DetectionView(left, top, tileSide, true));
            }
        }

        return views;
    }

    /// <summary>
    /// The whole image shrunk into the middle of the input (side / <paramref name="fill"/>), for close-ups:
    /// a face that fills the frame is larger than the model's biggest anchors and is otherwise missed.
    /// </summary>
    public static DetectionView ZoomedOut(int width, int height, float fill)
    {
        float side = Math.Max(width, height) / fill;
        return new DetectionView((width - side) / 2, (height - side) / 2, side, false);
    }

    /// <summary>True when a box (in image pixels) is cut by this tile's edge inside the image, i.e.
    /// the face continues in a neighbouring tile and this partial detection should be ignored.</summary>
    public bool CutsThrough(FaceBox box, int width, int height)
    {
        if (!IsTile)
        {
            return false;
        }

        const float margin = 2f;
        bool left = Left > 0 && box.X < Left + margin;
        bool top = Top > 0 && box.Y < Top + margin;
        bool right = Left + Side < width && box.Right > Left + Side - margin;
        bool bottom = Top + Side < height && box.Bottom > Top + Side - margin;
        return left || top || right || bottom;
    }
}
