namespace FaceAccord.Models.Tests.Conversion.TfJs;

// The JSON shapes written by tools/goldens/tfjs-goldens.js (property names match case-insensitively).

/// <summary>One op case: the model.json TF.js ran, its weights file, the input shape and TF.js's outputs.</summary>
internal sealed record TfJsOpGolden(string Name, string Description, bool PerSample, string ModelJson, string WeightsBase64, TfJsGoldenInput Input, List<TfJsGoldenTensor> Outputs);

/// <summary>The op case's placeholder and input shape (values come from <see cref="TfJsGoldenFiles.OpInput"/>).</summary>
internal sealed record TfJsGoldenInput(string Name, int[] Shape);

/// <summary>A whole TF.js output tensor.</summary>
internal sealed record TfJsGoldenTensor(string Name, int[] Shape, float[] Data);

/// <summary>A real model's golden: which file and placeholder, the synthetic input's scaling and the outputs.</summary>
internal sealed record TfJsModelGolden(string Model, string File, string Placeholder, TfJsModelGoldenInput Input, List<TfJsModelGoldenOutput> Outputs);

/// <summary>Batch, size and the affine map applied to the synthetic pixel formula.</summary>
internal sealed record TfJsModelGoldenInput(int Batch, int Height, int Width, int Channels, double Scale, double Offset);

/// <summary>An output's whole-tensor statistics and its values (all, or at <c>Indices</c> when subsampled).</summary>
internal sealed record TfJsModelGoldenOutput(
    string TfName, string OnnxName, int[] Shape, double MaxAbs, double Sum, double L1, double L2, int[]? Indices, float[] Values);
