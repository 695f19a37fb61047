using FaceAccord.Core;
using FaceAccord.Vision;
using FaceAccord.Vision.Imaging;

namespace FaceAccord.Service.Reviews;

/// <summary>
/// The quality measures of a held request's face (sizes in the photo's pixels, angles in degrees, sharpness, luminance
/// and clipping of the aligned crop) with the limits of the enrolment rule beside them: a search does not refuse a
/// poor probe, so the reviewer needs to see how far it is from what enrolment would accept.
/// </summary>
public sealed record ProbeQuality(
    double FaceWidth, double FaceHeight, double InterOcularDistance, double Yaw, double Pitch, double Roll, double Sharpness,
    double MeanLuminance, double ClippedFraction, bool MeetsEnrolmentRule, IReadOnlyList<string> FailedChecks, ProbeQuality.RuleLimits Limits)
{
    /// <summary>The enrolment rule's limits, as the pipeline in use applies them.</summary>
    public sealed record RuleLimits(
        double MinFaceSize, double MinInterOcularDistance, double MaxAbsYaw, double MaxAbsPitch, double MaxAbsRoll, double MinSharpness,
        double MinLuminance, double MaxLuminance, double MaxClippedFraction);

    public static ProbeQuality Of(FacePipeline pipeline, Photo photo, DetectedFace face)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var (q, verdict) = pipeline.Quality(photo, face);
        var r = pipeline.EnrollmentRule;
        static double R(float v) => Math.Round(v, 3);
        return new ProbeQuality(R(q.FaceWidth), R(q.FaceHeight), R(q.InterOcularDistance), R(q.Pose.Yaw), R(q.Pose.Pitch), R(q.Pose.Roll),
            R(q.Sharpness), R(q.MeanLuminance), R(q.ClippedFraction), verdict.Passed, verdict.FailedChecks,
            new RuleLimits(R(r.MinFaceSize), R(r.MinInterOcularDistance), R(r.MaxAbsYaw), R(r.MaxAbsPitch), R(r.MaxAbsRoll), R(r.MinSharpness),
                R(r.MinLuminance), R(r.MaxLuminance), R(r.MaxClippedFraction)));
    }
}
