using FaceAccord.Models.Onnx.Proto;
using Google.Protobuf;

namespace FaceAccord.Models.Onnx;

/// <summary>A node attribute, built with the factory methods so its ONNX type always matches its value.</summary>
public sealed class OnnxAttribute
{
    private readonly AttributeProto _proto;

    private OnnxAttribute(AttributeProto proto) => _proto = proto;

    public static OnnxAttribute Int(string name, long value) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value });

    public static OnnxAttribute Float(string name, float value) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value });

    public static OnnxAttribute String(string name, string value) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) });

    public static OnnxAttribute Ints(string name, params long[] values)
    {
        var p = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        p.Ints.AddRange(values);
        return new(p);
    }

    public static OnnxAttribute Floats(string name, params float[] values)
    {
        var p = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Floats };
        p.Floats.AddRange(values);
        return new(p);
    }

    internal AttributeProto ToProto() => _proto.Clone();
}
