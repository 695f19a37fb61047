namespace FaceAccord.Models.Packs;

/// <summary>Order of colour channels a model expects.</summary>
public enum ChannelOrder
{
    Rgb,
    Bgr,
}
