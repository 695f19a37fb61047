using System.Drawing;
using System.Numerics;
using FaceAccord.Core;

namespace FaceAccord.Vision.Detection;

/// <summary>
/// A square window of the photo scaled onto the detector's input: model pixel (u, v) is photo pixel
/// (Left + u · Side / input, Top + v · Side / input). The window may extend past the photo (letterbox padding).
/// </summary>
internal readonly record struct DetectionView(float Left, float Top, float Side, bool IsTile)
{
    /// <summary>Model-input pixels per photo pixel.</summary>
    public float ScaleFor(int inputSize) => inputSize / Side;

    public RectangleF Bounds => new(Left, Top, Side, Side);

    /// <summary>Photo coordinates to model-input coordinates.</summary>
    public Matrix3x2 PhotoToInput(int inputSize)
    {
        float k = ScaleFor(inputSize);
        return new Matrix3x2(k, 0, 0, k, -Left * k, -Top * k);
    }

    /// <summary>The whole photo letterboxed onto the input: the first, coarsest look.</summary>
    public static DetectionView Whole(int width, int height)
    {
        float side = Math.Max(width, height);
        return new DetectionView((width - side) / 2, (height - side) / 2, side, false);
    }

    /// <summary>
    /// Overlapping tiles of side <paramref name="side"/> covering the photo, a quarter of a tile's side shared with
    /// each neighbour, so a face up to that size is whole in at least one tile.
    /// </summary>
    public static List<DetectionView> Tiles(int width, int height, float side)
    {
        float step = side * 0.75f;
        int nx = Math.Max(1, (int)Math.Ceiling((width - side) / step) + 1);
        int ny = Math.Max(1, (int)Math.Ceiling((height - side) / step) + 1);
        var views = new List<DetectionView>(nx * ny);
        for (int j = 0; j < ny; j++)
        {
            for (int i = 0; i < nx; i++)
            {
                // Spread evenly so the last tile ends at the photo's edge; a single tile is centred.
                float left = nx == 1 ? (width - side) / 2 : i * (width - side) / (nx - 1);
                float top = ny == 1 ? (height - side) / 2 : j * (height - side) / (ny - 1);
                views.Add(new DetectionView(left, top, side, true));
            }
        }

        return views;
    }

    /// <summary>A view centred on <paramref name="box"/> in which the box is <paramref name="faceSize"/> input pixels wide.</summary>
    public static DetectionView Around(FaceBox box, float faceSize, int inputSize)
    {
        float side = Math.Max(box.Width, box.Height) * inputSize / faceSize;
        return new DetectionView(box.CenterX - (side / 2), box.CenterY - (side / 2), side, false);
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

    /// <summary>True when a box (in photo pixels) is cut by this tile's edge inside the photo, i.e.
    /// the face continues in a neighbouring tile and this partial detection should be ignored.</summary>
    public bool CutsThrough(FaceBox box, int width, int height)
    {
        if (!IsTile)
        {
            return false;
        }

        // Two input pixels, whatever the tile's scale.
        float margin = Side / 128;
        bool left = Left > 0 && box.X < Left + margin;
        bool top = Top > 0 && box.Y < Top + margin;
        bool right = Left + Side < width && box.Right > Left + Side - margin;
        bool bottom = Top + Side < height && box.Bottom > Top + Side - margin;
        return left || top || right || bottom;
    }
}
