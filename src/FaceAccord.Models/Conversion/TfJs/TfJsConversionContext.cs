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
    private readonly Dictionary<float, string> _scalars = [];
    private readonly HashSet<string> _reserved;
    private readonly Func<TfJsNode, TfJsConstant> _constantOf;

    public TfJsConversionContext(OnnxGraphBuilder builder, Func<TfJsNode, TfJsConstant> constantOf, IEnumerable<string> reservedNames)
    {
        Builder = builder;
        _constantOf = constantOf;
        _reserved = new HashSet<string>(reservedNames, StringComparer.Ordinal);
    }

    public OnnxGraphBuilder Builder { get; }

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

    public string Scalar(float value)
    {
        if (!_scalars.TryGetValue(value, out var name))
        {
            name = Builder.AddScalar("const_scalar", value);
            _scalars[value] = name;
        }

        return name;
    }

    public string Int64s(string hint, params long[] values) => Builder.AddInt64Vector(hint, values);

    /// <summary>Writes a float constant as an initializer with its own shape.</summary>
    public string Materialize(TfJsConstant constant, string hint, TfJsNode? user = null)
    {
        if (constant.Floats is null)
        {
            throw FaceAccordException.BadInput("unsupported-op", $"{user?.ToString() ?? hint}: an int32 tensor is used as data; only float data tensors are supported.");
        }

        return Builder.AddInitializer(hint, constant.Floats, constant.Shape.Select(d => (long)d).ToArray());
    }

    /// <summary>The tensor in TF axis order.</summary>
    public string Native(TfJsTensor t, TfJsNode? user = null)
    {
        if (t.Constant is { } c)
        {
            return t.Materialized ??= Materialize(c, "const", user);
        }

        if (t.Layout == TfJsLayout.Native)
        {
            return t.OnnxName!;
        }

        return t.NativeCopy ??= Builder.AddNode("Transpose", t.OnnxName + "/nhwc", [t.OnnxName!], OnnxAttribute.Ints("perm", TfJsShapes.ToNhwcPerm));
    }

    /// <summary>A rank-4 NHWC tensor as NCHW.</summary>
    public string Nchw(TfJsTensor t, TfJsNode user)
    {
        if (t.Rank != 4)
        {
            throw FaceAccordException.BadInput("invalid-shape", $"{user}: expects a rank-4 NHWC input, got shape [{TfJsShapes.Format(t.Shape)}].");
        }

        if (t.Constant is { } c)
        {
            return t.NchwCopy ??= Materialize(c.ToNchw(), "const_nchw", user);
        }

        if (t.Layout == TfJsLayout.Nchw)
        {
            return t.OnnxName!;
        }

        return t.NchwCopy ??= Builder.AddNode("Transpose", t.OnnxName + "/nchw", [t.OnnxName!], OnnxAttribute.Ints("perm", TfJsShapes.ToNchwPerm));
    }

    public string In(TfJsTensor t, TfJsLayout layout, TfJsNode user) =>
        layout == TfJsLayout.Nchw ? Nchw(t, user) : Native(t, user);

    /// <summary>
    /// The layout an elementwise op over these operands should run in: NCHW when a rank-4 operand already
    /// is NCHW and every other non-constant operand can follow (rank 4 or a scalar); constants always can.
    /// </summary>
    public static TfJsLayout BroadcastLayout(IReadOnlyCollection<TfJsTensor> operands)
    {
        var values = operands.Where(t => t.Constant is null).ToList();
        int rank = operands.Max(t => t.Rank);
        return rank == 4
               && values.Any(t => t.Layout == TfJsLayout.Nchw)
               && values.All(t => t.Rank == 4 || t.Rank == 0)
            ? TfJsLayout.Nchw
            : TfJsLayout.Native;
    }

    /// <summary>An operand of a broadcasting op, arranged so ONNX broadcasting matches TF's in <paramref name="layout"/>.</summary>
    public string Operand(TfJsTensor t, TfJsLayout layout, TfJsNode user)
    {
        if (layout == TfJsLayout.Native)
        {
            return Native(t, user);
        }

        if (t.Constant is { } c)
        {
            // A per-channel [C] constant must become [1,C,1,1]; a single value broadcasts as it is.
            return c.IsSingleValue ? Native(t, user) : t.NchwCopy ??= Materialize(c.AlignedTo(4).ToNchw(), "const_nchw", user);
        }

        return t.Rank == 0 ? t.OnnxName! : Nchw(t, user);
    }
}
