using System.Numerics;
using FaceAccord.Vision.Alignment;
using FsCheck;
using FsCheck.Fluent;

namespace FaceAccord.Vision.Tests.Alignment;

/// <summary>FsCheck generators for transforms and points in the ranges face alignment meets.</summary>
internal static class AlignmentGenerators
{
    public static Gen<float> Between(float low, float high) =>
        Gen.Choose(0, 1_000_000).Select(i => low + ((high - low) * i / 1_000_000f));

    public static Gen<Vector2> Points(float range) =>
        from x in Between(-range, range)
        from y in Between(-range, range)
        select new Vector2(x, y);

    /// <summary>Scale 0.05–20 (tiny faces to big crops), any rotation, translations of a large photo.</summary>
    public static Gen<SimilarityTransform> Transforms(float minScale = 0.05f, float maxScale = 20f, float maxRadians = MathF.PI, float maxShift = 2000f) =>
        from logScale in Between(MathF.Log(minScale), MathF.Log(maxScale))
        from angle in Between(-maxRadians, maxRadians)
        from shift in Points(maxShift)
        select SimilarityTransform.Create(MathF.Exp(logScale), angle, shift);

    public static Arbitrary<SimilarityTransform> AnyTransform => Arb.From(Transforms());
}
