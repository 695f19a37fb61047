namespace FaceAccord.Models.Conversion.TfJs;

/// <summary>
/// How a converted tensor's ONNX axes relate to its TF axes. TF.js graphs are NHWC, ONNX convolutions are
/// NCHW; tracking the layout per tensor lets chains of convolutions stay NCHW and transposes appear only
/// where TF semantics depend on the axis order (reshape, flatten, graph outputs).
/// </summary>
internal enum TfJsLayout
{
    /// <summary>ONNX axes are the TF axes.</summary>
    Native,

    /// <summary>A rank-4 TF NHWC tensor stored as NCHW.</summary>
    Nchw,
}
