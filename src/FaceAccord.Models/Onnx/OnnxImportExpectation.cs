namespace FaceAccord.Models.Onnx;

/// <summary>What a ready-made ONNX model must look like to be taken in: its input and outputs, by name and shape (the first dimension is the batch).</summary>
public sealed record OnnxImportExpectation(OnnxTensorShape Input, IReadOnlyList<OnnxTensorShape> Outputs);

/// <summary>A named float tensor of a fixed shape, batch first.</summary>
public sealed record OnnxTensorShape(string Name, IReadOnlyList<long> Shape);
