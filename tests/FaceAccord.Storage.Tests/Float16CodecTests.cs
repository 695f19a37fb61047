using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FaceAccord.Storage.Tests;

public sealed class Float16CodecTests
{
    // A fixed seed: the same inputs every run, so a property test passes or fails for good, never by the draw.
    private const string Replay = "(1618033988,7497894849)";

    [Property(Replay = Replay, MaxTest = 300)]
    public Property Values_within_half_range_round_trip_within_half_precision()
    {
        Gen<float> value = Gen.Choose(-65_504_000, 65_504_000).Select(i => i / 1000f);
        return Prop.ForAll(
            value.ArrayOf().Where(a => a.Length > 0).ToArbitrary(),
            values =>
            {
                float[] decoded = Float16Codec.Decode(Float16Codec.Encode(values));
                return decoded.Length == values.Length
                    && values.Zip(decoded).All(p => Math.Abs(p.First - p.Second) <= Math.Max(Math.Abs(p.First) / 2048f, 6e-8f));
            });
    }

    [Property(Replay = Replay, MaxTest = 200)]
    public Property Unit_values_round_trip_within_half_precision(NormalFloat raw)
    {
        float x = (float)Math.Tanh(raw.Get);
        float y = Float16Codec.Decode(Float16Codec.Encode([x]))[0];
        return (Math.Abs(x - y) <= Math.Max(Math.Abs(x) / 2048f, 6e-8f)).ToProperty();
    }

    [Fact]
    public void The_encoding_is_little_endian_ieee_half()
    {
        byte[] bytes = Float16Codec.Encode([1f, -2f, 0.5f]);

        // 1.0 = 0x3C00, -2.0 = 0xC000, 0.5 = 0x3800.
        Assert.Equal(new byte[] { 0x00, 0x3C, 0x00, 0xC0, 0x00, 0x38 }, bytes);
        Assert.Equal([1f, -2f, 0.5f], Float16Codec.Decode(bytes));
    }

    [Fact]
    public void Values_half_cannot_hold_are_reported()
    {
        Assert.True(Float16Codec.IsRepresentable([0f, 65504f, -65504f, 1e-9f]));
        Assert.False(Float16Codec.IsRepresentable([65600f]));
        Assert.False(Float16Codec.IsRepresentable([float.NaN]));
        Assert.False(Float16Codec.IsRepresentable([float.NegativeInfinity]));
    }

    [Fact]
    public void An_odd_byte_count_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => Float16Codec.Decode([1, 2, 3]));
    }
}
