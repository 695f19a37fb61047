using FaceAccord.Core;
using FaceAccord.Vision.Detection;

namespace FaceAccord.Vision.Tests.Detection;

public sealed class FalseFaceRuleTests
{
    [Fact]
    public void A_face_mostly_inside_a_larger_face_is_dropped_and_neighbours_are_kept()
    {
        var face = Candidate(100, 100, 300, 0.9f);
        var eye = Candidate(150, 160, 80, 0.6f);
        var hairline = Candidate(250, 60, 100, 0.7f);   // 60 % of it inside the face's box
        var neighbour = Candidate(360, 120, 200, 0.8f); // overlaps the face's box by a fifth of its area

        var kept = ContainmentSuppression.Apply([face, eye, hairline, neighbour], 0.5f);

        Assert.Equal([face, neighbour], kept);
    }

    [Fact]
    public void Containment_is_measured_on_the_smaller_box_and_touching_boxes_are_not_inside()
    {
        Assert.True(ContainmentSuppression.IsInside(new FaceBox(10, 10, 10, 10), new FaceBox(0, 0, 100, 100), 0.5f));
        Assert.False(ContainmentSuppression.IsInside(new FaceBox(0, 0, 100, 100), new FaceBox(10, 10, 10, 10), 0.5f));
        Assert.False(ContainmentSuppression.IsInside(new FaceBox(100, 0, 10, 10), new FaceBox(0, 0, 100, 100), 0.0f));
    }

    [Fact]
    public void Keypoints_with_both_eyes_on_one_spot_are_no_face()
    {
        // A frontal face: eyes 0.42 of the box apart; a turned LFW face (Kosuke_Kitajima_0002): 14 px in 98.
        // The false face of a measured portrait: 13 px in a 245 px box.
        Assert.True(LandmarkGeometry.IsPlausible(Candidate(0, 0, 100, 0.9f, eyeSpan: 42), 0.1f));
        Assert.True(LandmarkGeometry.IsPlausible(Candidate(0, 0, 98, 0.78f, eyeSpan: 14), 0.1f));
        Assert.False(LandmarkGeometry.IsPlausible(Candidate(0, 0, 245, 0.68f, eyeSpan: 13), 0.1f));
    }

    private static FaceCandidate Candidate(float x, float y, float side, float score, float eyeSpan = -1)
    {
        float span = eyeSpan < 0 ? 0.42f * side : eyeSpan;
        float cx = x + (side / 2), ey = y + (0.4f * side);
        float[] kp = [cx - (span / 2), ey, cx + (span / 2), ey, cx, y + (0.6f * side), cx, y + (0.8f * side), x, ey, x + side, ey];
        return new FaceCandidate(new FaceBox(x, y, side, side), score, kp);
    }
}
