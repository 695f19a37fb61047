namespace FaceAccord.Core;

/// <summary>One face found by a detector: where it is, how sure the detector is, its keypoints.</summary>
public sealed record DetectedFace(FaceBox Box, float Score, FaceLandmarks Landmarks);
