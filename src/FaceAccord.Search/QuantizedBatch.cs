namespace FaceAccord.Search;

/// <summary>
/// Faces already quantised, moved between indexes as they are (never re-quantised), so a tiered index that switches
/// from the exact scan to HNSW keeps every score identical.
/// </summary>
internal sealed class QuantizedBatch
{
    public QuantizedBatch(int dimensions, int count)
    {
        Dimensions = dimensions;
        FaceKeys = new long[count];
        SubjectKeys = new long[count];
        Scales = new float[count];
        Codes = new sbyte[(long)count * dimensions];
    }

    public int Dimensions { get; }

    public int Count => FaceKeys.Length;

    public long[] FaceKeys { get; }

    public long[] SubjectKeys { get; }

    public float[] Scales { get; }

    public sbyte[] Codes { get; }

    public ReadOnlySpan<sbyte> CodesOf(int i) => Codes.AsSpan(i * Dimensions, Dimensions);
}
