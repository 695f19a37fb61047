namespace FaceAccord.Models.Conversion.TfLite;

/// <summary>Converts one TFLite operator: reads its inputs from the context, emits ONNX nodes, records its output.</summary>
internal delegate void TfLiteOpConverter(TfLiteOperator op, TfLiteConversionContext ctx);
