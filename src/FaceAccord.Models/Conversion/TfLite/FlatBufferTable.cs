using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace FaceAccord.Models.Conversion.TfLite;

/// <summary>
/// One FlatBuffers table: fields are read by their slot number in the schema, with the schema default
/// when the vtable leaves a field out, and every read checked against the table's declared size.
/// </summary>
internal readonly struct FlatBufferTable
{
    private readonly FlatBufferReader _reader;
    private readonly int _position;
    private readonly int _vtable;
    private readonly int _vtableLength;
    private readonly int _objectLength;

    public FlatBufferTable(FlatBufferReader reader, int position, int vtable, int vtableLength, int objectLength, string what)
    {
        _reader = reader;
        _position = position;
        _vtable = vtable;
        _vtableLength = vtableLength;
        _objectLength = objectLength;
        What = what;
    }

    /// <summary>Names the table in error messages (e.g. <c>Tensor 12</c>).</summary>
    public string What { get; }

    public bool Has(int slot) => FieldOffset(slot, 1) != 0;

    public sbyte Int8(int slot, sbyte fallback = 0) =>
        Field(slot, 1) is int p ? (sbyte)_reader.Span[p] : fallback;

    public byte UInt8(int slot, byte fallback = 0) =>
        Field(slot, 1) is int p ? _reader.Span[p] : fallback;

    public bool Bool(int slot) => UInt8(slot) != 0;

    public int Int32(int slot, int fallback = 0) =>
        Field(slot, 4) is int p ? BinaryPrimitives.ReadInt32LittleEndian(_reader.Span[p..]) : fallback;

    public uint UInt32(int slot, uint fallback = 0) =>
        Field(slot, 4) is int p ? BinaryPrimitives.ReadUInt32LittleEndian(_reader.Span[p..]) : fallback;

    public ulong UInt64(int slot, ulong fallback = 0) =>
        Field(slot, 8) is int p ? BinaryPrimitives.ReadUInt64LittleEndian(_reader.Span[p..]) : fallback;

    public float Float(int slot, float fallback = 0) =>
        Field(slot, 4) is int p ? BinaryPrimitives.ReadSingleLittleEndian(_reader.Span[p..]) : fallback;

    public string? String(int slot, string field) =>
        Field(slot, 4) is int p ? _reader.String(p, $"{What}.{field}") : null;

    public FlatBufferTable? Table(int slot, string field) =>
        Field(slot, 4) is int p ? _reader.Table(_reader.ReferenceAt(p, $"{What}.{field}"), $"{What}.{field}") : null;

    /// <summary>The tables of a vector of tables, each named <c>{field}[i]</c> for errors.</summary>
    public List<FlatBufferTable> Tables(int slot, string field, string elementName)
    {
        var result = new List<FlatBufferTable>();
        if (Field(slot, 4) is not int p)
        {
            return result;
        }

        var (start, count) = _reader.Vector(p, 4, $"{What}.{field}");
        for (int i = 0; i < count; i++)
        {
            int at = start + (4 * i);
            result.Add(_reader.Table(_reader.ReferenceAt(at, $"{elementName} {i}"), $"{elementName} {i}"));
        }

        return result;
    }

    public int[] Int32s(int slot, string field) =>
        Field(slot, 4) is int p ? Read<int>(p, field) : [];

    public long[] Int64s(int slot, string field) =>
        Field(slot, 4) is int p ? Read<long>(p, field) : [];

    public float[] Floats(int slot, string field) =>
        Field(slot, 4) is int p ? Read<float>(p, field) : [];

    /// <summary>A byte vector as a slice of the file (no copy); empty when absent.</summary>
    public ReadOnlyMemory<byte> Bytes(int slot, string field, ReadOnlyMemory<byte> file)
    {
        if (Field(slot, 4) is not int p)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var (start, count) = _reader.Vector(p, 1, $"{What}.{field}");
        return file.Slice(start, count);
    }

    private T[] Read<T>(int position, string field)
        where T : unmanaged
    {
        int size = Marshal.SizeOf<T>();
        var (start, count) = _reader.Vector(position, size, $"{What}.{field}");
        return MemoryMarshal.Cast<byte, T>(_reader.Span.Slice(start, count * size)).ToArray();
    }

    private int? Field(int slot, int size)
    {
        int offset = FieldOffset(slot, size);
        return offset == 0 ? null : _position + offset;
    }

    private int FieldOffset(int slot, int size)
    {
        int entry = 4 + (2 * slot);
        if (entry + 2 > _vtableLength)
        {
            return 0;
        }

        int offset = BinaryPrimitives.ReadUInt16LittleEndian(_reader.Span[(_vtable + entry)..]);
        if (offset != 0 && offset + size > _objectLength)
        {
            throw FlatBufferReader.Corrupt($"field {slot} of {What} lies outside the table ({offset} + {size} > {_objectLength} bytes)");
        }

        return offset;
    }
}
