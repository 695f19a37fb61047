using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FaceAccord.Search.Tests;

public sealed unsafe class Int8DotTests
{
    private const string Replay = "(1122334455,5544332211)";

    private static Gen<sbyte[]> Codes(int length) => Gen.ArrayOf(Gen.Choose(-127, 127).Select(i => (sbyte)i), length);

    [Property(Replay = Replay, MaxTest = 400)]
    public Property Every_path_returns_the_scalar_sum()
    {
        var gen = from length in Gen.Choose(0, 300)
                  from a in Codes(length)
                  from b in Codes(length)
                  select (a, b);
        return Prop.ForAll(gen.ToArbitrary(), t => AllPathsAgree(t.a, t.b));
    }

    [Theory]
    [InlineData(127, 127)]
    [InlineData(-127, -127)]
    [InlineData(127, -127)]
    [InlineData(-127, 127)]
    public void Extremes_at_production_length_do_not_saturate(int x, int y)
    {
        var a = Enumerable.Repeat((sbyte)x, 1152).ToArray();
        var b = Enumerable.Repeat((sbyte)y, 1152).ToArray();
        Assert.True(AllPathsAgree(a, b));
        Assert.Equal(x * y * 1152, Int8Dot.Dot(a, b));
    }

    [Fact]
    public void The_fastest_path_is_named()
    {
        string expected = Avx2.IsSupported ? "avx2" : Vector128.IsHardwareAccelerated ? "vector128" : "scalar";
        Assert.Equal(expected, Int8Dot.BestPath);
    }

    private static bool AllPathsAgree(sbyte[] a, sbyte[] b)
    {
        fixed (sbyte* pa = a)
        fixed (sbyte* pb = b)
        {
            int expected = 0;
            for (int i = 0; i < a.Length; i++)
            {
                expected += a[i] * b[i];
            }

            bool agree = Int8Dot.DotScalar(pa, pb, a.Length) == expected
                && Int8Dot.DotVector128(pa, pb, a.Length) == expected
                && Int8Dot.Dot(pa, pb, a.Length) == expected;
            if (Avx2.IsSupported)
            {
                agree &= Int8Dot.DotAvx2(pa, pb, a.Length) == expected;
            }

            return agree;
        }
    }
}
