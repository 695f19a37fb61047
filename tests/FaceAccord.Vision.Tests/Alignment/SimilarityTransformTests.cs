using System.Numerics;
using FaceAccord.Core;
using FaceAccord.Vision.Alignment;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FaceAccord.Vision.Tests.Alignment;

public sealed class SimilarityTransformTests
{
    // A fixed seed: the same inputs every run, so a property test passes or fails for good, never by the draw.
    private const string Replay = "(2718281828,4590452353)";

    private static readonly Vector2[] Template = AlignmentTemplate.ArcFace112.Points();

    [Property(Replay = Replay, MaxTest = 300)]
    public Property Estimate_recovers_a_transform_applied_to_template_points() =>
        Prop.ForAll(AlignmentGenerators.AnyTransform, truth =>
        {
            // The face in the image is the template moved by the inverse; Estimate must find the way back.
            var toImage = truth.Invert();
            Vector2[] image = [.. Template.Select(toImage.Apply)];
            var found = SimilarityTransform.Estimate(image, Template);
            float tolerance = 1e-4f * truth.Scale;
            return Math.Abs(found.A - truth.A) <= tolerance
                && Math.Abs(found.B - truth.B) <= tolerance
                && Template.Zip(image).All(p => Vector2.Distance(found.Apply(p.Second), p.First) < 0.01f);
        });

    [Property(Replay = Replay, MaxTest = 200)]
    public Property Estimate_is_the_least_squares_fit() =>
        Prop.ForAll(
            Arb.From(from t in AlignmentGenerators.Transforms(0.5f, 4f, maxShift: 200f)
                     from noise in Gen.ArrayOf(AlignmentGenerators.Points(3f), 4)
                     from other in AlignmentGenerators.Transforms(0.5f, 4f, maxShift: 200f)
                     select (t, noise, other)),
            c =>
            {
                // Noisy targets: no similarity (neither the true one nor any other) fits better than Estimate.
                Vector2[] target = [.. Template.Select((p, i) => c.t.Apply(p) + c.noise[i])];
                var found = SimilarityTransform.Estimate(Template, target);
                float best = Residual(found, Template, target);
                float tweaked = Residual(new SimilarityTransform(found.A * 1.001f, found.B, found.Tx + 0.01f, found.Ty), Template, target);
                return best <= Residual(c.t, Template, target) + 1e-3f
                    && best <= Residual(c.other, Template, target) + 1e-3f
                    && best <= tweaked + 1e-4f;
            });

    [Property(Replay = Replay, MaxTest = 300)]
    public Property Invert_undoes_Apply() =>
        Prop.ForAll(
            Arb.From(AlignmentGenerators.Transforms().SelectMany(_ => AlignmentGenerators.Points(1000f), (t, p) => (t, p))),
            c =>
            {
                Vector2 back = c.t.Invert().Apply(c.t.Apply(c.p));
                Vector2 forth = c.t.Apply(c.t.Invert().Apply(c.p));
                float tolerance = 1e-3f * (1 + c.p.Length() + c.t.Translation.Length() / c.t.Scale);
                return Vector2.Distance(back, c.p) < tolerance && Vector2.Distance(forth, c.p) < tolerance * c.t.Scale + 1e-2f;
            });

    [Property(Replay = Replay, MaxTest = 200)]
    public Property Then_composes_and_matches_the_matrix_form() =>
        Prop.ForAll(
            Arb.From(from a in AlignmentGenerators.Transforms(0.2f, 5f, maxShift: 100f)
                     from b in AlignmentGenerators.Transforms(0.2f, 5f, maxShift: 100f)
                     from p in AlignmentGenerators.Points(100f)
                     select (a, b, p)),
            c =>
            {
                Vector2 stepwise = c.b.Apply(c.a.Apply(c.p));
                Vector2 composed = c.a.Then(c.b).Apply(c.p);
                Vector2 viaMatrix = Vector2.Transform(c.p, c.a.ToMatrix());
                return Vector2.Distance(stepwise, composed) < 0.05f && Vector2.Distance(viaMatrix, c.a.Apply(c.p)) < 1e-3f;
            });

    [Fact]
    public void Properties_report_scale_and_rotation()
    {
        var t = SimilarityTransform.Create(2.5f, MathF.PI / 6, new Vector2(3, -4));
        Assert.Equal(2.5f, t.Scale, 5);
        Assert.Equal(30f, t.RotationDegrees, 3);
        Assert.Equal(new Vector2(3, -4), t.Translation);
        Assert.Equal(new Vector2(3, -4) + new Vector2(2.5f * MathF.Cos(MathF.PI / 6), 2.5f * MathF.Sin(MathF.PI / 6)), t.Apply(Vector2.UnitX));
    }

    [Fact]
    public void Mirrored_targets_give_a_rotation_not_a_reflection()
    {
        Vector2[] from = [new(0, 0), new(10, 0), new(0, 10)];
        Vector2[] mirrored = [new(0, 0), new(-10, 0), new(0, 10)];
        var t = SimilarityTransform.Estimate(from, mirrored);

        // A reflection would fit exactly; a similarity cannot, and its determinant stays positive.
        Assert.True(t.A * t.A + t.B * t.B > 0);
        Assert.True(Residual(t, from, mirrored) > 1);
    }

    [Fact]
    public void Coincident_or_non_finite_landmarks_are_bad_input()
    {
        Vector2[] same = [new(5, 5), new(5, 5), new(5, 5), new(5, 5)];
        var ex = Assert.Throws<FaceAccordException>(() => SimilarityTransform.Estimate(same, Template));
        Assert.Equal(SimilarityTransform.DegenerateCode, ex.Code);
        Vector2[] nan = [new(float.NaN, 5), new(1, 5), new(5, 9), new(3, 5)];
        Assert.Throws<FaceAccordException>(() => SimilarityTransform.Estimate(nan, Template));
        Assert.Throws<ArgumentException>(() => SimilarityTransform.Estimate(Template.AsSpan(0, 3), Template));
        Assert.Throws<ArgumentException>(() => SimilarityTransform.Estimate(Template.AsSpan(0, 1), Template.AsSpan(0, 1)));
        Assert.Throws<InvalidOperationException>(() => new SimilarityTransform(0, 0, 1, 1).Invert());
    }

    private static float Residual(SimilarityTransform t, ReadOnlySpan<Vector2> from, ReadOnlySpan<Vector2> to)
    {
        float sum = 0;
        for (int i = 0; i < from.Length; i++)
        {
            sum += Vector2.DistanceSquared(t.Apply(from[i]), to[i]);
        }

        return sum;
    }
}
