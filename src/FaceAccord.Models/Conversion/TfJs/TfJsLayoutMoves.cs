using FaceAccord.Core;
using FaceAccord.Models.Onnx;

namespace FaceAccord.Models.Conversion.TfJs;

/// <summary>
/// The layout moves of a converter for TF-ordered (NHWC) graphs: NHWC ⇄ NCHW transposes made once per
/// tensor, constants written in either layout, and how a broadcasting op lines its operands up. Shared
/// by the TF.js and TFLite converters, which both start from TF's axis order.
/// </summary>
internal sealed class TfJsLayoutMoves(OnnxGraphBuilder builder)
{
    private readonly Dictionary<float, string> _scalars = [];

    public string Scalar(float value)
    {
        if (!_scalars.TryGetValue(value, out var name))
        {
            name = builder.AddScalar("const_scalar", value);
            _scalars[value] = name;
        }

        return name;
    }

    /// <summary>Writes a float constant as an initializer with its own shape; <paramref name="user"/> names the reader in errors.</summary>
    public string Materialize(TfJsConstant constant, string hint, object? user)
    {
        if (constant.Floats is null)
        {
            throw FaceAccordException.BadInput("unsupported-op", $"{user?.ToString() ?? hint}: an int32 tensor is used as data; only float data tensors are supported.");
        }

        return builder.AddInitializer(hint, constant.Floats, constant.Shape.Select(d => (long)d).ToArray());
    }

    /// <summary>The tensor in TF axis order.</summary>
    public string Native(TfJsTensor t, object? user)
    {
        if (t.Constant is { } c)
        {
            return t.Materialized ??= Materialize(c, "const", user);
        }

        if (t.Layout == TfJsLayout.Native)
        {
            return t.OnnxName!;
        }

        return t.NativeCopy ??= builder.AddNode("Transpose", t.OnnxName + "/nhwc", [t.OnnxName!], OnnxAttribute.Ints("perm", TfJsShapes.ToNhwcPerm));
    }

    /// <summary>A rank-4 NHWC tensor as NCHW.</summary>
    public string Nchw(TfJsTensor t, object user)
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

        return t.NchwCopy ??= builder.AddNode("Transpose", t.OnnxName + "/nchw", [t.OnnxName!], OnnxAttribute.Ints("perm", TfJsShapes.ToNchwPerm));
    }

    /// <summary>
    /// The layout an elementwise op over these operands should run in: NCHW when a rank-4 operand already
    /// is NCHW and every other non-constant operand can follow (rank 4 or a single value); constants always can.
    /// </summary>
    public static TfJsLayout BroadcastLayout(IReadOnlyCollection<TfJsTensor> operands)
    {
        var values = operands.Where(t => t.Constant is null).ToList();
        int rank = operands.Max(t => t.Rank);
        return rank == 4
               && values.Any(t => t.Layout == TfJsLayout.Nchw)
               && values.All(t => t.Rank == 4 || t.Shape.All(d => d == 1))
            ? TfJsLayout.Nchw
            : TfJsLayout.Native;
    }

    /// <summary>An operand of a broadcasting op, arranged so ONNX broadcasting matches TF's in <paramref name="layout"/>.</summary>
    public string Operand(TfJsTensor t, TfJsLayout layout, object user)
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

        return t.Rank == 4 ? Nchw(t, user) : Native(t, user);
    }
}
