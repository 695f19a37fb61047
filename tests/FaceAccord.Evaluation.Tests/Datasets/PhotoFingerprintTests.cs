using FaceAccord.Core;
using FaceAccord.Evaluation.Datasets;

namespace FaceAccord.Evaluation.Tests.Datasets;

public sealed class PhotoFingerprintTests
{
    private static readonly RgbImage Original = SyntheticPhotos.Photo(1);
    private static readonly RgbImage Chip = SyntheticPhotos.Crop(Original, 20, 20, 200);

    private static float Similarity(RgbImage a, RgbImage b) =>
        PhotoFingerprint.Similarity(PhotoFingerprint.FromImage(a), PhotoFingerprint.FromImage(b));

    [Fact]
    public void An_image_matches_itself_fully()
    {
        Assert.Equal(1f, Similarity(Chip, Chip), 4);
    }

    [Fact]
    public void A_recompressed_and_brightened_copy_is_the_same_photograph()
    {
        var copy = SyntheticPhotos.Reencode(SyntheticPhotos.Brighten(Chip, 0.8, 30), quality: 40);

        Assert.True(Similarity(Chip, copy) >= NearDuplicatePhotos.DefaultThreshold, $"similarity {Similarity(Chip, copy)}");
    }

    [Theory]
    [InlineData(30, 28, 200)] // moved by 10 and 8 px
    [InlineData(10, 10, 220)] // a wider crop: the other is enlarged 1.1×
    [InlineData(35, 35, 170)] // a tighter crop: enlarged 1.18×
    public void A_recropped_copy_is_the_same_photograph(int left, int top, int side)
    {
        var copy = SyntheticPhotos.Reencode(SyntheticPhotos.Crop(Original, left, top, side), quality: 75);

        float s = Similarity(Chip, copy);
        Assert.True(s >= NearDuplicatePhotos.DefaultThreshold, $"similarity {s}");
        Assert.Equal(s, Similarity(copy, Chip));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_different_photograph_is_not(int seed)
    {
        var other = SyntheticPhotos.Crop(SyntheticPhotos.Photo(seed), 20, 20, 200);

        Assert.True(Similarity(Chip, other) < 0.9f, $"similarity {Similarity(Chip, other)}");
    }

    [Fact]
    public void A_flat_image_correlates_with_nothing()
    {
        var grey = new RgbImage(64, 64, [.. Enumerable.Repeat((byte)90, 64 * 64 * 3)]);

        Assert.Equal(0f, Similarity(grey, Chip));
        Assert.Equal(0f, PhotoFingerprint.CoarseSimilarity(PhotoFingerprint.FromImage(grey), PhotoFingerprint.FromImage(Chip)));
    }

    [Fact]
    public void An_image_smaller_than_the_grid_is_refused()
    {
        var e = Assert.Throws<FaceAccordException>(() => PhotoFingerprint.FromImage(new RgbImage(20, 40, new byte[20 * 40 * 3])));

        Assert.Equal("image-too-small", e.Code);
    }
}
