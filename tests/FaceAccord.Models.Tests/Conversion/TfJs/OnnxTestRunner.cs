using Microsoft.ML.OnnxRuntime;

namespace FaceAccord.Models.Tests.Conversion.TfJs;

/// <summary>Runs converted ONNX bytes with ONNX Runtime (CPU) on one float input and returns every output.</summary>
internal static class OnnxTestRunner
{
    public static List<(string Name, long[] Shape, float[] Data)> Run(byte[] model, float[] input, long[] shape, string inputName = "input")
    {
        using var session = new InferenceSession(model);
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var options = new RunOptions();
        var names = session.OutputNames.ToList();
        using var outputs = session.Run(options, [inputName], [value], names);
        return names.Select((n, i) =>
            (n, outputs[i].GetTensorTypeAndShape().Shape, outputs[i].GetTensorDataAsSpan<float>().ToArray())).ToList();
    }

    /// <summary>max|actual − expected| / max|expected|: the acceptance measure against TF.js.</summary>
    public static double RelativeError(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected, double? scale = null)
    {
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs((double)actual[i] - expected[i]));
            maxRef = Math.Max(maxRef, Math.Abs((double)expected[i]));
        }

        return maxDiff / Math.Max(scale ?? maxRef, 1e-30);
    }
}
