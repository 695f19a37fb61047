namespace FaceAccord.Models.Tests.Conversion.TfLite;

// The JSON shapes written by tools/goldens/tflite/tflite-goldens.js (property names match case-insensitively).

/// <summary>One op case: the .tflite TFLite ran, its input shape and TFLite's outputs.</summary>
internal sealed record TfLiteOpGolden(string Name, string Description, bool FixedBatchOnly, string TfLite, TfLiteGoldenInput Input, List<TfLiteGoldenTensor> Outputs)
{
    public byte[] Bytes => Convert.FromBase64String(TfLite);
}

/// <summary>The model's input tensor name and shape (values come from the op-input formula).</summary>
internal sealed record TfLiteGoldenInput(string Name, int[] Shape);

/// <summary>A whole output tensor as TFLite returned it.</summary>
internal sealed record TfLiteGoldenTensor(string Name, int[] Shape, float[] Data);

/// <summary>A model the converter must refuse, with the error code and the words its message must hold.</summary>
internal sealed record TfLiteInvalidCase(string Name, string Description, string Code, string[] Words, string TfLite)
{
    public byte[] Bytes => Convert.FromBase64String(TfLite);
}

/// <summary>A real model's golden: which file, how its input batch was made, and TFLite's outputs.</summary>
internal sealed record TfLiteModelGolden(string Model, string Package, string ModelSha256, string Runtime, TfLiteModelGoldenInput Input, List<TfLiteGoldenTensor> Outputs);

/// <summary>The input tensor and the recipe of each sample in the batch.</summary>
internal sealed record TfLiteModelGoldenInput(string Name, int[] Shape, string Preprocessing, List<TfLiteModelSample> Samples);

/// <summary>One sample: pseudo-random pixels from a seed, or a crop of an LFW image; SHA-256 of its float values.</summary>
internal sealed record TfLiteModelSample(string Kind, uint Seed, string? Image, TfLiteCrop? Crop, string Sha256);

/// <summary>The square taken from the decoded image, in pixels.</summary>
internal sealed record TfLiteCrop(int X, int Y, int Size);
