namespace FaceAccord.Vision.Detection;

/// <summary>A candidate as one view saw it: in photo coordinates, with the view's scale, so rules can ask how big
/// the face was for the model and which scale saw it.</summary>
/// <param name="Candidate">Box and keypoints in photo coordinates.</param>
/// <param name="View">The view that produced it.</param>
/// <param name="ModelSize">Width of the box in model-input pixels, where the detector's reliability is known.</param>
internal readonly record struct ViewDetection(FaceCandidate Candidate, DetectionView View, float ModelSize);
