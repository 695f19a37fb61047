using System.Buffers.Binary;
using System.Text;
using FaceAccord.Core;

namespace FaceAccord.Models.Conversion.TfLite;

/// <summary>
/// Bounds-checked reading of a FlatBuffers binary (tables, vtables, vectors, strings), so a truncated or
/// corrupt .tflite file ends in a <see cref="FaceAccordException"/> naming the field, never in an
/// out-of-range read, an oversized allocation or a loop.
/// </summary>
internal sealed class FlatBufferReader
{
    private readonly ReadOnlyMemory<byte> _data;

    public FlatBufferReader(ReadOnlyMemory<byte> data) => _data = data;

    public int Length => _data.Length;

    public ReadOnlySpan<byte> Span => _data.Span;

    /// <summary>The root table: the file starts with a 32-bit offset to it.</summary>
    public FlatBufferTable Root(string what) => Table(ReferenceAt(0, what), what);

    /// <summary>The four-character file identifier that follows the root offset, or null when the file is too short.</summary>
    public string? Identifier() =>
        Length >= 8 ? Encoding.ASCII.GetString(Span.Slice(4, 4)) : null;

    public FlatBufferTable Table(int position, string what)
    {
        Require(position, 4, what);
        long vtable = (long)position - BinaryPrimitives.ReadInt32LittleEndian(Span[position..]);
        if (vtable < 0 || vtable > Length - 4)
        {
            throw Corrupt($"the vtable of {what} (at byte {vtable}) lies outside the file");
        }

        int vt = (int)vtable;
        int vtableLength = BinaryPrimitives.ReadUInt16LittleEndian(Span[vt..]);
        int objectLength = BinaryPrimitives.ReadUInt16LittleEndian(Span[(vt + 2)..]);
        if (vtableLength < 4 || (vtableLength & 1) != 0 || vt + vtableLength > Length)
        {
            throw Corrupt($"the vtable of {what} at byte {vt} has an invalid length {vtableLength}");
        }

        if (objectLength < 4 || (long)position + objectLength > Length)
        {
            throw Corrupt($"{what} at byte {position} claims {objectLength} bytes, past the end of the file");
        }

        return new FlatBufferTable(this, position, vt, vtableLength, objectLength, what);
    }

    /// <summary>Follows the unsigned 32-bit offset stored at <paramref name="position"/>.</summary>
    public int ReferenceAt(int position, string what)
    {
        Require(position, 4, what);
        long target = position + (long)BinaryPrimitives.ReadUInt32LittleEndian(Span[position..]);
        if (target > Length - 4)
        {
            throw Corrupt($"{what} points at byte {target}, outside the file ({Length} bytes)");
        }

        return (int)target;
    }

    /// <summary>A vector's first element and element count, checked to fit in the file.</summary>
    public (int Start, int Count) Vector(int position, int elementSize, string what)
    {
        int header = ReferenceAt(position, what);
        long count = BinaryPrimitives.ReadUInt32LittleEndian(Span[header..]);
        long start = header + 4L;
        if (count * elementSize > Length - start)
        {
            throw Corrupt($"{what} claims {count} elements of {elementSize} bytes at byte {start}, past the end of the file ({Length} bytes)");
        }

        return ((int)start, (int)count);
    }

    public string String(int position, string what)
    {
        var (start, count) = Vector(position, 1, what);
        try
        {
            return new UTF8Encoding(false, true).GetString(Span.Slice(start, count));
        }
        catch (DecoderFallbackException e)
        {
            throw FaceAccordException.BadInput("invalid-tflite", $"The TFLite file is corrupt: {what} is not valid UTF-8.", e);
        }
    }

    public void Require(long position, int size, string what)
    {
        if (position < 0 || position > Length - size)
        {
            throw Corrupt($"{what} at byte {position} lies outside the file ({Length} bytes)");
        }
    }

    public static FaceAccordException Corrupt(string detail) =>
        FaceAccordException.BadInput("invalid-tflite", $"The TFLite file is corrupt or truncated: {detail}.");
}
