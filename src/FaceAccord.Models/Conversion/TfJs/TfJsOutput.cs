namespace FaceAccord.Models.Conversion.TfJs;

/// <summary>
/// One tensor to export: which TF tensor (node name, optionally <c>:0</c>) becomes which ONNX output,
/// so callers name outputs for their meaning (<c>embedding</c>) rather than the graph's internals.
/// </summary>
/// <param name="TfName">The TF node name, e.g. <c>global_pooling/Mean</c>.</param>
/// <param name="OnnxName">The ONNX graph output name.</param>
public sealed record TfJsOutput(string TfName, string OnnxName);
