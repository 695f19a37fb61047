using FaceAccord.Core;
using FaceAccord.Vision.Imaging;
using SkiaSharp;

namespace FaceAccord.Vision.Tests.Imaging;

public sealed class ExifOrientationTests
{
    private static readonly byte[] Jpeg = TestImages.Encode(TestImages.Quadrants(48, 32), SKEncodedImageFormat.Jpeg, 90);

    /// <summary>EXIF orientation values with the correction each one asks for (exiftool's wording).</summary>
    public static TheoryData<int> Orientations => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Orientations))]
    public void Every_orientation_comes_out_upright(int orientation)
    {
        var stored = ImageDecoder.Default.Decode(Jpeg);
        var expected = orientation switch
        {
            1 => stored,
            2 => TestImages.MirrorHorizontally(stored),
            3 => Turn(stored, 2),
            4 => Turn(TestImages.MirrorHorizontally(stored), 2),
            5 => Turn(TestImages.MirrorHorizontally(stored), 3),
            6 => Turn(stored, 1),
            7 => Turn(TestImages.MirrorHorizontally(stored), 1),
            _ => Turn(stored, 3),
        };

        var decoded = ImageDecoder.Default.Decode(JpegExif.WithOrientation(Jpeg, orientation));

        Assert.Equal(0, TestImages.MaxDifference(expected, decoded));
    }

    [Fact]
    public void Rotated_phone_photo_swaps_width_and_height_and_puts_red_top_right()
    {
        // Orientation 6: the stored top-left (red) quadrant belongs at the top right once turned.
        var decoded = ImageDecoder.Default.Decode(JpegExif.WithOrientation(Jpeg, 6));
        Assert.Equal((32, 48), (decoded.Width, decoded.Height));
        int i = ((5 * decoded.Width) + 28) * 3;
        Assert.True(decoded.Pixels[i] > 200 && decoded.Pixels[i + 1] < 60, "top right should be red");
    }

    private static RgbImage Turn(RgbImage image, int quarterTurnsClockwise)
    {
        for (int i = 0; i < quarterTurnsClockwise; i++)
        {
            image = TestImages.RotateClockwise(image);
        }

        return image;
    }
}
