using FaceAccord.Core;
using FaceAccord.Models.Conversion.Weights;

namespace FaceAccord.Models.Conversion.Dlib;

/// <summary>
/// Hands out the dlib ResNet's weights by name after checking each against the shape the architecture
/// needs, so a wrong or missing tensor is reported by name instead of surfacing as a broken graph.
/// </summary>
internal sealed class DlibWeights(IReadOnlyDictionary<string, TfJsWeight> weights)
{
    /// <summary>Returns the float values of <paramref name="name"/>, which must have exactly <paramref name="shape"/>.</summary>
    public float[] Get(string name, params int[] shape)
    {
        if (!weights.TryGetValue(name, out var w))
        {
            throw FaceAccordException.BadInput(TfJsWeightsReader.ErrorCode, $"The dlib ResNet weight '{name}' is missing.");
        }

        if (w.DataType != TfJsDataType.Float32 || w.Floats is null)
        {
            throw FaceAccordException.BadInput(TfJsWeightsReader.ErrorCode, $"The dlib ResNet weight '{name}' is {w.DataType}, not Float32.");
        }

        if (!w.Shape.AsSpan().SequenceEqual(shape))
        {
            throw FaceAccordException.BadInput(
                TfJsWeightsReader.ErrorCode,
                $"The dlib ResNet weight '{name}' has shape [{string.Join(",", w.Shape)}] but the architecture needs [{string.Join(",", shape)}].");
        }

        return w.Floats;
    }
}
