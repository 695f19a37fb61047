using FaceAccord.Core;
using FaceAccord.Vision;
using FaceAccord.Vision.Imaging;

namespace FaceAccord.Service.Faces;

/// <summary>The JSON shapes faces are shown in, shared by the CLI and the HTTP API so both print the same.</summary>
public static class FaceJson
{
    public sealed record Box(float X, float Y, float Width, float Height);

    public sealed record Landmarks(float[] LeftEye, float[] RightEye, float[] Nose, float[] Mouth);

    public sealed record Enrollment(bool Passed, IReadOnlyList<string> FailedChecks);

    public sealed record Quality(
        double InterOcularDistance, double Yaw, double Pitch, double Roll, double Sharpness,
        double MeanLuminance, double ClippedFraction, Enrollment Enrollment);

    public sealed record Face(Box Box, float Score, Landmarks Landmarks, Quality? Quality);

    public sealed record ImageFaces(string Image, int Width, int Height, IReadOnlyList<Face> Faces);

    /// <summary>A detected face of a photo with its quality measures and enrolment verdict.</summary>
    public static Face From(FacePipeline pipeline, Photo photo, DetectedFace face) => From(face, QualityOf(pipeline, photo, face));

    public static Face From(DetectedFace f, Quality? quality)
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

    public static Quality QualityOf(FacePipeline pipeline, Photo photo, DetectedFace face)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var (q, verdict) = pipeline.Quality(photo, face);
        static double R(float v) => Math.Round(v, 3);
        return new Quality(
            R(q.InterOcularDistance), R(q.Pose.Yaw), R(q.Pose.Pitch), R(q.Pose.Roll), R(q.Sharpness),
            R(q.MeanLuminance), R(q.ClippedFraction), new Enrollment(verdict.Passed, verdict.FailedChecks));
    }
}
