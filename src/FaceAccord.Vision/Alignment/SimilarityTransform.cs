using System.Numerics;
using FaceAccord.Core;

namespace FaceAccord.Vision.Alignment;

/// <summary>
/// A uniform scale, a rotation and a translation (no shear, no reflection): the transform that maps a
/// face's landmarks onto a model's template without distorting the face. As a 2×3 matrix it is
/// <c>[A −B Tx; B A Ty]</c> with <c>A = s·cos θ</c>, <c>B = s·sin θ</c>, in image coordinates (y down).
/// </summary>
public readonly record struct SimilarityTransform(float A, float B, float Tx, float Ty)
{
    /// <summary>Code of the error raised when landmarks cannot define a transform.</summary>
    public const string DegenerateCode = "landmarks-degenerate";

    public static SimilarityTransform Identity { get; } = new(1, 0, 0, 0);

    /// <summary>Uniform scale factor s (output units per input unit).</summary>
    public float Scale => MathF.Sqrt(A * A + B * B);

    /// <summary>Rotation θ in radians; positive turns +x towards +y (clockwise on screen).</summary>
    public float RotationRadians => MathF.Atan2(B, A);

    public float RotationDegrees => RotationRadians * (180f / MathF.PI);

    public Vector2 Translation => new(Tx, Ty);

    /// <summary>Builds a transform from scale, rotation (radians) and translation.</summary>
    public static SimilarityTransform Create(float scale, float radians, Vector2 translation) =>
        new(scale * MathF.Cos(radians), scale * MathF.Sin(radians), translation.X, translation.Y);

    public Vector2 Apply(Vector2 p) => new(A * p.X - B * p.Y + Tx, B * p.X + A * p.Y + Ty);

    /// <summary>The transform that undoes this one; a zero scale has no inverse.</summary>
    public SimilarityTransform Invert()
    {
        // As complex numbers: z' = c·z + t, so z = c⁻¹·z' − c⁻¹·t.
        double norm = (double)A * A + (double)B * B;
        if (norm == 0 || !double.IsFinite(norm))
        {
            throw new InvalidOperationException("A similarity transform with zero scale cannot be inverted.");
        }

        double ia = A / norm;
        double ib = -B / norm;
        double tx = -(ia * Tx - ib * Ty);
        double ty = -(ib * Tx + ia * Ty);
        return new SimilarityTransform((float)ia, (float)ib, (float)tx, (float)ty);
    }

    /// <summary>This transform followed by <paramref name="next"/>.</summary>
    public SimilarityTransform Then(SimilarityTransform next) =>
        new(
            next.A * A - next.B * B,
            next.B * A + next.A * B,
            next.A * Tx - next.B * Ty + next.Tx,
            next.B * Tx + next.A * Ty + next.Ty);

    /// <summary>The same map as a <see cref="Matrix3x2"/> for <see cref="Vector2.Transform(Vector2, Matrix3x2)"/>.</summary>
    public Matrix3x2 ToMatrix() => new(A, B, -B, A, Tx, Ty);

    /// <summary>
    /// Least-squares similarity taking <paramref name="from"/> onto <paramref name="to"/> (Umeyama 1991
    /// restricted to proper rotations). In 2-D it has a closed form: with centred points written as complex
    /// numbers, the best scale·rotation is <c>Σ conj(p)·q / Σ |p|²</c>, the translation maps centroid to centroid.
    /// </summary>
    public static SimilarityTransform Estimate(ReadOnlySpan<Vector2> from, ReadOnlySpan<Vector2> to)
    {
        if (from.Length != to.Length)
        {
            throw new ArgumentException($"Point sets differ in length ({from.Length} vs {to.Length}).", nameof(to));
        }

        if (from.Length < 2)
        {
            throw new ArgumentException("A similarity transform needs at least two point pairs.", nameof(from));
        }

        double mfx = 0, mfy = 0, mtx = 0, mty = 0;
        for (int i = 0; i < from.Length; i++)
        {
            mfx += from[i].X;
            mfy += from[i].Y;
            mtx += to[i].X;
            mty += to[i].Y;
        }

        int n = from.Length;
        mfx /= n;
        mfy /= n;
        mtx /= n;
        mty /= n;

        double spread = 0, dot = 0, cross = 0;
        for (int i = 0; i < n; i++)
        {
            double px = from[i].X - mfx, py = from[i].Y - mfy;
            double qx = to[i].X - mtx, qy = to[i].Y - mty;
            spread += px * px + py * py;
            dot += px * qx + py * qy;
            cross += px * qy - py * qx;
        }

        // Landmarks that coincide (or are NaN) define no scale or rotation.
        if (!(spread > 1e-9) || !double.IsFinite(dot) || !double.IsFinite(cross))
        {
            throw FaceAccordException.BadInput(DegenerateCode, "The face landmarks coincide or are not finite, so the face cannot be aligned.");
        }

        double a = dot / spread;
        double b = cross / spread;
        double tx = mtx - (a * mfx - b * mfy);
        double ty = mty - (b * mfx + a * mfy);
        return new SimilarityTransform((float)a, (float)b, (float)tx, (float)ty);
    }
}
