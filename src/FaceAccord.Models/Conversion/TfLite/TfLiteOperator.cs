namespace FaceAccord.Models.Conversion.TfLite;

/// <summary>
/// One operator of a TFLite subgraph: its builtin code (named as the schema names it), version, tensor
/// indices (-1 for an omitted optional input) and its builtin options table, read by each op converter.
/// </summary>
public sealed class TfLiteOperator
{
    internal TfLiteOperator(
        int index, int builtinCode, string? customCode, int version, int[] inputs, int[] outputs,
        byte optionsType, FlatBufferTable? options, bool hasCustomOptions)
    {
        Index = index;
        BuiltinCode = builtinCode;
        CustomCode = customCode;
        Version = version;
        Inputs = inputs;
        Outputs = outputs;
        OptionsType = optionsType;
        Options = options;
        HasCustomOptions = hasCustomOptions;
    }

    /// <summary>Position in the subgraph's execution order.</summary>
    public int Index { get; }

    public int BuiltinCode { get; }

    /// <summary>The custom op's name when <see cref="BuiltinCode"/> is CUSTOM.</summary>
    public string? CustomCode { get; }

    public int Version { get; }

    /// <summary>The schema name, e.g. <c>CONV_2D</c>, or <c>CUSTOM(name)</c>.</summary>
    public string Name => CustomCode is { } custom ? $"CUSTOM({custom})" : TfLiteOperatorNames.Of(BuiltinCode);

    public IReadOnlyList<int> Inputs { get; }

    public IReadOnlyList<int> Outputs { get; }

    /// <summary>The BuiltinOptions union's type byte (0 when the operator has no options).</summary>
    internal byte OptionsType { get; }

    internal FlatBufferTable? Options { get; }

    public bool HasCustomOptions { get; }

    public override string ToString() => $"{Name} (operator {Index})";
}
