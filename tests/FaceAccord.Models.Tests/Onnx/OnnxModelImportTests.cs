using FaceAccord.Core;
using FaceAccord.Models.Onnx;
using FaceAccord.Models.Tests.Conversion.TfJs;
using FaceAccord.TestSupport;

namespace FaceAccord.Models.Tests.Onnx;

public sealed class OnnxModelImportTests
{
    private static readonly OnnxImportExpectation Feature = new(new("input", [1, 3, 112, 112]), [new("output", [1, 512])]);

    private static readonly OnnxImportExpectation Pose =
        new(new("input", [1, 3, 224, 224]), [new("output", [1, 66]), new("617", [1, 66]), new("618", [1, 66])]);

    private static byte[] Model(string file) => File.ReadAllBytes(Path.Combine(TestModelSources.FacePluginModelDir, file));

    private static float[] Noise(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1))];
    }

    [Theory]
    [InlineData("fr_feature.onnx", 112, 3)]
    [InlineData("fr_pose.onnx", 224, 2)]
    public void Batches_give_each_item_what_the_original_gives_it_alone(string file, int size, int batch)
    {
        byte[] original = Model(file);
        byte[] imported = OnnxModelImport.Import(original, file.Contains("pose", StringComparison.Ordinal) ? Pose : Feature, "test");
        int per = 3 * size * size;
        float[] input = Noise(per * batch, 7);
        var together = OnnxTestRunner.Run(imported, input, [batch, 3, size, size]);
        for (int item = 0; item < batch; item++)
        {
            var alone = OnnxTestRunner.Run(original, input[(item * per)..((item + 1) * per)], [1, 3, size, size]);
            for (int o = 0; o < alone.Count; o++)
            {
                int n = alone[o].Data.Length;
                Assert.Equal(batch, together[o].Shape[0]);
                double error = OnnxTestRunner.RelativeError(together[o].Data.AsSpan(item * n, n), alone[o].Data);
                Assert.True(error < 1e-5, $"{file} output {o} item {item}: relative error {error:G3}");
            }
        }
    }

    [Fact]
    public void A_model_of_another_shape_is_refused_by_name()
    {
        var wrong = new OnnxImportExpectation(new("input", [1, 3, 128, 128]), [new("output", [1, 512])]);
        var e = Assert.Throws<FaceAccordException>(() => OnnxModelImport.Import(Model("fr_feature.onnx"), wrong, "test"));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Contains("[batch,3,128,128]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_outputs_are_refused()
    {
        var e = Assert.Throws<FaceAccordException>(() => OnnxModelImport.Import(Model("fr_pose.onnx"), new(new("input", [1, 3, 224, 224]), [new("output", [1, 66])]), "test"));
        Assert.Equal("onnx-import-invalid", e.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(200_000)]
    public void Truncated_or_corrupt_files_are_refused_not_crashed(int keep)
    {
        byte[] bytes = Model("fr_feature.onnx");
        byte[] cut = bytes[..Math.Min(keep, bytes.Length)];
        if (cut.Length > 100)
        {
            cut[50] ^= 0xFF;
        }

        var e = Assert.Throws<FaceAccordException>(() => OnnxModelImport.Import(cut, Feature, "test"));
        Assert.Equal(ErrorKind.BadInput, e.Kind);
    }
}
