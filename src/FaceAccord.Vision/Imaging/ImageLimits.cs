namespace FaceAccord.Vision.Imaging;

/// <summary>
/// Caps on what the decoder accepts, so a hostile or broken upload cannot exhaust memory:
/// the encoded size is checked before reading, the pixel count before any pixel is allocated.
/// </summary>
public sealed record ImageLimits
{
    /// <summary>Default cap on encoded bytes: 32 MiB.</summary>
    public const long DefaultMaxEncodedBytes = 32L * 1024 * 1024;

    /// <summary>Default cap on decoded pixels: 40 megapixels (160 MB while decoding).</summary>
    public const long DefaultMaxPixels = 40_000_000;

    /// <summary>The largest pixel count an <see cref="Core.RgbImage"/> can hold (3 bytes a pixel in one array).</summary>
    public const long HardMaxPixels = int.MaxValue / 4;

    private readonly long _maxEncodedBytes = DefaultMaxEncodedBytes;
    private readonly long _maxPixels = DefaultMaxPixels;

    public static ImageLimits Default { get; } = new();

    /// <summary>Largest accepted encoded file, in bytes.</summary>
    public long MaxEncodedBytes
    {
        get => _maxEncodedBytes;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, (long)Array.MaxLength);
            _maxEncodedBytes = value;
        }
    }

    /// <summary>Largest accepted width × height of the decoded image.</summary>
    public long MaxPixels
    {
        get => _maxPixels;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, HardMaxPixels);
            _maxPixels = value;
        }
    }
}
