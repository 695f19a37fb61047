using System.Buffers;

namespace FaceAccord.Search;

/// <summary>
/// A template quantised into pooled int8 codes for the length of one call, so adds and searches quantise without
/// allocating; <see cref="Scratch"/> is room for one more row of codes (a search re-scoring candidates).
/// </summary>
internal readonly ref struct PooledCodes
{
    private readonly sbyte[] _array;
    private readonly int _dimensions;

    public PooledCodes(ReadOnlySpan<float> vector, int dimensions, bool withScratch = false)
    {
        _dimensions = dimensions;
        _array = ArrayPool<sbyte>.Shared.Rent(withScratch ? dimensions * 2 : dimensions);
        try
        {
            Scale = Int8Quantizer.Quantize(vector, _array.AsSpan(0, dimensions));
        }
        catch
        {
            ArrayPool<sbyte>.Shared.Return(_array);
            throw;
        }
    }

    public Span<sbyte> Codes => _array.AsSpan(0, _dimensions);

    public float Scale { get; }

    public Span<sbyte> Scratch => _array.AsSpan(_dimensions, _dimensions);

    public void Dispose() => ArrayPool<sbyte>.Shared.Return(_array);
}
