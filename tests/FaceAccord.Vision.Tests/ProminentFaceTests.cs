using FaceAccord.Core;

namespace FaceAccord.Vision.Tests;

public sealed class ProminentFaceTests
{
    [Fact]
    public void The_largest_confident_face_is_chosen_over_a_larger_weak_one()
    {
        var weakLarge = Face(0, 300, 0.6f);
        var subject = Face(400, 200, 0.9f);
        var bystander = Face(700, 80, 0.95f);

        Assert.Same(subject, ProminentFace.Of([weakLarge, subject, bystander]));
    }

    [Fact]
    public void Without_a_confident_face_the_largest_is_chosen_and_none_is_null()
    {
        var small = Face(0, 100, 0.55f);
        var large = Face(200, 150, 0.6f);

        Assert.Same(large, ProminentFace.Of([small, large]));
        Assert.Null(ProminentFace.Of([]));
    }

    [Fact]
    public void A_second_face_is_a_rival_only_when_comparable_in_size_and_plausible_in_score()
    {
        var subject = Face(0, 200, 0.9f);

        // Half the area or less: a bystander, whatever its score.
        Assert.Null(ProminentFace.Rival([subject, Face(300, 141, 0.95f)], subject));

        // Comparable size but a weak score: not a plausible face.
        Assert.Null(ProminentFace.Rival([subject, Face(300, 190, 0.6f)], subject));

        // Comparable and confident: the choice is ambiguous.
        var rival = Face(300, 190, 0.8f);
        Assert.Same(rival, ProminentFace.Rival([subject, rival], subject));

        // A weakly detected subject is rivalled by a face at least as sure as it.
        var unsure = Face(0, 200, 0.6f);
        Assert.NotNull(ProminentFace.Rival([unsure, Face(300, 180, 0.62f)], unsure));
        Assert.Null(ProminentFace.Rival([unsure, Face(300, 180, 0.55f)], unsure));
    }

    private static DetectedFace Face(float x, float side, float score) =>
        new(new FaceBox(x, 0, side, side), score, default);
}
