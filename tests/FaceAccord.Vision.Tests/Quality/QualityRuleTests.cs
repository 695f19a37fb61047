using FaceAccord.Vision.Quality;

namespace FaceAccord.Vision.Tests.Quality;

public sealed class QualityRuleTests
{
    private static readonly FaceQuality Good = new(
        InterOcularDistance: 60,
        FaceWidth: 140,
        FaceHeight: 160,
        Pose: new HeadPose(5, -3, 2),
        Sharpness: 0.05f,
        MeanLuminance: 0.5f,
        ClippedFraction: 0.01f);

    [Fact]
    public void Good_face_passes_with_no_failures()
    {
        var verdict = FaceQualityAssessor.Evaluate(Good, QualityRule.Enrollment);
        Assert.True(verdict.Passed);
        Assert.Empty(verdict.FailedChecks);
    }

    public static TheoryData<FaceQuality, string> SingleFailures => new()
    {
        { Good with { InterOcularDistance = 29 }, QualityCheck.FaceTooSmall },
        { Good with { FaceWidth = 50 }, QualityCheck.FaceTooSmall },
        { Good with { Pose = new HeadPose(-31, 0, 0) }, QualityCheck.PoseYaw },
        { Good with { Pose = new HeadPose(0, 0, 26) }, QualityCheck.PoseRoll },
        { Good with { Pose = new HeadPose(0, -26, 0) }, QualityCheck.PosePitch },
        { Good with { Sharpness = 0.011f }, QualityCheck.Blurry },
        { Good with { MeanLuminance = 0.14f }, QualityCheck.TooDark },
        { Good with { MeanLuminance = 0.91f }, QualityCheck.TooBright },
        { Good with { ClippedFraction = 0.11f }, QualityCheck.Overexposed },
    };

    [Theory]
    [MemberData(nameof(SingleFailures))]
    public void Each_check_fails_alone_with_its_stable_name(FaceQuality quality, string check)
    {
        var verdict = FaceQualityAssessor.Evaluate(quality, QualityRule.Enrollment);
        Assert.False(verdict.Passed);
        Assert.Equal([check], verdict.FailedChecks);
    }

    [Fact]
    public void Boundaries_are_inclusive_and_all_failures_are_listed()
    {
        var edge = Good with { InterOcularDistance = 30, Pose = new HeadPose(30, -25, -25), MeanLuminance = 0.15f, ClippedFraction = 0.1f };
        Assert.True(FaceQualityAssessor.Evaluate(edge, QualityRule.Enrollment).Passed);

        var bad = Good with { InterOcularDistance = 10, Pose = new HeadPose(50, 40, 30), Sharpness = 0, MeanLuminance = 0.95f, ClippedFraction = 0.5f };
        Assert.Equal(
            [QualityCheck.FaceTooSmall, QualityCheck.PoseYaw, QualityCheck.PoseRoll, QualityCheck.PosePitch, QualityCheck.Blurry, QualityCheck.TooBright, QualityCheck.Overexposed],
            FaceQualityAssessor.Evaluate(bad, QualityRule.Enrollment).FailedChecks);
    }

    [Fact]
    public void Unmeasurable_values_fail_instead_of_passing()
    {
        var unknown = Good with { Pose = new HeadPose(float.NaN, float.NaN, float.NaN), Sharpness = float.NaN, MeanLuminance = float.NaN };
        var failed = FaceQualityAssessor.Evaluate(unknown, QualityRule.Enrollment).FailedChecks;
        Assert.Equal(
            [QualityCheck.PoseYaw, QualityCheck.PoseRoll, QualityCheck.PosePitch, QualityCheck.Blurry, QualityCheck.TooDark, QualityCheck.TooBright],
            failed);
    }

    [Fact]
    public void A_custom_rule_changes_the_thresholds()
    {
        var lenient = QualityRule.Enrollment with { MaxAbsYaw = 60, MinInterOcularDistance = 5 };
        var profile = Good with { InterOcularDistance = 10, Pose = new HeadPose(50, 0, 0) };
        Assert.True(FaceQualityAssessor.Evaluate(profile, lenient).Passed);
        Assert.False(FaceQualityAssessor.Evaluate(profile, QualityRule.Enrollment).Passed);
    }
}
