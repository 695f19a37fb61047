using FaceAccord.Core;
using FaceAccord.Vision.Detection;

namespace FaceAccord.Vision.Tests.Detection;

public sealed class BlazeFacePostProcessingTests
{
    [Fact]
    public void Back_model_grid_has_896_anchors_in_output_order()
    {
        var anchors = BlazeFaceAnchors.Generate(256, [16, 32, 32, 32]);
        Assert.Equal(896, anchors.Length);
        // Stride 16: 16×16 cells, two anchors each, first cell centred at half a cell.
        Assert.Equal((0.5f / 16, 0.5f / 16), anchors[0]);
        Assert.Equal(anchors[0], anchors[1]);
        Assert.Equal((1.5f / 16, 0.5f / 16), anchors[2]);
        // Stride 32: 8×8 cells, the three layers' two anchors each interleave: six per cell.
        Assert.Equal((0.5f / 8, 0.5f / 8), anchors[512]);
        Assert.Equal(anchors[512], anchors[517]);
        Assert.Equal((1.5f / 8, 0.5f / 8), anchors[518]);
        Assert.Equal((7.5f / 8, 7.5f / 8), anchors[^1]);
    }

    [Fact]
    public void Decoder_offsets_box_and_keypoints_from_the_anchor_and_thresholds_on_score()
    {
        (float X, float Y)[] anchors = [(0.5f, 0.5f), (0.25f, 0.25f)];
        var reg = new float[32];
        // Anchor 0: centre moved by (+10, −6) px, 40×50 box, keypoint 0 at (−8, −5) from the anchor.
        reg[0] = 10; reg[1] = -6; reg[2] = 40; reg[3] = 50; reg[4] = -8; reg[5] = -5;
        reg[16 + 2] = 30; reg[16 + 3] = 30;
        float[] logits = [2f, -3f];
        var found = new List<FaceCandidate>();
        BlazeFaceDecoder.Decode(reg, logits, anchors, 256, 0.5f, found);
        var c = Assert.Single(found);
        Assert.Equal(new FaceBox(128 + 10 - 20, 128 - 6 - 25, 40, 50), c.Box);
        Assert.Equal(1 / (1 + MathF.Exp(-2f)), c.Score, 5);
        Assert.Equal(120f, c.Keypoints[0]);
        Assert.Equal(123f, c.Keypoints[1]);
    }

    [Fact]
    public void Weighted_nms_blends_overlapping_boxes_by_score_and_keeps_separate_faces()
    {
        var kp = new float[12];
        var list = new List<FaceCandidate>
        {
            new(new FaceBox(0, 0, 10, 10), 0.9f, kp),
            new(new FaceBox(1, 1, 10, 10), 0.6f, kp),
            new(new FaceBox(50, 50, 10, 10), 0.7f, kp),
        };
        var kept = WeightedNonMaxSuppression.Apply(list, 0.3f);
        Assert.Equal(2, kept.Count);
        Assert.Equal(0.9f, kept[0].Score);
        Assert.Equal(0.6f / 1.5f, kept[0].Box.X, 4);
        Assert.Equal(new FaceBox(50, 50, 10, 10), kept[1].Box);
    }

    [Fact]
    public void Tiles_cover_the_photo_with_overlap_and_end_at_its_edges()
    {
        var tiles = DetectionView.Tiles(4032, 3024, 2580);
        Assert.Equal(4, tiles.Count);
        Assert.All(tiles, t => Assert.True(t.IsTile && t.Left >= 0 && t.Top >= 0 && t.Left + t.Side <= 4032.01f && t.Top + t.Side <= 3024.01f));
        Assert.Equal(4032, tiles.Max(t => t.Left + t.Side), 2);
        Assert.Equal(3024, tiles.Max(t => t.Top + t.Side), 2);

        // Neighbours share at least a quarter of a tile, so a face that small is whole in one of them.
        var lefts = tiles.Select(t => t.Left).Distinct().Order().ToList();
        Assert.True(lefts[0] + 2580 - lefts[1] >= 2580 / 4f);

        var single = Assert.Single(DetectionView.Tiles(300, 200, 400));
        Assert.Equal((-50f, -100f), (single.Left, single.Top));
    }

    [Fact]
    public void Whole_view_letterboxes_the_long_side_and_around_centres_a_box_at_the_asked_size()
    {
        var whole = DetectionView.Whole(500, 375);
        Assert.Equal((0f, -62.5f, 500f), (whole.Left, whole.Top, whole.Side));

        var around = DetectionView.Around(new FaceBox(100, 200, 30, 40), 40, 256);
        Assert.Equal(40 * 256 / 40f, around.Side);
        Assert.Equal(115f, around.Left + (around.Side / 2));
        Assert.Equal(220f, around.Top + (around.Side / 2));
        Assert.Equal(256 / around.Side, around.ScaleFor(256));
    }
}
