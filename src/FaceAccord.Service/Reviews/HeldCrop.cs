namespace FaceAccord.Service.Reviews;

/// <summary>A probe crop to keep with a held case: its slot (<see cref="Storage.ProbeCropSlots"/>) and the JPEG bytes.</summary>
public sealed record HeldCrop(string Slot, byte[] Jpeg);
