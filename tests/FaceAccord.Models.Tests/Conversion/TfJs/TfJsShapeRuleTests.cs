using FaceAccord.Models.Conversion.TfJs;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FaceAccord.Models.Tests.Conversion.TfJs;

/// <summary>TF's padding arithmetic and the batch-preserving Reshape rewrite, checked against their definitions.</summary>
public sealed class TfJsShapeRuleTests
{
    // A fixed seed: the same inputs every run, so a property test passes or fails for good, never by the draw.
    private const string Replay = "(1123581321,3455891443)";

    private static readonly TfJsNode Node = TfJsGraphModel.Parse(
        """{"modelTopology":{"node":[{"name":"r","op":"Reshape"}]},"weightsManifest":[]}""", ".").FindNode("r")!;

    [Property(Replay = Replay)]
    public Property Same_padding_follows_tensorflow(PositiveInt input, PositiveInt kernel, PositiveInt stride, PositiveInt dilation)
    {
        long i = (input.Get % 300) + 1, k = (kernel.Get % 7) + 1, s = (stride.Get % 4) + 1, d = (dilation.Get % 3) + 1;
        var (begin, end, output) = TfJsPadding.Same(i, k, s, d);

        long effective = ((k - 1) * d) + 1;
        long total = Math.Max(((output - 1) * s) + effective - i, 0);
        return (output == (long)Math.Ceiling(i / (double)s)
                && begin + end == total
                && begin == total / 2
                && end - begin is 0 or 1
                && TfJsPadding.Output(i, begin, end, k, s, d) == output)
            .ToProperty()
            .Label($"in={i} k={k} s={s} d={d} -> ({begin},{end}) out={output}");
    }

    [Property(Replay = Replay)]
    public Property Valid_output_counts_whole_windows(PositiveInt input, PositiveInt kernel, PositiveInt stride)
    {
        long i = (input.Get % 300) + 1, k = (kernel.Get % 7) + 1, s = (stride.Get % 4) + 1;
        long expected = 0;
        for (long start = 0; start + k <= i; start += s)
        {
            expected++;
        }

        return (TfJsPadding.Output(i, 0, 0, k, s, 1) == expected).ToProperty();
    }

    [Theory]
    [InlineData(new long[] { 1, 512, 1 }, new long[] { 0, 512, 1 })]
    [InlineData(new long[] { 1, -1, 16 }, new long[] { 0, 32, 16 })]
    [InlineData(new long[] { -1, 512 }, new long[] { -1, 512 })]
    [InlineData(new long[] { 1, 256, 1 }, new long[] { 1, 256, 1 })]
    [InlineData(new long[] { 2, 256 }, new long[] { 2, 256 })]
    public void Reshape_keeps_the_batch_only_when_the_leading_one_is_the_batch(long[] target, long[] expected)
    {
        var (onnxShape, outShape) = TfJsReshapeOps.Plan(Node, [null, 16, 16, 2], target);

        Assert.Equal(expected, onnxShape);
        Assert.Equal(expected[0] == 0 || expected[0] == -1, outShape[0] is null);
    }

    [Fact]
    public void Reshape_of_a_known_shape_checks_the_element_count()
    {
        Assert.Throws<FaceAccord.Core.FaceAccordException>(() => TfJsReshapeOps.Plan(Node, [2, 3], [4, 2]));
        Assert.Equal([3L, 2L], TfJsReshapeOps.Plan(Node, [2, 3], [-1, 2]).OutShape);
    }
}
