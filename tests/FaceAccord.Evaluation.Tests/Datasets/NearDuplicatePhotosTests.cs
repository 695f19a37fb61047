using FaceAccord.Evaluation.Datasets;

namespace FaceAccord.Evaluation.Tests.Datasets;

public sealed class NearDuplicatePhotosTests
{
    [Fact]
    public void Copies_of_one_photograph_form_one_cluster_and_other_photographs_stay_alone()
    {
        var a = SyntheticPhotos.Photo(10);
        var b = SyntheticPhotos.Photo(11);
        var images = new[]
        {
            SyntheticPhotos.Crop(b, 20, 20, 200),                                                         // 0: b
            SyntheticPhotos.Crop(a, 20, 20, 200),                                                         // 1: a
            SyntheticPhotos.Crop(SyntheticPhotos.Photo(12), 20, 20, 200),                                 // 2: c
            SyntheticPhotos.Reencode(SyntheticPhotos.Brighten(SyntheticPhotos.Crop(a, 20, 20, 200), 1.1, -10), 50), // 3: a recoloured
            SyntheticPhotos.Reencode(SyntheticPhotos.Crop(a, 30, 26, 190), 70),                          // 4: a re-cropped
        };

        var grouping = NearDuplicatePhotos.Group([.. images.Select(PhotoFingerprint.FromImage)]);

        Assert.Equal([0, 1, 2, 1, 1], grouping.ClusterOf);
        Assert.Equal(1, grouping.MergedClusters);
        Assert.Equal(3, grouping.MergedItems);
        Assert.Equal(3, grouping.LargestCluster);
        Assert.All(grouping.Links, l => Assert.True(l.A < l.B && l.Similarity >= NearDuplicatePhotos.DefaultThreshold));
        Assert.Contains(grouping.Links, l => (l.A, l.B) == (1, 3));
    }

    [Fact]
    public void Nothing_to_group_gives_no_clusters()
    {
        var grouping = NearDuplicatePhotos.Group([]);

        Assert.Empty(grouping.ClusterOf);
        Assert.Equal((0, 0, 0), (grouping.MergedClusters, grouping.MergedItems, grouping.LargestCluster));
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(1.5f)]
    [InlineData(float.NaN)]
    public void A_threshold_outside_zero_to_one_is_refused(float threshold)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NearDuplicatePhotos.Group([], threshold));
    }
}
