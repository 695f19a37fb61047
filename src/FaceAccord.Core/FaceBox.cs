namespace FaceAccord.Core;

/// <summary>An axis-aligned face box in pixel coordinates of the (oriented) input image.</summary>
public readonly record struct FaceBox(float X, float Y, float Width, float Height)
{
    public float Right => X + Width;

    public float Bottom => Y + Height;

    public float Area => Math.Max(0, Width) * Math.Max(0, Height);

    public float CenterX => X + Width / 2;

    public float CenterY => Y + Height / 2;

    /// <summary>Intersection over union, the overlap measure used by NMS and detection scoring.</summary>
    public float IntersectionOverUnion(FaceBox other)
    {
        float w = Math.Min(Right, other.Right) - Math.Max(X, other.X);
        float h = Math.Min(Bottom, other.Bottom) - Math.Max(Y, other.Y);
        if (w <= 0 || h <= 0)
        {
            return 0;
        }

        float inter = w * h;
        float union = Area + other.Area - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
