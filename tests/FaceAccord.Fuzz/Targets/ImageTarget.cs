using FaceAccord.Vision.Imaging;

namespace FaceAccord.Fuzz.Targets;

/// <summary>
/// The image decoder, the door for every uploaded photo (JPEG, PNG, WebP, GIF, BMP). The codecs are native Skia code
/// that SharpFuzz cannot instrument: coverage guides the fuzzer through the managed checks and orientation handling,
/// and a native crash still shows as a dead harness.
/// </summary>
public sealed class ImageTarget : FuzzTarget
{
    // Smaller than the default pixel limit so a mutated header cannot make each run decode 40 megapixels.
    private static readonly ImageDecoder Decoder = new(new ImageLimits { MaxPixels = 4_000_000 });

    public override string Name => "image";

    protected override void Parse(ReadOnlySpan<byte> input)
    {
        var image = Decoder.Decode(input);
        if (image.Width <= 0 || image.Height <= 0 || (long)image.Width * image.Height > Decoder.Limits.MaxPixels)
        {
            throw new InvalidOperationException($"Decoded a {image.Width}×{image.Height} image past the checks.");
        }
    }
}
