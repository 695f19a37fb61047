using FaceAccord.Core;

namespace FaceAccord.Cli.Commands;

/// <summary>The JSON shapes the CLI prints for faces; the HTTP API reuses them.</summary>
public static class FaceJson
{
    public sealed record Box(float X, float Y, float Width, float Height);

    public sealed record Landmarks(float[] LeftEye, float[] RightEye, float[] Nose, float[] Mouth);

    public sealed record Face(Box Box, float Score, Landmarks Landmarks, object? Quality);

    public sealed record ImageFaces(string Image, int Width, int Height, IReadOnlyList<Face> Faces);

    public static Face From(DetectedFace f, object? quality)
    {
        ArgumentNullException.ThrowIfNull(f);
        static float R(float v) => MathF.Round(v, 2);
        static float[] P(System.Numerics.Vector2 p) => [R(p.X), R(p.Y)];
        var l = f.Landmarks;
        return new Face(
            new Box(R(f.Box.X), R(f.Box.Y), R(f.Box.Width), R(f.Box.Height)),
            MathF.Round(f.Score, 4),
            new Landmarks(P(l.LeftEye), P(l.RightEye), P(l.Nose), P(l.Mouth)),
            quality);
    }
}
