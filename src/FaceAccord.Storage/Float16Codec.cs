using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace FaceAccord.Storage;

/// <summary>
/// Templates are stored as little-endian IEEE half floats: half the bytes of float32, and cosine scores of
/// unit vectors move by far less than any threshold's resolution.
/// </summary>
internal static class Float16Codec
{
    /// <summary>True when every value is finite and within the half-float range, so encoding loses only precision.</summary>
    public static bool IsRepresentable(ReadOnlySpan<float> values)
    {
        const float max = 65504f;
        foreach (float value in values)
        {
            if (!(Math.Abs(value) <= max))
            {
                return false;
            }
        }

        return true;
    }

    public static byte[] Encode(ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * sizeof(ushort)];
        if (BitConverter.IsLittleEndian)
        {
            TensorPrimitives.ConvertToHalf(values, MemoryMarshal.Cast<byte, Half>(bytes.AsSpan()));
        }
        else
        {
            for (int i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteHalfLittleEndian(bytes.AsSpan(i * sizeof(ushort)), (Half)values[i]);
            }
        }

        return bytes;
    }

    public static float[] Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % sizeof(ushort) != 0)
        {
            throw new InvalidDataException($"A float16 template has an even number of bytes, not {bytes.Length}.");
        }

        var values = new float[bytes.Length / sizeof(ushort)];
        if (BitConverter.IsLittleEndian)
        {
            TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(bytes), values);
        }
        else
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(i * sizeof(ushort))..]);
            }
        }

        return values;
    }
}
