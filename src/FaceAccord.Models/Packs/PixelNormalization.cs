namespace FaceAccord.Models.Packs;

/// <summary>
/// How 0..255 pixels become model input: <c>value = (pixel - Mean[c]) * Scale[c]</c> per channel,
/// with channels in <see cref="Order"/>. Recorded in the manifest so a model's preprocessing is data.
/// </summary>
public sealed record PixelNormalization(ChannelOrder Order, float[] Mean, float[] Scale)
{
    /// <summary>Raw 0..255 values, RGB: for graphs that normalise internally.</summary>
    public static PixelNormalization Raw { get; } = new(ChannelOrder.Rgb, [0f, 0f, 0f], [1f, 1f, 1f]);

    /// <summary>RGB scaled into [0, 1].</summary>
    public static PixelNormalization UnitRgb { get; } = new(ChannelOrder.Rgb, [0f, 0f, 0f], [1 / 255f, 1 / 255f, 1 / 255f]);

    /// <summary>BGR minus the Caffe/VGG mean, no scaling.</summary>
    public static PixelNormalization CaffeBgr { get; } = new(ChannelOrder.Bgr, [103.939f, 116.779f, 123.68f], [1f, 1f, 1f]);
}
