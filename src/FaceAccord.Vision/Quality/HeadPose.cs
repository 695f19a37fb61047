using System.Numerics;
using FaceAccord.Core;

namespace FaceAccord.Vision.Quality;

/// <summary>
/// Rough head orientation from four 2-D landmarks, enough to turn away profile, tilted or nodding faces at
/// enrolment without a dense 3-D fit. Angles in degrees: positive yaw = turned towards the subject's left
/// (the nose moves to the image's right), positive pitch = looking down, positive roll = the eye line
/// slopes down towards the image's right (the subject's left eye is lower).
/// </summary>
/// <remarks>
/// The approximations:
/// <list type="bullet">
/// <item>A mean face: in units of half the eye distance, eyes at (±1, 0, 0), nose tip
/// (0, <see cref="NoseDrop"/>, <see cref="NoseDepth"/>), mouth centre (0, <see cref="MouthDrop"/>,
/// <see cref="MouthDepth"/>), depth towards the camera. Heights come from the ArcFace template, depths from the
/// common 3-D head model used for PnP pose. A real face's own proportions (a long nose, a high mouth) read
/// as a few degrees of pitch or yaw.</item>
/// <item>Weak perspective (orthographic projection plus scale): fine for faces far from the camera
/// compared with their depth, wrong for close selfies by some degrees.</item>
/// <item>The fit (POS, DeMenthon and Davis 1995): the four points determine the 2×3 projection exactly; its rows
/// are made orthonormal to give a rotation R = Rroll·Rpitch·Ryaw, read back as angles. Unlike separate ratios
/// (roll from the eye line, yaw from the nose between the eyes, pitch from nose and mouth heights), it does not
/// mistake a head that is turned and nodding for a tilted one. For a single rotation it reduces to those ratios:
/// roll is the eye-line angle, <c>tan yaw = (2t − 1)/NoseDepth</c> with t the nose's position between the eyes,
/// and pitch follows from the nose-to-mouth height ratio.</item>
/// <item>Ears are not used: the detector guesses the hidden ear's position when the head turns.</item>
/// </list>
/// Expect errors of several degrees on real faces; these angles gate quality, they do not measure pose.
/// </remarks>
public readonly record struct HeadPose(float Yaw, float Pitch, float Roll)
{
    /// <summary>Nose tip in front of the eyes, in half eye distances.</summary>
    public const float NoseDepth = 0.9f;

    /// <summary>Mouth centre in front of the eyes, in half eye distances.</summary>
    public const float MouthDepth = 0.35f;

    /// <summary>Nose tip below the eye line in a frontal face (ArcFace template), in half eye distances.</summary>
    public const float NoseDrop = 1.143f;

    /// <summary>Mouth centre below the eye line in a frontal face (ArcFace template), in half eye distances.</summary>
    public const float MouthDrop = 2.309f;

    private const float Degrees = 180f / MathF.PI;

    /// <summary>Mean-face points in <see cref="FaceLandmarks.AlignmentPoints"/> order, centred on their mean.</summary>
    private static readonly Vector3[] Model = Centre(
    [
        new Vector3(1, 0, 0),
        new Vector3(-1, 0, 0),
        new Vector3(0, NoseDrop, NoseDepth),
        new Vector3(0, MouthDrop, MouthDepth),
    ]);

    /// <summary>(Xᵀ X)⁻¹ Xᵀ for the centred model X: maps centred image coordinates to a projection row.</summary>
    private static readonly Vector3[] Solve = PseudoInverse(Model);

    /// <summary>Estimates the pose; NaN angles when the landmarks do not span a face.</summary>
    public static HeadPose FromLandmarks(FaceLandmarks landmarks)
    {
        Vector2[] p = landmarks.AlignmentPoints();
        Vector2 mean = (p[0] + p[1] + p[2] + p[3]) / 4;
        Vector3 a1 = Vector3.Zero, a2 = Vector3.Zero;
        for (int i = 0; i < 4; i++)
        {
            Vector2 c = p[i] - mean;
            a1 += Solve[i] * c.X;
            a2 += Solve[i] * c.Y;
        }

        float n1 = a1.Length(), n2 = a2.Length();
        if (!(n1 > 1e-3f) || !(n2 > 1e-3f))
        {
            return new HeadPose(float.NaN, float.NaN, float.NaN);
        }

        // Nearest orthonormal pair: split the overlap between the two rows, then renormalise.
        Vector3 r1 = a1 / n1, r2 = a2 / n2;
        float overlap = Vector3.Dot(r1, r2);
        (r1, r2) = (Vector3.Normalize(r1 - (overlap / 2 * r2)), Vector3.Normalize(r2 - (overlap / 2 * r1)));
        Vector3 r3 = Vector3.Cross(r1, r2);

        // R = Rz(roll)·Rx(pitch)·Ry(yaw): third row (−cos p·sin y, −sin p, cos p·cos y); R01 = −sin r·cos p, R11 = cos r·cos p.
        float pitch = MathF.Asin(Math.Clamp(-r3.Y, -1f, 1f));
        float yaw = MathF.Atan2(-r3.X, r3.Z);
        float roll = MathF.Atan2(-r1.Y, r2.Y);
        return new HeadPose(yaw * Degrees, pitch * Degrees, roll * Degrees);
    }

    private static Vector3[] Centre(Vector3[] points)
    {
        Vector3 mean = (points[0] + points[1] + points[2] + points[3]) / 4;
        return [.. points.Select(v => v - mean)];
    }

    private static Vector3[] PseudoInverse(Vector3[] x)
    {
        // Gram matrix G = Xᵀ X (symmetric 3×3) and its inverse by cofactors; the model is not flat, so G is regular.
        var g = new Matrix4x4();
        foreach (var v in x)
        {
            g += new Matrix4x4(
                v.X * v.X, v.X * v.Y, v.X * v.Z, 0,
                v.Y * v.X, v.Y * v.Y, v.Y * v.Z, 0,
                v.Z * v.X, v.Z * v.Y, v.Z * v.Z, 0,
                0, 0, 0, 0);
        }

        g.M44 = 1;
        if (!Matrix4x4.Invert(g, out var inv))
        {
            throw new InvalidOperationException("The mean-face model is flat.");
        }

        return [.. x.Select(v => new Vector3(
            (inv.M11 * v.X) + (inv.M12 * v.Y) + (inv.M13 * v.Z),
            (inv.M21 * v.X) + (inv.M22 * v.Y) + (inv.M23 * v.Z),
            (inv.M31 * v.X) + (inv.M32 * v.Y) + (inv.M33 * v.Z)))];
    }
}
