namespace FaceAccord.Models.Packs;

/// <summary>Memory layout of an image tensor: batch, height, width, channels or batch, channels, height, width.</summary>
public enum TensorLayout
{
    Nhwc,
    Nchw,
}
