using FaceAccord.Core;
using FaceAccord.Vision;
using FaceAccord.Vision.Alignment;
using FaceAccord.Vision.Imaging;

namespace FaceAccord.Service.Reviews;

/// <summary>
/// A face of a held request as the reviewers will see it: its slot (<see cref="Storage.ProbeCropSlots"/>), the aligned
/// crop (JPEG) and its quality measures, so the case page can say how good the evidence is.
/// </summary>
public sealed record HeldFace(string Slot, byte[] Jpeg, ProbeQuality Quality)
{
    /// <summary>Crops and measures <paramref name="face"/> of <paramref name="photo"/>.</summary>
    public static HeldFace Of(FacePipeline pipeline, string slot, Photo photo, DetectedFace face)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return new HeldFace(slot, ReviewCrop.Encode(photo, face), ProbeQuality.Of(pipeline, photo, face));
    }
}
