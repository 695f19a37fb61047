namespace FaceAccord.Vision.Quality;

/// <summary>
/// Measurements of one detected face that predict whether its template will match well: size, pose,
/// focus and exposure. Measured by <see cref="FaceQualityAssessor"/>, judged by a <see cref="QualityRule"/>.
/// </summary>
/// <param name="InterOcularDistance">Distance between the eye centres in image pixels.</param>
/// <param name="FaceWidth">Width of the detector's face box in image pixels.</param>
/// <param name="FaceHeight">Height of the detector's face box in image pixels.</param>
/// <param name="Pose">Yaw, pitch and roll in degrees, estimated from the landmarks (see <see cref="HeadPose"/>).</param>
/// <param name="Sharpness">Focus measure of the aligned grey crop, see <see cref="FaceQualityAssessor"/>; higher is sharper.</param>
/// <param name="MeanLuminance">Mean luma (Rec. 601, 0..1) of the aligned crop.</param>
/// <param name="ClippedFraction">Fraction of the aligned crop whose luma is blown out (≥ 250 of 255).</param>
public sealed record FaceQuality(
    float InterOcularDistance,
    float FaceWidth,
    float FaceHeight,
    HeadPose Pose,
    float Sharpness,
    float MeanLuminance,
    float ClippedFraction);
