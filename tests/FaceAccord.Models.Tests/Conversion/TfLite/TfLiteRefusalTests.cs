using FaceAccord.Core;
using FaceAccord.Models.Conversion.TfLite;

namespace FaceAccord.Models.Tests.Conversion.TfLite;

/// <summary>
/// Models and options the converter must refuse with a typed, named error before writing anything:
/// unsupported operators (builtin and custom), FLOAT16 and INT8-quantised tensors, fused activations
/// TFLite does not apply, and outputs the model does not have.
/// </summary>
public sealed class TfLiteRefusalTests
{
    public static TheoryData<string> Cases => [.. TfLiteGoldenFiles.InvalidCaseNames];

    [Fact]
    public void The_refusal_fixtures_are_there()
    {
        Assert.True(TfLiteGoldenFiles.InvalidCaseNames.Count() >= 5, "the refusal fixtures are missing; run tools/goldens/tflite/tflite-goldens.js");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Unsupported_models_are_refused_by_name(string name)
    {
        var fixture = TfLiteGoldenFiles.InvalidCase(name);
        var model = TfLiteModel.Parse(fixture.Bytes);

        var ex = Assert.Throws<FaceAccordException>(() => TfLiteToOnnxConverter.Convert(model, new TfLiteConversionOptions()));
        Assert.Equal(ErrorKind.BadInput, ex.Kind);
        Assert.Equal(fixture.Code, ex.Code);
        Assert.All(fixture.Words, w => Assert.Contains(w, ex.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unsupported_operator_message_lists_what_is_supported()
    {
        var model = TfLiteModel.Parse(TfLiteGoldenFiles.InvalidCase("unsupported_softmax").Bytes);

        var ex = Assert.Throws<FaceAccordException>(() => TfLiteToOnnxConverter.Convert(model, new TfLiteConversionOptions()));
        Assert.Contains("Supported: ABS, ADD, AVERAGE_POOL_2D, CONV_2D", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_output_name_is_refused()
    {
        var model = TfLiteModel.Parse(TfLiteGoldenFiles.OpCase("mobilefacenet_block").Bytes);

        var ex = Assert.Throws<FaceAccordException>(() => TfLiteToOnnxConverter.Convert(model, new TfLiteConversionOptions { Outputs = ["nope"] }));
        Assert.Equal("unknown-output", ex.Code);
        Assert.Contains("'nope'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Asking_for_no_output_is_refused()
    {
        var model = TfLiteModel.Parse(TfLiteGoldenFiles.OpCase("mobilefacenet_block").Bytes);

        var ex = Assert.Throws<FaceAccordException>(() => TfLiteToOnnxConverter.Convert(model, new TfLiteConversionOptions { Outputs = [] }));
        Assert.Equal("invalid-conversion-options", ex.Code);
    }

    [Fact]
    public void Exporting_the_input_itself_is_refused()
    {
        var model = TfLiteModel.Parse(TfLiteGoldenFiles.OpCase("mobilefacenet_block").Bytes);

        var ex = Assert.Throws<FaceAccordException>(() => TfLiteToOnnxConverter.Convert(model, new TfLiteConversionOptions { Outputs = ["x"] }));
        Assert.Equal("invalid-conversion-options", ex.Code);
        Assert.Contains("'x'", ex.Message, StringComparison.Ordinal);
    }
}
