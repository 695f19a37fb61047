using FaceAccord.Core;

namespace FaceAccord.Vision.Detection;

/// <summary>A raw detection before suppression: box, score and the six keypoints (x, y pairs).</summary>
internal readonly record struct FaceCandidate(FaceBox Box, float Score, float[] Keypoints);
