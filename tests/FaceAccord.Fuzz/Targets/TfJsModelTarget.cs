using System.Text;
using FaceAccord.Models.Conversion.TfJs;

namespace FaceAccord.Fuzz.Targets;

/// <summary>
/// TF.js <c>model.json</c> (<see cref="TfJsGraphModel.Parse"/>); a graph that parses is then converted to ONNX with
/// its last node as the output, as <c>faceaccord models install</c> would. The weights folder holds one 1 KiB shard,
/// <c>weights.bin</c>, so a manifest naming it gets real values and the conversion goes past its constants.
/// </summary>
public sealed class TfJsModelTarget : FuzzTarget
{
    private static readonly string Weights = MakeWeights();

    public override string Name => "tfjs-model";

    protected override void Parse(ReadOnlySpan<byte> input)
    {
        var model = TfJsGraphModel.Parse(Encoding.UTF8.GetString(input), Weights);
        if (model.Nodes.Count == 0)
        {
            return;
        }

        var last = model.Nodes[^1];
        TfJsToOnnxConverter.Convert(model, new TfJsConversionOptions { Outputs = [new TfJsOutput(last.Name, "output")] });
    }

    private static string MakeWeights()
    {
        string folder = Directory.CreateTempSubdirectory("faceaccord-fuzz-weights-").FullName;
        var values = new float[256];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = ((i % 17) - 8) / 8f;
        }

        File.WriteAllBytes(Path.Combine(folder, "weights.bin"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
        return folder;
    }
}
