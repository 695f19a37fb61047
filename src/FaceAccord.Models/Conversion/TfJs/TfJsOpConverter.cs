namespace FaceAccord.Models.Conversion.TfJs;

/// <summary>Converts one TF node: reads its inputs from the context, emits ONNX nodes, records its output.</summary>
internal delegate void TfJsOpConverter(TfJsNode node, TfJsConversionContext ctx);
