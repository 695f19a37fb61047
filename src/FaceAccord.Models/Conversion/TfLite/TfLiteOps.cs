namespace FaceAccord.Models.Conversion.TfLite;

/// <summary>
/// The TFLite builtin operators the converter supports and the handler for each, keyed by schema code; an
/// operator missing here is reported by name before any conversion starts.
/// </summary>
internal static class TfLiteOps
{
    public static readonly IReadOnlyDictionary<int, TfLiteOpConverter> Converters = new Dictionary<int, TfLiteOpConverter>
    {
        [Code("CONV_2D")] = TfLiteConvolutionOps.Conv2D,
        [Code("DEPTHWISE_CONV_2D")] = TfLiteConvolutionOps.Depthwise,
        [Code("AVERAGE_POOL_2D")] = TfLitePoolingOps.AveragePool,
        [Code("MAX_POOL_2D")] = TfLitePoolingOps.MaxPool,
        [Code("FULLY_CONNECTED")] = TfLiteFullyConnectedOps.FullyConnected,

        [Code("ADD")] = TfLiteElementwiseOps.Binary("Add", TfLiteElementwiseOps.AddOptions),
        [Code("SUB")] = TfLiteElementwiseOps.Binary("Sub", TfLiteElementwiseOps.SubOptions),
        [Code("MUL")] = TfLiteElementwiseOps.Binary("Mul", TfLiteElementwiseOps.MulOptions),
        [Code("DIV")] = TfLiteElementwiseOps.Binary("Div", TfLiteElementwiseOps.DivOptions),
        [Code("PRELU")] = TfLiteElementwiseOps.Prelu,

        [Code("ABS")] = TfLiteUnaryOps.Simple("Abs"),
        [Code("RELU")] = TfLiteUnaryOps.Simple("Relu"),
        [Code("RELU6")] = TfLiteUnaryOps.Clip(0f, 6f),
        [Code("RELU_N1_TO_1")] = TfLiteUnaryOps.Clip(-1f, 1f),
        [Code("LOGISTIC")] = TfLiteUnaryOps.Simple("Sigmoid"),
        [Code("TANH")] = TfLiteUnaryOps.Simple("Tanh"),

        [Code("RESHAPE")] = TfLiteReshapeOps.Reshape,
    };

    /// <summary>The names of the supported operators, sorted (for documentation and error messages).</summary>
    public static IReadOnlyList<string> SupportedNames =>
        Converters.Keys.Select(TfLiteOperatorNames.Of).Order(StringComparer.Ordinal).ToList();

    private static int Code(string name) => TfLiteOperatorNames.CodeOf(name);
}
