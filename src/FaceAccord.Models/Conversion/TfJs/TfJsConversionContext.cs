using FaceAccord.Core;
using FaceAccord.Models.Onnx;

namespace FaceAccord.Models.Conversion.TfJs;

/// <summary>
/// The state of one conversion: converted tensors by TF name and the ONNX builder, with the layout
/// moves (NHWC ⇄ NCHW transposes, constant re-layout) every op handler needs, done once per tensor.
/// </summary>
internal sealed class TfJsConversionContext
{
    private readonly Dictionary<string, TfJsTensor> _tensors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reserved;
    private readonly Func<TfJsNode, TfJsConstant> _constantOf;

    public TfJsConversionContext(OnnxGraphBuilder builder, Func<TfJsNode, TfJsConstant> constantOf, IEnumerable<string> reservedNames)
    {
        Builder = builder;
        Moves = new TfJsLayoutMoves(builder);
        _constantOf = constantOf;
        _reserved = new HashSet<string>(reservedNames, StringComparer.Ordinal);
    }

    public OnnxGraphBuilder Builder { get; }

    /// <summary>NHWC ⇄ NCHW moves, shared with the TFLite converter.</summary>
    public TfJsLayoutMoves Moves { get; }

    public static FaceAccordException Unsupported(TfJsNode node, string reason) =>
        FaceAccordException.BadInput("unsupported-op", $"{node}: {reason}");

    /// <summary>The value of a Const node, read from the weights.</summary>
    public TfJsConstant ConstantOf(TfJsNode node) => _constantOf(node);

    public void Set(TfJsNode node, TfJsTensor tensor) => _tensors[node.Name] = tensor;

    /// <summary>The converted tensor a TF reference (<c>name</c> or <c>name:0</c>) points at.</summary>
    public TfJsTensor Get(string reference, TfJsNode? consumer)
    {
        string name = reference;
        int colon = reference.LastIndexOf(':');
        if (colon > 0)
        {
            name = reference[..colon];
            if (reference[(colon + 1)..] != "0")
            {
                throw FaceAccordException.BadInput(
                    "unsupported-op", $"{consumer?.ToString() ?? "An output"} reads output '{reference}'; only first outputs of nodes are supported.");
            }
        }

        return _tensors.TryGetValue(name, out var t)
            ? t
            : throw new InvalidOperationException($"Tensor '{name}' was used before it was converted.");
    }

    public static int InputCount(TfJsNode node) => node.DataInputs.Count();

    public TfJsTensor Input(TfJsNode node, int index)
    {
        var inputs = node.DataInputs.ToList();
        return index < inputs.Count
            ? Get(inputs[index], node)
            : throw FaceAccordException.BadInput("invalid-model-json", $"{node} has {inputs.Count} inputs; input {index} is missing.");
    }

    /// <summary>An input that must be known at conversion time (weights, shapes, axes).</summary>
    public TfJsConstant ConstantInput(TfJsNode node, int index, string role) =>
        Input(node, index).Constant ?? throw Unsupported(node, $"the {role} must be a constant.");

    /// <summary>An ONNX tensor name derived from the TF node name, kept clear of the requested output names.</summary>
    public string Hint(TfJsNode node) => _reserved.Contains(node.Name) ? node.Name + "/tf" : node.Name;

    /// <summary>Adds an ONNX node named after <paramref name="node"/> and returns its output.</summary>
    public string Emit(string onnxOp, TfJsNode node, IEnumerable<string> inputs, params OnnxAttribute[] attributes) =>
        Builder.AddNode(onnxOp, Hint(node), inputs, attributes);

    public string Scalar(float value) => Moves.Scalar(value);

    public string Int64s(string hint, params long[] values) => Builder.AddInt64Vector(hint, values);

    /// <summary>Writes a float constant as an initializer with its own shape.</summary>
    public string Materialize(TfJsConstant constant, string hint, TfJsNode? user = null) => Moves.Materialize(constant, hint, user);

    /// <summary>The tensor in TF axis order.</summary>
    public string Native(TfJsTensor t, TfJsNode? user = null) => Moves.Native(t, user);

    /// <summary>A rank-4 NHWC tensor as NCHW.</summary>
    public string Nchw(TfJsTensor t, TfJsNode user) => Moves.Nchw(t, user);

    public string In(TfJsTensor t, TfJsLayout layout, TfJsNode user) =>
        layout == TfJsLayout.Nchw ? Nchw(t, user) : Native(t, user);

    /// <summary>The layout an elementwise op over these operands should run in (see <see cref="TfJsLayoutMoves.BroadcastLayout"/>).</summary>
    public static TfJsLayout BroadcastLayout(IReadOnlyCollection<TfJsTensor> operands) => TfJsLayoutMoves.BroadcastLayout(operands);

    /// <summary>An operand of a broadcasting op, arranged so ONNX broadcasting matches TF's in <paramref name="layout"/>.</summary>
    public string Operand(TfJsTensor t, TfJsLayout layout, TfJsNode user) => Moves.Operand(t, layout, user);
}
