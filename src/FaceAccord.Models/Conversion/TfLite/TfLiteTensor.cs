namespace FaceAccord.Models.Conversion.TfLite;

/// <summary>
/// One tensor of a TFLite subgraph as the file declares it: NHWC shape, element type, the bytes of its
/// buffer when it is a constant, and what the converter must refuse (quantisation, sparsity, variables).
/// </summary>
public sealed class TfLiteTensor
{
    internal TfLiteTensor(
        int index, string name, int[] shape, int[]? shapeSignature, TfLiteTensorType type, ReadOnlyMemory<byte> data,
        int quantizationScales, bool isVariable, bool isSparse)
    {
        Index = index;
        Name = name;
        Shape = shape;
        ShapeSignature = shapeSignature;
        Type = type;
        Data = data;
        QuantizationScales = quantizationScales;
        IsVariable = isVariable;
        IsSparse = isSparse;
    }

    public int Index { get; }

    /// <summary>The tensor's name; an unnamed tensor is called <c>tensor_{index}</c>.</summary>
    public string Name { get; }

    public IReadOnlyList<int> Shape { get; }

    /// <summary>The shape with -1 where the model leaves a dimension dynamic; null when the file has none.</summary>
    public IReadOnlyList<int>? ShapeSignature { get; }

    public TfLiteTensorType Type { get; }

    /// <summary>The constant's bytes (little-endian, row-major); empty for tensors computed at run time.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    public bool IsConstant => !Data.IsEmpty;

    /// <summary>How many quantisation scales the tensor carries; zero for a plain float tensor.</summary>
    public int QuantizationScales { get; }

    public bool IsVariable { get; }

    public bool IsSparse { get; }

    public int Rank => Shape.Count;

    /// <summary>The number of elements the shape holds (long.MaxValue when a corrupt shape overflows).</summary>
    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (int d in Shape)
            {
                if (d != 0 && count > long.MaxValue / d)
                {
                    return long.MaxValue;
                }

                count *= d;
            }

            return count;
        }
    }

    public override string ToString() => $"'{Name}' [{string.Join(",", Shape)}] {Type.ToString().ToUpperInvariant()}";
}
