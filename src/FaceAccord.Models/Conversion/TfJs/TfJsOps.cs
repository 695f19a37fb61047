namespace FaceAccord.Models.Conversion.TfJs;

/// <summary>
/// The TF ops the converter supports and the handler for each; an op missing here is reported by name
/// before any conversion starts.
/// </summary>
internal static class TfJsOps
{
    public static readonly IReadOnlyDictionary<string, TfJsOpConverter> Converters = new Dictionary<string, TfJsOpConverter>(StringComparer.Ordinal)
    {
        ["Const"] = static (node, ctx) => ctx.Set(node, TfJsTensor.Of(ctx.ConstantOf(node))),
        ["Identity"] = TfJsUnaryOps.Identity,

        ["Conv2D"] = TfJsConvolutionOps.Conv2D,
        ["_FusedConv2D"] = TfJsConvolutionOps.FusedConv2D,
        ["DepthwiseConv2dNative"] = TfJsConvolutionOps.Depthwise,
        ["FusedDepthwiseConv2dNative"] = TfJsConvolutionOps.FusedDepthwise,
        ["MaxPool"] = TfJsPoolingOps.MaxPool,
        ["AvgPool"] = TfJsPoolingOps.AvgPool,

        ["Add"] = TfJsBinaryOps.Elementwise("Add", static (a, b) => a + b),
        ["AddV2"] = TfJsBinaryOps.Elementwise("Add", static (a, b) => a + b),
        ["BiasAdd"] = TfJsBinaryOps.BiasAdd,
        ["Sub"] = TfJsBinaryOps.Elementwise("Sub", static (a, b) => a - b),
        ["Mul"] = TfJsBinaryOps.Elementwise("Mul", static (a, b) => a * b),
        ["RealDiv"] = TfJsBinaryOps.Elementwise("Div", static (a, b) => a / b),
        ["Minimum"] = TfJsBinaryOps.Elementwise("Min", MathF.Min),
        ["Maximum"] = TfJsBinaryOps.Elementwise("Max", MathF.Max),
        ["SquaredDifference"] = TfJsBinaryOps.SquaredDifference,
        ["Prelu"] = TfJsBinaryOps.Prelu,

        ["Relu"] = TfJsUnaryOps.Simple("Relu", static v => Math.Max(v, 0)),
        ["Relu6"] = TfJsUnaryOps.Relu6,
        ["Elu"] = TfJsUnaryOps.Elu,
        ["LeakyRelu"] = TfJsUnaryOps.LeakyRelu,
        ["Sigmoid"] = TfJsUnaryOps.Simple("Sigmoid", static v => 1 / (1 + Math.Exp(-v))),
        ["Tanh"] = TfJsUnaryOps.Simple("Tanh", Math.Tanh),
        ["Neg"] = TfJsUnaryOps.Simple("Neg", static v => -v),
        ["Exp"] = TfJsUnaryOps.Simple("Exp", Math.Exp),
        ["Sqrt"] = TfJsUnaryOps.Simple("Sqrt", Math.Sqrt),
        ["Rsqrt"] = TfJsUnaryOps.Rsqrt,
        ["Square"] = TfJsUnaryOps.Square,
        ["Softmax"] = TfJsUnaryOps.Softmax,

        ["Pad"] = TfJsPadOps.Pad,
        ["PadV2"] = TfJsPadOps.PadV2,
        ["MirrorPad"] = TfJsPadOps.MirrorPad,
        ["Reshape"] = TfJsReshapeOps.Reshape,
        ["Squeeze"] = TfJsReshapeOps.Squeeze,
        ["ConcatV2"] = TfJsConcatOps.ConcatV2,

        ["Mean"] = TfJsReductionOps.Reduce("ReduceMean"),
        ["Sum"] = TfJsReductionOps.Reduce("ReduceSum"),
        ["Max"] = TfJsReductionOps.Reduce("ReduceMax"),
        ["Min"] = TfJsReductionOps.Reduce("ReduceMin"),

        ["MatMul"] = TfJsMatMulOps.MatMul,
        ["_FusedMatMul"] = TfJsMatMulOps.FusedMatMul,
    };
}
