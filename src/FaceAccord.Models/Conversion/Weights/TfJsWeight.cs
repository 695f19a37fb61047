namespace FaceAccord.Models.Conversion.Weights;

/// <summary>
/// One named weight tensor of a TF.js model, already dequantised to the type its graph expects, so
/// converters never see storage details such as uint8 scales or float16 halves.
/// </summary>
public sealed record TfJsWeight
{
    public TfJsWeight(string name, int[] shape, TfJsDataType dataType, float[]? floats, int[]? ints)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        if ((dataType == TfJsDataType.Float32) != (floats is not null) || (dataType != TfJsDataType.Float32) != (ints is not null))
        {
            throw new ArgumentException($"Weight '{name}' of type {dataType} must carry exactly the matching value array.");
        }

        long count = 1;
        foreach (int d in shape)
        {
            count *= d;
        }

        int length = floats?.Length ?? ints!.Length;
        if (count != length)
        {
            throw new ArgumentException($"Weight '{name}' has {length} values but shape [{string.Join(",", shape)}] holds {count}.");
        }

        Name = name;
        Shape = shape;
        DataType = dataType;
        Floats = floats;
        Ints = ints;
    }

    /// <summary>The weight's name in the manifest, e.g. <c>conv32_down/conv/filters</c>.</summary>
    public string Name { get; }

    /// <summary>Dimensions as TF.js lists them (filters are HWIO, dense kernels are [in, out]).</summary>
    public int[] Shape { get; }

    public TfJsDataType DataType { get; }

    /// <summary>The values when <see cref="DataType"/> is <see cref="TfJsDataType.Float32"/>; otherwise null.</summary>
    public float[]? Floats { get; }

    /// <summary>The values when <see cref="DataType"/> is Int32 or Bool; otherwise null.</summary>
    public int[]? Ints { get; }

    /// <summary>Number of elements (the product of <see cref="Shape"/>).</summary>
    public int ElementCount => Floats?.Length ?? Ints!.Length;
}
