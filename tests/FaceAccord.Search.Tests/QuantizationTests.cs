using FaceAccord.Core;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FaceAccord.Search.Tests;

public sealed class QuantizationTests
{
    private const string Replay = "(1357913579,2468024681)";

    [Property(Replay = Replay, MaxTest = 300)]
    public Property Quantised_score_is_within_the_stated_bound_of_float_cosine()
    {
        var gen = from dims in Gen.Choose(1, 1200)
                  from seed in Gen.Choose(0, int.MaxValue)
                  from related in Gen.Elements(true, false)
                  select (dims, seed, related);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var rng = new Random(t.seed);
            float[] a = TestVectors.Unit(rng, t.dims);
            float[] b = t.related ? TestVectors.Near(rng, a, 0.8f) : TestVectors.Unit(rng, t.dims);
            double error = Math.Abs(TestVectors.QuantizedScore(a, b) - TestVectors.Cosine(a, b));
            // 1e-5 covers float rounding of the score itself; the bound covers quantisation.
            return error <= Int8Quantizer.ErrorBound(a, b) + 1e-5;
        });
    }

    [Fact]
    public void At_production_size_the_typical_error_is_far_below_the_worst_case()
    {
        var rng = new Random(7);
        const int dims = 1152;
        var errors = new List<double>();
        for (int i = 0; i < 300; i++)
        {
            float[] a = TestVectors.Unit(rng, dims);
            float[] b = TestVectors.Near(rng, a, 1.0f);
            errors.Add(Math.Abs(TestVectors.QuantizedScore(a, b) - TestVectors.Cosine(a, b)));
        }

        // Rounding errors are independent, so they mostly cancel: about 3e-4 on average, never near 0.01.
        Assert.True(errors.Average() < 1e-3, $"mean error {errors.Average()}");
        Assert.True(errors.Max() < 5e-3, $"max error {errors.Max()}");
    }

    [Fact]
    public void Codes_use_the_full_symmetric_range_and_map_back_to_the_unit_direction()
    {
        float[] v = [3f, -4f, 0f, 0.5f];
        var codes = new sbyte[4];
        float scale = Int8Quantizer.Quantize(v, codes);
        Assert.Equal(-127, codes[1]);
        Assert.All(codes, c => Assert.InRange(c, -127, 127));
        float norm = MathF.Sqrt(9f + 16f + 0.25f);
        for (int i = 0; i < v.Length; i++)
        {
            Assert.Equal(v[i] / norm, codes[i] * scale, 0.01f);
        }
    }

    [Fact]
    public void Length_is_normalised_away_so_scores_stay_cosines()
    {
        var rng = new Random(3);
        float[] a = TestVectors.Unit(rng, 64);
        float[] b = TestVectors.Unit(rng, 64);
        float[] longA = [.. a.Select(x => x * 40f)];
        Assert.Equal(TestVectors.QuantizedScore(a, b), TestVectors.QuantizedScore(longA, b), 1e-5f);
    }

    [Theory]
    [InlineData(float.NaN, "template-not-finite")]
    [InlineData(float.PositiveInfinity, "template-not-finite")]
    [InlineData(0f, "template-zero")]
    public void Bad_vectors_are_refused_with_a_stable_code(float poison, string code)
    {
        float[] v = poison == 0f ? new float[8] : [1f, 0f, poison, 0f, 0f, 0f, 0f, 0f];
        var e = Assert.Throws<FaceAccordException>(() => Int8Quantizer.Quantize(v, new sbyte[8]));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Equal(code, e.Code);
    }

    [Fact]
    public void A_wrong_length_is_refused()
    {
        var e = Assert.Throws<FaceAccordException>(() => Int8Quantizer.Quantize(new float[7], new sbyte[8]));
        Assert.Equal("template-dimensions-mismatch", e.Code);
    }
}
