using System.Text.Json.Serialization;

namespace FaceAccord.Packs.Calibration;

/// <summary>Compile-time JSON contract of <c>calibration.json</c>: camelCase, nulls written, nullability enforced on read.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(CalibrationFile))]
internal sealed partial class CalibrationJsonContext : JsonSerializerContext;
